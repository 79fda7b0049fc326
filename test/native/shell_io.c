/* The shell's registers and metrics: virtual LEDs and DIP switches, counters,
 * power warning and violation, and the gating of the CL's interfaces. */
#include "check.h"

static pci_bar_handle_t attach(int slot, int pf, int bar) {
  pci_bar_handle_t handle = PCI_BAR_HANDLE_INIT;
  CHECK_EQ(fpga_pci_attach(slot, pf, bar, 0, &handle), 0);
  return handle;
}

static uint32_t peek(pci_bar_handle_t handle, uint64_t offset) {
  uint32_t value = 0;
  CHECK_EQ(fpga_pci_peek(handle, offset, &value), 0);
  return value;
}

static void leds_and_switches(void) {
  uint16_t value = 1;
  fresh_device(2, 1000, 500);
  CHECK_EQ(fpga_mgmt_close(), 0); /* these calls need no fpga_mgmt_init */
  CHECK_EQ(fpga_mgmt_get_vDIP_status(0, &value), 0);
  CHECK_EQ(value, 0);
  CHECK_EQ(fpga_mgmt_set_vDIP(0, 0xa5c3), 0);
  CHECK_EQ(fpga_mgmt_get_vDIP_status(0, &value), 0);
  CHECK_EQ_U(value, 0xa5c3);
  CHECK_EQ(fpga_mgmt_get_vDIP_status(1, &value), 0);
  CHECK_EQ(value, 0);
  pci_bar_handle_t shell = attach(0, FPGA_MGMT_PF, 0);
  CHECK_EQ_U(peek(shell, 0xd4), 0xa5c3);
  CHECK_EQ_U(peek(shell, 0x00), 0x10212415); /* the shell version register */
  CHECK_EQ(fpga_pci_poke(shell, 0xd4, 0x12345678), 0);
  CHECK_EQ(fpga_mgmt_get_vDIP_status(0, &value), 0);
  CHECK_EQ_U(value, 0x5678);

  CHECK_EQ(fpga_mgmt_get_vLED_status(0, &value), 0);
  CHECK_EQ(value, 0);
  CHECK_EQ(fpga_pci_poke(shell, 0xd0, 0xffff0f0f), 0); /* what a CL driving its LEDs looks like */
  CHECK_EQ(fpga_mgmt_get_vLED_status(0, &value), 0);
  CHECK_EQ_U(value, 0x0f0f);
  /* CL_MEM_PERF lights {ddr_ready, hbm_ready}; a clear turns them off. */
  CHECK_EQ(fpga_mgmt_init(), 0);
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, MEM_PERF, 0, 0, NULL), 0);
  CHECK_EQ(fpga_mgmt_get_vLED_status(0, &value), 0);
  CHECK_EQ_U(value, 0x3);
  CHECK_EQ_U(peek(shell, 0xd0), 0x3);
  CHECK_EQ(fpga_mgmt_clear_local_image_sync(0, 0, 0, NULL), 0);
  CHECK_EQ(fpga_mgmt_get_vLED_status(0, &value), 0);
  CHECK_EQ(value, 0);
  CHECK_EQ(fpga_pci_detach(shell), 0);

  CHECK_EQ(fpga_mgmt_get_vLED_status(8, &value), -EINVAL);
  CHECK_EQ(fpga_mgmt_get_vLED_status(-1, &value), -EINVAL);
  CHECK_EQ(fpga_mgmt_get_vLED_status(2, &value), FPGA_ERR_UNRESPONSIVE); /* no such slot */
  CHECK_EQ(fpga_mgmt_set_vDIP(2, 1), FPGA_ERR_UNRESPONSIVE);
  CHECK_EQ(fpga_mgmt_get_vDIP_status(9, &value), -EINVAL);
  CHECK_EQ(fpga_mgmt_get_vLED_status(0, NULL), -EINVAL);
  CHECK_EQ(fpga_mgmt_get_vDIP_status(0, NULL), -EINVAL);
}

