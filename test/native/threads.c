/* Management calls and BAR traffic from several threads at once, on every
 * slot: results stay right, and nothing races (run it under ThreadSanitizer). */
#include <pthread.h>
#include <stdatomic.h>

#include "check.h"

#define SLOTS 8
#define ROUNDS 6

static atomic_int failures;
static atomic_bool stop;

static void expect(int ok, const char* what, int slot) {
  if (ok) return;
  atomic_fetch_add(&failures, 1);
  printf("FAILED on slot %d: %s\n", slot, what);
}

static void* manage_slot(void* arg) {
  const int slot = (int)(intptr_t)arg;
  struct fpga_mgmt_image_info info;
  pci_bar_handle_t ocl = PCI_BAR_HANDLE_INIT;
  expect(fpga_pci_attach(slot, FPGA_APP_PF, 0, 0, &ocl) == 0, "attach", slot);
  for (int round = 0; round < ROUNDS; round++) {
    char* afi = round % 2 ? SDE : MEM_PERF;
    expect(fpga_mgmt_load_local_image_sync(slot, afi, 0, 0, &info) == 0, "load", slot);
    expect(strcmp(info.ids.afi_id, afi) == 0, "loaded id", slot);
    expect(info.spec.map[FPGA_APP_PF].device_id == (round % 2 ? 0xf002 : 0xf004), "app PF id", slot);
    expect(fpga_pci_poke(ocl, 0x100, (uint32_t)(slot << 8 | round)) == 0, "poke", slot);
    uint32_t value = 0;
    expect(fpga_pci_peek(ocl, 0x100, &value) == 0 && value == (uint32_t)(slot << 8 | round), "peek", slot);
    if (!(round % 2)) {
      struct fpga_clkgen_info clocks;
      expect(aws_clkgen_set_dynamic(slot, 100, 200 + slot, 150, 300, 0) == 0, "set_dynamic", slot);
      expect(aws_clkgen_get_dynamic(slot, &clocks) == 0 && fabs(clocks.clock_group_b.clocks[0] - 200) < 1e-6,
             "get_dynamic", slot);
      fpga_pci_poke(ocl, 0x600, 0x80000000);
      fpga_pci_poke(ocl, 0x600, 1);
      for (int polls = 0; polls < 10 && fpga_pci_peek(ocl, 0x600, &value) == 0 && value != 0; polls++) continue;
      expect(fpga_pci_peek(ocl, 0x620, &value) == 0 && value == 200000000, "b0 counter", slot);
    }
    expect(fpga_mgmt_describe_local_image(slot, &info, FPGA_CMD_GET_HW_METRICS) == 0, "describe", slot);
    expect(info.status == FPGA_STATUS_LOADED, "status loaded", slot);
    expect(aws_fpga_mock_add_pcim_traffic(slot, 1, 1) == 0, "pcim", slot);
    expect(fpga_mgmt_clear_local_image_sync(slot, 0, 0, &info) == 0, "clear", slot);
    expect(info.spec.map[FPGA_APP_PF].device_id == 0x9048, "default id", slot);
  }
  expect(fpga_pci_detach(ocl) == 0, "detach", slot);
  return NULL;
}

/* BAR traffic and status queries on slot 0 while its image comes and goes. */
static void* bar_traffic(void* arg) {
  (void)arg;
  pci_bar_handle_t pcis = PCI_BAR_HANDLE_INIT;
  pci_bar_handle_t shell = PCI_BAR_HANDLE_INIT;
  expect(fpga_pci_attach(0, FPGA_APP_PF, 4, BURST_CAPABLE, &pcis) == 0, "attach pcis", 0);
  expect(fpga_pci_attach(0, FPGA_MGMT_PF, 0, 0, &shell) == 0, "attach shell", 0);
  uint32_t words[16] = {0};
  while (!atomic_load(&stop)) {
    uint64_t value;
    uint16_t leds;
    expect(fpga_pci_write_burst(pcis, 0x1000, words, 16) == 0, "burst", 0);
    expect(fpga_pci_peek64(pcis, 0x1000, &value) == 0, "peek64", 0);
    expect(fpga_mgmt_get_vLED_status(0, &leds) == 0, "vLED", 0);
    expect(fpga_mgmt_set_vDIP(0, 0x1234) == 0, "vDIP", 0);
    /* Watching the slot that another thread loads and clears. */
    struct fpga_mgmt_image_info info;
    struct fpga_clkgen_info clocks;
    struct fpga_slot_spec spec;
    expect(fpga_mgmt_describe_local_image(0, &info, FPGA_CMD_GET_HW_METRICS) == 0, "watch describe", 0);
    const int rc = aws_clkgen_get_dynamic(0, &clocks);
    expect(rc == 0 || rc == FPGA_ERR_CLKGEN_NOT_FOUND, "watch clkgen", 0);
    expect(fpga_pci_get_slot_spec(0, &spec) == 0, "watch spec", 0);
  }
  fpga_pci_detach(pcis);
  fpga_pci_detach(shell);
  return NULL;
}

int main(void) {
  fresh_device(SLOTS, 3000, 1000);
  pthread_t workers[SLOTS];
  pthread_t traffic;
  CHECK_EQ(pthread_create(&traffic, NULL, bar_traffic, NULL), 0);
  for (int slot = 0; slot < SLOTS; slot++) {
    CHECK_EQ(pthread_create(&workers[slot], NULL, manage_slot, (void*)(intptr_t)slot), 0);
  }
  for (int slot = 0; slot < SLOTS; slot++) CHECK_EQ(pthread_join(workers[slot], NULL), 0);
  atomic_store(&stop, true);
  CHECK_EQ(pthread_join(traffic, NULL), 0);
  CHECK_EQ(atomic_load(&failures), 0);
  for (int slot = 0; slot < SLOTS; slot++) {
    struct fpga_mgmt_image_info info = describe(slot, FPGA_CMD_GET_HW_METRICS);
    CHECK_EQ(info.status, FPGA_STATUS_CLEARED);
    CHECK_EQ_U(info.metrics.f2_metrics.pcim_read_count, ROUNDS);
  }
  return finish();
}
