// The access trace (aws_fpga_mock_start_trace): the first `limit` PCI accesses
// since the start, then only a count of the ones that found no room. Keeping
// the first ones, not the latest, keeps what a test asserts on in place.
#pragma once

#include <mutex>
#include <vector>

#include "control.h"

namespace fpga_mock {

class Trace {
 public:
  static Trace& get();

  int start(uint32_t limit);
  void stop();
  // Records the access when tracing.
  void record(const aws_fpga_mock_trace_entry& entry);
  void read(aws_fpga_mock_trace_entry* entries, uint32_t size, uint32_t* recorded, uint64_t* dropped);
  void reset();

 private:
  Trace() = default;
  std::mutex mutex_;
  bool recording_ = false;
  uint32_t limit_ = 0;
  std::vector<aws_fpga_mock_trace_entry> entries_;
  uint64_t dropped_ = 0;
};

}  // namespace fpga_mock
