// The shell's per-slot hardware metrics: interface error counters, PCIM
// traffic and Vccint power, as describe reports them with GET_HW_METRICS.
#pragma once

#include <cstdint>

#include "../sdk_abi.h"

namespace fpga_mock {

// Above this Vccint draw the shell warns the CL (sh_cl_pwr_state 2).
constexpr uint32_t kPowerWarningWatts = 85;

class Metrics {
 public:
  // A CL access while its clocks are gated: the interface times out.
  void record_timeout(int pf, int bar, uint64_t offset);
  // Traffic the CL generated towards the host (PCIM).
  void add_pcim(uint64_t reads, uint64_t writes);
  // A new draw from now on; `restart` also starts the mean and the maximum over
  // (a new CL, or none).
  void set_power(uint64_t now_ms, uint32_t watts, bool restart);

  // Fills the counters and power fields, and `flags` with the shell's power
  // state (sh_cl_pwr_state: 0 normal, 2 above kPowerWarningWatts, 3 clocks
  // gated), which is this simulation's use of that field.
  void report(uint64_t now_ms, bool gated, f2_metrics_common* out) const;
  // CLEAR_HW_METRICS: counters to zero, mean and maximum start over.
  void clear(uint64_t now_ms);

 private:
  friend struct SnapshotAccess;  // snapshot.cc saves and restores the counters
  struct Timeouts {
    uint64_t addr = 0;  // of the last one
    uint32_t count = 0;
  };
  uint32_t int_status_ = 0;
  Timeouts ocl_, sda_, pcis_;
  uint64_t pcim_reads_ = 0;
  uint64_t pcim_writes_ = 0;

  uint32_t watts_ = 0;
  uint32_t max_watts_ = 0;
  uint64_t since_ms_ = 0;    // start of the mean
  uint64_t changed_ms_ = 0;  // when watts_ took its value
  uint64_t energy_ = 0;      // watt-milliseconds from since_ms_ to changed_ms_
};

}  // namespace fpga_mock
