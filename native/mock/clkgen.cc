// aws_clkgen_* of the simulated device: like the SDK's clkgen library, they
// talk to the AWS_CLK_GEN registers on mgmt PF BAR4 of the loaded CL, so a CL
// without the IP, an empty slot or gated clocks answer clkgen-ip-not-found.
#include <cerrno>
#include <cstring>

#include "clock_gen.h"
#include "device.h"
#include "harness.h"
#include "mailbox.h"

using namespace fpga_mock::clkgen_regs;
using fpga_mock::ClockGroup;
using fpga_mock::MmcmSettings;

namespace {

class ClkgenPort {
 public:
  explicit ClkgenPort(fpga_mock::Slot& slot) : slot_(slot) {}
  uint32_t read(uint64_t offset) {
    uint64_t value;
    slot_.read(kPf, kBar, offset, 4, &value);
    return static_cast<uint32_t>(value);
  }
  void write(uint64_t offset, uint32_t value) { slot_.write(kPf, kBar, offset, 4, value); }

  bool ip_present() {
    return read(kId) == kIdValue && read(kVersion) == kVersionValue && read(kBuild) == kBuildValue;
  }
  // CL resets held while the MMCMs are reprogrammed, then released.
  void hold_cl_resets(bool hold) {
    write(kGlobalReset, 0);
    write(kSystemReset, hold ? 0xffffffff : 0);
  }
  // Writes the group's configuration and loads it; null loads the build default.
  void program(ClockGroup group, const MmcmSettings* settings) {
    const uint64_t base = mmcm_base(group);
    if (settings != nullptr) {
      const uint32_t outputs[] = {encode_clk0(*settings), settings->div1, settings->div2};
      const uint64_t regs[] = {kMmcmClk0, kMmcmClk1, kMmcmClk2};
      write(base + kMmcmMain, encode_main(*settings));
      for (int i = 0; i < fpga_mock::group_clock_count(group); i++) write(base + regs[i], outputs[i]);
    }
    write(base + kMmcmLoad, settings != nullptr ? kLoadApply : kLoadDefaults);
  }
  MmcmSettings settings(ClockGroup group) {
    const uint64_t base = mmcm_base(group);
    MmcmSettings s;
    decode(read(base + kMmcmMain), read(base + kMmcmClk0), read(base + kMmcmClk1), read(base + kMmcmClk2), &s);
    return s;
  }

 private:
  fpga_mock::Slot& slot_;
};

// The slot's clock generator, as the SDK reaches it: the attach's -EINVAL or
// unresponsive, then clkgen-ip-not-found when the ID registers do not match.
int open_clkgen(int slot_id, fpga_mock::Slot** slot) {
  if (slot_id < 0 || slot_id >= FPGA_SLOT_MAX) return -EINVAL;
  *slot = fpga_mock::Device::get().slot(slot_id);
  if (*slot == nullptr) return fpga_mock::kAbsentSlot;
  return ClkgenPort(**slot).ip_present() ? 0 : FPGA_ERR_CLKGEN_NOT_FOUND;
}

// aws_clkgen_set_recipe and _set_dynamic: each group's value (a recipe or a
// frequency) checked with `valid`, then, the CL resets held, each group
// programmed with the settings `settings_for` makes of it (or the build
// defaults on `reset`). Like the SDK, a value `settings_for` refuses stops the
// call there, with the groups before it already changed and the resets held.
template <typename Valid, typename SettingsFor>
int set_clocks(int slot_id, const uint32_t (&values)[fpga_mock::kClockGroupCount], uint32_t reset, Valid valid,
               SettingsFor settings_for) {
  if (const int rc = fpga_mock::enter(AWS_FPGA_MOCK_OP_CLKGEN_SET, slot_id)) return rc;
  if (!reset) {
    for (int g = 0; g < fpga_mock::kClockGroupCount; g++) {
      if (!valid(static_cast<ClockGroup>(g), values[g])) {
        fpga_mock::detach_stray_handle(slot_id);  // the SDK's defect: see mailbox.h
        return FPGA_ERR_INVALID_CLKGEN_INPUTS;
      }
    }
  }
  fpga_mock::Slot* slot;
  const int rc = open_clkgen(slot_id, &slot);
  if (rc != 0) return rc;
  ClkgenPort port(*slot);
  port.hold_cl_resets(true);
  for (int g = 0; g < fpga_mock::kClockGroupCount; g++) {
    const ClockGroup group = static_cast<ClockGroup>(g);
    MmcmSettings settings;
    if (!reset && !settings_for(group, values[g], &settings)) return FPGA_ERR_INVALID_CLKGEN_INPUTS;
    port.program(group, reset ? nullptr : &settings);
  }
  port.hold_cl_resets(false);
  return 0;
}

}  // namespace

extern "C" {

int aws_clkgen_get_dynamic(int slot_id, fpga_clkgen_info* info) {
  if (const int rc = fpga_mock::enter(AWS_FPGA_MOCK_OP_CLKGEN_GET, slot_id)) return rc;
  if (info == nullptr) return FPGA_ERR_SOFTWARE_PROBLEM;
  std::memset(info, 0, sizeof(*info));
  fpga_mock::Slot* slot;
  const int rc = open_clkgen(slot_id, &slot);
  if (rc != 0) return rc;
  ClkgenPort port(*slot);
  fpga_clkgen_group* groups[] = {&info->clock_group_a, &info->clock_group_b, &info->clock_group_c,
                                 &info->clock_group_hbm};
  for (int g = 0; g < fpga_mock::kClockGroupCount; g++) {
    const ClockGroup group = static_cast<ClockGroup>(g);
    const MmcmSettings s = port.settings(group);
    for (int i = 0; i < fpga_mock::group_clock_count(group); i++) {
      groups[g]->clocks[i] = fpga_mock::mmcm_output_mhz(s, i);
    }
  }
  return 0;
}

int aws_clkgen_set_recipe(int slot_id, uint32_t recipe_a, uint32_t recipe_b, uint32_t recipe_c, uint32_t recipe_hbm,
                          uint32_t reset) {
  return set_clocks(
      slot_id, {recipe_a, recipe_b, recipe_c, recipe_hbm}, reset,
      [](ClockGroup group, uint32_t recipe) { return recipe < fpga_mock::recipe_count(group); },
      [](ClockGroup group, uint32_t recipe, MmcmSettings* settings) {
        *settings = fpga_mock::recipe_settings(group, recipe);
        return true;
      });
}

int aws_clkgen_set_dynamic(int slot_id, uint32_t clk_a_freq, uint32_t clk_b_freq, uint32_t clk_c_freq,
                           uint32_t clk_hbm_freq, uint32_t reset) {
  return set_clocks(
      slot_id, {clk_a_freq, clk_b_freq, clk_c_freq, clk_hbm_freq}, reset,
      [](ClockGroup group, uint32_t mhz) { return mhz <= fpga_mock::dynamic_max_mhz(group); },
      [](ClockGroup, uint32_t mhz, MmcmSettings* settings) { return fpga_mock::dynamic_settings(mhz, settings); });
}

}  // extern "C"
