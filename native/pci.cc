// fpga_pci_* wrappers. attach() gives JavaScript a BAR id; the other BAR
// functions take it first. Register access is in registers.cc.
#include "addon.h"

#include <cerrno>
#include <cstdio>
#include <mutex>
#include <string>

namespace {

constexpr uint64_t kMaxViewBytes = uint64_t{1} << 32;

// The attached BAR named by argument 0, for `call`.
Bar& AttachedBar(const Napi::CallbackInfo& info, const char* call) {
  return Data(info.Env()).bars->Attached(info.Env(), ArgNumber(info, 0), call);
}

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

// The address of [offset, offset + byteLength) from arguments 1 and 2, for `call`.
void* MappedAddress(const Napi::CallbackInfo& info, Bar& bar, uint64_t* length, const char* call) {
  *length = ArgUint64(info, 2);
  const uint64_t offset = CheckedOffset(info, 1, bar, *length, 1);
  void* address = nullptr;
  Check(info, bar, call, bar.backend->fpga_pci_get_address(bar.handle, offset, *length, &address));
  return address;
}

// Runs when the last ArrayBuffer over the mapping (the view, or one that
// transfer() moved it to) is collected.
void FinalizeView(Napi::Env, void*, ViewMapping* mapping) {
  if (mapping->bar != nullptr) mapping->bar->ViewGone(mapping->id);
  UnmapView(mapping);
}

// view(bar, offset, byteLength): an ArrayBuffer over its own mapping of the
// BAR range, which detach() revokes (see ViewMapping).
Napi::Value View(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Bar& bar = AttachedBar(info, "bar.view");
  uint64_t length;
  void* address = MappedAddress(info, bar, &length, "bar.view");
  // Node frees a too-long external buffer's finalizer data twice, so never ask
  // for one longer than the smallest limit of the Node versions supported.
  if (length > kMaxViewBytes) throw Napi::RangeError::New(env, "a view covers at most 4 GiB");
  if (length == 0) return Napi::ArrayBuffer::New(env, 0);
  const uint64_t offset = ArgUint64(info, 1);
  ViewMapping* mapping = MapView(bar, address, offset, length);
  if (mapping == nullptr) throw SdkError(env, "bar.view", -errno, bar.slot, "the BAR range could not be mapped for the view");
  Napi::ArrayBuffer view = Napi::ArrayBuffer::New(env, mapping->data, length, FinalizeView, mapping);
  bar.views.emplace(mapping->id, Bar::View{Napi::Weak(view), mapping});
  return view;
}

// address(bar, offset, byteLength): the mapped address as a bigint, for FFI users.
Napi::Value Address(const Napi::CallbackInfo& info) {
  Bar& bar = AttachedBar(info, "bar.getAddress");
  uint64_t length;
  void* address = MappedAddress(info, bar, &length, "bar.getAddress");
  return Napi::BigInt::New(info.Env(), static_cast<uint64_t>(reinterpret_cast<uintptr_t>(address)));
}

// detach(bar): unmaps the BAR at once, and frees it unless views need their
// mappings revoked later; the views become empty.
Napi::Value Detach(const Napi::CallbackInfo& info) {
  Bar& bar = AttachedBar(info, "bar.detach");
  const int slot = bar.slot;
  const int rc = bar.DetachHandle(true);
  bar.Release();
  if (rc != 0) throw SdkError(info.Env(), "bar.detach", rc, slot);
  return info.Env().Undefined();
}

// release(bar): JavaScript collected its handle without detaching it; the
// BAR stays attached while views of it live. Any other id is ignored.
Napi::Value Release(const Napi::CallbackInfo& info) {
  Bar* bar = Data(info.Env()).bars->Find(ArgNumber(info, 0));
  if (bar != nullptr && !bar->released) bar->Release();
  return info.Env().Undefined();
}

// A BAR's size and burst capability, from the slot's resource map. F2's BAR
// sizes are the shell's, whatever AFI is loaded, so each slot's map is read
// once (the SDK's attach walks sysfs again itself) and read again only after
// a rescan. The SDK checks every access against its own mapping's size, so a
// stale entry could never reach memory outside a BAR.
struct BarShape {
  uint64_t size = 0;
  bool burstable = false;
  fpga_pci_resource_map map;  // where its sysfs files are
};

std::string ResourcePath(const fpga_pci_resource_map& map, int bar, bool burst) {
  char path[96];
  std::snprintf(path, sizeof path, "/sys/bus/pci/devices/%04x:%02x:%02x.%x/resource%d%s", map.domain, map.bus, map.dev,
                map.func, bar, burst ? "_wc" : "");
  return path;
}

class ShapeCache {
 public:
  int Get(const Backend& backend, int slot, int pf, int bar, BarShape* shape) {
    std::lock_guard<std::mutex> lock(mutex_);
    Entry& entry = entries_[slot][pf];
    if (entry.backend != &backend) {
      const int rc = backend.fpga_pci_get_resource_map(slot, pf, &entry.map);
      if (rc != 0) return rc;
      entry.backend = &backend;
    }
    std::memcpy(&shape->size, &entry.map.resource_size[bar], sizeof(uint64_t));
    shape->burstable = entry.map.resource_burstable[bar];
    shape->map = entry.map;
    return 0;
  }
  void Forget(int slot) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (Entry& entry : entries_[slot]) entry.backend = nullptr;
  }

