#include "clock_gen.h"

namespace fpga_mock {

namespace clkgen_regs {

namespace {
constexpr uint64_t kMmcmWindow = 0x1000;
constexpr uint64_t kRegWindow = 0x1000;
constexpr uint32_t kAllClocksAvailable = 0x1ff;
constexpr uint32_t kAllLocked = 0x151;  // lock bits of MMCM A (0), B (4), C (6), HBM (8)
constexpr uint32_t kUndefined = 0xDEADDEC0;
}  // namespace

uint64_t mmcm_base(ClockGroup group) {
  static const uint64_t bases[kClockGroupCount] = {0x52000, 0x50000, 0x51000, 0x54000};
  return bases[group];
}

uint32_t encode_main(const MmcmSettings& s) {
  return (s.div & 0xff) | (s.mult & 0xff) << 8 | (s.mult_frac & 0x3ff) << 16;
}

uint32_t encode_clk0(const MmcmSettings& s) { return (s.div0 & 0xff) | (s.div0_frac & 0x3ff) << 8; }

void decode(uint32_t main, uint32_t clk0, uint32_t clk1, uint32_t clk2, MmcmSettings* s) {
  s->div = main & 0xff;
  s->mult = (main >> 8) & 0xff;
  s->mult_frac = (main >> 16) & 0x3ff;
  s->div0 = clk0 & 0xff;
  s->div0_frac = (clk0 >> 8) & 0x3ff;
  s->div1 = clk1 & 0xff;
  s->div2 = clk2 & 0xff;
}

}  // namespace clkgen_regs

using namespace clkgen_regs;

ClockOutputs shell_clock_outputs() {
  ClockOutputs out;
  out.mhz[ClockOutputs::kMainA0] = kMainMhz;
  out.mhz[ClockOutputs::kHbmRef] = kReferenceMhz;
  return out;
}

ClockGen::ClockGen() {
  for (int g = 0; g < kClockGroupCount; g++) {
    mmcm_[g].written = mmcm_[g].running = default_settings(static_cast<ClockGroup>(g));
  }
}

ClockOutputs ClockGen::outputs() const {
  ClockOutputs out = shell_clock_outputs();
  if (global_reset_ != 0) return out;  // every MMCM held in reset
  static const int first_output[kClockGroupCount] = {ClockOutputs::kA1, ClockOutputs::kB0, ClockOutputs::kC0,
                                                     ClockOutputs::kHbmAxi};
  for (int g = 0; g < kClockGroupCount; g++) {
    for (int i = 0; i < group_clock_count(static_cast<ClockGroup>(g)); i++) {
      out.mhz[first_output[g] + i] = mmcm_output_mhz(mmcm_[g].running, i);
    }
  }
  return out;
}

bool ClockGen::claims(int pf, int bar, uint64_t offset) const {
  return pf == kPf && bar == kBar && offset >= kWindowStart;
}

ClockGen::Mmcm* ClockGen::mmcm_at(uint64_t offset, uint64_t* reg) {
  for (int g = 0; g < kClockGroupCount; g++) {
    const uint64_t base = mmcm_base(static_cast<ClockGroup>(g));
    if (offset >= base && offset < base + kMmcmWindow) {
      *reg = offset - base;
      return &mmcm_[g];
    }
  }
  return nullptr;
}

uint32_t ClockGen::read32(uint64_t offset) {
  uint64_t reg = 0;
  if (Mmcm* m = mmcm_at(offset, &reg)) {
    switch (reg) {
      case kMmcmStatus: return global_reset_ == 0 ? 1 : 0;
      case kMmcmMain: return encode_main(m->written);
      case kMmcmClk0: return encode_clk0(m->written);
      case kMmcmClk1: return m->written.div1 & 0xff;
      case kMmcmClk2: return m->written.div2 & 0xff;
      default: return 0;  // the rest of the MMCM's register space is not modelled
    }
  }
  if (offset < kRegBase || offset >= kRegBase + kRegWindow) return kUndefined;
  switch (offset) {
    case kId: return kIdValue;
    case kVersion: return kVersionValue;
    case kBuild: return kBuildValue;
    case kClocksAvailable: return kAllClocksAvailable;
    case kGlobalReset: return global_reset_;
    case kSystemReset: return system_reset_;
    case kDisableMainReset: return disable_main_reset_;
    case kLock: return global_reset_ == 0 ? kAllLocked : 0;
    default: return kUndefined;
  }
}

void ClockGen::write32(uint64_t offset, uint32_t value) {
  uint64_t reg = 0;
  if (Mmcm* m = mmcm_at(offset, &reg)) {
    MmcmSettings& w = m->written;
    switch (reg) {
      case kMmcmMain: decode(value, encode_clk0(w), w.div1, w.div2, &w); break;
      case kMmcmClk0: decode(encode_main(w), value, w.div1, w.div2, &w); break;
      case kMmcmClk1: w.div1 = value & 0xff; break;
      case kMmcmClk2: w.div2 = value & 0xff; break;
      case kMmcmLoad:
        if (value & 1) {
          const ClockGroup group = static_cast<ClockGroup>(m - mmcm_);
          if ((value & kLoadApply) != kLoadApply) w = default_settings(group);
          m->running = w;
        }
        break;
      default: break;
    }
    return;
  }
  switch (offset) {
    case kGlobalReset: global_reset_ = value; break;
    case kSystemReset: system_reset_ = value; break;
    case kDisableMainReset: disable_main_reset_ = value & 1; break;
    default: break;  // read-only or undefined: ignored
  }
}

}  // namespace fpga_mock
