// CL_MEM_PERF (the HDK example behind agfi-080817d089f3cd2ed): its clock
// frequency counter block (CL_CLK_FREQ) on the OCL interface, app PF BAR0.
#pragma once

#include <cstdint>

#include "cl_model.h"
#include "clock.h"
#include "clock_gen.h"

namespace fpga_mock {

// What the CL drives on the virtual LEDs once up: {ddr_ready, hbm_ready}.
constexpr uint16_t kMemPerfLeds = 0x3;

// CTL_REG (0x600): write bit 31 to clear the counters (it reads back until the
// next write), then bit 0 to start a measurement; bit 0 reads 1 until it is done.
// REF_FREQ_CTR (0x604) counts clk_hbm_ref; FREQ_CTR_0..9 (0x610 + 4i) count each
// clock for the measurement window, so they read in Hz once it is done. Other
// offsets of the block read 0xDEADDEAD.
//
// The hardware counts for one second of clk_hbm_ref. Here a measurement ends
// after one second of device time or at the third read of CTL_REG, whichever
// comes first, so programs that poll without sleeping finish too (virtual time).
class FreqCounter : public RegisterBlock {
 public:
  // `clock_gen` is the CL's clock generator, or nullptr for the shell's clocks only.
  FreqCounter(const Clock& clock, const ClockGen* clock_gen) : clock_(clock), clock_gen_(clock_gen) {}

 protected:
  bool claims(int pf, int bar, uint64_t offset) const override;
  uint32_t read32(uint64_t offset) override;
  void write32(uint64_t offset, uint32_t value) override;

 private:
  // Brings the measured fraction of the window up to date.
  void update();
  uint32_t count(double mhz) const;

  const Clock& clock_;
  const ClockGen* clock_gen_;
  bool clear_ = false;  // bit 31 as last written
  bool running_ = false;
  uint64_t start_ms_ = 0;
  unsigned polls_ = 0;
  double done_fraction_ = 0;  // 0..1 of the window counted so far
  ClockOutputs measured_;     // the clocks when the measurement started
};

}  // namespace fpga_mock
