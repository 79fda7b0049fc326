#include "clock_recipes.h"

#include <array>
#include <cmath>

namespace fpga_mock {

namespace {

// UltraScale+ MMCM limits: VCO 800-1600 MHz, phase detector at least 10 MHz,
// feedback multiplier 2-128 and output divider 0 1-128 in eighths, other
// output dividers whole 1-128.
constexpr double kVcoMinMhz = 800;
constexpr double kVcoMaxMhz = 1600;
constexpr uint32_t kMaxInputDivider = 10;
constexpr long kMinEighths = 8 * 2;
constexpr long kMaxEighths = 8 * 128;
constexpr uint32_t kDynamicOtherDivider = 15;

void set_eighths(long eighths, uint32_t* whole, uint32_t* thousandths) {
  *whole = static_cast<uint32_t>(eighths / 8);
  *thousandths = static_cast<uint32_t>(eighths % 8) * 125;
}

// The MMCM settings whose outputs come closest (by summed relative error) to
// `mhz[0..count)`. Ties go to the smallest input divider, then the highest VCO.
MmcmSettings solve(const double* mhz, int count) {
  MmcmSettings best;
  double best_error = INFINITY;
  uint32_t best_div = 0;
  for (uint32_t div = 1; div <= kMaxInputDivider; div++) {
    for (long mult_eighths = kMinEighths; mult_eighths <= kMaxEighths; mult_eighths++) {
      const double vco = kReferenceMhz * mult_eighths / 8 / div;
      if (vco < kVcoMinMhz || vco > kVcoMaxMhz) continue;
      MmcmSettings s;
      set_eighths(mult_eighths, &s.mult, &s.mult_frac);
      s.div = div;
      const long div0_eighths = std::lround(vco / mhz[0] * 8);
      set_eighths(div0_eighths < 8 ? 8 : div0_eighths > kMaxEighths ? kMaxEighths : div0_eighths, &s.div0,
                  &s.div0_frac);
      uint32_t* whole_dividers[] = {&s.div1, &s.div2};
      for (int i = 1; i < count; i++) {
        const long d = std::lround(vco / mhz[i]);
        *whole_dividers[i - 1] = static_cast<uint32_t>(d < 1 ? 1 : d > 128 ? 128 : d);
      }
      double error = 0;
      for (int i = 0; i < count; i++) error += std::fabs(mmcm_output_mhz(s, i) - mhz[i]) / mhz[i];
      const bool tie = std::fabs(error - best_error) <= 1e-12;
      if ((!tie && error < best_error) || (tie && div == best_div)) {
        best = s;
        best_error = error;
        best_div = div;
      }
    }
  }
  return best;
}

constexpr int kMaxRecipes = 6;
constexpr uint32_t kRecipeCounts[kClockGroupCount] = {3, 6, 4, 5};
constexpr int kGroupClocks[kClockGroupCount] = {3, 2, 2, 1};
constexpr uint32_t kDefaultRecipes[kClockGroupCount] = {1, 2, 0, 2};
constexpr uint32_t kDynamicMaxMhz[kClockGroupCount] = {125, 450, 300, 450};

// The recipes' target frequencies in MHz, from the HDK clock recipe guide.
constexpr double kRecipeMhz[kClockGroupCount][kMaxRecipes][3] = {
    {{62.5, 187.5, 250}, {125, 375, 500}, {15.625, 125, 62.5}},
    {{250, 125}, {125, 62.5}, {450, 225}, {250, 62.5}, {300, 75}, {400, 100}},
    {{300, 400}, {150, 200}, {75, 100}, {200, 800.0 / 3}},
    {{250}, {125}, {450}, {300}, {400}},
};

// set_dynamic's supported steps in MHz, ascending.
constexpr uint32_t kDynamicSteps[] = {87,  97,  100, 109, 125, 136, 150, 156, 166, 171, 177, 182, 187, 196,
                                      200, 218, 227, 250, 265, 266, 273, 291, 300, 318, 333, 343, 364, 375,
                                      400, 405, 410, 415, 420, 425, 430, 435, 437, 440, 445, 450, 458, 500};
constexpr size_t kDynamicStepCount = sizeof(kDynamicSteps) / sizeof(kDynamicSteps[0]);

using RecipeTable = std::array<std::array<MmcmSettings, kMaxRecipes>, kClockGroupCount>;

const RecipeTable& recipes() {
  static const RecipeTable table = [] {
    RecipeTable t;
    for (int g = 0; g < kClockGroupCount; g++) {
      for (uint32_t r = 0; r < kRecipeCounts[g]; r++) t[g][r] = solve(kRecipeMhz[g][r], kGroupClocks[g]);
    }
    return t;
  }();
  return table;
}

const std::array<MmcmSettings, kDynamicStepCount>& dynamic_table() {
  static const std::array<MmcmSettings, kDynamicStepCount> table = [] {
    std::array<MmcmSettings, kDynamicStepCount> t;
    for (size_t i = 0; i < kDynamicStepCount; i++) {
      const double mhz = kDynamicSteps[i];
      t[i] = solve(&mhz, 1);
      t[i].div1 = t[i].div2 = kDynamicOtherDivider;
    }
    return t;
  }();
  return table;
}

}  // namespace

int group_clock_count(ClockGroup group) { return kGroupClocks[group]; }

double mmcm_output_mhz(const MmcmSettings& s, int index) {
  const double mult = s.mult + s.mult_frac / 1000.0;
  const double vco = kReferenceMhz * mult / (s.div == 0 ? 1 : s.div);
  double divider = index == 0 ? s.div0 + s.div0_frac / 1000.0 : index == 1 ? s.div1 : s.div2;
  if (divider == 0) divider = 1;
  return vco / divider;
}

uint32_t recipe_count(ClockGroup group) { return kRecipeCounts[group]; }

const MmcmSettings& recipe_settings(ClockGroup group, uint32_t recipe) { return recipes()[group][recipe]; }

const MmcmSettings& default_settings(ClockGroup group) { return recipes()[group][kDefaultRecipes[group]]; }

uint32_t dynamic_max_mhz(ClockGroup group) { return kDynamicMaxMhz[group]; }

bool dynamic_settings(uint32_t mhz, MmcmSettings* settings) {
  for (size_t i = kDynamicStepCount; i-- > 0;) {
    if (kDynamicSteps[i] <= mhz) {
      *settings = dynamic_table()[i];
      return true;
    }
  }
  return false;
}

}  // namespace fpga_mock
