#include "device.h"

#include <sys/mman.h>

#include <cerrno>
#include <cstring>

#include "faults.h"
#include "lanes.h"

namespace fpga_mock {

namespace {

constexpr uint64_t KiB = 1024;
constexpr uint64_t MiB = 1024 * KiB;
constexpr uint64_t GiB = 1024 * MiB;

constexpr uint16_t kAmazonVendor = 0x1d0f;
constexpr uint16_t kMailboxDevice = 0x9248;
constexpr uint16_t kDefaultAppDevice = 0x9048;

// Buses of the FPGAs on an f2.48xlarge; a single-FPGA instance shows 0x34.
constexpr uint8_t kBuses48xl[FPGA_SLOT_MAX] = {0x9f, 0xa1, 0xa3, 0xa5, 0xae, 0xb0, 0xb2, 0xb4};
constexpr uint8_t kBusSingle = 0x34;

// The interfaces into the CL, which a power violation gates: OCL (app PF
// BAR0), PCIS (app PF BAR4) and SDA (mgmt PF BAR4). The shell's BARs stay up.
bool reaches_cl(int pf, int bar) { return bar == 4 || (pf == FPGA_APP_PF && bar == 0); }

}  // namespace

uint8_t* BarMemory::base() {
  std::call_once(mapped_, [this] {
    // Shared, as a BAR mapping is: a view of it is a second mapping of the same pages.
    void* p = mmap(nullptr, size_, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    base_ = p == MAP_FAILED ? nullptr : static_cast<uint8_t*>(p);
  });
  return base_;
}

void BarMemory::zero() {
  // Frees the pages themselves, so every mapping of them reads zero.
  if (base_ != nullptr) madvise(base_, size_, MADV_REMOVE);
}

void default_slot_spec(int index, int count, fpga_slot_spec* spec) {
  std::memset(spec, 0, sizeof(*spec));
  const uint8_t bus = count == 1 ? kBusSingle : kBuses48xl[index];
  const uint64_t app_sizes[FPGA_BAR_PER_PF_MAX] = {64 * MiB, 0, 64 * KiB, 0, 128 * GiB};
  const uint64_t mgmt_sizes[FPGA_BAR_PER_PF_MAX] = {16 * KiB, 0, 16 * KiB, 0, 4 * MiB};

  fpga_pci_resource_map& app = spec->map[FPGA_APP_PF];
  app.vendor_id = kAmazonVendor;
  app.device_id = kDefaultAppDevice;
  app.subsystem_vendor_id = kAmazonVendor;
  app.subsystem_device_id = kDefaultAppDevice;
  app.bus = bus;
  app.func = 0;
  app.resource_burstable[4] = true;

  fpga_pci_resource_map& mgmt = spec->map[FPGA_MGMT_PF];
  mgmt.vendor_id = kAmazonVendor;
  mgmt.device_id = kMailboxDevice;
  mgmt.subsystem_vendor_id = kAmazonVendor;
  mgmt.subsystem_device_id = kMailboxDevice;
  mgmt.bus = bus;
  mgmt.func = 1;

  // Packed fields: copy through memcpy rather than taking references.
  std::memcpy(app.resource_size, app_sizes, sizeof(app_sizes));
  std::memcpy(mgmt.resource_size, mgmt_sizes, sizeof(mgmt_sizes));
}

afi_device_ids default_app_pf_ids() { return {kAmazonVendor, kDefaultAppDevice, kAmazonVendor, kDefaultAppDevice}; }

Device::Device() { reset(startup_options()); }

int Device::reset(const aws_fpga_mock_options& options) {
  if (options.slots < 1 || options.slots > FPGA_SLOT_MAX) return -EINVAL;
  std::lock_guard<std::mutex> lock(mutex_);
  options_ = options;
  slot_count_ = static_cast<int>(options.slots);
  clock_.reset(options.virtual_time != 0);
  for (int i = 0; i < FPGA_SLOT_MAX; i++) {
    Slot& s = slots_[i];
    SlotLock slot_lock(s);
    s.index = i;
    default_slot_spec(i, slot_count_, &s.spec);
    for (int pf = 0; pf < FPGA_PF_MAX; pf++) {
      for (int bar = 0; bar < FPGA_BAR_PER_PF_MAX; bar++) {
        uint64_t size;
        std::memcpy(&size, &s.spec.map[pf].resource_size[bar], sizeof(size));
        // The size of a mapping is fixed at its first use; F2 BAR sizes never change.
        if (s.bars[pf][bar].size() == 0) s.bars[pf][bar].set_size(size);
        s.bars[pf][bar].zero();
      }
    }
    s.cl.reset();
    s.clocks_gated = false;
    s.metrics = Metrics();
    reset_image(s);
    s.write_memory(FPGA_MGMT_PF, 0, kShellVersionReg, 4, kShellVersion);
  }
  return 0;
}

aws_fpga_mock_options Device::options() {
  std::lock_guard<std::mutex> lock(mutex_);
  return options_;
}

Slot* Device::slot(int index) {
  if (index < 0 || index >= slot_count_) return nullptr;
  return &slots_[index];
}

int Device::attach(int slot_id, int pf, int bar, uint32_t flags, int* handle, bool denied_applies) {
  if (handle == nullptr) return -EINVAL;
  *handle = PCI_BAR_HANDLE_INIT;
  if (pf < 0 || pf >= FPGA_PF_MAX || bar < 0 || bar >= FPGA_BAR_PER_PF_MAX) return -EINVAL;
  if (slot_id < 0 || slot_id >= FPGA_SLOT_MAX) return -EINVAL;
  std::lock_guard<std::mutex> lock(mutex_);
  Slot* s = slot(slot_id);
  if (s == nullptr) return kAbsentSlot;
  bool burstable;
  {
    std::lock_guard<std::mutex> slot_lock(s->mutex);
    burstable = s->spec.map[pf].resource_burstable[bar];
  }
  if ((flags & BURST_CAPABLE) && !burstable) return -EINVAL;
  BarMemory& memory = s->bars[pf][bar];
  // The SDK cannot open a sysfs resource file for a BAR that does not exist,
  // nor one the process has no permission for.
  if (memory.size() == 0 || (denied_applies && Faults::get().attach_denied(slot_id))) return FPGA_ERR_UNRESPONSIVE;
  uint8_t* base = memory.base();
  if (base == nullptr) return -ENOMEM;
  for (int i = 0; i < kHandleCount; i++) {
    BarHandle& h = handles_[i];
    if (h.in_use) continue;
    h.slot = s;
    h.pf = pf;
    h.bar = bar;
    h.base = base;
    h.size = memory.size();
    h.generation.fetch_add(1, std::memory_order_acq_rel);
    h.in_use = true;
    *handle = i;
    return 0;
  }
  // A defect of the SDK's fpga_pci_attach, reproduced: with its table full it
  // overwrites -ENOMEM with the 0 of the munmap that cleans up, so it answers
  // success with the handle still PCI_BAR_HANDLE_INIT (-1).
  return 0;
}

// Lock-free: a finalizer may detach on a thread running a CL hook, which
// holds a slot's mutex, while another thread holds Device's and waits for it.
int Device::detach(int handle) {
  if (handle < 0 || handle >= kHandleCount) return -EINVAL;
  bool attached = true;
  return handles_[handle].in_use.compare_exchange_strong(attached, false) ? 0 : -EINVAL;
}

template <typename AskCl>
Answer Slot::checked_answer(int pf, int bar, AskCl ask_cl) {
  settle(*this, Device::get().clock().now_ms());
  if (clocks_gated && reaches_cl(pf, bar)) return Answer::kNoResponse;
  return cl ? ask_cl(*cl) : Answer::kUnclaimed;
}

void Slot::read(int pf, int bar, uint64_t offset, unsigned width, uint64_t* value) {
  if (!needs_lock(pf, bar, offset, width)) {
    read_memory(pf, bar, offset, width, value);
    return;
  }
  SlotLock lock(*this);
  const Answer answer = checked_answer(pf, bar, [&](LoadedCl& c) { return c.read(pf, bar, offset, width, value); });
  if (answer == Answer::kUnclaimed) {
    read_memory(pf, bar, offset, width, value);
  } else if (answer == Answer::kNoResponse) {
    metrics.record_timeout(pf, bar, offset);
    *value = all_ones(width);
  }
}

void Slot::write(int pf, int bar, uint64_t offset, unsigned width, uint64_t value) {
  if (!needs_lock(pf, bar, offset, width)) {
    write_memory(pf, bar, offset, width, value);
    return;
  }
  SlotLock lock(*this);
  const Answer answer = checked_answer(pf, bar, [&](LoadedCl& c) { return c.write(pf, bar, offset, width, value); });
  if (answer == Answer::kUnclaimed) {
    write_memory(pf, bar, offset, width, value);
  } else if (answer == Answer::kNoResponse) {
    metrics.record_timeout(pf, bar, offset);
  }
}

void Slot::read_memory(int pf, int bar, uint64_t offset, unsigned width, uint64_t* value) {
  uint8_t* base = bars[pf][bar].base();
  *value = 0;
  if (base != nullptr) std::memcpy(value, base + offset, width);
}

void Slot::write_memory(int pf, int bar, uint64_t offset, unsigned width, uint64_t value) {
  uint8_t* base = bars[pf][bar].base();
  if (base != nullptr) std::memcpy(base + offset, &value, width);
}

void Slot::update_intercepting() {
  const bool registers = cl != nullptr && cl->has_registers();
  intercepting.store(registers || clocks_gated || image.op != Image::Op::kNone, std::memory_order_release);
}

void Slot::set_leds(uint16_t value) { write_memory(FPGA_MGMT_PF, 0, kVirtualLedReg, 4, value); }

}  // namespace fpga_mock
