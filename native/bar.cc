// The BAR table and a BAR's release.
#include "bar.h"

#include <cerrno>

#include "addon.h"

Napi::Error BarTable::Detached(Napi::Env env, const char* call) {
  return SdkError(env, call, -EINVAL, -1, "the BAR handle is detached; attach the BAR again");
}

double BarTable::Add(Bar* bar) {
  uint32_t index;
  if (!free_.empty()) {
    index = free_.back();
    free_.pop_back();
  } else if (entries_.size() <= kIndexMask) {
    index = static_cast<uint32_t>(entries_.size());
    entries_.emplace_back();
  } else {
    return 0;
  }
  // The doubles in [2^52, 2^53) are the integers there, with the same low bits.
  constexpr double kTwoTo52 = 4503599627370496.0;
  constexpr uint64_t kSerials = uint64_t{1} << (52 - kIndexBits);
  serial_ = (serial_ + 1) % kSerials;
  const double id = kTwoTo52 + static_cast<double>(serial_ << kIndexBits | index);
  entries_[index] = {Bits(id), bar};
  return id;
}

void BarTable::Remove(double id) {
  const uint32_t index = static_cast<uint32_t>(Bits(id) & kIndexMask);
  entries_[index] = {};
  free_.push_back(index);
}

void BarTable::DetachAll() {
  for (const Entry& entry : entries_)
    if (entry.bar != nullptr) entry.bar->DetachHandle();
}

int Bar::DetachHandle() {
  const int rc = backend->fpga_pci_detach(handle);
  handle = PCI_BAR_HANDLE_INIT;
  table->Remove(id);
  return rc;
}

void Bar::Release() {
  if (--refs > 0) return;
  if (attached()) DetachHandle();
  delete this;
}
