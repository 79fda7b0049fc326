// fpga_mgmt_* of the simulated device.
// PLACEHOLDER: every call answers software-problem until the AFI lifecycle lands.
#include "device.h"

extern "C" {

int fpga_mgmt_init(void) { return FPGA_ERR_SOFTWARE_PROBLEM; }
int fpga_mgmt_close(void) { return FPGA_ERR_SOFTWARE_PROBLEM; }
const char* fpga_mgmt_strerror(int) { return "internal-error"; }
const char* fpga_mgmt_strerror_long(int) { return ""; }
void fpga_mgmt_set_cmd_timeout(uint32_t) {}
void fpga_mgmt_set_cmd_delay_msec(uint32_t) {}
int fpga_mgmt_describe_local_image(int, fpga_mgmt_image_info*, uint32_t) { return FPGA_ERR_SOFTWARE_PROBLEM; }
int fpga_mgmt_get_status(int, int*, int*) { return FPGA_ERR_SOFTWARE_PROBLEM; }
const char* fpga_mgmt_get_status_name(int) { return "internal-error"; }
int fpga_mgmt_clear_local_image(int) { return FPGA_ERR_SOFTWARE_PROBLEM; }
int fpga_mgmt_clear_local_image_sync(int, uint32_t, uint32_t, fpga_mgmt_image_info*) { return FPGA_ERR_SOFTWARE_PROBLEM; }
int fpga_mgmt_load_local_image(int, char*) { return FPGA_ERR_SOFTWARE_PROBLEM; }
int fpga_mgmt_load_local_image_flags(int, char*, uint32_t) { return FPGA_ERR_SOFTWARE_PROBLEM; }
int fpga_mgmt_load_local_image_sync_flags(int, char*, uint32_t, uint32_t, uint32_t, fpga_mgmt_image_info*) {
  return FPGA_ERR_SOFTWARE_PROBLEM;
}
int fpga_mgmt_init_load_local_image_options(fpga_mgmt_load_local_image_options*) { return FPGA_ERR_SOFTWARE_PROBLEM; }
int fpga_mgmt_load_local_image_with_options(fpga_mgmt_load_local_image_options*) { return FPGA_ERR_SOFTWARE_PROBLEM; }
int fpga_mgmt_load_local_image_sync_with_options(fpga_mgmt_load_local_image_options*, uint32_t, uint32_t,
                                                 fpga_mgmt_image_info*) {
  return FPGA_ERR_SOFTWARE_PROBLEM;
}
int fpga_mgmt_get_vLED_status(int, uint16_t*) { return FPGA_ERR_SOFTWARE_PROBLEM; }
int fpga_mgmt_set_vDIP(int, uint16_t) { return FPGA_ERR_SOFTWARE_PROBLEM; }
int fpga_mgmt_get_vDIP_status(int, uint16_t*) { return FPGA_ERR_SOFTWARE_PROBLEM; }

}  // extern "C"
