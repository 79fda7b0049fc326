// fpga_pci_* wrappers. attach() returns a native BAR object whose methods carry
// their Bar in the function data, so an access costs no unwrapping or lookup.
#include <limits>
#include <unordered_map>

#include "addon.h"

struct Bar {
  const Backend* backend = nullptr;
  int handle = PCI_BAR_HANDLE_INIT;  // back to PCI_BAR_HANDLE_INIT once detached
  int slot = 0;
  int pf = 0;
  int bar = 0;
  uint64_t size = 0;
  std::shared_ptr<BarRegistry> registry;
  // The JavaScript BAR object and every live view each hold one reference:
  // the SDK mapping must outlive every view made from it.
  int refs = 1;
  uint64_t next_view_id = 0;
  std::unordered_map<uint64_t, Napi::Reference<Napi::ArrayBuffer>> views;  // weak

  bool attached() const { return handle != PCI_BAR_HANDLE_INIT; }

  // Unmaps the BAR; the caller detaches the views first when JavaScript can run.
  int DetachHandle() {
    const int rc = backend->fpga_pci_detach(handle);
    handle = PCI_BAR_HANDLE_INIT;
    registry->bars.erase(this);
    return rc;
  }

  void Release() {
    if (--refs > 0) return;
    if (attached()) DetachHandle();
    delete this;
  }
};