 private:
  struct Entry {
    const Backend* backend = nullptr;  // whose map this is; null when unknown
    fpga_pci_resource_map map;
  };
  std::mutex mutex_;  // environments on several threads share the cache
  Entry entries_[FPGA_SLOT_MAX][FPGA_PF_MAX];
};

ShapeCache& Shapes() {
  static ShapeCache* cache = new ShapeCache();  // never destroyed: used until the process ends
  return *cache;
}

int KnownShape(const Backend& backend, int slot, int pf, int bar, BarShape* shape) {
  return Shapes().Get(backend, slot, pf, bar, shape);
}

// attach(slot, pf, bar, flags) -> { id, handle, size }; the BAR stays mapped
// until detach(id), or release(id) and the collection of every view of it.
Napi::Value Attach(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Backend& backend = RequireBackend(env);
  const int slot = ArgInt(info, 0, 0, FPGA_SLOT_MAX - 1);
  const int pf = ArgInt(info, 1, 0, FPGA_PF_MAX - 1);
  const int bar_id = ArgInt(info, 2, 0, FPGA_BAR_PER_PF_MAX - 1);
  const uint32_t flags = ArgUint32(info, 3);

  BarShape shape;
  int rc = KnownShape(backend, slot, pf, bar_id, &shape);
  if (rc != 0) throw SdkError(env, "pci.attach", rc, slot);
  int handle = PCI_BAR_HANDLE_INIT;
  rc = backend.fpga_pci_attach(slot, pf, bar_id, flags, &handle);
  if (rc == -EINVAL && (flags & BURST_CAPABLE) && !shape.burstable)
    throw SdkError(env, "pci.attach", rc, slot,
                   "only the app PF's BAR4 is burst-capable (write-combining); attach this BAR without burst");
  if (rc != 0) throw SdkError(env, "pci.attach", rc, slot);
  // The SDK's fpga_pci_attach answers success with no handle when its table is
  // full (it overwrites its -ENOMEM); calls on handle -1 would read memory
  // outside the table.
  if (handle < 0)
    throw SdkError(env, "pci.attach", -ENOMEM, slot,
                   "the SDK's table of 64 BAR handles is full (each slot FpgaMgmt has used also holds one for "
                   "its mailbox); detach BARs no longer in use");

  const std::shared_ptr<BarTable>& table = Data(env).bars;
  auto* bar = new Bar();
  bar->backend = &backend;
  bar->handle = handle;
  bar->slot = slot;
  bar->pf = pf;
  bar->bar = bar_id;
  bar->size = shape.size;
  bar->burst = (flags & BURST_CAPABLE) != 0;
  // The file the SDK maps: the write-combining one for a burst attach.
  bar->resource_path = ResourcePath(shape.map, bar_id, bar->burst);
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
  return object;
}

Napi::Value PciInit(const Napi::CallbackInfo& info) {
  const int rc = RequireBackend(info.Env()).fpga_pci_init();
  if (rc != 0) throw SdkError(info.Env(), "pci.init", rc, -1);
  return info.Env().Undefined();
}

Napi::Value GetSlotSpec(const Napi::CallbackInfo& info) {
  const int slot = ArgInt(info, 0, 0, FPGA_SLOT_MAX - 1);
  fpga_slot_spec spec;
  const int rc = RequireBackend(info.Env()).fpga_pci_get_slot_spec(slot, &spec);
  if (rc != 0) throw SdkError(info.Env(), "pci.getSlotSpec", rc, slot);
  return SlotSpec(info.Env(), spec);
}

// getAllSlotSpecs(size) -> specs of the slots present (the SDK leaves the rest zeroed)
Napi::Value GetAllSlotSpecs(const Napi::CallbackInfo& info) {
  const int size = ArgInt(info, 0, 1, FPGA_SLOT_MAX);
  fpga_slot_spec specs[FPGA_SLOT_MAX];
  const int rc = RequireBackend(info.Env()).fpga_pci_get_all_slot_specs(specs, size);
  if (rc != 0) throw SdkError(info.Env(), "pci.getAllSlotSpecs", rc, -1);
  Napi::Array result = Napi::Array::New(info.Env());
  for (int i = 0; i < size && specs[i].map[FPGA_MGMT_PF].vendor_id != 0; i++) result.Set(i, SlotSpec(info.Env(), specs[i]));
  return result;
}

Napi::Value GetResourceMap(const Napi::CallbackInfo& info) {
  const int slot = ArgInt(info, 0, 0, FPGA_SLOT_MAX - 1);
  const int pf = ArgInt(info, 1, 0, FPGA_PF_MAX - 1);
  fpga_pci_resource_map map;
  const int rc = RequireBackend(info.Env()).fpga_pci_get_resource_map(slot, pf, &map);
  if (rc != 0) throw SdkError(info.Env(), "pci.getResourceMap", rc, slot);
  return ResourceMap(info.Env(), map);
}

Napi::Value RescanSlotAppPfs(const Napi::CallbackInfo& info) {
  const int slot = ArgInt(info, 0, 0, FPGA_SLOT_MAX - 1);
  const int rc = RequireBackend(info.Env()).fpga_pci_rescan_slot_app_pfs(slot);
  Shapes().Forget(slot);
  if (rc != 0) throw SdkError(info.Env(), "pci.rescanSlotAppPfs", rc, slot);
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
  exports.Set("release", Napi::Function::New(env, Release, "release"));
  exports.Set("view", Napi::Function::New(env, View, "view"));
  exports.Set("address", Napi::Function::New(env, Address, "address"));
  env.AddCleanupHook([](BarTable* table) { table->DetachAll(); }, Data(env).bars.get());
}
