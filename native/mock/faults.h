// Injected faults: failures of the next calls of an operation, the service's
// answer latency, and slots whose BARs may not be attached.
#pragma once

#include <mutex>

#include "../sdk_abi.h"
#include "control.h"

namespace fpga_mock {

class Faults {
 public:
  static Faults& get();

  // See aws_fpga_mock_fail_next.
  int fail_next(int op, int slot, int code, uint32_t count);
  // The code a call of `op` on `slot` (-1: no particular slot) must fail
  // with, using up one call of the fault; 0 when none is pending.
  int take(aws_fpga_mock_op op, int slot);

  void set_latency(const aws_fpga_mock_latency& latency);
  aws_fpga_mock_latency latency();

  // `slot` -1: every slot.
  void deny_attach(int slot, bool deny);
  bool attach_denied(int slot);

  void reset();

 private:
  Faults() = default;
  struct Pending {
    int code = 0;
    uint32_t calls = 0;
  };
  // The entry for `slot`: index 0 holds the any-slot faults.
  Pending& pending(int op, int slot) { return pending_[op][slot + 1]; }

  std::mutex mutex_;
  Pending pending_[AWS_FPGA_MOCK_OP_COUNT][FPGA_SLOT_MAX + 1];
  int pending_count_ = 0;  // entries with calls left
  aws_fpga_mock_latency latency_{};
  uint32_t denied_slots_ = 0;  // a bit per slot
};

}  // namespace fpga_mock
