#include "trace.h"

#include <algorithm>
#include <cerrno>

#include "harness.h"

namespace fpga_mock {

Trace& Trace::get() {
  static Trace trace;
  return trace;
}

int Trace::start(uint32_t limit) {
  if (limit < 1 || limit > AWS_FPGA_MOCK_TRACE_MAX) return -EINVAL;
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.clear();
  entries_.shrink_to_fit();
  entries_.reserve(std::min<uint32_t>(limit, 4096));  // grows on demand beyond this
  limit_ = limit;
  dropped_ = 0;
  recording_ = true;
  set_armed(kArmedTrace, true);
  return 0;
}

void Trace::stop() {
  std::lock_guard<std::mutex> lock(mutex_);
  recording_ = false;
  set_armed(kArmedTrace, false);
}

void Trace::record(const aws_fpga_mock_trace_entry& entry) {
  if ((armed.load(std::memory_order_relaxed) & kArmedTrace) == 0) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (!recording_) return;
  if (entries_.size() < limit_) {
    entries_.push_back(entry);
  } else {
    dropped_++;
  }
}

void Trace::read(aws_fpga_mock_trace_entry* entries, uint32_t size, uint32_t* recorded, uint64_t* dropped) {
  std::lock_guard<std::mutex> lock(mutex_);
  const size_t count = std::min<size_t>(size, entries_.size());
  std::copy(entries_.begin(), entries_.begin() + static_cast<std::ptrdiff_t>(count), entries);
  if (recorded != nullptr) *recorded = static_cast<uint32_t>(entries_.size());
  if (dropped != nullptr) *dropped = dropped_;
}

void Trace::reset() {
  stop();
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.clear();
  entries_.shrink_to_fit();
  dropped_ = 0;
}

}  // namespace fpga_mock
