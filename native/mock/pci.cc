// fpga_pci_* of the simulated device.
#include <cerrno>
#include <cstring>
#include <cwchar>
#include <memory>
#include <new>

#include "device.h"
#include "faults.h"
#include "harness.h"
#include "pci_internal.h"
#include "trace.h"

using fpga_mock::BarHandle;
using fpga_mock::Device;

namespace {

constexpr uint64_t kRemoveToRescanMs = 500;

// The handle, when it is attached and [offset, offset + length) lies inside its BAR.
// Unlike the SDK's check, this one cannot wrap around.
const BarHandle* checked(pci_bar_handle_t handle, uint64_t offset, uint64_t length) {
  const BarHandle* h = Device::get().handle(handle);
  if (h == nullptr || offset > h->size || length > h->size - offset) return nullptr;
  return h;
}

// The armed path of harnessed(): refuses the access inside a CL hook or
// fails it with an injected fault, then traces it. Kept out of line, so that
// the fast path stays small enough to inline.
template <typename Access>
__attribute__((noinline, cold)) int armed_access(aws_fpga_mock_op op, const BarHandle& h, uint64_t offset,
                                                 unsigned width, uint64_t dwords, const uint64_t& value,
                                                 Access access) {
  const int rc = fpga_mock::enter(op, h.slot->index);
  if (rc == 0) access();
  // A peek's `value` is its result, so a failed peek read nothing.
  const uint64_t traced = rc != 0 && op == AWS_FPGA_MOCK_OP_PEEK ? 0 : value;
  fpga_mock::Trace::get().record({offset, traced, dwords, rc, static_cast<uint16_t>(op),
                                  static_cast<uint8_t>(h.slot->index), static_cast<uint8_t>(h.pf),
                                  static_cast<uint8_t>(h.bar), static_cast<uint8_t>(width)});
  return rc;
}

// True when an access touches nothing but BAR memory: no harness armed, and
// no CL model, gating or load intercepting it. Register accesses then cost a
// few loads and one fixed-width copy.
bool plain(const BarHandle& h, uint64_t offset, uint64_t length) {
  return !fpga_mock::harness_armed() && !h.slot->needs_lock(h.pf, h.bar, offset, length);
}

// Runs a checked PCI access: through the harness when it is armed.
template <typename Access>
int harnessed(aws_fpga_mock_op op, const BarHandle& h, uint64_t offset, unsigned width, uint64_t dwords,
              const uint64_t& value, Access access) {
  if (__builtin_expect(fpga_mock::harness_armed(), 0)) return armed_access(op, h, offset, width, dwords, value, access);
  access();
  return 0;
}

template <typename T>
int peek_as(pci_bar_handle_t handle, uint64_t offset, T* value) {
  if (value == nullptr) return -EINVAL;
  const BarHandle* h = checked(handle, offset, sizeof(T));
  if (h == nullptr) return -EINVAL;
  if (__builtin_expect(plain(*h, offset, sizeof(T)), 1)) {
    std::memcpy(value, h->base + offset, sizeof(T));
    return 0;
  }
  uint64_t wide = 0;
  const int rc = harnessed(AWS_FPGA_MOCK_OP_PEEK, *h, offset, sizeof(T), 0, wide,
                           [h, offset, &wide] { h->slot->read(h->pf, h->bar, offset, sizeof(T), &wide); });
  if (rc == 0) *value = static_cast<T>(wide);
  return rc;
}

template <typename T>
int poke_as(pci_bar_handle_t handle, uint64_t offset, T value) {
  const BarHandle* h = checked(handle, offset, sizeof(T));
  if (h == nullptr) return -EINVAL;
  if (__builtin_expect(plain(*h, offset, sizeof(T)), 1)) {
    std::memcpy(h->base + offset, &value, sizeof(T));
    return 0;
  }
  const uint64_t wide = value;
  return harnessed(AWS_FPGA_MOCK_OP_POKE, *h, offset, sizeof(T), 0, wide,
                   [h, offset, wide] { h->slot->write(h->pf, h->bar, offset, sizeof(T), wide); });
}

// The dwords of a write_burst: copied in one go on the plain path, unless the
// data is a view of the BAR itself. That one is copied as the SDK does, a
// dword at a time from the first, whatever that does to the data not yet read.
struct BurstSource {
  const uint32_t* data;
  uint32_t operator()(uint64_t i) const { return data[i]; }
  void copy(uint8_t* dst, uint64_t dwords) const {
    const uintptr_t to = reinterpret_cast<uintptr_t>(dst);
    const uintptr_t from = reinterpret_cast<uintptr_t>(data);
    if (to < from + 4 * dwords && from < to + 4 * dwords) {
      for (uint64_t i = 0; i < dwords; i++) {
        const uint32_t dword = data[i];
        std::memcpy(dst + 4 * i, &dword, 4);
      }
    } else if (dwords > 0) {
      std::memcpy(dst, data, 4 * dwords);
    }
  }
};

// A burst's dwords once copied out of the caller's buffer.
struct OwnedBurst {
  const uint32_t* data;
  uint32_t operator()(uint64_t i) const { return data[i]; }
};

// The dwords of a memset. glibc's wmemset (wchar_t is 32 bits on Linux) fills
// with vector stores at full speed wherever the compiler placed this code.
struct MemsetSource {
  uint32_t value;
  uint32_t operator()(uint64_t) const { return value; }
  void copy(uint8_t* dst, uint64_t dwords) const {
    static_assert(sizeof(wchar_t) == 4, "wmemset must fill 32-bit words");
    if (reinterpret_cast<uintptr_t>(dst) % alignof(wchar_t) == 0) {
      wmemset(reinterpret_cast<wchar_t*>(dst), static_cast<wchar_t>(value), dwords);
      return;
    }
    for (uint64_t i = 0; i < dwords; i++) std::memcpy(dst + 4 * i, &value, 4);
  }
};

// The dwords one at a time, each through the CL models and gating. A model's
// hook runs JavaScript, which may detach this handle: the burst stops with
// -EINVAL once the handle no longer names the BAR it started on.
template <typename Source>
int write_each(pci_bar_handle_t handle, const BarHandle& h, uint64_t offset, uint64_t dword_len, const Source& source) {
  const uint64_t generation = h.generation.load(std::memory_order_acquire);
  for (uint64_t i = 0; i < dword_len; i++) {
    if (!Device::get().still_attached(handle, generation)) return -EINVAL;
    h.slot->write(h.pf, h.bar, offset + 4 * i, 4, source(i));
  }
  return 0;
}

// The hooks may also free or resize the caller's buffer: a burst copies its
// data before the first of them runs.
int write_each(pci_bar_handle_t handle, const BarHandle& h, uint64_t offset, uint64_t dword_len,
               const BurstSource& source) {
  std::unique_ptr<uint32_t[]> dwords(new (std::nothrow) uint32_t[dword_len]);
  if (dwords == nullptr) return -ENOMEM;
  if (dword_len > 0) std::memcpy(dwords.get(), source.data, 4 * dword_len);
  return write_each(handle, h, offset, dword_len, OwnedBurst{dwords.get()});
}

// Bulk writes: straight into memory unless a CL model or gating must see each
// dword. `traced` is the value the trace shows (memset's fill value).
template <typename Source>
int write_dwords(aws_fpga_mock_op op, pci_bar_handle_t handle, uint64_t offset, uint64_t dword_len, uint64_t traced,
                 const Source& source) {
  if (dword_len > UINT64_MAX / 4) return -EINVAL;
  const BarHandle* h = checked(handle, offset, dword_len * 4);
  if (h == nullptr) return -EINVAL;
  int rc = 0;
  const int entered = harnessed(op, *h, offset, 4, dword_len, traced, [&] {
    if (h->slot->needs_lock(h->pf, h->bar, offset, dword_len * 4)) {
      rc = write_each(handle, *h, offset, dword_len, source);
    } else {
      source.copy(h->base + offset, dword_len);
    }
  });
  return entered != 0 ? entered : rc;
}

bool valid_slot(int slot_id) { return slot_id >= 0 && slot_id < FPGA_SLOT_MAX; }

}  // namespace

