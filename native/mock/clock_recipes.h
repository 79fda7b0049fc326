// The AWS_CLK_GEN clock groups, their recipes and the set_dynamic steps, as
// MMCM settings derived from the target frequencies.
#pragma once

#include <cstdint>

namespace fpga_mock {

// Clock groups in the order of fpga_clkgen_info. A: clk_extra_a1..a3,
// B: clk_extra_b0..b1, C: clk_extra_c0..c1, HBM: clk_hbm_axi.
enum ClockGroup { kGroupA, kGroupB, kGroupC, kGroupHbm, kClockGroupCount };

// One MMCM as the AWS_CLK_GEN registers hold it. The feedback multiplier and
// the first output divider are fractional in eighths, held like the registers
// as a whole part and thousandths.
struct MmcmSettings {
  uint32_t mult = 1;
  uint32_t mult_frac = 0;
  uint32_t div = 1;  // input divider
  uint32_t div0 = 1;
  uint32_t div0_frac = 0;
  uint32_t div1 = 1;
  uint32_t div2 = 1;
};

constexpr double kReferenceMhz = 100.0;  // clk_hbm_ref feeds every MMCM
constexpr double kMainMhz = 250.0;       // clk_main_a0, fixed on F2

// Output clocks of a group (3, 2, 2, 1).
int group_clock_count(ClockGroup group);
// Frequency in MHz of output `index` (0..2). A zero divider field divides by one.
double mmcm_output_mhz(const MmcmSettings& settings, int index);

// Recipes A0..A2, B0..B5, C0..C3, H0..H4.
uint32_t recipe_count(ClockGroup group);
const MmcmSettings& recipe_settings(ClockGroup group, uint32_t recipe);  // recipe < recipe_count
// The build default: A1, B2, C0, H2.
const MmcmSettings& default_settings(ClockGroup group);

// set_dynamic: the highest frequency of the group's first clock, in whole MHz.
uint32_t dynamic_max_mhz(ClockGroup group);
// The settings for the highest supported step not above `mhz` (the other
// outputs at VCO / 15); false below the lowest step.
bool dynamic_settings(uint32_t mhz, MmcmSettings* settings);

}  // namespace fpga_mock
