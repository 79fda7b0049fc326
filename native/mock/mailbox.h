// The simulated SDK's side of the management mailbox: library state (init,
// command timeout and delay) and the command round trip to a slot's service.
#pragma once

#include <cerrno>
#include <cstdint>

#include "device.h"

namespace fpga_mock {

// fpga_mgmt_init / fpga_mgmt_close.
void set_mgmt_initialized(bool initialized);
bool mgmt_initialized();
// fpga_mgmt_set_cmd_timeout / _delay_msec: how long a command waits for the
// mailbox (timeout polls, delay_msec apart).
void set_cmd_timeout(uint32_t polls);
void set_cmd_delay_ms(uint32_t ms);

// Waits out the command timeout, as for a mailbox that never answers.
void wait_for_mailbox_timeout();

// The slot's mailbox BAR (mgmt PF BAR0), as fpga_mgmt_mbox_attach keeps it:
// attached by the slot's first command after fpga_mgmt_init, so it holds an
// entry of the BAR handle table, and detached only by fpga_mgmt_close. 0 when
// usable; the attach's error; or -1 (as the SDK's mailbox reads fail) once
// another call has detached the handle the library still holds.
int use_mailbox(int slot_id);
void detach_mailboxes();  // fpga_mgmt_close

// A defect of the SDK's aws_clkgen_set_recipe and aws_clkgen_set_dynamic,
// reproduced: their argument checks jump to the clean-up before the BAR
// handle is initialised, and the clean-up detaches whatever number the stack
// held. On the real library that was the slot's mailbox handle, so every
// later management call on the slot failed with -1 until fpga_mgmt_close.
void detach_stray_handle(int slot_id);

// Sends one command to the slot's service: unresponsive when the device has
// no such slot; the mailbox's error (use_mailbox); -ETIMEDOUT after the
// command timeout when the mailbox does not answer; else the service's answer
// fn(slot, now_ms), run with the slot settled and its mutex held. The caller
// has checked the slot number.
template <typename Fn>
int mailbox_command(int slot_id, Fn fn) {
  Device& device = Device::get();
  Slot* slot = device.slot(slot_id);
  if (slot == nullptr) return kAbsentSlot;
  if (const int rc = use_mailbox(slot_id)) return rc;
  {
    SlotLock lock(*slot);
    const uint64_t now_ms = device.clock().now_ms();
    settle(*slot, now_ms);
    if (!slot->image.unresponsive) return fn(*slot, now_ms);
  }
  wait_for_mailbox_timeout();
  return -ETIMEDOUT;
}

// The shell version register (mgmt PF BAR0), as the SDK reads it.
int read_sh_version(int slot_id, uint32_t* sh_version);

// Describe's mailbox round trip with the SDK's retries: status, ids, metrics
// and sh_version, not the slot spec.
int describe_command(int slot_id, fpga_mgmt_image_info* info, uint32_t flags);

// The options the flag-taking load calls build, as the SDK's do.
fpga_mgmt_load_local_image_options load_options(int slot_id, char* afi_id, uint32_t flags);

// The management calls without their entry checks (CL hooks, injected
// faults), for the calls built from them (mgmt.cc).
int describe_image(int slot_id, fpga_mgmt_image_info* info, uint32_t flags);
int load_command(fpga_mgmt_load_local_image_options* opt);
int clear_command(int slot_id);

// The service's answer latency for a command kind (aws_fpga_mock_set_latency).
void wait_latency(uint32_t ms);

}  // namespace fpga_mock
