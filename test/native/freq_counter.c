/* CL_MEM_PERF's clock frequency counters (app PF BAR0, 0x600), read the way
 * the HDK's test_clk_freq does, against aws_clkgen_get_dynamic. */
#include "check.h"

#define CTL_REG 0x600
#define REF_FREQ_CTR 0x604
#define FREQ_CTR(i) (0x610 + 4 * (i))

static pci_bar_handle_t ocl;

static uint32_t peek(uint64_t offset) {
  uint32_t value = 0;
  CHECK_EQ(fpga_pci_peek(ocl, offset, &value), 0);
  return value;
}

static void poke(uint64_t offset, uint32_t value) { CHECK_EQ(fpga_pci_poke(ocl, offset, value), 0); }

/* Clear, start, and poll until done; returns the number of polls. */
static int measure(void) {
  poke(CTL_REG, 0x80000000);
  CHECK_EQ_U(peek(CTL_REG), 0x80000000);
  poke(CTL_REG, 0);
  poke(CTL_REG, 1);
  int polls = 0;
  while (peek(CTL_REG) != 0 && polls < 100) polls++;
  return polls;
}

/* The counters, in Hz, against what get_dynamic reports. */
static void expect_counters_match_clkgen(int line) {
  struct fpga_clkgen_info info;
  CHECK_EQ(aws_clkgen_get_dynamic(0, &info), 0);
  const double mhz[10] = {250,
                          info.clock_group_a.clocks[0],
                          info.clock_group_a.clocks[1],
                          info.clock_group_a.clocks[2],
                          info.clock_group_b.clocks[0],
                          info.clock_group_b.clocks[1],
                          info.clock_group_c.clocks[0],
                          info.clock_group_c.clocks[1],
                          info.clock_group_hbm.clocks[0],
                          100};
  check_ll(peek(REF_FREQ_CTR), 100000000, "REF_FREQ_CTR", __FILE__, line);
  for (int i = 0; i < 10; i++) {
    char what[32];
    snprintf(what, sizeof(what), "FREQ_CTR_%d", i);
    check_ll(peek(FREQ_CTR(i)), (long long)floor(mhz[i] * 1e6 + 1e-3), what, __FILE__, line);
  }
}
#define EXPECT_COUNTERS_MATCH_CLKGEN() expect_counters_match_clkgen(__LINE__)

int main(void) {
  fresh_device(1, 1000, 500);
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, MEM_PERF, 0, 0, NULL), 0);
  CHECK_EQ(fpga_pci_attach(0, FPGA_APP_PF, 0, 0, &ocl), 0);

  /* Defaults; without sleeping, the third poll sees the end. */
  CHECK_EQ(measure(), 2);
  EXPECT_COUNTERS_MATCH_CLKGEN();
  CHECK_EQ_U(peek(FREQ_CTR(0)), 250000000);
  CHECK_EQ_U(peek(FREQ_CTR(1)), 125000000);
  CHECK_EQ_U(peek(FREQ_CTR(3)), 500000000);
  CHECK_EQ_U(peek(FREQ_CTR(8)), 450000000);
  CHECK_EQ_U(peek(FREQ_CTR(9)), 100000000);

  /* The HDK test's dynamic frequencies, then a recipe. */
  CHECK_EQ(aws_clkgen_set_dynamic(0, 87, 125, 250, 437, 0), 0);
  measure();
  EXPECT_COUNTERS_MATCH_CLKGEN();
  CHECK_EQ_U(peek(FREQ_CTR(1)), 87000000);
  CHECK_EQ_U(peek(FREQ_CTR(8)), 437000000);
  CHECK_EQ(aws_clkgen_set_recipe(0, 0, 3, 3, 4, 0), 0);
  measure();
  EXPECT_COUNTERS_MATCH_CLKGEN();
  CHECK_EQ_U(peek(FREQ_CTR(7)), 266666666);

  /* By time: half a second in, half the counts; a second in, done. */
  poke(CTL_REG, 0x80000000);
  CHECK_EQ_U(peek(FREQ_CTR(0)), 0);
  CHECK_EQ_U(peek(REF_FREQ_CTR), 0);
  poke(CTL_REG, 1);
  aws_fpga_mock_advance_time(500);
  CHECK_EQ_U(peek(CTL_REG), 1);
  CHECK_EQ_U(peek(REF_FREQ_CTR), 50000000);
  CHECK_EQ_U(peek(FREQ_CTR(0)), 125000000);
  aws_fpga_mock_advance_time(500);
  CHECK_EQ_U(peek(CTL_REG), 0);
  CHECK_EQ_U(peek(FREQ_CTR(0)), 250000000);
  /* A start without a clear after a finished measurement ends at once. */
  CHECK_EQ(aws_clkgen_set_dynamic(0, 100, 100, 100, 100, 0), 0);
  poke(CTL_REG, 1);
  CHECK_EQ_U(peek(CTL_REG), 0);
  CHECK_EQ_U(peek(FREQ_CTR(4)), 250000000); /* still B3's b0 from the last measurement, not 100 MHz */

  /* Narrow reads; undefined registers of the block; memory around it. */
  uint8_t byte = 0;
  CHECK_EQ(fpga_pci_peek8(ocl, REF_FREQ_CTR + 3, &byte), 0);
  CHECK_EQ_U(byte, 100000000u >> 24);
  CHECK_EQ_U(peek(0x608), 0xDEADDEAD);
  CHECK_EQ_U(peek(0x6fc), 0xDEADDEAD);
  poke(0x5fc, 0x1234);
  poke(0x700, 0x5678);
  CHECK_EQ_U(peek(0x5fc), 0x1234);
  CHECK_EQ_U(peek(0x700), 0x5678);

  /* cl_sde has no such block: plain memory. */
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, SDE, 0, 0, NULL), 0);
  CHECK_EQ_U(peek(CTL_REG), 0);
  poke(CTL_REG, 1);
  CHECK_EQ_U(peek(CTL_REG), 1);
  CHECK_EQ(fpga_pci_detach(ocl), 0);
  return finish();
}
