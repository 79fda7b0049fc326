// fpga_mgmt_* of the simulated device: the SDK library's checks in front of
// the simulated FPGA service. Each public call first passes its entry checks
// (harness.h: no device calls inside a CL hook, injected faults).
#include <cerrno>
#include <cstring>
#include <string>

#include "faults.h"
#include "harness.h"
#include "mailbox.h"
#include "pci_internal.h"

using fpga_mock::Device;
using fpga_mock::Slot;

namespace {

// Flags the F2 service refuses; the SDK answers software-problem for them.
constexpr uint32_t kUnsupportedFlags =
    FPGA_CMD_FORCE_SHELL_RELOAD | FPGA_CMD_DRAM_DATA_RETENTION | FPGA_CMD_EXTENDED_METRICS_SIZE;
// What the SDK passes on to a describe; it ignores every other bit, even the
// ones a load refuses.
constexpr uint32_t kDescribeFlags = FPGA_CMD_GET_HW_METRICS | FPGA_CMD_CLEAR_HW_METRICS | FPGA_CMD_CLEAR_AFI_CACHE;
// What the SDK passes on to a load; it drops every other bit.
constexpr uint32_t kLoadFlags = FPGA_CMD_GET_HW_METRICS | FPGA_CMD_CLEAR_HW_METRICS | FPGA_CMD_FORCE_SHELL_RELOAD |
                                FPGA_CMD_DRAM_DATA_RETENTION | FPGA_CMD_EXTENDED_METRICS_SIZE | FPGA_CMD_PREFETCH |
                                FPGA_CMD_CLEAR_AFI_CACHE;

bool valid_slot(int slot_id) { return slot_id >= 0 && slot_id < FPGA_SLOT_MAX; }

// The SDK copies at most this much of an id into its command.
std::string afi_id_as_sent(const char* afi_id) { return std::string(afi_id, strnlen(afi_id, AFI_ID_STR_MAX - 1)); }

// The vLED/vDIP calls reach the mgmt PF BAR0 registers as the SDK does, through
// attach, peek/poke and detach (so they need no fpga_mgmt_init).
int shell_slot(int slot_id, Slot** slot) {
  if (!valid_slot(slot_id)) return -EINVAL;
  *slot = Device::get().slot(slot_id);
  return *slot == nullptr ? fpga_mock::kAbsentSlot : 0;
}

int read_shell_register(int slot_id, uint64_t offset, uint16_t* value) {
  Slot* slot;
  const int rc = shell_slot(slot_id, &slot);
  if (rc != 0) return rc;
  if (value == nullptr) return -EINVAL;
  uint64_t reg;
  slot->read(FPGA_MGMT_PF, 0, offset, 4, &reg);
  *value = static_cast<uint16_t>(reg);
  return 0;
}

}  // namespace

namespace fpga_mock {

int describe_image(int slot_id, fpga_mgmt_image_info* info, uint32_t flags) {
  if (!mgmt_initialized()) return FPGA_ERR_SOFTWARE_PROBLEM;
  if (!valid_slot(slot_id) || info == nullptr) return -EINVAL;
  const int rc = describe_command(slot_id, info, flags & kDescribeFlags);
  return rc != 0 ? rc : slot_spec(slot_id, &info->spec);
}

// clock_mains asks for main clock frequencies at load time; F2's clk_main_a0
// is fixed at 250 MHz, so the simulated service ignores them.
int load_command(fpga_mgmt_load_local_image_options* opt) {
  if (!mgmt_initialized()) return FPGA_ERR_SOFTWARE_PROBLEM;
  if (opt == nullptr || !valid_slot(opt->slot_id) || opt->afi_id == nullptr) return -EINVAL;
  if (opt->flags & kUnsupportedFlags) return FPGA_ERR_SOFTWARE_PROBLEM;
  opt->flags &= kLoadFlags;  // in the caller's options, as the SDK does
  const std::string afi_id = afi_id_as_sent(opt->afi_id);
  const uint32_t flags = opt->flags;
  const uint32_t load_ms = Device::get().options().load_time_ms;
  wait_latency(Faults::get().latency().load_ms);
  return mailbox_command(opt->slot_id, [&](Slot& slot, uint64_t now_ms) {
    return begin_load(slot, now_ms, afi_id, flags, load_ms);
  });
}

int clear_command(int slot_id) {
  if (!mgmt_initialized()) return FPGA_ERR_SOFTWARE_PROBLEM;
  if (!valid_slot(slot_id)) return -EINVAL;
  const uint32_t clear_ms = Device::get().options().clear_time_ms;
  wait_latency(Faults::get().latency().clear_ms);
  return mailbox_command(slot_id, [&](Slot& slot, uint64_t now_ms) { return begin_clear(slot, now_ms, clear_ms); });
}

}  // namespace fpga_mock

