#include "cl.h"

namespace fpga_mock {

LoadedCl::LoadedCl(const AfiEntry& afi, const Clock& clock) {
  if (afi.has_clkgen) clock_gen_ = std::make_unique<ClockGen>();
  if (afi.design == ClDesign::kMemPerf) {
    freq_counter_ = std::make_unique<FreqCounter>(clock, clock_gen_.get());
    leds_ = kMemPerfLeds;
  }
}

bool LoadedCl::read(int pf, int bar, uint64_t offset, unsigned width, uint64_t* value) {
  return (clock_gen_ && clock_gen_->read(pf, bar, offset, width, value)) ||
         (freq_counter_ && freq_counter_->read(pf, bar, offset, width, value));
}

bool LoadedCl::write(int pf, int bar, uint64_t offset, unsigned width, uint64_t value) {
  return (clock_gen_ && clock_gen_->write(pf, bar, offset, width, value)) ||
         (freq_counter_ && freq_counter_->write(pf, bar, offset, width, value));
}

ClockOutputs LoadedCl::clocks() const { return clock_gen_ ? clock_gen_->outputs() : shell_clock_outputs(); }

}  // namespace fpga_mock
