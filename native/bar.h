// An attached BAR, and the table that names the BARs of one environment by id.
// JavaScript holds only the id: the native functions are shared by every BAR.
#pragma once

#include <napi.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <unordered_map>
#include <vector>

#include "backend.h"

class BarTable;

struct Bar {
  const Backend* backend = nullptr;
  int handle = PCI_BAR_HANDLE_INIT;  // back to PCI_BAR_HANDLE_INIT once detached
  int slot = 0;
  int pf = 0;
  int bar = 0;
  uint64_t size = 0;
  double id = 0;
  std::shared_ptr<BarTable> table;
  // The JavaScript BAR object and every live view each hold one reference:
  // the SDK mapping must outlive every view made from it.
  int refs = 1;
  uint64_t next_view_id = 0;
  std::unordered_map<uint64_t, Napi::Reference<Napi::ArrayBuffer>> views;  // weak

  bool attached() const { return handle != PCI_BAR_HANDLE_INIT; }
  // Unmaps the BAR and drops its id; the caller detaches the views first
  // when JavaScript can run.
  int DetachHandle();
  void Release();
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
  // The attached BAR with this id; any other number, whatever JavaScript
  // passed, throws FpgaError EINVAL naming `call`.
  Bar& Attached(Napi::Env env, double id, const char* call) const {
    const uint64_t bits = Bits(id);
    const uint64_t index = bits & kIndexMask;
    Bar* bar = index < entries_.size() && entries_[index].bits == bits ? entries_[index].bar : nullptr;
    if (bar == nullptr) throw Detached(env, call);
    return *bar;
  }
  // The environment is going away: unmaps every BAR it left attached.
  void DetachAll();

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
};