namespace {

constexpr uint64_t kMaxViewBytes = uint64_t{1} << 32;

struct ViewHint {
  Bar* bar;
  uint64_t id;
};

Bar& This(const Napi::CallbackInfo& info) {
  Bar& bar = *static_cast<Bar*>(info.Data());
  if (!bar.attached()) throw Napi::Error::New(info.Env(), "the BAR handle is detached");
  return bar;
}

// The offset argument, checked against the BAR: aligned to `align` and with
// `length` bytes inside it (no wrap-around, unlike the SDK's own check).
uint64_t CheckedOffset(const Napi::CallbackInfo& info, const Bar& bar, uint64_t length, uint64_t align) {
  const uint64_t offset = ArgUint64(info, 0);
  if (offset % align != 0)
    throw Napi::RangeError::New(info.Env(), "offset must be a multiple of " + std::to_string(align));
  if (offset > bar.size || length > bar.size - offset)
    throw Napi::RangeError::New(info.Env(), "access is outside the BAR");
  return offset;
}

void Check(const Napi::CallbackInfo& info, const Bar& bar, const char* op, int rc) {
  if (rc != 0) throw SdkError(info.Env(), op, rc, bar.slot);
}

// napi_create_uint32 keeps small values as V8 small integers; Napi::Number::New
// goes through a double and costs more on every read.
Napi::Value ToJs(Napi::Env env, uint32_t value) {
  napi_value result;
  NAPI_THROW_IF_FAILED(env, napi_create_uint32(env, value, &result), Napi::Value());
  return Napi::Value(env, result);
}
Napi::Value ToJs(Napi::Env env, uint8_t value) { return ToJs(env, uint32_t{value}); }
Napi::Value ToJs(Napi::Env env, uint64_t value) { return Napi::BigInt::New(env, value); }

// The value argument of a poke of width T.
template <typename T>
T ArgValue(const Napi::CallbackInfo& info) {
  if constexpr (sizeof(T) == 8) {
    return ArgUint64(info, 1);
  } else {
    const uint32_t value = ArgUint32(info, 1);
    if (value > std::numeric_limits<T>::max())
      throw Napi::RangeError::New(info.Env(), "value must fit in " + std::to_string(8 * sizeof(T)) + " bits");
    return static_cast<T>(value);
  }
}

template <typename T>
using PeekFunction = int (*)(pci_bar_handle_t, uint64_t, T*);
template <typename T>
using PokeFunction = int (*)(pci_bar_handle_t, uint64_t, T);

// peek/peek8/peek64(offset): one naturally aligned read of width T.
template <typename T, PeekFunction<T> Backend::*kPeek>
Napi::Value PeekAs(const Napi::CallbackInfo& info, const char* op) {
  Bar& bar = This(info);
  const uint64_t offset = CheckedOffset(info, bar, sizeof(T), sizeof(T));
  T value;
  Check(info, bar, op, (bar.backend->*kPeek)(bar.handle, offset, &value));
  return ToJs(info.Env(), value);
}

// poke/poke8/poke64(offset, value): one naturally aligned write of width T.
template <typename T, PokeFunction<T> Backend::*kPoke>
Napi::Value PokeAs(const Napi::CallbackInfo& info, const char* op) {
  Bar& bar = This(info);
  const uint64_t offset = CheckedOffset(info, bar, sizeof(T), sizeof(T));
  const T value = ArgValue<T>(info);
  Check(info, bar, op, (bar.backend->*kPoke)(bar.handle, offset, value));
  return info.Env().Undefined();
}

Napi::Value Peek(const Napi::CallbackInfo& info) { return PeekAs<uint32_t, &Backend::fpga_pci_peek>(info, "peek"); }
Napi::Value Peek8(const Napi::CallbackInfo& info) { return PeekAs<uint8_t, &Backend::fpga_pci_peek8>(info, "peek8"); }
Napi::Value Peek64(const Napi::CallbackInfo& info) { return PeekAs<uint64_t, &Backend::fpga_pci_peek64>(info, "peek64"); }
Napi::Value Poke(const Napi::CallbackInfo& info) { return PokeAs<uint32_t, &Backend::fpga_pci_poke>(info, "poke"); }
Napi::Value Poke8(const Napi::CallbackInfo& info) { return PokeAs<uint8_t, &Backend::fpga_pci_poke8>(info, "poke8"); }
Napi::Value Poke64(const Napi::CallbackInfo& info) { return PokeAs<uint64_t, &Backend::fpga_pci_poke64>(info, "poke64"); }

// The dword count argument `i`, with the range [offset, offset + 4 * count) inside the BAR.
uint64_t CheckedDwords(const Napi::CallbackInfo& info, const Bar& bar, size_t i, uint64_t* offset) {
  const uint64_t dwords = ArgUint64(info, i);
  if (dwords > bar.size / 4) throw Napi::RangeError::New(info.Env(), "access is outside the BAR");
  *offset = CheckedOffset(info, bar, dwords * 4, 4);
  return dwords;
}

// writeBurst(offset, data: Uint32Array, dwordLen)
Napi::Value WriteBurst(const Napi::CallbackInfo& info) {
  Bar& bar = This(info);
  if (info.Length() < 2 || !info[1].IsTypedArray() ||
      info[1].As<Napi::TypedArray>().TypedArrayType() != napi_uint32_array)
    throw Napi::TypeError::New(info.Env(), "data must be a Uint32Array");
  Napi::Uint32Array data = info[1].As<Napi::Uint32Array>();
  uint64_t offset;
  const uint64_t dwords = CheckedDwords(info, bar, 2, &offset);
  if (dwords > data.ElementLength()) throw Napi::RangeError::New(info.Env(), "dwordLen is longer than data");
  Check(info, bar, "writeBurst", bar.backend->fpga_pci_write_burst(bar.handle, offset, data.Data(), dwords));
  return info.Env().Undefined();
}

// memset(offset, value, dwordLen)
Napi::Value Memset(const Napi::CallbackInfo& info) {
  Bar& bar = This(info);
  const uint32_t value = ArgUint32(info, 1);
  uint64_t offset;
  const uint64_t dwords = CheckedDwords(info, bar, 2, &offset);
  Check(info, bar, "memset", bar.backend->fpga_pci_memset(bar.handle, offset, value, dwords));
  return info.Env().Undefined();
}

void* MappedAddress(const Napi::CallbackInfo& info, Bar& bar, uint64_t* length) {
  *length = ArgUint64(info, 1);
  const uint64_t offset = CheckedOffset(info, bar, *length, 1);
  void* address = nullptr;
  Check(info, bar, "getAddress", bar.backend->fpga_pci_get_address(bar.handle, offset, *length, &address));
  return address;
}

void FinalizeView(Napi::Env, void*, ViewHint* hint) {
  hint->bar->views.erase(hint->id);
  hint->bar->Release();
  delete hint;
}

// view(offset, byteLength): an ArrayBuffer over the mapped BAR, detached with the BAR.
Napi::Value View(const Napi::CallbackInfo& info) {
  Bar& bar = This(info);
  uint64_t length;
  void* address = MappedAddress(info, bar, &length);
  // Node frees a too-long external buffer's finalizer data twice, so never ask
  // for one longer than the smallest limit of the Node versions supported.
  if (length > kMaxViewBytes) throw Napi::RangeError::New(info.Env(), "a view covers at most 4 GiB");
  auto* hint = new ViewHint{&bar, bar.next_view_id++};
  bar.refs++;
  Napi::ArrayBuffer view = Napi::ArrayBuffer::New(info.Env(), address, length, FinalizeView, hint);
  bar.views.emplace(hint->id, Napi::Weak(view));
  return view;
}

// address(offset, byteLength): the mapped address as a bigint, for FFI users.
Napi::Value Address(const Napi::CallbackInfo& info) {
  Bar& bar = This(info);
  uint64_t length;
  void* address = MappedAddress(info, bar, &length);
  return Napi::BigInt::New(info.Env(), static_cast<uint64_t>(reinterpret_cast<uintptr_t>(address)));
}

Napi::Value Detach(const Napi::CallbackInfo& info) {
  Bar& bar = *static_cast<Bar*>(info.Data());
  if (!bar.attached()) throw Napi::Error::New(info.Env(), "the BAR handle is already detached");
  for (auto& entry : bar.views) {
    Napi::ArrayBuffer view = entry.second.Value();
    if (!view.IsEmpty() && !view.IsDetached()) view.Detach();
  }
  Check(info, bar, "detach", bar.DetachHandle());
  return info.Env().Undefined();
}

Napi::Value IsAttached(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), static_cast<Bar*>(info.Data())->attached());
}

