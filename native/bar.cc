// The BAR table, a BAR's lifetime, and the mappings behind its views.
#include "bar.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

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

ViewMapping* BarTable::MappingOf(const void* address, uint64_t length) const {
  const uintptr_t at = reinterpret_cast<uintptr_t>(address);
  auto next = mappings_.upper_bound(at);
  if (next == mappings_.begin()) return nullptr;
  ViewMapping* mapping = std::prev(next)->second;
  const uintptr_t base = reinterpret_cast<uintptr_t>(mapping->base);
  return length <= mapping->length && at - base <= mapping->length - length ? mapping : nullptr;
}

void BarTable::DetachAll() {
  for (const Entry& entry : entries_)
    if (entry.bar != nullptr && entry.bar->attached()) entry.bar->DetachHandle(false);
}

int Bar::DetachHandle(bool js) {
  for (auto& [view_id, view] : views) {
    if (js) {
      Napi::ArrayBuffer buffer = view.buffer.Value();
      if (!buffer.IsEmpty() && !buffer.IsDetached()) buffer.Detach();
    }
    RevokeView(*view.mapping);
    table->RemoveMapping(view.mapping);
  }
  const int rc = backend->fpga_pci_detach(handle);
  handle = PCI_BAR_HANDLE_INIT;
  return rc;
}

void Bar::Release() {
  released = true;
  DeleteIfUnused();
}

void Bar::ViewGone(uint64_t view_id) {
  auto view = views.find(view_id);
  if (view == views.end()) return;
  table->RemoveMapping(view->second.mapping);
  views.erase(view);
  DeleteIfUnused();
}

// A released BAR whose views are all gone is detached (if it still is
// attached) and forgotten; its revoked mappings, if any ArrayBuffer still
// holds one, stay until that buffer is collected.
void Bar::DeleteIfUnused() {
  if (!released) return;
  if (attached() && !views.empty()) return;
  if (attached()) DetachHandle(true);
  for (auto& [view_id, view] : views) view.mapping->bar = nullptr;
  table->Remove(id);
  delete this;
}

namespace {

const size_t kPage = static_cast<size_t>(sysconf(_SC_PAGESIZE));

uint8_t* MapAgain(Bar& bar, void* address, uint64_t first_page, size_t length) {
  // The simulated device's BAR memory is a shared mapping: map its pages again.
  if (bar.backend->simulated()) {
    void* page = static_cast<uint8_t*>(address) - (reinterpret_cast<uintptr_t>(address) % kPage);
    void* again = mremap(page, 0, length, MREMAP_MAYMOVE);
    return again == MAP_FAILED ? nullptr : static_cast<uint8_t*>(again);
  }
  // The SDK maps the BAR's sysfs resource file; PCI memory cannot be remapped
  // that way, so the view maps the file itself, as the SDK does.
  const int fd = open(bar.resource_path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return nullptr;
  void* mapped = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, static_cast<off_t>(first_page));
  const int saved = errno;
  close(fd);
  errno = saved;
  return mapped == MAP_FAILED ? nullptr : static_cast<uint8_t*>(mapped);
}

}  // namespace

ViewMapping* MapView(Bar& bar, void* address, uint64_t offset, uint64_t length) {
  const uint64_t first_page = offset - offset % kPage;
  const size_t mapped_length = (offset + length - first_page + kPage - 1) / kPage * kPage;
  uint8_t* base = MapAgain(bar, address, first_page, mapped_length);
  if (base == nullptr) return nullptr;
  auto* mapping = new ViewMapping{base, mapped_length, base + (offset - first_page), first_page, &bar, bar.next_view_id++};
  bar.table->AddMapping(mapping);
  return mapping;
}

void RevokeView(ViewMapping& mapping) {
  // In place, so the addresses never become free for another mapping while
  // a buffer still points at them; inaccessible if even that fails.
  void* anonymous = mmap(mapping.base, mapping.length, PROT_READ | PROT_WRITE,
                         MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (anonymous == MAP_FAILED) mprotect(mapping.base, mapping.length, PROT_NONE);
}

void UnmapView(ViewMapping* mapping) {
  munmap(mapping->base, mapping->length);
  delete mapping;
}
