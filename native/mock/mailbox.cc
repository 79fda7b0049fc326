#include "mailbox.h"

#include <atomic>
#include <cstring>
#include <mutex>

#include "faults.h"

namespace fpga_mock {

namespace {

std::atomic<bool> initialized{false};
// The SDK's defaults: 2500 polls, 2 ms apart.
std::atomic<uint32_t> cmd_timeout{2500};
std::atomic<uint32_t> cmd_delay_ms{2};

// describe retries a timed-out command this many times, a second apart, in
// case the shell is reloading.
constexpr int kDescribeRetries = 16;
constexpr uint64_t kDescribeRetryDelayMs = 1000;

std::mutex mailbox_mutex;  // guards mailboxes
pci_bar_handle_t mailboxes[FPGA_SLOT_MAX] = {PCI_BAR_HANDLE_INIT, PCI_BAR_HANDLE_INIT, PCI_BAR_HANDLE_INIT,
                                             PCI_BAR_HANDLE_INIT, PCI_BAR_HANDLE_INIT, PCI_BAR_HANDLE_INIT,
                                             PCI_BAR_HANDLE_INIT, PCI_BAR_HANDLE_INIT};

bool is_mailbox_of(const BarHandle* h, int slot_id) {
  return h != nullptr && h->slot->index == slot_id && h->pf == FPGA_MGMT_PF && h->bar == 0;
}

}  // namespace

int use_mailbox(int slot_id) {
  std::lock_guard<std::mutex> lock(mailbox_mutex);
  pci_bar_handle_t& handle = mailboxes[slot_id];
  if (handle == PCI_BAR_HANDLE_INIT) {
    const int rc = Device::get().attach(slot_id, FPGA_MGMT_PF, 0, 0, &handle, false);
    // A full table gives "success" with no handle (see Device::attach).
    return rc != 0 ? rc : handle == PCI_BAR_HANDLE_INIT ? -1 : 0;
  }
  return is_mailbox_of(Device::get().handle(handle), slot_id) ? 0 : -1;
}

void detach_mailboxes() {
  std::lock_guard<std::mutex> lock(mailbox_mutex);
  for (pci_bar_handle_t& handle : mailboxes) {
    if (handle != PCI_BAR_HANDLE_INIT) Device::get().detach(handle);
    handle = PCI_BAR_HANDLE_INIT;
  }
}

void detach_stray_handle(int slot_id) {
  if (slot_id < 0 || slot_id >= FPGA_SLOT_MAX) return;
  std::lock_guard<std::mutex> lock(mailbox_mutex);
  if (mailboxes[slot_id] != PCI_BAR_HANDLE_INIT) Device::get().detach(mailboxes[slot_id]);
}

void set_mgmt_initialized(bool value) { initialized = value; }
bool mgmt_initialized() { return initialized; }
void set_cmd_timeout(uint32_t polls) { cmd_timeout = polls; }
void set_cmd_delay_ms(uint32_t ms) { cmd_delay_ms = ms; }

void wait_for_mailbox_timeout() {
  Device::get().clock().sleep_ms(static_cast<uint64_t>(cmd_timeout) * cmd_delay_ms);
}

int read_sh_version(int slot_id, uint32_t* sh_version) {
  if (slot_id < 0 || slot_id >= FPGA_SLOT_MAX) return -EINVAL;
  Slot* slot = Device::get().slot(slot_id);
  if (slot == nullptr) return kAbsentSlot;
  uint64_t value;
  slot->read(FPGA_MGMT_PF, 0, kShellVersionReg, 4, &value);
  *sh_version = static_cast<uint32_t>(value);
  return 0;
}

void wait_latency(uint32_t ms) {
  if (ms > 0) Device::get().clock().sleep_ms(ms);
}

int describe_command(int slot_id, fpga_mgmt_image_info* info, uint32_t flags) {
  if (slot_id < 0 || slot_id >= FPGA_SLOT_MAX || info == nullptr) return -EINVAL;
  wait_latency(Faults::get().latency().describe_ms);
  auto send = [&] {
    return mailbox_command(slot_id, [&](Slot& slot, uint64_t now_ms) {
      describe(slot, now_ms, flags, info);
      return 0;
    });
  };
  int rc = send();
  for (int retry = 0; rc == -ETIMEDOUT && retry < kDescribeRetries; retry++) {
    Device::get().clock().sleep_ms(kDescribeRetryDelayMs);
    rc = send();
  }
  if (rc != 0) return rc;
  return read_sh_version(slot_id, &info->sh_version);
}

fpga_mgmt_load_local_image_options load_options(int slot_id, char* afi_id, uint32_t flags) {
  fpga_mgmt_load_local_image_options opt;
  std::memset(&opt, 0, sizeof(opt));
  opt.slot_id = slot_id;
  opt.afi_id = afi_id;
  opt.flags = flags;
  return opt;
}

}  // namespace fpga_mock
