// fpga_pci_* of the simulated device.
#include <cerrno>
#include <cstring>

#include "device.h"

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

int peek_width(pci_bar_handle_t handle, uint64_t offset, unsigned width, uint64_t* value) {
  const BarHandle* h = checked(handle, offset, width);
  if (h == nullptr) return -EINVAL;
  h->slot->read(h->pf, h->bar, offset, width, value);
  return 0;
}

int poke_width(pci_bar_handle_t handle, uint64_t offset, unsigned width, uint64_t value) {
  const BarHandle* h = checked(handle, offset, width);
  if (h == nullptr) return -EINVAL;
  h->slot->write(h->pf, h->bar, offset, width, value);
  return 0;
}

// Bulk writes: straight into memory unless a CL model or gating must see each dword.
template <typename NextDword>
int write_dwords(pci_bar_handle_t handle, uint64_t offset, uint64_t dword_len, NextDword next) {
  if (dword_len > UINT64_MAX / 4) return -EINVAL;
  const BarHandle* h = checked(handle, offset, dword_len * 4);
  if (h == nullptr) return -EINVAL;
  if (h->slot->needs_lock(h->pf, h->bar, offset, dword_len * 4)) {
    for (uint64_t i = 0; i < dword_len; i++) h->slot->write(h->pf, h->bar, offset + 4 * i, 4, next(i));
  } else {
    uint8_t* dst = h->base + offset;
    for (uint64_t i = 0; i < dword_len; i++) {
      const uint32_t v = next(i);
      std::memcpy(dst + 4 * i, &v, 4);
    }
  }
  return 0;
}

int get_slot_spec_unchecked(int slot_id, fpga_slot_spec* spec) {
  fpga_mock::Slot* s = Device::get().slot(slot_id);
  if (s == nullptr) return -ENOENT;
  std::lock_guard<std::mutex> lock(s->mutex);
  *spec = s->spec;
  return 0;
}

}  // namespace

extern "C" {

int fpga_pci_init(void) { return 0; }

int fpga_pci_attach(int slot_id, int pf_id, int bar_id, uint32_t flags, pci_bar_handle_t* handle) {
  return Device::get().attach(slot_id, pf_id, bar_id, flags, handle);
}

int fpga_pci_detach(pci_bar_handle_t handle) { return Device::get().detach(handle); }

int fpga_pci_poke(pci_bar_handle_t handle, uint64_t offset, uint32_t value) {
  return poke_width(handle, offset, 4, value);
}

int fpga_pci_poke8(pci_bar_handle_t handle, uint64_t offset, uint8_t value) {
  return poke_width(handle, offset, 1, value);
}

int fpga_pci_poke64(pci_bar_handle_t handle, uint64_t offset, uint64_t value) {
  return poke_width(handle, offset, 8, value);
}

int fpga_pci_peek(pci_bar_handle_t handle, uint64_t offset, uint32_t* value) {
  if (value == nullptr) return -EINVAL;
  uint64_t v;
  const int rc = peek_width(handle, offset, 4, &v);
  if (rc == 0) *value = static_cast<uint32_t>(v);
  return rc;
}

int fpga_pci_peek8(pci_bar_handle_t handle, uint64_t offset, uint8_t* value) {
  if (value == nullptr) return -EINVAL;
  uint64_t v;
  const int rc = peek_width(handle, offset, 1, &v);
  if (rc == 0) *value = static_cast<uint8_t>(v);
  return rc;
}

int fpga_pci_peek64(pci_bar_handle_t handle, uint64_t offset, uint64_t* value) {
  if (value == nullptr) return -EINVAL;
  return peek_width(handle, offset, 8, value);
}

int fpga_pci_write_burst(pci_bar_handle_t handle, uint64_t offset, uint32_t* datap, uint64_t dword_len) {
  if (datap == nullptr && dword_len > 0) return -EINVAL;
  return write_dwords(handle, offset, dword_len, [datap](uint64_t i) { return datap[i]; });
}

int fpga_pci_memset(pci_bar_handle_t handle, uint64_t offset, uint32_t value, uint64_t dword_len) {
  return write_dwords(handle, offset, dword_len, [value](uint64_t) { return value; });
}

int fpga_pci_get_address(pci_bar_handle_t handle, uint64_t offset, size_t len, void** ptr) {
  if (ptr == nullptr) return -EINVAL;
  const BarHandle* h = checked(handle, offset, len);
  if (h == nullptr) return -EINVAL;
  *ptr = h->base + offset;
  return 0;
}

int fpga_pci_get_slot_spec(int slot_id, fpga_slot_spec* spec) {
  if (slot_id < 0 || slot_id >= FPGA_SLOT_MAX || spec == nullptr) return -EINVAL;
  return get_slot_spec_unchecked(slot_id, spec);
}

int fpga_pci_get_all_slot_specs(fpga_slot_spec spec_array[], int size) {
  if (spec_array == nullptr || size < 0) return -EINVAL;
  std::memset(spec_array, 0, sizeof(fpga_slot_spec) * static_cast<size_t>(size));
  const int count = Device::get().slot_count() < size ? Device::get().slot_count() : size;
  for (int i = 0; i < count; i++) get_slot_spec_unchecked(i, &spec_array[i]);
  return 0;
}

int fpga_pci_get_resource_map(int slot_id, int pf_id, fpga_pci_resource_map* map) {
  if (slot_id < 0 || slot_id >= FPGA_SLOT_MAX || pf_id < 0 || pf_id >= FPGA_PF_MAX || map == nullptr)
    return -EINVAL;
  fpga_slot_spec spec;
  const int rc = get_slot_spec_unchecked(slot_id, &spec);
  if (rc == 0) *map = spec.map[pf_id];
  return rc;
}

// The app PF comes back with the ids of the CL now on the FPGA. Like the SDK,
// the removal is followed by a pause before the rescan (no driver bound).
int fpga_pci_rescan_slot_app_pfs(int slot_id) {
  if (slot_id < 0 || slot_id >= FPGA_SLOT_MAX) return -EINVAL;
  fpga_mock::Slot* s = Device::get().slot(slot_id);
  if (s == nullptr) return -ENOENT;
  Device::get().clock().sleep_ms(kRemoveToRescanMs);
  fpga_mock::SlotLock lock(*s);
  fpga_mock::settle(*s, Device::get().clock().now_ms());
  const afi_device_ids ids = fpga_mock::app_pf_ids(*s);
  fpga_pci_resource_map& app = s->spec.map[FPGA_APP_PF];
  app.vendor_id = ids.vendor_id;
  app.device_id = ids.device_id;
  app.subsystem_vendor_id = ids.svid;
  app.subsystem_device_id = ids.ssid;
  return 0;
}

}  // extern "C"
