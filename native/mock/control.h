// Control interface of the simulated device: exported next to the SDK symbols by
// both the in-addon copy and the standalone library, so the binding (and C
// programs) can configure whichever simulated device is loaded.
//
// The standalone library (libfpga_mgmt_mock.so) starts from the defaults below,
// overridden at first use by these environment variables (invalid values are
// ignored):
//   AWS_FPGA_MOCK_SLOTS          number of slots, 1..8
//   AWS_FPGA_MOCK_LOAD_TIME_MS   how long a load keeps a slot busy
//   AWS_FPGA_MOCK_CLEAR_TIME_MS  how long a clear keeps a slot busy
//   AWS_FPGA_MOCK_VIRTUAL_TIME   1: virtual time (see aws_fpga_mock_options), 0: real time
//
// Controls return 0, or -EINVAL for bad arguments and -ENOENT for a slot the
// device does not have.
#pragma once

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct aws_fpga_mock_options {
  uint32_t slots;          // 1..FPGA_SLOT_MAX
  uint32_t load_time_ms;   // how long a load keeps the slot busy
  uint32_t clear_time_ms;  // how long a clear keeps the slot busy
  uint32_t virtual_time;   // non-zero: time moves only by advance_time and by the SDK's own waits
};

// Fills in the defaults: one slot, 4 s loads, 2 s clears, real time.
void aws_fpga_mock_default_options(struct aws_fpga_mock_options* options);
// Powers every slot off and on again with these options (NULL: the defaults):
// every slot not programmed, the AFI catalog back to its built-in AFIs.
// BAR memory reads as zero again; attached handles stay attached (as a BAR
// mapping survives an FPGA reset) so that no stale handle can alias a new one.
int aws_fpga_mock_reset(const struct aws_fpga_mock_options* options);
// Moves virtual time forward (no effect in real time).
int aws_fpga_mock_advance_time(uint64_t ms);

// An AFI for the simulated service's catalog.
struct aws_fpga_mock_afi {
  const char* afi_id;  // "agfi-0" + 16 lowercase hex digits
  uint16_t vendor_id;  // the app PF's ids while it is loaded
  uint16_t device_id;
  uint16_t subsystem_vendor_id;
  uint16_t subsystem_device_id;
  uint32_t sh_version;       // the shell it was built for; 0: the simulated shell, 0x10212415
  uint32_t power_watts;      // Vccint draw while loaded
  uint32_t has_clkgen;       // non-zero: carries AWS_CLK_GEN on mgmt PF BAR4
  int32_t load_fails_with;   // non-zero: every load ends load-failed with this status_q
};
// Adds an AFI to the catalog, or replaces the one with the same id, until the next reset.
int aws_fpga_mock_add_afi(const struct aws_fpga_mock_afi* afi);
// Sets the slot's Vccint draw until the next load or clear. Above 85 W the
// metrics report the shell's power warning (flags 2).
int aws_fpga_mock_set_power(int slot, uint32_t watts);
// The shell gates the loaded CL's clocks: status load-failed, status_q
// afi-power-violation; CL accesses read all ones, writes are dropped and the
// interface timeouts count, until the next load or clear. -EINVAL unless an
// AFI is loaded, -EBUSY while a load or clear runs.
int aws_fpga_mock_power_violation(int slot);
// Fault injection: the next load or clear to end on the slot (the running
// one, if any) reports this status and status_q, and afi_id unless NULL,
// instead of its own outcome. Only the report changes, not the CL; a forced
// busy keeps the slot busy until the next reset.
int aws_fpga_mock_force_status(int slot, int status, int status_q, const char* afi_id);
// Counts PCIM transactions, as if the CL had issued them.
int aws_fpga_mock_add_pcim_traffic(int slot, uint64_t reads, uint64_t writes);
// Non-zero: the slot's management mailbox stops answering, so management
// commands time out (after the command timeout and delay) with -ETIMEDOUT.
int aws_fpga_mock_set_unresponsive(int slot, uint32_t unresponsive);

#ifdef __cplusplus
}

#define AWS_FPGA_MOCK_FUNCTIONS(X)   \
  X(aws_fpga_mock_default_options)   \
  X(aws_fpga_mock_reset)             \
  X(aws_fpga_mock_advance_time)      \
  X(aws_fpga_mock_add_afi)           \
  X(aws_fpga_mock_set_power)         \
  X(aws_fpga_mock_power_violation)   \
  X(aws_fpga_mock_force_status)      \
  X(aws_fpga_mock_add_pcim_traffic)  \
  X(aws_fpga_mock_set_unresponsive)
#endif
