#include "cl.h"

namespace fpga_mock {

LoadedCl::LoadedCl(const AfiEntry& afi, const Clock& clock, Slot& slot) {
  if (afi.has_clkgen) clock_gen_ = std::make_unique<ClockGen>();
  if (afi.design == ClDesign::kMemPerf) {
    freq_counter_ = std::make_unique<FreqCounter>(clock, clock_gen_.get());
    leds_ = kMemPerfLeds;
  }
  if (afi.model) declared_ = std::make_unique<DeclaredCl>(afi.model, slot);
}

template <typename Access>
Answer LoadedCl::first_answer(Access access) {
  ClModel* const chain[] = {clock_gen_.get(), freq_counter_.get(), declared_.get()};
  for (ClModel* model : chain) {
    if (model == nullptr) continue;
    const Answer answer = access(*model);
    if (answer != Answer::kUnclaimed) return answer;
  }
  return Answer::kUnclaimed;
}

Answer LoadedCl::read(int pf, int bar, uint64_t offset, unsigned width, uint64_t* value) {
  return first_answer([&](ClModel& model) { return model.read(pf, bar, offset, width, value); });
}

Answer LoadedCl::write(int pf, int bar, uint64_t offset, unsigned width, uint64_t value) {
  return first_answer([&](ClModel& model) { return model.write(pf, bar, offset, width, value); });
}

ClockOutputs LoadedCl::clocks() const { return clock_gen_ ? clock_gen_->outputs() : shell_clock_outputs(); }

}  // namespace fpga_mock