static void counters_clocks_and_power(void) {
  struct fpga_mgmt_image_info info;
  fresh_device(1, 1000, 500);
  info = describe(0, FPGA_CMD_GET_HW_METRICS);
  CHECK_EQ_U(info.metrics.f2_metrics.power, 0);
  CHECK_EQ_U(info.metrics.f2_metrics.clocks[0].frequency[0], 250000000); /* the shell's clk_main_a0 */
  CHECK_EQ_U(info.metrics.f2_metrics.clocks[0].frequency[1], 0);

  CHECK_EQ(fpga_mgmt_load_local_image(0, SDE), 0);
  aws_fpga_mock_advance_time(1000);
  info = describe(0, FPGA_CMD_GET_HW_METRICS);
  const struct f2_metrics_common* m = &info.metrics.f2_metrics;
  CHECK_EQ_U(m->power, 24);
  CHECK_EQ_U(m->power_mean, 24);
  CHECK_EQ_U(m->power_max, 24);
  CHECK_EQ_U(m->flags, 0);
  CHECK_EQ_U(m->int_status, 0);
  CHECK_EQ_U(m->clocks[0].frequency[0], 250000000);
  CHECK_EQ_U(m->clocks[0].frequency[1], 0); /* cl_sde has no clock generator */

  /* PCIM traffic from the CL; CLEAR_HW_METRICS reports, then clears. */
  CHECK_EQ(aws_fpga_mock_add_pcim_traffic(0, 10, 3), 0);
  CHECK_EQ(aws_fpga_mock_add_pcim_traffic(0, 5, 0), 0);
  info = describe(0, FPGA_CMD_CLEAR_HW_METRICS);
  CHECK_EQ_U(m->pcim_read_count, 15);
  CHECK_EQ_U(m->pcim_write_count, 3);
  info = describe(0, FPGA_CMD_GET_HW_METRICS);
  CHECK_EQ_U(m->pcim_read_count, 0);
  CHECK_EQ_U(m->power, 24);

  /* Power: a second at 24 W, then a second at 90 W: a warning, mean 57. */
  aws_fpga_mock_advance_time(1000);
  CHECK_EQ(aws_fpga_mock_set_power(0, 90), 0);
  aws_fpga_mock_advance_time(1000);
  info = describe(0, FPGA_CMD_GET_HW_METRICS);
  CHECK_EQ_U(m->power, 90);
  CHECK_EQ_U(m->power_mean, 57);
  CHECK_EQ_U(m->power_max, 90);
  CHECK_EQ_U(m->flags, 2);
  CHECK_EQ(aws_fpga_mock_set_power(0, 85), 0);
  info = describe(0, FPGA_CMD_GET_HW_METRICS);
  CHECK_EQ_U(m->flags, 0);
  CHECK_EQ_U(m->power_max, 90);
  CHECK_EQ(aws_fpga_mock_set_power(1, 10), -ENOENT);
  CHECK_EQ(aws_fpga_mock_set_power(8, 10), -EINVAL);
  CHECK_EQ(aws_fpga_mock_add_pcim_traffic(3, 1, 1), -ENOENT);

  /* A new load starts the power figures over. */
  CHECK_EQ(fpga_mgmt_load_local_image(0, MEM_PERF), 0);
  aws_fpga_mock_advance_time(1000);
  info = describe(0, FPGA_CMD_GET_HW_METRICS);
  CHECK_EQ_U(m->power, 37);
  CHECK_EQ_U(m->power_max, 37);
  /* CL_MEM_PERF's clock generator at its defaults A1 B2 C0 (H2). */
  CHECK_EQ_U(m->clocks[0].frequency[0], 250000000);
  CHECK_EQ_U(m->clocks[0].frequency[1], 125000000);
  CHECK_EQ_U(m->clocks[0].frequency[2], 375000000);
  CHECK_EQ_U(m->clocks[0].frequency[3], 500000000);
  CHECK_EQ_U(m->clocks[1].frequency[0], 450000000);
  CHECK_EQ_U(m->clocks[1].frequency[1], 225000000);
  CHECK_EQ_U(m->clocks[2].frequency[0], 300000000);
  CHECK_EQ_U(m->clocks[2].frequency[1], 400000000);
  /* The metrics follow the clock generator. */
  CHECK_EQ(aws_clkgen_set_dynamic(0, 100, 250, 200, 300, 0), 0);
  info = describe(0, FPGA_CMD_GET_HW_METRICS);
  CHECK_EQ_U(m->clocks[0].frequency[1], 100000000);
  CHECK_EQ_U(m->clocks[1].frequency[0], 250000000);
  CHECK_EQ_U(m->clocks[2].frequency[0], 200000000);
}