namespace fpga_mock {

int slot_spec(int slot_id, fpga_slot_spec* spec) {
  if (!valid_slot(slot_id) || spec == nullptr) return -EINVAL;
  Slot* s = Device::get().slot(slot_id);
  if (s == nullptr) return kAbsentSlot;
  std::lock_guard<std::mutex> lock(s->mutex);
  *spec = s->spec;
  return 0;
}

int resource_map(int slot_id, int pf_id, fpga_pci_resource_map* map) {
  if (pf_id < 0 || pf_id >= FPGA_PF_MAX || map == nullptr) return -EINVAL;
  fpga_slot_spec spec;
  const int rc = slot_spec(slot_id, &spec);
  if (rc == 0) *map = spec.map[pf_id];
  return rc;
}

// The app PF comes back with the ids of the CL now on the FPGA. Like the SDK,
// the removal is followed by a pause before the rescan (no driver bound).
int rescan_app_pfs(int slot_id) {
  if (!valid_slot(slot_id)) return -EINVAL;
  Slot* s = Device::get().slot(slot_id);
  if (s == nullptr) return kAbsentSlot;
  Device::get().clock().sleep_ms(kRemoveToRescanMs);
  SlotLock lock(*s);
  settle(*s, Device::get().clock().now_ms());
  const afi_device_ids ids = app_pf_ids(*s);
  fpga_pci_resource_map& app = s->spec.map[FPGA_APP_PF];
  app.vendor_id = ids.vendor_id;
  app.device_id = ids.device_id;
  app.subsystem_vendor_id = ids.svid;
  app.subsystem_device_id = ids.ssid;
  return 0;
}

}  // namespace fpga_mock

