// The simulated device's controls (control.h).
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include "faults.h"
#include "slot_access.h"
#include "trace.h"

using fpga_mock::Device;
using fpga_mock::Slot;
using fpga_mock::with_slot;

namespace {

// A non-negative decimal that fits 32 bits, or false.
bool parse_uint32(const char* text, uint32_t* value) {
  if (text == nullptr || *text < '0' || *text > '9') return false;
  errno = 0;
  char* end;
  const unsigned long long parsed = std::strtoull(text, &end, 10);
  if (errno != 0 || *end != '\0' || parsed > UINT32_MAX) return false;
  *value = static_cast<uint32_t>(parsed);
  return true;
}

void override_from_environment(const char* name, uint32_t* field) {
  uint32_t value;
  if (parse_uint32(std::getenv(name), &value)) *field = value;
}

}  // namespace

namespace fpga_mock {

aws_fpga_mock_options startup_options() {
  aws_fpga_mock_options options;
  aws_fpga_mock_default_options(&options);
  aws_fpga_mock_options wanted = options;
  override_from_environment("AWS_FPGA_MOCK_SLOTS", &wanted.slots);
  override_from_environment("AWS_FPGA_MOCK_LOAD_TIME_MS", &wanted.load_time_ms);
  override_from_environment("AWS_FPGA_MOCK_CLEAR_TIME_MS", &wanted.clear_time_ms);
  override_from_environment("AWS_FPGA_MOCK_VIRTUAL_TIME", &wanted.virtual_time);
  if (wanted.slots < 1 || wanted.slots > FPGA_SLOT_MAX) wanted.slots = options.slots;
  return wanted;
}

}  // namespace fpga_mock

extern "C" {

void aws_fpga_mock_default_options(aws_fpga_mock_options* options) {
  if (options == nullptr) return;
  options->slots = 1;
  options->load_time_ms = 4000;
  options->clear_time_ms = 2000;
  options->virtual_time = 0;
}

int aws_fpga_mock_reset(const aws_fpga_mock_options* options) {
  if (const int rc = fpga_mock::refuse_in_hook()) return rc;
  aws_fpga_mock_options defaults;
  aws_fpga_mock_default_options(&defaults);
  const int rc = Device::get().reset(options != nullptr ? *options : defaults);
  if (rc != 0) return rc;
  fpga_mock::Catalog::get().reset();
  fpga_mock::Faults::get().reset();
  fpga_mock::Trace::get().reset();
  return 0;
}

int aws_fpga_mock_advance_time(uint64_t ms) {
  Device::get().clock().advance(ms);
  return 0;
}

int aws_fpga_mock_add_afi(const aws_fpga_mock_afi* afi) {
  if (const int rc = fpga_mock::refuse_in_hook()) return rc;
  if (afi == nullptr || afi->afi_id == nullptr) return -EINVAL;
  fpga_mock::AfiEntry entry;
  entry.id = std::string(afi->afi_id, strnlen(afi->afi_id, AFI_ID_STR_MAX));
  entry.ids = {afi->vendor_id, afi->device_id, afi->subsystem_vendor_id, afi->subsystem_device_id};
  if (afi->sh_version != 0) entry.sh_version = afi->sh_version;
  entry.power_watts = afi->power_watts;
  entry.has_clkgen = afi->has_clkgen != 0;
  entry.load_fails_with = afi->load_fails_with;
  return fpga_mock::Catalog::get().add(entry);
}

int aws_fpga_mock_set_power(int slot_id, uint32_t watts) {
  return with_slot(slot_id, [&](Slot& slot, uint64_t now_ms) {
    slot.metrics.set_power(now_ms, watts, false);
    return 0;
  });
}

int aws_fpga_mock_power_violation(int slot_id) {
  return with_slot(slot_id, [](Slot& slot, uint64_t now_ms) { return fpga_mock::power_violation(slot, now_ms); });
}

int aws_fpga_mock_force_status(int slot_id, int status, int status_q, const char* afi_id) {
  fpga_mock::ForcedReport forced;
  forced.status = status;
  forced.status_q = status_q;
  if (afi_id != nullptr) forced.afi_id = std::string(afi_id, strnlen(afi_id, AFI_ID_STR_MAX - 1));
  return with_slot(slot_id, [&](Slot& slot, uint64_t) {
    fpga_mock::force_report(slot, forced);
    return 0;
  });
}

int aws_fpga_mock_add_pcim_traffic(int slot_id, uint64_t reads, uint64_t writes) {
  return fpga_mock::with_cl_slot(slot_id, [&](Slot& slot) {
    slot.metrics.add_pcim(reads, writes);
    return 0;
  });
}

int aws_fpga_mock_set_unresponsive(int slot_id, uint32_t unresponsive) {
  return with_slot(slot_id, [&](Slot& slot, uint64_t) {
    slot.image.unresponsive = unresponsive != 0;
    return 0;
  });
}

}  // extern "C"
