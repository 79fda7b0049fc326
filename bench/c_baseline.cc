// The C baseline: the same operations as the JavaScript benchmarks, in tight
// loops calling the SDK's C API, linked against the simulated device's sources.
// Prints one JSON object: { name: nanoseconds per operation }.
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "sdk_abi.h"

namespace {

double now_ns() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

// Median of `samples` runs of `ops` operations, in ns per operation.
template <typename Body>
double measure(long ops, Body body, int samples = 7) {
  std::vector<double> runs;
  for (int s = 0; s < samples; s++) {
    const double start = now_ns();
    body(ops);
    runs.push_back((now_ns() - start) / ops);
  }
  std::sort(runs.begin(), runs.end());
  return runs[runs.size() / 2];
}

// bench/sdk_style.c, built at -O0.
extern "C" void sdk_style_write(uint32_t* to, const uint32_t* from, uint64_t dwords);
extern "C" void sdk_style_fill(uint32_t* to, uint32_t value, uint64_t dwords);

void fail(const char* what, int rc) {
  std::fprintf(stderr, "%s failed: %d\n", what, rc);
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  const long ops = argc > 1 ? std::atol(argv[1]) : 2000000;
  const std::vector<uint64_t> sizes = {4096, 65536, 1048576, 16777216};  // bench/bulk.ts's

  if (fpga_pci_init() != 0) fail("fpga_pci_init", -1);
  if (fpga_mgmt_init() != 0) fail("fpga_mgmt_init", -1);
  pci_bar_handle_t ocl, pcis;
  int rc = fpga_pci_attach(0, FPGA_APP_PF, 0, 0, &ocl);
  if (rc != 0) fail("attach", rc);
  rc = fpga_pci_attach(0, FPGA_APP_PF, 4, BURST_CAPABLE, &pcis);
  if (rc != 0) fail("attach", rc);

  volatile uint64_t sink = 0;
  std::string out = "{";
  auto emit = [&out](const std::string& name, double value) {
    char buf[128];
    std::snprintf(buf, sizeof(buf), "%s\"%s\":%.4f", out.size() > 1 ? "," : "", name.c_str(), value);
    out += buf;
  };

  emit("peek", measure(ops, [&](long n) {
    uint32_t v;
    for (long i = 0; i < n; i++) { fpga_pci_peek(ocl, 0x100, &v); sink += v; }
  }));
  emit("poke", measure(ops, [&](long n) { for (long i = 0; i < n; i++) fpga_pci_poke(ocl, 0x100, i); }));
  emit("peek8", measure(ops, [&](long n) {
    uint8_t v;
    for (long i = 0; i < n; i++) { fpga_pci_peek8(ocl, 0x100, &v); sink += v; }
  }));
  emit("poke8", measure(ops, [&](long n) { for (long i = 0; i < n; i++) fpga_pci_poke8(ocl, 0x100, i); }));
  emit("peek64", measure(ops, [&](long n) {
    uint64_t v;
    for (long i = 0; i < n; i++) { fpga_pci_peek64(ocl, 0x100, &v); sink += v; }
  }));
  emit("poke64", measure(ops, [&](long n) { for (long i = 0; i < n; i++) fpga_pci_poke64(ocl, 0x100, i); }));

  std::vector<uint32_t> data(sizes.back() / 4, 0x5a5a5a5a);
  for (uint64_t bytes : sizes) {
    const long calls = std::max<long>(4, static_cast<long>(std::min<uint64_t>(ops, (256ull << 20) / bytes)));
    emit("writeBurst:" + std::to_string(bytes), measure(calls, [&](long n) {
      for (long i = 0; i < n; i++) fpga_pci_write_burst(pcis, 0, data.data(), bytes / 4);
    }));
    emit("memset:" + std::to_string(bytes), measure(calls, [&](long n) {
      for (long i = 0; i < n; i++) fpga_pci_memset(pcis, 0, 0xa5a5a5a5, bytes / 4);
    }));
    // The SDK's kind of loop (bench/sdk_style.c, -O0) through the BAR's mapping.
    void* address = nullptr;
    rc = fpga_pci_get_address(pcis, 0, bytes, &address);
    if (rc != 0) fail("get_address", rc);
    uint32_t* mapped = static_cast<uint32_t*>(address);
    const std::string at = ":" + std::to_string(bytes);
    emit("sdkStyleWrite" + at, measure(calls, [&](long n) {
      for (long i = 0; i < n; i++) sdk_style_write(mapped, data.data(), bytes / 4);
    }));
    emit("sdkStyleFill" + at, measure(calls, [&](long n) {
      for (long i = 0; i < n; i++) sdk_style_fill(mapped, 0xa5a5a5a5, bytes / 4);
    }));
  }

  const long slow_ops = ops / 20;
  emit("attach+detach", measure(slow_ops, [&](long n) {
    for (long i = 0; i < n; i++) {
      pci_bar_handle_t h;
      fpga_pci_attach(0, FPGA_APP_PF, 0, 0, &h);
      fpga_pci_detach(h);
    }
  }));
  emit("getSlotSpec", measure(slow_ops, [&](long n) {
    fpga_slot_spec spec;
    for (long i = 0; i < n; i++) fpga_pci_get_slot_spec(0, &spec);
  }));
  emit("describeLocalImage", measure(slow_ops, [&](long n) {
    fpga_mgmt_image_info info;
    for (long i = 0; i < n; i++) fpga_mgmt_describe_local_image(0, &info, FPGA_CMD_GET_HW_METRICS);
  }));
  std::printf("%s}\n", out.c_str());
  return sink == 42 ? 1 : 0;
}