extern "C" {

int fpga_mgmt_init(void) {
  fpga_mock::set_mgmt_initialized(true);
  return fpga_pci_init();
}

int fpga_mgmt_close(void) {
  fpga_mock::set_mgmt_initialized(false);
  fpga_mock::detach_mailboxes();
  return FPGA_ERR_OK;
}

void fpga_mgmt_set_cmd_timeout(uint32_t value) { fpga_mock::set_cmd_timeout(value); }

void fpga_mgmt_set_cmd_delay_msec(uint32_t value) { fpga_mock::set_cmd_delay_ms(value); }

int fpga_mgmt_describe_local_image(int slot_id, fpga_mgmt_image_info* info, uint32_t flags) {
  if (const int rc = fpga_mock::enter(AWS_FPGA_MOCK_OP_DESCRIBE, slot_id)) return rc;
  return fpga_mock::describe_image(slot_id, info, flags);
}

int fpga_mgmt_get_status(int slot_id, int* status, int* status_q) {
  if (const int rc = fpga_mock::enter(AWS_FPGA_MOCK_OP_GET_STATUS, slot_id)) return rc;
  if (!fpga_mock::mgmt_initialized()) return FPGA_ERR_SOFTWARE_PROBLEM;
  if (!valid_slot(slot_id) || status == nullptr || status_q == nullptr) return -EINVAL;
  fpga_mgmt_image_info info;
  const int rc = fpga_mock::describe_image(slot_id, &info, 0);
  if (rc != 0) return rc;
  *status = info.status;
  *status_q = info.status_q;
  return 0;
}

int fpga_mgmt_clear_local_image(int slot_id) {
  if (const int rc = fpga_mock::enter(AWS_FPGA_MOCK_OP_CLEAR, slot_id)) return rc;
  return fpga_mock::clear_command(slot_id);
}

int fpga_mgmt_init_load_local_image_options(fpga_mgmt_load_local_image_options* opt) {
  if (opt == nullptr) return -EINVAL;
  std::memset(opt, 0, sizeof(*opt));
  return 0;
}

int fpga_mgmt_load_local_image_with_options(fpga_mgmt_load_local_image_options* opt) {
  if (const int rc = fpga_mock::enter(AWS_FPGA_MOCK_OP_LOAD, opt != nullptr ? opt->slot_id : -1)) return rc;
  return fpga_mock::load_command(opt);
}

int fpga_mgmt_load_local_image_flags(int slot_id, char* afi_id, uint32_t flags) {
  if (const int rc = fpga_mock::enter(AWS_FPGA_MOCK_OP_LOAD, slot_id)) return rc;
  fpga_mgmt_load_local_image_options opt = fpga_mock::load_options(slot_id, afi_id, flags);
  return fpga_mock::load_command(&opt);
}

int fpga_mgmt_load_local_image(int slot_id, char* afi_id) {
  return fpga_mgmt_load_local_image_flags(slot_id, afi_id, 0);
}

int fpga_mgmt_get_vLED_status(int slot_id, uint16_t* status) {
  if (const int rc = fpga_mock::enter(AWS_FPGA_MOCK_OP_GET_VLED, slot_id)) return rc;
  return read_shell_register(slot_id, fpga_mock::kVirtualLedReg, status);
}

int fpga_mgmt_set_vDIP(int slot_id, uint16_t value) {
  if (const int rc = fpga_mock::enter(AWS_FPGA_MOCK_OP_SET_VDIP, slot_id)) return rc;
  Slot* slot;
  const int rc = shell_slot(slot_id, &slot);
  if (rc == 0) slot->write(FPGA_MGMT_PF, 0, fpga_mock::kVirtualDipReg, 4, value);
  return rc;
}

int fpga_mgmt_get_vDIP_status(int slot_id, uint16_t* value) {
  if (const int rc = fpga_mock::enter(AWS_FPGA_MOCK_OP_GET_VDIP, slot_id)) return rc;
  return read_shell_register(slot_id, fpga_mock::kVirtualDipReg, value);
}

}  // extern "C"
