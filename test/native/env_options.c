/* env: AWS_FPGA_MOCK_SLOTS=3 AWS_FPGA_MOCK_LOAD_TIME_MS=1234 AWS_FPGA_MOCK_CLEAR_TIME_MS=55 AWS_FPGA_MOCK_VIRTUAL_TIME=1 */
/* A C program using the standalone library configures it through the
 * environment, read at first use (the test runner sets the line above). */
#include "check.h"

int main(void) {
  struct fpga_slot_spec specs[FPGA_SLOT_MAX];
  CHECK_EQ(fpga_mgmt_init(), 0);
  CHECK_EQ(fpga_pci_get_all_slot_specs(specs, FPGA_SLOT_MAX), 0);
  CHECK_EQ_U(specs[2].map[FPGA_MGMT_PF].device_id, 0x9248);
  CHECK_EQ_U(specs[3].map[FPGA_MGMT_PF].device_id, 0);
  /* Virtual time with the given load and clear times. */
  CHECK_EQ(fpga_mgmt_load_local_image(2, SDE), 0);
  aws_fpga_mock_advance_time(1233);
  CHECK_EQ(describe(2, 0).status, FPGA_STATUS_BUSY);
  aws_fpga_mock_advance_time(1);
  CHECK_EQ(describe(2, 0).status, FPGA_STATUS_LOADED);
  CHECK_EQ(fpga_mgmt_clear_local_image(2), 0);
  aws_fpga_mock_advance_time(55);
  CHECK_EQ(describe(2, 0).status, FPGA_STATUS_CLEARED);
  /* A reset without options goes back to the built-in defaults. */
  CHECK_EQ(aws_fpga_mock_reset(NULL), 0);
  CHECK_EQ(fpga_pci_get_all_slot_specs(specs, FPGA_SLOT_MAX), 0);
  CHECK_EQ_U(specs[1].map[FPGA_MGMT_PF].device_id, 0);
  return finish();
}
