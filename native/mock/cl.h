// The custom logic of a loaded AFI: its clock generator and design registers.
#pragma once

#include <cstdint>
#include <memory>

#include "catalog.h"
#include "cl_mem_perf.h"
#include "cl_model.h"
#include "clock.h"
#include "clock_gen.h"

namespace fpga_mock {

class LoadedCl : public ClModel {
 public:
  LoadedCl(const AfiEntry& afi, const Clock& clock);

  bool read(int pf, int bar, uint64_t offset, unsigned width, uint64_t* value) override;
  bool write(int pf, int bar, uint64_t offset, unsigned width, uint64_t value) override;

  // The clocks the CL runs on.
  ClockOutputs clocks() const;
  // What the CL drives on the virtual LEDs once running.
  uint16_t leds() const { return leds_; }
  // Whether any register here needs to see BAR accesses.
  bool has_registers() const { return clock_gen_ != nullptr || freq_counter_ != nullptr; }

 private:
  std::unique_ptr<ClockGen> clock_gen_;        // null without AWS_CLK_GEN
  std::unique_ptr<FreqCounter> freq_counter_;  // CL_MEM_PERF only
  uint16_t leds_ = 0;
};

}  // namespace fpga_mock
