// How the simulated device's controls reach a slot's state.
#pragma once

#include <cerrno>

#include "device.h"
#include "harness.h"

namespace fpga_mock {

// Runs fn(slot, now_ms) with the slot's mutex held and its state settled.
// Refused inside a CL hook, which holds a slot's mutex.
template <typename Fn>
int with_slot(int slot_id, Fn fn) {
  if (const int rc = refuse_in_hook()) return rc;
  if (slot_id < 0 || slot_id >= FPGA_SLOT_MAX) return -EINVAL;
  Slot* slot = Device::get().slot(slot_id);
  if (slot == nullptr) return -ENOENT;
  SlotLock lock(*slot);
  const uint64_t now_ms = Device::get().clock().now_ms();
  settle(*slot, now_ms);
  return fn(*slot, now_ms);
}

// Runs fn(slot) for the CL's logic: directly inside the slot's own CL hook
// (which holds its mutex; settling there could unload the running CL), else
// like with_slot. Another slot's, from inside a hook, could deadlock: refused.
template <typename Fn>
int with_cl_slot(int slot_id, Fn fn) {
  if (slot_id < 0 || slot_id >= FPGA_SLOT_MAX) return -EINVAL;
  Slot* slot = Device::get().slot(slot_id);
  if (slot == nullptr) return -ENOENT;
  if (hook_slot() == slot) return fn(*slot);
  return with_slot(slot_id, [&](Slot& s, uint64_t) { return fn(s); });
}

}  // namespace fpga_mock
