// The simulated F2 device: slots, their PCI functions and BAR memory, the BAR
// handle table and the clock. One instance per process, like the hardware.
//
// Locking: Device's mutex before a slot's, never the other way round. A CL
// hook runs with its slot's mutex held, so nothing a hook may reach (detach,
// from a finalizer) takes Device's mutex.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

#include "../sdk_abi.h"
#include "cl.h"
#include "clock.h"
#include "control.h"
#include "image.h"
#include "metrics.h"

namespace fpga_mock {

// Sparse BAR memory: a shared anonymous mapping reserved once and never
// unmapped, so untouched pages cost nothing and read as zero, a pointer handed
// out through fpga_pci_get_address stays valid for the life of the process,
// and the pages can be mapped a second time (mremap), as a resource file can.
class BarMemory {
 public:
  uint8_t* base();  // maps on first use; nullptr if the mapping failed
  void zero();      // drops every page: the memory reads as zero again
  void set_size(uint64_t size) { size_ = size; }
  uint64_t size() const { return size_; }

 private:
  std::once_flag mapped_;
  uint8_t* base_ = nullptr;
  uint64_t size_ = 0;
};

// Shell registers in the management PF's BAR0.
constexpr uint64_t kShellVersionReg = 0x00;
constexpr uint64_t kVirtualLedReg = 0xd0;
constexpr uint64_t kVirtualDipReg = 0xd4;

struct Slot {
  int index = 0;
  BarMemory bars[FPGA_PF_MAX][FPGA_BAR_PER_PF_MAX];

  std::mutex mutex;       // guards everything below
  fpga_slot_spec spec{};  // the app PF's ids change with the loaded AFI at a rescan
  // True while a CL register model is up, the CL clocks are gated or a load or
  // clear runs, so that the fast path (plain memory) can skip the lock.
  std::atomic<bool> intercepting{false};
  Image image;
  Metrics metrics;
  std::unique_ptr<LoadedCl> cl;  // the loaded AFI's logic, if any
  bool clocks_gated = false;     // after a power violation

  // A BAR access of `width` bytes; the caller has checked the bounds. Settles
  // the slot first when something intercepts, then applies gating and the CL.
  void read(int pf, int bar, uint64_t offset, unsigned width, uint64_t* value);
  void write(int pf, int bar, uint64_t offset, unsigned width, uint64_t value);
  // Whether an access to [offset, offset + length) must go through read/write
  // under the mutex rather than straight to BAR memory. Inline: every register
  // access asks.
  bool needs_lock(int pf, int bar, uint64_t offset, uint64_t length) const {
    // The virtual LED and DIP switch registers are shared with CL models, which
    // use them under the mutex.
    const bool leds_or_switches =
        pf == FPGA_MGMT_PF && bar == 0 && offset < kVirtualDipReg + 4 && offset + length > kVirtualLedReg;
    return leds_or_switches || intercepting.load(std::memory_order_acquire);
  }
  // BAR memory itself, bypassing everything above.
  void read_memory(int pf, int bar, uint64_t offset, unsigned width, uint64_t* value);
  void write_memory(int pf, int bar, uint64_t offset, unsigned width, uint64_t value);
  void update_intercepting();
  // The virtual LEDs, driven by the CL (mutex held).
  void set_leds(uint16_t value);

 private:
  // With the mutex held: no response when the CL's clocks are gated, else the
  // CL's answer from ask_cl(LoadedCl&), after settling the slot.
  template <typename AskCl>
  Answer checked_answer(int pf, int bar, AskCl ask_cl);
};

// Holds a slot's mutex and recomputes the fast-path flag before releasing it,
// so that no state change can leave the flag stale.
class SlotLock {
 public:
  explicit SlotLock(Slot& slot) : slot_(slot), lock_(slot.mutex) {}
  ~SlotLock() { slot_.update_intercepting(); }
  SlotLock(const SlotLock&) = delete;
  SlotLock& operator=(const SlotLock&) = delete;

 private:
  Slot& slot_;
  std::lock_guard<std::mutex> lock_;
};

struct BarHandle {
  std::atomic<bool> in_use{false};
  // Counts the attaches of this entry, so that an access that lets a CL hook
  // run can tell whether its handle still names the BAR it started on.
  std::atomic<uint64_t> generation{0};
  Slot* slot = nullptr;
  int pf = 0;
  int bar = 0;
  uint8_t* base = nullptr;
  uint64_t size = 0;
};

enum { kHandleCount = 64 };  // FPGA_PCI_BARS_MAX in the SDK's default build

// What the SDK answers for a slot the instance does not have: its sysfs walk
// finds no such device, and fpga_pci_get_slot_spec, _get_resource_map and
// _attach (so every call built on them) report unresponsive, not -ENOENT.
constexpr int kAbsentSlot = FPGA_ERR_UNRESPONSIVE;

class Device {
 public:
  static Device& get() {
    static Device device;
    return device;
  }

  int reset(const aws_fpga_mock_options& options);
  // The slot with this index, or nullptr when the device has no such slot.
  Slot* slot(int index);
  int slot_count() const { return slot_count_; }
  aws_fpga_mock_options options();
  Clock& clock() { return clock_; }

  // `denied_applies`: whether an attach refused by aws_fpga_mock_deny_attach
  // fails (the library's own mailbox attach is not the program's to deny).
  int attach(int slot, int pf, int bar, uint32_t flags, int* handle, bool denied_applies = true);
  int detach(int handle);
  // True while `handle` is the attachment whose generation was `generation`.
  bool still_attached(int handle, uint64_t generation) const {
    const BarHandle* h = this->handle(handle);
    return h != nullptr && h->generation.load(std::memory_order_acquire) == generation;
  }
  // The attached handle, or nullptr.
  const BarHandle* handle(int handle) const {
    if (handle < 0 || handle >= kHandleCount || !handles_[handle].in_use) return nullptr;
    return &handles_[handle];
  }

 private:
  Device();
  std::mutex mutex_;  // guards the handle table and the configuration
  aws_fpga_mock_options options_{};
  std::atomic<int> slot_count_{0};
  Slot slots_[FPGA_SLOT_MAX];
  BarHandle handles_[kHandleCount];
  Clock clock_;
};

// The default PCI identity of slot `index` among `count` slots.
void default_slot_spec(int index, int count, fpga_slot_spec* spec);
// The app PF's ids with no AFI loaded.
afi_device_ids default_app_pf_ids();
// The options a process starts with: the defaults, overridden by the
// AWS_FPGA_MOCK_* environment variables (see control.h).
aws_fpga_mock_options startup_options();

}  // namespace fpga_mock