// attach(slot, pf, bar, flags) -> native BAR object
Napi::Value Attach(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Backend& backend = RequireBackend(env);
  const int slot = ArgInt(info, 0, 0, FPGA_SLOT_MAX - 1);
  const int pf = ArgInt(info, 1, 0, FPGA_PF_MAX - 1);
  const int bar_id = ArgInt(info, 2, 0, FPGA_BAR_PER_PF_MAX - 1);
  const uint32_t flags = ArgUint32(info, 3);

  fpga_pci_resource_map map;
  int rc = backend.fpga_pci_get_resource_map(slot, pf, &map);
  if (rc != 0) throw SdkError(env, "attach", rc, slot);
  int handle = PCI_BAR_HANDLE_INIT;
  rc = backend.fpga_pci_attach(slot, pf, bar_id, flags, &handle);
  if (rc != 0) throw SdkError(env, "attach", rc, slot);

  auto* bar = new Bar();
  bar->backend = &backend;
  bar->handle = handle;
  bar->slot = slot;
  bar->pf = pf;
  bar->bar = bar_id;
  std::memcpy(&bar->size, &map.resource_size[bar_id], sizeof(bar->size));
  bar->registry = Data(env).registry;
  bar->registry->bars.insert(bar);

  Napi::Object object = Napi::Object::New(env);
  const std::pair<const char*, Napi::Function::Callback> methods[] = {
      {"peek", Peek},   {"peek8", Peek8},   {"peek64", Peek64},         {"poke", Poke},
      {"poke8", Poke8}, {"poke64", Poke64}, {"writeBurst", WriteBurst}, {"memset", Memset},
      {"view", View},   {"address", Address}, {"detach", Detach},      {"isAttached", IsAttached},
  };
  for (const auto& method : methods) object.Set(method.first, Napi::Function::New(env, method.second, method.first, bar));
  object.Set("handle", handle);
  object.Set("size", Napi::BigInt::New(env, bar->size));
  object.AddFinalizer([](Napi::Env, Bar* b) { b->Release(); }, bar);
  return object;
}

Napi::Object ResourceMap(Napi::Env env, const fpga_pci_resource_map& map) {
  Napi::Object result = Napi::Object::New(env);
  result.Set("vendorId", map.vendor_id);
  result.Set("deviceId", map.device_id);
  result.Set("subsystemDeviceId", map.subsystem_device_id);
  result.Set("subsystemVendorId", map.subsystem_vendor_id);
  result.Set("domain", map.domain);
  result.Set("bus", map.bus);
  result.Set("dev", map.dev);
  result.Set("func", map.func);
  Napi::Array bars = Napi::Array::New(env, FPGA_BAR_PER_PF_MAX);
  for (uint32_t i = 0; i < FPGA_BAR_PER_PF_MAX; i++) {
    uint64_t size;
    std::memcpy(&size, &map.resource_size[i], sizeof(size));
    Napi::Object bar = Napi::Object::New(env);
    bar.Set("size", Napi::BigInt::New(env, size));
    bar.Set("burstable", map.resource_burstable[i]);
    bars.Set(i, bar);
  }
  result.Set("bars", bars);
  return result;
}

}  // namespace

