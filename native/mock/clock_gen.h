// AWS_CLK_GEN, the clock generator IP a CL may carry, as registers on the
// management PF's BAR4 (the SDA interface), laid out as the HDK specifies.
#pragma once

#include <cstdint>

#include "cl_model.h"
#include "clock_recipes.h"

namespace fpga_mock {

// The register map, shared by the IP model and the simulated SDK's clkgen calls.
namespace clkgen_regs {
constexpr int kPf = 1;  // FPGA_MGMT_PF
constexpr int kBar = 4;
constexpr uint64_t kWindowStart = 0x50000;  // the IP decodes everything from here to the BAR's end
constexpr uint64_t kRegBase = 0x58000;      // AWS_CLK_REGS
constexpr uint64_t kId = kRegBase + 0x00;
constexpr uint64_t kVersion = kRegBase + 0x04;
constexpr uint64_t kBuild = kRegBase + 0x08;
constexpr uint64_t kClocksAvailable = kRegBase + 0x0c;
constexpr uint64_t kGlobalReset = kRegBase + 0x10;
constexpr uint64_t kSystemReset = kRegBase + 0x14;
constexpr uint64_t kDisableMainReset = kRegBase + 0x18;
constexpr uint64_t kLock = kRegBase + 0x20;
constexpr uint32_t kIdValue = 0x90481D0F;
constexpr uint32_t kVersionValue = 0x02010000;
constexpr uint32_t kBuildValue = 0x09232223;
// MMCM registers (Xilinx Clocking Wizard dynamic reconfiguration), from each group's base.
constexpr uint64_t kMmcmStatus = 0x04;  // bit 0: locked
constexpr uint64_t kMmcmMain = 0x200;   // [7:0] input divider, [15:8] multiplier, [25:16] its thousandths
constexpr uint64_t kMmcmClk0 = 0x208;   // [7:0] divider, [17:8] its thousandths
constexpr uint64_t kMmcmClk1 = 0x214;   // [7:0] divider
constexpr uint64_t kMmcmClk2 = 0x220;   // [7:0] divider
constexpr uint64_t kMmcmLoad = 0x25c;   // write LOAD (bit 0) with SEN (bit 1): apply; LOAD alone: defaults
constexpr uint32_t kLoadApply = 0x3;
constexpr uint32_t kLoadDefaults = 0x1;
uint64_t mmcm_base(ClockGroup group);
// Register <-> settings, shared by both sides.
uint32_t encode_main(const MmcmSettings& s);
uint32_t encode_clk0(const MmcmSettings& s);
void decode(uint32_t main, uint32_t clk0, uint32_t clk1, uint32_t clk2, MmcmSettings* s);
}  // namespace clkgen_regs

// The clocks a CL sees, in MHz, in the order of CL_MEM_PERF's frequency
// counters: clk_main_a0, clk_extra_a1..a3, b0, b1, c0, c1, clk_hbm_axi, clk_hbm_ref.
struct ClockOutputs {
  enum { kMainA0, kA1, kA2, kA3, kB0, kB1, kC0, kC1, kHbmAxi, kHbmRef, kCount };
  double mhz[kCount] = {};
};

// What a CL without the clock generator has: the shell's two clocks.
ClockOutputs shell_clock_outputs();

class ClockGen : public RegisterBlock {
 public:
  ClockGen();  // every MMCM at its build default
  ClockOutputs outputs() const;

 protected:
  bool claims(int pf, int bar, uint64_t offset) const override;
  uint32_t read32(uint64_t offset) override;
  void write32(uint64_t offset, uint32_t value) override;

 private:
  friend struct SnapshotAccess;  // snapshot.cc saves and restores the settings
  struct Mmcm {
    MmcmSettings written;  // what the configuration registers read back
    MmcmSettings running;  // what the last LOAD applied
  };
  Mmcm* mmcm_at(uint64_t offset, uint64_t* reg);

  Mmcm mmcm_[kClockGroupCount];
  uint32_t global_reset_ = 0;
  uint32_t system_reset_ = 0x3fe;  // every CL reset but rst_main asserted until released
  uint32_t disable_main_reset_ = 0;
};

}  // namespace fpga_mock
