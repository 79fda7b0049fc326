#include "faults.h"

#include <cerrno>

#include "harness.h"

namespace fpga_mock {

namespace {
constexpr uint32_t kEverySlot = (1u << FPGA_SLOT_MAX) - 1;
}  // namespace

Faults& Faults::get() {
  static Faults faults;
  return faults;
}

int Faults::fail_next(int op, int slot, int code, uint32_t count) {
  if (op < 0 || op >= AWS_FPGA_MOCK_OP_COUNT || slot < AWS_FPGA_MOCK_ANY_SLOT || slot >= FPGA_SLOT_MAX) return -EINVAL;
  if (code == 0 && count > 0) return -EINVAL;
  std::lock_guard<std::mutex> lock(mutex_);
  Pending& entry = pending(op, slot);
  pending_count_ += (count > 0) - (entry.calls > 0);
  entry = {code, count};
  set_armed(kArmedFaults, pending_count_ > 0);
  return 0;
}

int Faults::take(aws_fpga_mock_op op, int slot) {
  if ((armed.load(std::memory_order_relaxed) & kArmedFaults) == 0) return 0;
  std::lock_guard<std::mutex> lock(mutex_);
  const bool known_slot = slot >= 0 && slot < FPGA_SLOT_MAX;
  Pending* entry = known_slot && pending(op, slot).calls > 0 ? &pending(op, slot) : &pending(op, AWS_FPGA_MOCK_ANY_SLOT);
  if (entry->calls == 0) return 0;
  if (--entry->calls == 0) pending_count_--;
  set_armed(kArmedFaults, pending_count_ > 0);
  return entry->code;
}

void Faults::set_latency(const aws_fpga_mock_latency& latency) {
  std::lock_guard<std::mutex> lock(mutex_);
  latency_ = latency;
}

aws_fpga_mock_latency Faults::latency() {
  std::lock_guard<std::mutex> lock(mutex_);
  return latency_;
}

void Faults::deny_attach(int slot, bool deny) {
  const uint32_t bits = slot == AWS_FPGA_MOCK_ANY_SLOT ? kEverySlot : 1u << slot;
  std::lock_guard<std::mutex> lock(mutex_);
  denied_slots_ = deny ? denied_slots_ | bits : denied_slots_ & ~bits;
}

bool Faults::attach_denied(int slot) {
  std::lock_guard<std::mutex> lock(mutex_);
  return (denied_slots_ >> slot) & 1;
}

void Faults::reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& op : pending_)
    for (Pending& entry : op) entry = Pending();
  pending_count_ = 0;
  latency_ = {};
  denied_slots_ = 0;
  set_armed(kArmedFaults, false);
}

}  // namespace fpga_mock