Napi::Object SlotSpec(Napi::Env env, const fpga_slot_spec& spec) {
  Napi::Object result = Napi::Object::New(env);
  result.Set("app", ResourceMap(env, spec.map[FPGA_APP_PF]));
  result.Set("mgmt", ResourceMap(env, spec.map[FPGA_MGMT_PF]));
  return result;
}

namespace {

Napi::Value PciInit(const Napi::CallbackInfo& info) {
  const int rc = RequireBackend(info.Env()).fpga_pci_init();
  if (rc != 0) throw SdkError(info.Env(), "init", rc, -1);
  return info.Env().Undefined();
}

Napi::Value GetSlotSpec(const Napi::CallbackInfo& info) {
  const int slot = ArgInt(info, 0, 0, FPGA_SLOT_MAX - 1);
  fpga_slot_spec spec;
  const int rc = RequireBackend(info.Env()).fpga_pci_get_slot_spec(slot, &spec);
  if (rc != 0) throw SdkError(info.Env(), "getSlotSpec", rc, slot);
  return SlotSpec(info.Env(), spec);
}

// getAllSlotSpecs(size) -> specs of the slots present (the SDK leaves the rest zeroed)
Napi::Value GetAllSlotSpecs(const Napi::CallbackInfo& info) {
  const int size = ArgInt(info, 0, 1, FPGA_SLOT_MAX);
  fpga_slot_spec specs[FPGA_SLOT_MAX];
  const int rc = RequireBackend(info.Env()).fpga_pci_get_all_slot_specs(specs, size);
  if (rc != 0) throw SdkError(info.Env(), "getAllSlotSpecs", rc, -1);
  Napi::Array result = Napi::Array::New(info.Env());
  for (int i = 0; i < size && specs[i].map[FPGA_MGMT_PF].vendor_id != 0; i++) result.Set(i, SlotSpec(info.Env(), specs[i]));
  return result;
}

Napi::Value GetResourceMap(const Napi::CallbackInfo& info) {
  const int slot = ArgInt(info, 0, 0, FPGA_SLOT_MAX - 1);
  const int pf = ArgInt(info, 1, 0, FPGA_PF_MAX - 1);
  fpga_pci_resource_map map;
  const int rc = RequireBackend(info.Env()).fpga_pci_get_resource_map(slot, pf, &map);
  if (rc != 0) throw SdkError(info.Env(), "getResourceMap", rc, slot);
  return ResourceMap(info.Env(), map);
}

Napi::Value RescanSlotAppPfs(const Napi::CallbackInfo& info) {
  const int slot = ArgInt(info, 0, 0, FPGA_SLOT_MAX - 1);
  const int rc = RequireBackend(info.Env()).fpga_pci_rescan_slot_app_pfs(slot);
  if (rc != 0) throw SdkError(info.Env(), "rescanSlotAppPfs", rc, slot);
  return info.Env().Undefined();
}

// Takes what poke takes and does nothing: the benchmarks' measure of the
// JavaScript-to-native crossing itself.
Napi::Value Noop(const Napi::CallbackInfo& info) { return info.Env().Undefined(); }

// The environment is going away: unmap what it left attached.
void DetachAll(BarRegistry* registry) {
  while (!registry->bars.empty()) (*registry->bars.begin())->DetachHandle();
}

}  // namespace

void InitPci(Napi::Env env, Napi::Object exports) {
  exports.Set("pciInit", Napi::Function::New(env, PciInit, "pciInit"));
  exports.Set("attach", Napi::Function::New(env, Attach, "attach"));
  exports.Set("getSlotSpec", Napi::Function::New(env, GetSlotSpec, "getSlotSpec"));
  exports.Set("getAllSlotSpecs", Napi::Function::New(env, GetAllSlotSpecs, "getAllSlotSpecs"));
  exports.Set("getResourceMap", Napi::Function::New(env, GetResourceMap, "getResourceMap"));
  exports.Set("noop", Napi::Function::New(env, Noop, "noop"));
  exports.Set("rescanSlotAppPfs", Napi::Function::New(env, RescanSlotAppPfs, "rescanSlotAppPfs"));
  env.AddCleanupHook(DetachAll, Data(env).registry.get());
}
