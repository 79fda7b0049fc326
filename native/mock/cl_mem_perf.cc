#include "cl_mem_perf.h"

#include <algorithm>
#include <cmath>

namespace fpga_mock {

namespace {
constexpr uint64_t kBlockStart = 0x600;
constexpr uint64_t kBlockEnd = 0x700;
constexpr uint64_t kCtl = 0x600;
constexpr uint64_t kRefCounter = 0x604;
constexpr uint64_t kFirstCounter = 0x610;
constexpr uint32_t kClear = 1u << 31;
constexpr uint32_t kStart = 1u << 0;
constexpr uint64_t kWindowMs = 1000;
constexpr unsigned kPollsPerWindow = 3;
constexpr uint32_t kUndefined = 0xDEADDEAD;
}  // namespace

bool FreqCounter::claims(int pf, int bar, uint64_t offset) const {
  return pf == 0 && bar == 0 && offset >= kBlockStart && offset < kBlockEnd;
}

void FreqCounter::update() {
  if (!running_) return;
  const double by_time = static_cast<double>(clock_.now_ms() - start_ms_) / kWindowMs;
  const double by_polls = static_cast<double>(polls_) / kPollsPerWindow;
  done_fraction_ = std::min(1.0, std::max(by_time, by_polls));
  if (done_fraction_ >= 1.0) running_ = false;
}

uint32_t FreqCounter::count(double mhz) const {
  const double cycles = std::floor(mhz * 1e6 * done_fraction_);
  return cycles >= 4294967295.0 ? 0xffffffffu : static_cast<uint32_t>(cycles);  // the counters saturate
}

uint32_t FreqCounter::read32(uint64_t offset) {
  if (offset == kCtl && running_) polls_++;
  update();
  if (offset == kCtl) return (clear_ ? kClear : 0) | (running_ ? kStart : 0);
  if (offset == kRefCounter) return count(measured_.mhz[ClockOutputs::kHbmRef]);
  if (offset >= kFirstCounter && offset < kFirstCounter + 4 * ClockOutputs::kCount) {
    return count(measured_.mhz[(offset - kFirstCounter) / 4]);
  }
  return kUndefined;
}

void FreqCounter::write32(uint64_t offset, uint32_t value) {
  if (offset != kCtl) return;
  update();
  clear_ = (value & kClear) != 0;
  if (clear_) {
    running_ = false;
    done_fraction_ = 0;
  } else if ((value & kStart) && !running_ && done_fraction_ < 1.0) {
    // A start after a finished measurement without a clear ends at once, the
    // reference counter being already at its limit, as in the hardware.
    running_ = true;
    start_ms_ = clock_.now_ms();
    polls_ = 0;
    measured_ = clock_gen_ != nullptr ? clock_gen_->outputs() : shell_clock_outputs();
  }
}

}  // namespace fpga_mock
