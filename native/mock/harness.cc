#include "harness.h"

#include <cerrno>

#include "faults.h"

namespace fpga_mock {

std::atomic<uint32_t> armed{0};

namespace {
thread_local const Slot* running_hook = nullptr;
}  // namespace

void set_armed(uint32_t bit, bool on) {
  if (on) {
    armed.fetch_or(bit, std::memory_order_relaxed);
  } else {
    armed.fetch_and(~bit, std::memory_order_relaxed);
  }
}

HookScope::HookScope(const Slot& slot) : outer_(running_hook) {
  running_hook = &slot;
  armed.fetch_add(kArmedHook, std::memory_order_relaxed);
}

HookScope::~HookScope() {
  armed.fetch_sub(kArmedHook, std::memory_order_relaxed);
  running_hook = outer_;
}

const Slot* hook_slot() { return running_hook; }

int refuse_in_hook() { return running_hook != nullptr ? -EDEADLK : 0; }

int enter(aws_fpga_mock_op op, int slot) {
  if (const int rc = refuse_in_hook()) return rc;
  return Faults::get().take(op, slot);
}

}  // namespace fpga_mock
