// CL_MEM_PERF (agfi-080817d089f3cd2ed), the HDK example both the PCI example
// and the harness drive: its clock frequency counter block (CL_CLK_FREQ) on
// the app PF's BAR0. Write CTL_RESET then 0 to clear the counters, then
// CTL_START; CTL_REG reads 0 once the one-second measurement is done, and each
// counter then holds its clock's frequency in Hz.

export const CL_MEM_PERF_AGFI = 'agfi-080817d089f3cd2ed';

export const CTL_REG = 0x600;
export const REF_FREQ_CTR = CTL_REG + 0x04;
export const FREQ_CTR_0 = CTL_REG + 0x10;
export const CTL_RESET = 0x80000000;
export const CTL_START = 0x1;

/** The clock each counter FREQ_CTR_0 + 4·i measures, in order. */
export const CLOCK_NAMES = [
  'clk_main_a0',
  'clk_extra_a1',
  'clk_extra_a2',
  'clk_extra_a3',
  'clk_extra_b0',
  'clk_extra_b1',
  'clk_extra_c0',
  'clk_extra_c1',
  'clk_hbm_axi',
  'clk_hbm_ref',
] as const;

export type ClockName = (typeof CLOCK_NAMES)[number];