static void power_violation(void) {
  struct fpga_mgmt_image_info info;
  const struct f2_metrics_common* m = &info.metrics.f2_metrics;
  fresh_device(1, 1000, 500);
  CHECK_EQ(aws_fpga_mock_power_violation(0), -EINVAL); /* nothing loaded */
  CHECK_EQ(fpga_mgmt_load_local_image(0, MEM_PERF), 0);
  CHECK_EQ(aws_fpga_mock_power_violation(0), -EBUSY);
  aws_fpga_mock_advance_time(1000);

  pci_bar_handle_t ocl = attach(0, FPGA_APP_PF, 0);
  pci_bar_handle_t dma = attach(0, FPGA_APP_PF, 2);
  pci_bar_handle_t pcis = attach(0, FPGA_APP_PF, 4);
  pci_bar_handle_t shell = attach(0, FPGA_MGMT_PF, 0);
  pci_bar_handle_t jtag = attach(0, FPGA_MGMT_PF, 2);
  pci_bar_handle_t sda = attach(0, FPGA_MGMT_PF, 4);
  CHECK_EQ(fpga_pci_poke(ocl, 0x100, 7), 0);
  CHECK_EQ(fpga_pci_poke(pcis, 0x100, 8), 0);
  CHECK_EQ(fpga_pci_poke(sda, 0x100, 9), 0);
  CHECK_EQ(aws_fpga_mock_set_power(0, 120), 0);
  CHECK_EQ(aws_fpga_mock_power_violation(0), 0);

  info = describe(0, FPGA_CMD_GET_HW_METRICS);
  CHECK_EQ(info.status, FPGA_STATUS_LOAD_FAILED);
  CHECK_EQ(info.status_q, FPGA_ERR_POWER_VIOLATION);
  CHECK_STR(info.ids.afi_id, MEM_PERF);
  CHECK_EQ_U(m->flags, 3);
  CHECK_EQ_U(m->power, 0);
  CHECK_EQ_U(m->power_max, 120);
  CHECK_EQ_U(m->clocks[0].frequency[0], 0);
  CHECK_EQ_U(m->int_status, 0);

  /* Every CL access reads all ones and times out; writes are dropped. */
  uint8_t byte = 0;
  uint64_t quad = 0;
  CHECK_EQ_U(peek(ocl, 0x100), 0xffffffff);
  CHECK_EQ(fpga_pci_peek8(ocl, 0x101, &byte), 0);
  CHECK_EQ_U(byte, 0xff);
  CHECK_EQ(fpga_pci_peek64(pcis, 0x100, &quad), 0);
  CHECK_EQ_U(quad, ~0ull);
  CHECK_EQ_U(peek(sda, 0x58000), 0xffffffff);
  CHECK_EQ(fpga_pci_poke(ocl, 0x100, 1), 0);
  CHECK_EQ(fpga_pci_poke(pcis, 0x2000, 2), 0);
  uint32_t words[4] = {1, 2, 3, 4};
  CHECK_EQ(fpga_pci_write_burst(pcis, 0x3000, words, 4), 0);
  CHECK_EQ(fpga_pci_memset(sda, 0x40, 0, 2), 0);
  void* raw = NULL;
  CHECK_EQ(fpga_pci_get_address(ocl, 0x100, 4, &raw), 0);
  CHECK_EQ(*(volatile uint32_t*)raw, 7);
  /* The shell's BARs and the shell DMA BAR still answer. */
  CHECK_EQ(fpga_pci_poke(shell, 0x200, 5), 0);
  CHECK_EQ_U(peek(shell, 0x200), 5);
  CHECK_EQ(fpga_pci_poke(jtag, 0x10, 6), 0);
  CHECK_EQ_U(peek(jtag, 0x10), 6);
  CHECK_EQ(fpga_pci_poke(dma, 0x10, 7), 0);
  CHECK_EQ_U(peek(dma, 0x10), 7);
  struct fpga_clkgen_info clocks;
  CHECK_EQ(aws_clkgen_get_dynamic(0, &clocks), FPGA_ERR_CLKGEN_NOT_FOUND);

  info = describe(0, FPGA_CMD_GET_HW_METRICS);
  CHECK_EQ_U(m->int_status, FPGA_INT_STATUS_PCI_SLAVE_OCL_TIMEOUT | FPGA_INT_STATUS_PCI_SLAVE_TIMEOUT |
                                FPGA_INT_STATUS_PCI_SLAVE_SDA_TIMEOUT);
  CHECK_EQ_U(m->ocl_slave_timeout_count, 3);
  CHECK_EQ_U(m->ocl_slave_timeout_addr, 0x100);
  CHECK_EQ_U(m->dma_pcis_timeout_count, 6);
  CHECK_EQ_U(m->dma_pcis_timeout_addr, 0x300c);
  CHECK_EQ_U(m->sda_slave_timeout_count, 4); /* peek, two memset dwords, the clkgen ID read */
  CHECK_EQ_U(m->sda_slave_timeout_addr, 0x58000);

  /* Loading again ungates the CL (its BARs start empty); the counters stay until cleared. */
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, MEM_PERF, 0, 0, NULL), 0);
  CHECK_EQ_U(peek(ocl, 0x100), 0);
  CHECK_EQ(fpga_pci_poke(ocl, 0x100, 11), 0);
  CHECK_EQ_U(peek(ocl, 0x100), 11);
  CHECK_EQ(aws_clkgen_get_dynamic(0, &clocks), 0);
  info = describe(0, FPGA_CMD_CLEAR_HW_METRICS);
  CHECK_EQ(info.status, FPGA_STATUS_LOADED);
  CHECK_EQ_U(m->ocl_slave_timeout_count, 3);
  CHECK_EQ_U(m->flags, 0);
  info = describe(0, FPGA_CMD_GET_HW_METRICS);
  CHECK_EQ_U(m->ocl_slave_timeout_count, 0);
  CHECK_EQ_U(m->int_status, 0);

  /* A clear ends a violation too. */
  CHECK_EQ(aws_fpga_mock_power_violation(0), 0);
  CHECK_EQ(fpga_mgmt_clear_local_image_sync(0, 0, 0, NULL), 0);
  CHECK_EQ(fpga_pci_poke(pcis, 0x100, 12), 0);
  CHECK_EQ_U(peek(pcis, 0x100), 12);
  CHECK_EQ(aws_fpga_mock_power_violation(0), -EINVAL);
  CHECK_EQ(aws_fpga_mock_power_violation(1), -ENOENT);
}

int main(void) {
  leds_and_switches();
  counters_clocks_and_power();
  power_violation();
  return finish();
}
