// Device time: milliseconds since the last reset, real or virtual.
#pragma once

#include <atomic>
#include <cstdint>

namespace fpga_mock {

class Clock {
 public:
  void reset(bool is_virtual);
  uint64_t now_ms() const;
  // The SDK's waits go through here: real time sleeps, virtual time jumps.
  void sleep_ms(uint64_t ms);
  // Moves virtual time forward; no effect in real time.
  void advance(uint64_t ms);

 private:
  friend struct SnapshotAccess;  // snapshot.cc carries the time over to a new process
  std::atomic<bool> virtual_{false};
  std::atomic<uint64_t> virtual_now_{0};
  std::atomic<int64_t> real_start_ns_{0};
};

}  // namespace fpga_mock
