// fpga_pci_* wrappers. attach() gives JavaScript a BAR id; the other BAR
// functions take it first. Register access is in registers.cc.
#include "addon.h"

namespace {

constexpr uint64_t kMaxViewBytes = uint64_t{1} << 32;

struct ViewHint {
  Bar* bar;
  uint64_t id;
};

// The attached BAR named by argument 0.
Bar& AttachedBar(const Napi::CallbackInfo& info) { return Data(info.Env()).bars->Attached(info.Env(), ArgNumber(info, 0)); }

// The offset argument `i`, checked against the BAR: aligned to `align` and
// with `length` bytes inside it (no wrap-around, unlike the SDK's own check).
uint64_t CheckedOffset(const Napi::CallbackInfo& info, size_t i, const Bar& bar, uint64_t length, uint64_t align) {
  const uint64_t offset = ArgUint64(info, i);
  if (offset % align != 0)
    throw Napi::RangeError::New(info.Env(), "offset must be a multiple of " + std::to_string(align));
  if (offset > bar.size || length > bar.size - offset)
    throw Napi::RangeError::New(info.Env(), "access is outside the BAR");
  return offset;
}

void Check(const Napi::CallbackInfo& info, const Bar& bar, const char* op, int rc) {
  if (rc != 0) throw SdkError(info.Env(), op, rc, bar.slot);
}

// The dword count argument 3, with the range [offset, offset + 4 * count)
// from argument 1 inside the BAR.
uint64_t CheckedDwords(const Napi::CallbackInfo& info, const Bar& bar, uint64_t* offset) {
  const uint64_t dwords = ArgUint64(info, 3);
  if (dwords > bar.size / 4) throw Napi::RangeError::New(info.Env(), "access is outside the BAR");
  *offset = CheckedOffset(info, 1, bar, dwords * 4, 4);
  return dwords;
}

// writeBurst(bar, offset, data: Uint32Array, dwordLen). One napi_get_typedarray_info
// call, which tests the array against every type, rather than node-addon-api's three.
Napi::Value WriteBurst(const Napi::CallbackInfo& info) {
  Bar& bar = AttachedBar(info);
  napi_typedarray_type type;
  size_t length;
  void* data;
  if (info.Length() < 3 || !info[2].IsTypedArray() ||
      napi_get_typedarray_info(info.Env(), info[2], &type, &length, &data, nullptr, nullptr) != napi_ok ||
      type != napi_uint32_array)
    throw Napi::TypeError::New(info.Env(), "data must be a Uint32Array");
  uint64_t offset;
  const uint64_t dwords = CheckedDwords(info, bar, &offset);
  if (dwords > length) throw Napi::RangeError::New(info.Env(), "dwordLen is longer than data");
  Check(info, bar, "writeBurst",
        bar.backend->fpga_pci_write_burst(bar.handle, offset, static_cast<uint32_t*>(data), dwords));
  return info.Env().Undefined();
}

// memset(bar, offset, value, dwordLen)
Napi::Value Memset(const Napi::CallbackInfo& info) {
  Bar& bar = AttachedBar(info);
  const uint32_t value = ArgUint32(info, 2);
  uint64_t offset;
  const uint64_t dwords = CheckedDwords(info, bar, &offset);
  Check(info, bar, "memset", bar.backend->fpga_pci_memset(bar.handle, offset, value, dwords));
  return info.Env().Undefined();
}

// The address of [offset, offset + byteLength) from arguments 1 and 2.
void* MappedAddress(const Napi::CallbackInfo& info, Bar& bar, uint64_t* length) {
  *length = ArgUint64(info, 2);
  const uint64_t offset = CheckedOffset(info, 1, bar, *length, 1);
  void* address = nullptr;
  Check(info, bar, "getAddress", bar.backend->fpga_pci_get_address(bar.handle, offset, *length, &address));
  return address;
}

void FinalizeView(Napi::Env, void*, ViewHint* hint) {
  hint->bar->views.erase(hint->id);
  hint->bar->Release();
  delete hint;
}

// view(bar, offset, byteLength): an ArrayBuffer over the mapped BAR, detached with the BAR.
Napi::Value View(const Napi::CallbackInfo& info) {
  Bar& bar = AttachedBar(info);
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

// address(bar, offset, byteLength): the mapped address as a bigint, for FFI users.
Napi::Value Address(const Napi::CallbackInfo& info) {
  Bar& bar = AttachedBar(info);
  uint64_t length;
  void* address = MappedAddress(info, bar, &length);
  return Napi::BigInt::New(info.Env(), static_cast<uint64_t>(reinterpret_cast<uintptr_t>(address)));
}

// detach(bar): unmaps the BAR; its views become empty.
Napi::Value Detach(const Napi::CallbackInfo& info) {
  Bar& bar = AttachedBar(info);
  for (auto& entry : bar.views) {
    Napi::ArrayBuffer view = entry.second.Value();
    if (!view.IsEmpty() && !view.IsDetached()) view.Detach();
  }
  Check(info, bar, "detach", bar.DetachHandle());
  return info.Env().Undefined();
}

// attach(slot, pf, bar, flags) -> { id, handle, size }; the BAR stays mapped
// until detach() or until that object and every view of it are collected.
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

  const std::shared_ptr<BarTable>& table = Data(env).bars;
  auto* bar = new Bar();
  bar->backend = &backend;
  bar->handle = handle;
  bar->slot = slot;
  bar->pf = pf;
  bar->bar = bar_id;
  std::memcpy(&bar->size, &map.resource_size[bar_id], sizeof(bar->size));
  bar->table = table;
  bar->id = table->Add(bar);
  if (bar->id == 0) {
    backend.fpga_pci_detach(handle);
    delete bar;
    throw Napi::Error::New(env, "too many BARs attached");
  }

  Napi::Object object = Napi::Object::New(env);
  object.Set("id", bar->id);
  object.Set("handle", handle);
  object.Set("size", Napi::BigInt::New(env, bar->size));
  object.AddFinalizer([](Napi::Env, Bar* b) { b->Release(); }, bar);
  return object;
}

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

}  // namespace

void InitPci(Napi::Env env, Napi::Object exports) {
  exports.Set("pciInit", Napi::Function::New(env, PciInit, "pciInit"));
  exports.Set("attach", Napi::Function::New(env, Attach, "attach"));
  exports.Set("getSlotSpec", Napi::Function::New(env, GetSlotSpec, "getSlotSpec"));
  exports.Set("getAllSlotSpecs", Napi::Function::New(env, GetAllSlotSpecs, "getAllSlotSpecs"));
  exports.Set("getResourceMap", Napi::Function::New(env, GetResourceMap, "getResourceMap"));
  exports.Set("rescanSlotAppPfs", Napi::Function::New(env, RescanSlotAppPfs, "rescanSlotAppPfs"));
  exports.Set("detach", Napi::Function::New(env, Detach, "detach"));
  exports.Set("writeBurst", Napi::Function::New(env, WriteBurst, "writeBurst"));
  exports.Set("memset", Napi::Function::New(env, Memset, "memset"));
  exports.Set("view", Napi::Function::New(env, View, "view"));
  exports.Set("address", Napi::Function::New(env, Address, "address"));
  env.AddCleanupHook([](BarTable* table) { table->DetachAll(); }, Data(env).bars.get());
}
