#include "backend.h"

#include <dlfcn.h>

#include <map>
#include <memory>
#include <mutex>

const Backend* LinkedMockBackend() {
  static const Backend backend = [] {
    Backend b;
#define AWS_FPGA_LINK(name) b.name = &::name;
    AWS_FPGA_SDK_FUNCTIONS(AWS_FPGA_LINK)
    AWS_FPGA_MOCK_FUNCTIONS(AWS_FPGA_LINK)
#undef AWS_FPGA_LINK
    b.linked_mock = true;
    b.path = "(simulated device built into the addon)";
    return b;
  }();
  return &backend;
}

namespace {

// Resolves every SDK symbol; returns the first one missing, or "" when all are there.
std::string ResolveSymbols(void* library, Backend* b) {
#define AWS_FPGA_RESOLVE(name)                                              \
  b->name = reinterpret_cast<decltype(b->name)>(dlsym(library, #name)); \
  if (b->name == nullptr) return #name;
  AWS_FPGA_SDK_FUNCTIONS(AWS_FPGA_RESOLVE)
#undef AWS_FPGA_RESOLVE
  // Optional: present only in the simulated device's standalone library.
#define AWS_FPGA_RESOLVE_OPTIONAL(name) b->name = reinterpret_cast<decltype(b->name)>(dlsym(library, #name));
  AWS_FPGA_MOCK_FUNCTIONS(AWS_FPGA_RESOLVE_OPTIONAL)
#undef AWS_FPGA_RESOLVE_OPTIONAL
  return "";
}

}  // namespace

const Backend* LoadSdkBackend(const std::vector<std::string>& candidates, std::string* error) {
  static std::mutex mutex;
  // By library, not by name: a path and the soname the dynamic linker matches
  // it by open the same library, which must be one Backend, since mgmt.cc
  // counts the users of the SDK's session per Backend.
  static std::map<void*, std::unique_ptr<Backend>> loaded;
  std::lock_guard<std::mutex> lock(mutex);
  error->clear();
  for (const std::string& path : candidates) {
    void* library = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
      const char* why = dlerror();
      *error += "  " + path + ": " + (why != nullptr ? why : "cannot be opened") + "\n";
      continue;
    }
    auto found = loaded.find(library);
    if (found != loaded.end()) {
      dlclose(library);  // the reference this dlopen added; the first one keeps the library loaded
      return found->second.get();
    }
    auto backend = std::make_unique<Backend>();
    const std::string missing = ResolveSymbols(library, backend.get());
    if (!missing.empty()) {
      *error += "  " + path + ": opened, but it does not export " + missing + " (not the F2 SDK's libfpga_mgmt)\n";
      dlclose(library);
      continue;
    }
    backend->path = path;
    const Backend* result = backend.get();
    loaded.emplace(library, std::move(backend));
    return result;
  }
  return nullptr;
}
