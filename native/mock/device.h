// The simulated F2 device: slots, their PCI functions and BAR memory, the BAR
// handle table and the clock. One instance per process, like the hardware.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

#include "../sdk_abi.h"
#include "control.h"

namespace fpga_mock {

// Sparse BAR memory: an anonymous mapping reserved once and never unmapped, so
// untouched pages cost nothing and read as zero, and a pointer handed out
// through fpga_pci_get_address stays valid for the life of the process.
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

// Registers with behaviour, answering CL accesses before they reach BAR memory.
// Called with the slot's mutex held.
class ClModel {
 public:
  virtual ~ClModel() = default;
  // Return true when the model answered the access.
  virtual bool read(int pf, int bar, uint64_t offset, unsigned width, uint64_t* value) = 0;
  virtual bool write(int pf, int bar, uint64_t offset, unsigned width, uint64_t value) = 0;
};

struct Slot {
  int index = 0;
  fpga_slot_spec spec{};  // the app PF's ids change with the loaded AFI
  BarMemory bars[FPGA_PF_MAX][FPGA_BAR_PER_PF_MAX];

  std::mutex mutex;  // guards everything below
  // True while a CL model is up or the CL clocks are gated, so that the fast
  // path (plain memory) can skip the lock.
  std::atomic<bool> intercepting{false};
  std::shared_ptr<ClModel> model;
  bool clocks_gated = false;

  // A CL access of `width` bytes; the handle's bounds are already checked.
  void read(int pf, int bar, uint64_t offset, unsigned width, uint64_t* value);
  void write(int pf, int bar, uint64_t offset, unsigned width, uint64_t value);
  void update_intercepting() { intercepting.store(model != nullptr || clocks_gated); }
};

struct BarHandle {
  std::atomic<bool> in_use{false};
  Slot* slot = nullptr;
  int pf = 0;
  int bar = 0;
  uint8_t* base = nullptr;
  uint64_t size = 0;
};

// Milliseconds since the last reset, real or virtual.
class Clock {
 public:
  void reset(bool is_virtual);
  uint64_t now_ms() const;
  // The SDK's waits go through here: real time sleeps, virtual time jumps.
  void sleep_ms(uint64_t ms);
  void advance(uint64_t ms);

 private:
  bool virtual_ = false;
  std::atomic<uint64_t> virtual_now_{0};
  int64_t real_start_ns_ = 0;
};

enum { kHandleCount = 64 };  // FPGA_PCI_BARS_MAX in the SDK's default build

class Device {
 public:
  static Device& get();

  int reset(const aws_fpga_mock_options& options);
  // The slot with this index, or nullptr when the device has no such slot.
  Slot* slot(int index);
  int slot_count() const { return slot_count_; }
  const aws_fpga_mock_options& options() const { return options_; }
  Clock& clock() { return clock_; }

  int attach(int slot, int pf, int bar, uint32_t flags, int* handle);
  int detach(int handle);
  // The attached handle, or nullptr.
  const BarHandle* handle(int handle) const;

 private:
  Device();
  std::mutex mutex_;  // guards the handle table and the configuration
  aws_fpga_mock_options options_{};
  int slot_count_ = 0;
  Slot slots_[FPGA_SLOT_MAX];
  BarHandle handles_[kHandleCount];
  Clock clock_;
};

// The default PCI identity of slot `index` among `count` slots.
void default_slot_spec(int index, int count, fpga_slot_spec* spec);

}  // namespace fpga_mock
