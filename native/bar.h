// An attached BAR, its views, and the table that names the BARs of one
// environment by id. JavaScript holds only the id: the native functions are
// shared by every BAR.
#pragma once

#include <napi.h>

#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "backend.h"

class BarTable;
struct Bar;

// A view's own mapping of its BAR range: a second mapping of the same pages,
// made for this view alone. Detaching the BAR replaces it in place with
// anonymous memory, so that no ArrayBuffer over it (one that transfer() moved
// out of the addon's sight included) reaches the BAR any more; it is unmapped
// only when the last such ArrayBuffer is collected.
struct ViewMapping {
  uint8_t* base = nullptr;  // page-aligned
  size_t length = 0;        // whole pages
  uint8_t* data = nullptr;  // the view's first byte, inside them
  uint64_t bar_offset = 0;  // the BAR offset at `base`
  Bar* bar = nullptr;       // null once the BAR is gone
  uint64_t id = 0;
};

struct Bar {
  const Backend* backend = nullptr;
  int handle = PCI_BAR_HANDLE_INIT;  // back to PCI_BAR_HANDLE_INIT once detached
  int slot = 0;
  int pf = 0;
  int bar = 0;
  bool burst = false;
  uint64_t size = 0;
  std::string resource_path;  // the sysfs resource file of the SDK backend's BAR
  double id = 0;
  std::shared_ptr<BarTable> table;
  // Kept attached while JavaScript has not released it or any view lives.
  bool released = false;
  uint64_t next_view_id = 0;
  struct View {
    Napi::Reference<Napi::ArrayBuffer> buffer;  // weak
    ViewMapping* mapping;
  };
  std::unordered_map<uint64_t, View> views;

  bool attached() const { return handle != PCI_BAR_HANDLE_INIT; }
  // Unmaps the BAR, revokes every view and drops its id; `js` when
  // JavaScript can run (the ArrayBuffers it knows are detached too).
  int DetachHandle(bool js);
  // JavaScript gave up its handle (detach, or the handle was collected).
  void Release();
  // A view's ArrayBuffer was collected.
  void ViewGone(uint64_t view_id);

 private:
  void DeleteIfUnused();
};

// The attached BARs of one environment. An id is 2^52 plus a serial number
// and an index in the table: a stale id finds nothing (for the next 2^36
// attaches), and the id is a JavaScript number whose low bits are the index,
// so a lookup converts nothing.
class BarTable {
 public:
  // A new id for `bar`, or 0 when the table is full.
  double Add(Bar* bar);
  void Remove(double id);
  // The BAR with this id, attached or released but kept for its views, or null.
  Bar* Find(double id) const {
    const uint64_t bits = Bits(id);
    const uint64_t index = bits & kIndexMask;
    return index < entries_.size() && entries_[index].bits == bits ? entries_[index].bar : nullptr;
  }
  // The attached BAR with this id; any other number, whatever JavaScript
  // passed, throws FpgaError EINVAL naming `call`.
  Bar& Attached(Napi::Env env, double id, const char* call) const {
    Bar* bar = Find(id);
    if (bar == nullptr || bar->released) throw Detached(env, call);
    return *bar;
  }
  // The environment is going away: unmaps every BAR it left attached.
  void DetachAll();
  // Live (unrevoked) view mappings, by address, so that data taken from a view
  // can be recognised as the BAR memory it is.
  void AddMapping(ViewMapping* mapping) { mappings_[reinterpret_cast<uintptr_t>(mapping->base)] = mapping; }
  void RemoveMapping(ViewMapping* mapping) { mappings_.erase(reinterpret_cast<uintptr_t>(mapping->base)); }
  // The live view mapping holding [address, address + length), or null.
  ViewMapping* MappingOf(const void* address, uint64_t length) const;

 private:
  static Napi::Error Detached(Napi::Env env, const char* call);
  static constexpr unsigned kIndexBits = 16;
  static constexpr uint64_t kIndexMask = (uint64_t{1} << kIndexBits) - 1;
  static uint64_t Bits(double id) {
    uint64_t bits;
    std::memcpy(&bits, &id, sizeof(bits));
    return bits;
  }
  struct Entry {
    uint64_t bits = 0;  // of the id: +0 in a free entry, where `bar` is null
    Bar* bar = nullptr;
  };
  std::vector<Entry> entries_;
  std::vector<uint32_t> free_;
  uint64_t serial_ = 0;
  std::map<uintptr_t, ViewMapping*> mappings_;
};

// A view's mapping of [offset, offset + length) of `bar`, whose SDK mapping
// has that range at `address`; null with errno set when it cannot be made.
ViewMapping* MapView(Bar& bar, void* address, uint64_t offset, uint64_t length);
// Replaces the mapping with anonymous memory: the BAR is out of reach.
void RevokeView(ViewMapping& mapping);
void UnmapView(ViewMapping* mapping);
