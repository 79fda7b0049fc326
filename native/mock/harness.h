// The test harness's hold on the simulated device: pending faults, the access
// trace and running CL hooks. PCI accesses read one word, `armed`, and take
// the checked path only when it is non-zero, so the fast path stays as it was.
#pragma once

#include <atomic>
#include <cstdint>

#include "control.h"

namespace fpga_mock {

struct Slot;

enum : uint32_t {
  kArmedTrace = 1u << 0,
  kArmedFaults = 1u << 1,
  kArmedHook = 1u << 8,  // one per CL hook running, counted in the bits from here up
};
extern std::atomic<uint32_t> armed;
inline bool harness_armed() { return armed.load(std::memory_order_relaxed) != 0; }
void set_armed(uint32_t bit, bool on);

// Marks this thread as running a CL hook for `slot`, whose mutex it holds.
class HookScope {
 public:
  explicit HookScope(const Slot& slot);
  ~HookScope();
  HookScope(const HookScope&) = delete;
  HookScope& operator=(const HookScope&) = delete;

 private:
  const Slot* outer_;
};
// The slot whose CL hook runs on this thread, or nullptr.
const Slot* hook_slot();

// -EDEADLK inside a CL hook: a device call there could wait for the slot the
// hook holds. 0 elsewhere.
int refuse_in_hook();
// What a call of `op` on `slot` returns instead of reaching the device:
// -EDEADLK inside a hook, else an injected fault's code, else 0 (go ahead).
int enter(aws_fpga_mock_op op, int slot);

}  // namespace fpga_mock
