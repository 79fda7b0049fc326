/* CL models through the C API (aws_fpga_mock_set_cl_model): register
 * behaviours, hooks and their thread, calls refused inside a hook, the
 * release of the hooks' context, and faults and the trace from C. */
#include <pthread.h>

#include "check.h"

#define AFI "agfi-0000000000000c0de"

static int releases;
static int hook_calls;
static int inner_peek_rc;
static pci_bar_handle_t ocl = PCI_BAR_HANDLE_INIT;

static int read_register(void* context, int slot, uint32_t index, uint32_t* value) {
  (void)context;
  hook_calls++;
  *value = 0x1000u * (uint32_t)slot + index;
  return AWS_FPGA_MOCK_HOOK_OK;
}

static int write_register(void* context, int slot, uint32_t index, uint32_t value) {
  (void)context;
  (void)index;
  hook_calls++;
  uint32_t ignored;
  inner_peek_rc = fpga_pci_peek(ocl, 0x900, &ignored); /* refused: this hook holds the slot */
  aws_fpga_mock_cl_set_leds(slot, (uint16_t)value);
  aws_fpga_mock_cl_set_register(slot, FPGA_APP_PF, 0, 0x10, value + 1);
  return AWS_FPGA_MOCK_HOOK_OK;
}

static int read_range(void* context, int slot, uint32_t index, uint64_t offset, uint32_t width, uint64_t* value) {
  (void)context;
  (void)slot;
  (void)index;
  hook_calls++;
  *value = offset + width;
  return AWS_FPGA_MOCK_HOOK_OK;
}

static int write_range(void* context, int slot, uint32_t index, uint64_t offset, uint32_t width, uint64_t value) {
  (void)context;
  (void)slot;
  (void)index;
  (void)offset;
  (void)width;
  (void)value;
  return AWS_FPGA_MOCK_HOOK_NO_RESPONSE;
}

static void release(void* context) {
  (void)context;
  releases++;
}

static const struct aws_fpga_mock_cl_register registers[] = {
    {0x0, 0, AWS_FPGA_MOCK_REG_READ_HOOK, FPGA_APP_PF, 0},
    {0x4, 0, AWS_FPGA_MOCK_REG_WRITE_HOOK, FPGA_APP_PF, 0},
    {0x10, 0x77, AWS_FPGA_MOCK_REG_READ_ONLY, FPGA_APP_PF, 0},
    {0x14, 0xf0, AWS_FPGA_MOCK_REG_WRITE_1_TO_CLEAR, FPGA_APP_PF, 0},
};
static const struct aws_fpga_mock_cl_range ranges[] = {{0x100, 0x100, FPGA_APP_PF, 0}};

static struct aws_fpga_mock_cl_model model(void) {
  struct aws_fpga_mock_cl_model m = {registers, 4, ranges, 1,
                                     {NULL, read_register, write_register, read_range, write_range, release}};
  return m;
}

static void* peek_from_another_thread(void* arg) {
  uint32_t* values = arg;
  fpga_pci_peek(ocl, 0x0, &values[0]);  /* needs a hook: no response */
  fpga_pci_peek(ocl, 0x10, &values[1]); /* plain: answered */
  return NULL;
}

