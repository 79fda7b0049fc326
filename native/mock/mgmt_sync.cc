// The synchronous load and clear calls, which the SDK builds from the async
// command and describe polling; the simulated device does the same, so they
// end exactly as the SDK's do.
#include <cstring>

#include "harness.h"
#include "mailbox.h"
#include "pci_internal.h"
#include "sdk_extras.h"

namespace {

// The SDK raises the caller's timeout (a count of polls) and delay to these.
constexpr uint32_t kMinSyncPolls = 90000;
constexpr uint32_t kMinSyncDelayMs = 2;
constexpr int kNoStatus = -1;  // describe itself failed

bool same_ids(const afi_device_ids& ids, const fpga_pci_resource_map& map) {
  return ids.vendor_id == map.vendor_id && ids.device_id == map.device_id && ids.svid == map.subsystem_vendor_id &&
         ids.ssid == map.subsystem_device_id;
}

// Starts the command, then polls describe every delay until the slot shows
// `wanted`: busy keeps waiting (up to the poll count, then -ETIMEDOUT), any
// other status ends the wait with its status_q. A load also checks the loaded
// id against `afi_id` (unless null). Then, when the shell version or the app
// PF's ids changed, the app PF is removed and rescanned so the OS sees the new
// ids, and `info` (may be null) gets the final describe with the slot spec.
template <typename Start>
int run_sync(int slot_id, Start start, int wanted, const char* afi_id, uint32_t timeout, uint32_t delay_msec,
             fpga_mgmt_image_info* info) {
  const uint32_t polls = timeout > kMinSyncPolls ? timeout : kMinSyncPolls;
  const uint32_t delay_ms = delay_msec > kMinSyncDelayMs ? delay_msec : kMinSyncDelayMs;
  if (slot_id >= FPGA_SLOT_MAX) return -EINVAL;

  uint32_t sh_version_before;
  int rc = fpga_mock::read_sh_version(slot_id, &sh_version_before);
  if (rc != 0) return rc;
  fpga_pci_resource_map app_before;
  rc = fpga_mock::resource_map(slot_id, FPGA_APP_PF, &app_before);
  if (rc != 0) return rc;

  rc = start();
  if (rc != 0) return rc;

  fpga_mgmt_image_info now;
  std::memset(&now, 0, sizeof(now));
  for (uint32_t retries = 0;; retries++) {
    rc = fpga_mock::describe_command(slot_id, &now, 0);
    const int status = rc == 0 ? now.status : kNoStatus;
    if (status == wanted) break;
    // Like the SDK, a failed describe also lands here and returns the last status_q.
    if (status != FPGA_STATUS_BUSY) return now.status_q;
    if (retries >= polls) return -ETIMEDOUT;
    fpga_mock::Device::get().clock().sleep_ms(delay_ms);
  }
  if (afi_id != nullptr && std::strncmp(afi_id, now.ids.afi_id, sizeof(now.ids.afi_id)) != 0) return FPGA_ERR_FAIL;

  uint32_t sh_version_after;
  rc = fpga_mock::read_sh_version(slot_id, &sh_version_after);
  if (rc != 0) return rc;
  if (sh_version_after != sh_version_before || !same_ids(now.ids.afi_device_ids, app_before)) {
    rc = fpga_mock::rescan_app_pfs(slot_id);
    if (rc != 0) return rc;
  }
  rc = fpga_mock::slot_spec(slot_id, &now.spec);
  if (rc != 0) return rc;
  if (info != nullptr) *info = now;
  return 0;
}

int clear_and_wait(int slot_id, uint32_t timeout, uint32_t delay_msec, fpga_mgmt_image_info* info) {
  if (!fpga_mock::mgmt_initialized()) return FPGA_ERR_SOFTWARE_PROBLEM;
  return run_sync(
      slot_id, [&] { return fpga_mock::clear_command(slot_id); }, FPGA_STATUS_CLEARED, nullptr, timeout, delay_msec,
      info);
}

int load_and_wait(fpga_mgmt_load_local_image_options* opt, uint32_t timeout, uint32_t delay_msec,
                  fpga_mgmt_image_info* info) {
  if (!fpga_mock::mgmt_initialized()) return FPGA_ERR_SOFTWARE_PROBLEM;
  if (opt == nullptr) return -EINVAL;
  // A prefetch leaves whatever was loaded, so there is no id to check.
  const char* expected = (opt->flags & FPGA_CMD_PREFETCH) ? nullptr : opt->afi_id;
  return run_sync(
      opt->slot_id, [&] { return fpga_mock::load_command(opt); }, FPGA_STATUS_LOADED, expected, timeout, delay_msec,
      info);
}

}  // namespace

extern "C" {

int fpga_mgmt_clear_local_image_sync(int slot_id, uint32_t timeout, uint32_t delay_msec,
                                     fpga_mgmt_image_info* info) {
  if (const int rc = fpga_mock::enter(AWS_FPGA_MOCK_OP_CLEAR, slot_id)) return rc;
  return clear_and_wait(slot_id, timeout, delay_msec, info);
}

int fpga_mgmt_load_local_image_sync_with_options(fpga_mgmt_load_local_image_options* opt, uint32_t timeout,
                                                 uint32_t delay_msec, fpga_mgmt_image_info* info) {
  if (const int rc = fpga_mock::enter(AWS_FPGA_MOCK_OP_LOAD, opt != nullptr ? opt->slot_id : -1)) return rc;
  return load_and_wait(opt, timeout, delay_msec, info);
}

int fpga_mgmt_load_local_image_sync_flags(int slot_id, char* afi_id, uint32_t flags, uint32_t timeout,
                                          uint32_t delay_msec, fpga_mgmt_image_info* info) {
  if (const int rc = fpga_mock::enter(AWS_FPGA_MOCK_OP_LOAD, slot_id)) return rc;
  fpga_mgmt_load_local_image_options opt = fpga_mock::load_options(slot_id, afi_id, flags);
  return load_and_wait(&opt, timeout, delay_msec, info);
}

int fpga_mgmt_load_local_image_sync(int slot_id, char* afi_id, uint32_t timeout, uint32_t delay_msec,
                                    fpga_mgmt_image_info* info) {
  return fpga_mgmt_load_local_image_sync_flags(slot_id, afi_id, 0, timeout, delay_msec, info);
}

}  // extern "C"