extern "C" {

int fpga_pci_init(void) { return 0; }

int fpga_pci_attach(int slot_id, int pf_id, int bar_id, uint32_t flags, pci_bar_handle_t* handle) {
  if (const int rc = fpga_mock::enter(AWS_FPGA_MOCK_OP_ATTACH, slot_id)) {
    if (handle != nullptr) *handle = PCI_BAR_HANDLE_INIT;
    return rc;
  }
  return Device::get().attach(slot_id, pf_id, bar_id, flags, handle);
}

// Never refused inside a CL hook, since finalizers detach from anywhere. An
// injected fault is returned once the handle is released: the binding drops
// its handle whatever detach returns, so keeping it would leak it.
int fpga_pci_detach(pci_bar_handle_t handle) {
  const BarHandle* h = Device::get().handle(handle);
  const int slot_id = h != nullptr ? h->slot->index : AWS_FPGA_MOCK_ANY_SLOT;
  const int rc = Device::get().detach(handle);
  return rc != 0 ? rc : fpga_mock::Faults::get().take(AWS_FPGA_MOCK_OP_DETACH, slot_id);
}

int fpga_pci_poke(pci_bar_handle_t handle, uint64_t offset, uint32_t value) { return poke_as(handle, offset, value); }

int fpga_pci_poke8(pci_bar_handle_t handle, uint64_t offset, uint8_t value) { return poke_as(handle, offset, value); }

int fpga_pci_poke64(pci_bar_handle_t handle, uint64_t offset, uint64_t value) { return poke_as(handle, offset, value); }

int fpga_pci_peek(pci_bar_handle_t handle, uint64_t offset, uint32_t* value) { return peek_as(handle, offset, value); }

int fpga_pci_peek8(pci_bar_handle_t handle, uint64_t offset, uint8_t* value) { return peek_as(handle, offset, value); }

int fpga_pci_peek64(pci_bar_handle_t handle, uint64_t offset, uint64_t* value) { return peek_as(handle, offset, value); }

int fpga_pci_write_burst(pci_bar_handle_t handle, uint64_t offset, uint32_t* datap, uint64_t dword_len) {
  if (datap == nullptr && dword_len > 0) return -EINVAL;
  return write_dwords(AWS_FPGA_MOCK_OP_WRITE_BURST, handle, offset, dword_len, 0, BurstSource{datap});
}

int fpga_pci_memset(pci_bar_handle_t handle, uint64_t offset, uint32_t value, uint64_t dword_len) {
  return write_dwords(AWS_FPGA_MOCK_OP_MEMSET, handle, offset, dword_len, value, MemsetSource{value});
}

int aws_fpga_mock_read_burst(int handle, uint64_t offset, uint32_t* data, uint64_t dword_len) {
  if (dword_len > UINT64_MAX / 4 || (data == nullptr && dword_len > 0)) return -EINVAL;
  const BarHandle* h = checked(handle, offset, dword_len * 4);
  if (h == nullptr) return -EINVAL;
  int rc = 0;
  const int entered = harnessed(AWS_FPGA_MOCK_OP_READ_BURST, *h, offset, 4, dword_len, 0, [&] {
    if (!h->slot->needs_lock(h->pf, h->bar, offset, dword_len * 4)) {
      if (dword_len > 0) std::memcpy(data, h->base + offset, 4 * dword_len);
      return;
    }
    std::unique_ptr<uint32_t[]> words(new (std::nothrow) uint32_t[dword_len]);
    if (words == nullptr) {
      rc = -ENOMEM;
      return;
    }
    const uint64_t generation = h->generation.load(std::memory_order_acquire);
    for (uint64_t i = 0; i < dword_len; i++) {
      if (!Device::get().still_attached(handle, generation)) {
        rc = -EINVAL;
        return;
      }
      uint64_t value;
      h->slot->read(h->pf, h->bar, offset + 4 * i, 4, &value);
      words[i] = static_cast<uint32_t>(value);
    }
    if (dword_len > 0) std::memcpy(data, words.get(), 4 * dword_len);
  });
  return entered != 0 ? entered : rc;
}

int fpga_pci_get_address(pci_bar_handle_t handle, uint64_t offset, uint64_t len, void** ptr) {
  if (ptr == nullptr) return -EINVAL;
  const BarHandle* h = checked(handle, offset, len);
  if (h == nullptr) return -EINVAL;
  if (const int rc = fpga_mock::enter(AWS_FPGA_MOCK_OP_GET_ADDRESS, h->slot->index)) return rc;
  *ptr = h->base + offset;
  return 0;
}

int fpga_pci_get_slot_spec(int slot_id, fpga_slot_spec* spec) {
  if (const int rc = fpga_mock::enter(AWS_FPGA_MOCK_OP_GET_SLOT_SPEC, slot_id)) return rc;
  return fpga_mock::slot_spec(slot_id, spec);
}

int fpga_pci_get_all_slot_specs(fpga_slot_spec spec_array[], int size) {
  if (spec_array == nullptr || size < 0) return -EINVAL;
  if (const int rc = fpga_mock::enter(AWS_FPGA_MOCK_OP_GET_SLOT_SPEC, AWS_FPGA_MOCK_ANY_SLOT)) return rc;
  std::memset(spec_array, 0, sizeof(fpga_slot_spec) * static_cast<size_t>(size));
  const int count = Device::get().slot_count() < size ? Device::get().slot_count() : size;
  for (int i = 0; i < count; i++) fpga_mock::slot_spec(i, &spec_array[i]);
  return 0;
}

int fpga_pci_get_resource_map(int slot_id, int pf_id, fpga_pci_resource_map* map) {
  if (const int rc = fpga_mock::enter(AWS_FPGA_MOCK_OP_GET_RESOURCE_MAP, slot_id)) return rc;
  return fpga_mock::resource_map(slot_id, pf_id, map);
}

int fpga_pci_rescan_slot_app_pfs(int slot_id) {
  if (const int rc = fpga_mock::enter(AWS_FPGA_MOCK_OP_RESCAN, slot_id)) return rc;
  return fpga_mock::rescan_app_pfs(slot_id);
}

}  // extern "C"