int main(void) {
  fresh_device(1, 100, 100);
  struct aws_fpga_mock_afi afi = {AFI, 0x1d0f, 0xf0c0, 0x1d0f, 0xf0c0, 0, 5, 0, 0};
  CHECK_EQ(aws_fpga_mock_add_afi(&afi), 0);

  /* Refused models leave the context to the caller. */
  struct aws_fpga_mock_cl_model bad = model();
  struct aws_fpga_mock_cl_register misaligned = {0x2, 0, 0, FPGA_APP_PF, 0};
  bad.registers = &misaligned;
  bad.register_count = 1;
  CHECK_EQ(aws_fpga_mock_set_cl_model(AFI, &bad), -EINVAL);
  struct aws_fpga_mock_cl_model good = model();
  CHECK_EQ(aws_fpga_mock_set_cl_model("agfi-0ffffffffffffffff", &good), -ENOENT);
  CHECK_EQ(releases, 0);

  CHECK_EQ(aws_fpga_mock_set_cl_model(AFI, &good), 0);
  struct fpga_mgmt_image_info info;
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, AFI, 0, 1, &info), 0);
  CHECK_EQ(fpga_pci_attach(0, FPGA_APP_PF, 0, 0, &ocl), 0);

  uint32_t value = 0;
  CHECK_EQ(fpga_pci_peek(ocl, 0x0, &value), 0);
  CHECK_EQ_U(value, 0x0);
  CHECK_EQ(fpga_pci_peek(ocl, 0x10, &value), 0);
  CHECK_EQ_U(value, 0x77);
  CHECK_EQ(fpga_pci_poke(ocl, 0x10, 1), 0); /* read-only */
  CHECK_EQ(fpga_pci_poke(ocl, 0x14, 0x30), 0);
  CHECK_EQ(fpga_pci_peek(ocl, 0x14, &value), 0);
  CHECK_EQ_U(value, 0xc0);
  uint64_t wide = 0;
  CHECK_EQ(fpga_pci_peek64(ocl, 0x108, &wide), 0);
  CHECK_EQ_U(wide, 0x110);

  /* A write hook: the device refuses its peek, takes its LEDs and register. */
  CHECK_EQ(fpga_pci_poke(ocl, 0x4, 0x5a5a), 0);
  CHECK_EQ(inner_peek_rc, -EDEADLK);
  uint16_t leds = 0;
  CHECK_EQ(fpga_mgmt_get_vLED_status(0, &leds), 0);
  CHECK_EQ_U(leds, 0x5a5a);
  CHECK_EQ(aws_fpga_mock_cl_get_register(0, FPGA_APP_PF, 0, 0x10, &value), 0);
  CHECK_EQ_U(value, 0x5a5b);
  CHECK_EQ(aws_fpga_mock_cl_get_register(0, FPGA_APP_PF, 0, 0x18, &value), -ENOENT);

  /* Another thread: hooked registers do not respond, plain ones do. */
  int calls_before = hook_calls;
  uint32_t seen[2] = {0, 0};
  pthread_t thread;
  pthread_create(&thread, NULL, peek_from_another_thread, seen);
  pthread_join(thread, NULL);
  CHECK_EQ_U(seen[0], 0xffffffffu);
  CHECK_EQ_U(seen[1], 0x5a5b);
  CHECK_EQ(hook_calls, calls_before);
  CHECK_EQ(fpga_pci_poke(ocl, 0x100, 1), 0); /* the range hook answers no response */
  info = describe(0, FPGA_CMD_GET_HW_METRICS);
  CHECK_EQ(info.metrics.f2_metrics.ocl_slave_timeout_count, 2);

  /* Faults and the trace, from C. */
  CHECK_EQ(aws_fpga_mock_start_trace(8), 0);
  CHECK_EQ(aws_fpga_mock_fail_next(AWS_FPGA_MOCK_OP_PEEK, 0, FPGA_ERR_PCI_MISSING, 1), 0);
  CHECK_EQ(fpga_pci_peek(ocl, 0x10, &value), FPGA_ERR_PCI_MISSING);
  CHECK_EQ(fpga_pci_peek(ocl, 0x10, &value), 0);
  struct aws_fpga_mock_trace_entry entries[4];
  uint32_t recorded = 0;
  uint64_t dropped = 1;
  CHECK_EQ(aws_fpga_mock_read_trace(entries, 4, &recorded, &dropped), 0);
  CHECK_EQ(recorded, 2);
  CHECK_EQ(dropped, 0);
  CHECK_EQ(entries[0].result, FPGA_ERR_PCI_MISSING);
  CHECK_EQ(entries[1].op, AWS_FPGA_MOCK_OP_PEEK);
  CHECK_EQ_U(entries[1].value, 0x5a5b);
  CHECK_EQ(aws_fpga_mock_fail_next(AWS_FPGA_MOCK_OP_COUNT, 0, 1, 1), -EINVAL);

  /* Clearing drops the copy on the slot; reset releases the model. */
  CHECK_EQ(fpga_mgmt_clear_local_image_sync(0, 0, 1, &info), 0);
  CHECK_EQ(fpga_pci_peek(ocl, 0x10, &value), 0);
  CHECK_EQ_U(value, 0);
  CHECK_EQ(releases, 0);
  CHECK_EQ(fpga_pci_detach(ocl), 0);
  fresh_device(1, 100, 100);
  CHECK_EQ(releases, 1);
  return finish();
}
