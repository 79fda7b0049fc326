// The custom logic of a loaded AFI: its clock generator and design registers.
#pragma once

#include <cstdint>
#include <memory>

#include "catalog.h"
#include "cl_mem_perf.h"
#include "cl_model.h"
#include "clock.h"
#include "clock_gen.h"
#include "declared_cl.h"

namespace fpga_mock {

struct Slot;

class LoadedCl : public ClModel {
 public:
  LoadedCl(const AfiEntry& afi, const Clock& clock, Slot& slot);

  // The clock generator first, then the design's registers.
  Answer read(int pf, int bar, uint64_t offset, unsigned width, uint64_t* value) override;
  Answer write(int pf, int bar, uint64_t offset, unsigned width, uint64_t value) override;

  // The clocks the CL runs on.
  ClockOutputs clocks() const;
  // What the CL drives on the virtual LEDs once running.
  uint16_t leds() const { return leds_; }
  // Whether any register here needs to see BAR accesses.
  bool has_registers() const { return clock_gen_ || freq_counter_ || declared_; }
  // The model declared for the AFI (aws_fpga_mock_set_cl_model), if any.
  DeclaredCl* declared() { return declared_.get(); }

 private:
  friend struct SnapshotAccess;  // snapshot.cc saves and restores the clock generator
  // The first answer of the chain that claims the access.
  template <typename Access>
  Answer first_answer(Access access);

  std::unique_ptr<ClockGen> clock_gen_;        // null without AWS_CLK_GEN
  std::unique_ptr<FreqCounter> freq_counter_;  // CL_MEM_PERF only
  std::unique_ptr<DeclaredCl> declared_;
  uint16_t leds_ = 0;
};

}  // namespace fpga_mock
