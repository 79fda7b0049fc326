#include "clock.h"

#include <chrono>
#include <thread>

namespace fpga_mock {

namespace {

int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

void Clock::reset(bool is_virtual) {
  virtual_ = is_virtual;
  virtual_now_ = 0;
  real_start_ns_ = steady_ns();
}

uint64_t Clock::now_ms() const {
  if (virtual_) return virtual_now_.load();
  return static_cast<uint64_t>((steady_ns() - real_start_ns_.load()) / 1000000);
}

void Clock::sleep_ms(uint64_t ms) {
  if (virtual_) {
    virtual_now_ += ms;
  } else {
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  }
}

void Clock::advance(uint64_t ms) {
  if (virtual_) virtual_now_ += ms;
}

}  // namespace fpga_mock
