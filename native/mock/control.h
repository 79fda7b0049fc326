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
// device does not have; reset also clears every fault, latency, trace and
// CL model set below.
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
// Counts PCIM transactions, as if the CL had issued them (a CL model's hook
// may call it for its own slot).
int aws_fpga_mock_add_pcim_traffic(int slot, uint64_t reads, uint64_t writes);
// Non-zero: the slot's management mailbox stops answering, so management
// commands time out (after the command timeout and delay) with -ETIMEDOUT.
int aws_fpga_mock_set_unresponsive(int slot, uint32_t unresponsive);
// The device's time: ms since the last reset, real or virtual.
int aws_fpga_mock_now(uint64_t* ms);

// ---- Read bursts -----------------------------------------------------------
// The SDK has no read burst: a program reads its BAR through the mapping. The
// simulated device's own entry reads `dword_len` 32-bit words from `offset`
// into `data` as a program's loads would, through the CL models (each dword a
// read their hooks see, in order) and traced as one access; 0 or -EINVAL, as
// fpga_pci_write_burst answers. A hook that detaches the handle ends the burst
// (-EINVAL); the caller's buffer is written only after the last hook ran.
int aws_fpga_mock_read_burst(int handle, uint64_t offset, uint32_t* data, uint64_t dword_len);

// ---- Fault injection ------------------------------------------------------
// Every fault travels the path a real failure would: the SDK call returns the
// code. Faults, latency, denied attaches and busy slots last until the next reset.

// The operations faults are injected into, and the SDK calls each covers.
enum aws_fpga_mock_op {
  AWS_FPGA_MOCK_OP_ATTACH,            // fpga_pci_attach
  AWS_FPGA_MOCK_OP_DETACH,            // fpga_pci_detach (the handle is released all the same)
  AWS_FPGA_MOCK_OP_PEEK,              // fpga_pci_peek, _peek8, _peek64
  AWS_FPGA_MOCK_OP_POKE,              // fpga_pci_poke, _poke8, _poke64
  AWS_FPGA_MOCK_OP_WRITE_BURST,       // fpga_pci_write_burst
  AWS_FPGA_MOCK_OP_MEMSET,            // fpga_pci_memset
  AWS_FPGA_MOCK_OP_GET_ADDRESS,       // fpga_pci_get_address
  AWS_FPGA_MOCK_OP_GET_SLOT_SPEC,     // fpga_pci_get_slot_spec, _get_all_slot_specs (any slot only)
  AWS_FPGA_MOCK_OP_GET_RESOURCE_MAP,  // fpga_pci_get_resource_map
  AWS_FPGA_MOCK_OP_RESCAN,            // fpga_pci_rescan_slot_app_pfs
  AWS_FPGA_MOCK_OP_DESCRIBE,          // fpga_mgmt_describe_local_image
  AWS_FPGA_MOCK_OP_GET_STATUS,        // fpga_mgmt_get_status
  AWS_FPGA_MOCK_OP_LOAD,              // every fpga_mgmt_load_local_image* call
  AWS_FPGA_MOCK_OP_CLEAR,             // fpga_mgmt_clear_local_image, _sync
  AWS_FPGA_MOCK_OP_GET_VLED,          // fpga_mgmt_get_vLED_status
  AWS_FPGA_MOCK_OP_SET_VDIP,          // fpga_mgmt_set_vDIP
  AWS_FPGA_MOCK_OP_GET_VDIP,          // fpga_mgmt_get_vDIP_status
  AWS_FPGA_MOCK_OP_CLKGEN_GET,        // aws_clkgen_get_dynamic
  AWS_FPGA_MOCK_OP_CLKGEN_SET,        // aws_clkgen_set_recipe, _set_dynamic
  AWS_FPGA_MOCK_OP_READ_BURST,        // aws_fpga_mock_read_burst (the SDK has no read burst)
  AWS_FPGA_MOCK_OP_COUNT
};
// For the slot argument of fail_next and deny_attach: every slot.
#define AWS_FPGA_MOCK_ANY_SLOT (-1)

// The next `count` calls of `op` on `slot` (or on any slot) return `code` (an
// SDK error code, or -errno; not 0) and leave the device alone; count 0
// cancels what is pending for that op and slot. A slot's own faults are used
// before any-slot ones. PCI accesses are checked once their handle and bounds
// are (a bad handle still fails with -EINVAL), other calls at their entry.
int aws_fpga_mock_fail_next(int op, int slot, int code, uint32_t count);
// Non-zero: the slot's service is busy, as while it works on a command:
// describe reports status busy, and loads and clears answer busy (3).
int aws_fpga_mock_set_busy(int slot, uint32_t busy);
// Time the service takes to answer each command of the kind, on top of the
// work itself: slept in real time, added to the clock in virtual time. Each
// describe pays it, including those of the sync calls' polling.
struct aws_fpga_mock_latency {
  uint32_t load_ms;
  uint32_t clear_ms;
  uint32_t describe_ms;
};
int aws_fpga_mock_set_latency(const struct aws_fpga_mock_latency* latency);
// Non-zero: fpga_pci_attach on the slot (or on every slot) fails with
// FPGA_ERR_UNRESPONSIVE, as the SDK's does when the process may not open the
// slot's sysfs resource files. Management calls are not affected.
int aws_fpga_mock_deny_attach(int slot, uint32_t deny);

// ---- Access trace ---------------------------------------------------------
// A record of the PCI accesses programs make (fpga_pci_peek*, _poke*,
// _write_burst, _memset), from any thread. Not seen: accesses through mapped
// memory (fpga_pci_get_address), and the ones the simulated SDK makes itself
// (vLED/vDIP, clkgen, shell version).
enum { AWS_FPGA_MOCK_TRACE_MAX = 1000000 };
struct aws_fpga_mock_trace_entry {
  uint64_t offset;
  uint64_t value;   // peek: the value read; poke: written; memset: the fill value; write_burst: 0
  uint64_t dwords;  // write_burst, memset: their length; else 0
  int32_t result;   // 0, or what the call returned instead (an injected fault)
  uint16_t op;      // AWS_FPGA_MOCK_OP_PEEK, _POKE, _WRITE_BURST or _MEMSET
  uint8_t slot;
  uint8_t pf;
  uint8_t bar;
  uint8_t width;    // bytes per access: 1, 4 or 8 (4 for write_burst and memset)
};
// Drops what was recorded and records the next `limit` accesses
// (1..AWS_FPGA_MOCK_TRACE_MAX); later ones are only counted as dropped.
int aws_fpga_mock_start_trace(uint32_t limit);
// Stops recording; what was recorded stays readable until the next start or reset.
int aws_fpga_mock_stop_trace(void);
// Copies up to `size` entries, oldest first, into `entries` (NULL when size
// is 0); `recorded` gets how many there are, `dropped` how many accesses were
// not recorded for lack of room.
int aws_fpga_mock_read_trace(struct aws_fpga_mock_trace_entry* entries, uint32_t size, uint32_t* recorded,
                             uint64_t* dropped);

// ---- CL models ------------------------------------------------------------
// Registers with behaviour that an AFI's CL puts in front of BAR memory on
// app PF BAR0 (OCL), app PF BAR4 (PCIS) and mgmt PF BAR4 (SDA). They come up
// with their reset values when the AFI loads on a slot (each slot its own
// copy) and go away when it is cleared or replaced. Registers are 32 bits:
// narrower or wider accesses are split into the words they touch, and words
// no register covers go to BAR memory as usual.
enum {
  AWS_FPGA_MOCK_REG_READ_ONLY = 1 << 0,          // the host's writes leave the stored value alone
  AWS_FPGA_MOCK_REG_WRITE_1_TO_CLEAR = 1 << 1,   // each 1 the host writes clears that bit
  AWS_FPGA_MOCK_REG_CLEAR_ON_READ = 1 << 2,      // a host read returns the value, then clears it
  AWS_FPGA_MOCK_REG_READ_HOOK = 1 << 3,          // host reads return hooks.read_register's value
  AWS_FPGA_MOCK_REG_WRITE_HOOK = 1 << 4,         // host writes call hooks.write_register once stored
};
struct aws_fpga_mock_cl_register {
  uint64_t offset;  // 4-byte aligned
  uint32_t reset_value;
  uint32_t flags;
  int32_t pf;
  int32_t bar;
};
// Every access inside goes to the range hooks; offset and length 8-byte aligned.
struct aws_fpga_mock_cl_range {
  uint64_t offset;
  uint64_t length;
  int32_t pf;
  int32_t bar;
};
// What a hook returns. NO_RESPONSE: the CL did not answer (reads all ones,
// writes dropped, the interface's timeout counted). FAILED: the hook itself
// failed (reads all ones, writes go no further, nothing counted).
enum { AWS_FPGA_MOCK_HOOK_OK = 0, AWS_FPGA_MOCK_HOOK_NO_RESPONSE = 1, AWS_FPGA_MOCK_HOOK_FAILED = 2 };
// Hooks run on the thread that set the model, with the slot's state locked:
// an access from any other thread that needs a hook gets no response, as
// from a CL that does not respond. Inside a hook, use only the aws_fpga_mock_cl_*
// functions and aws_fpga_mock_add_pcim_traffic for the hook's slot; the other
// SDK calls and controls answer -EDEADLK there. `index` is the register's or
// range's position in the model's tables.
struct aws_fpga_mock_cl_hooks {
  void* context;
  int (*read_register)(void* context, int slot, uint32_t index, uint32_t* value);
  int (*write_register)(void* context, int slot, uint32_t index, uint32_t value);
  int (*read_range)(void* context, int slot, uint32_t index, uint64_t offset, uint32_t width, uint64_t* value);
  int (*write_range)(void* context, int slot, uint32_t index, uint64_t offset, uint32_t width, uint64_t value);
  // Called once when the device no longer uses the hooks (may be NULL).
  void (*release)(void* context);
};
enum { AWS_FPGA_MOCK_CL_REGISTERS_MAX = 4096, AWS_FPGA_MOCK_CL_RANGES_MAX = 256 };
struct aws_fpga_mock_cl_model {
  const struct aws_fpga_mock_cl_register* registers;
  uint32_t register_count;
  const struct aws_fpga_mock_cl_range* ranges;
  uint32_t range_count;
  struct aws_fpga_mock_cl_hooks hooks;
};
// Gives an AFI of the catalog (-ENOENT otherwise) this model, from its next
// load on; NULL removes it. -EINVAL for a register or range off the three CL
// BARs, misaligned, overlapping another, or whose flags need a missing hook.
// On success the device owns the hooks' context until it calls release (at
// the next reset, when the model is replaced and no slot runs it, or at
// exit); on failure the caller keeps it. aws_fpga_mock_add_afi for the same
// id drops the model.
int aws_fpga_mock_set_cl_model(const char* afi_id, const struct aws_fpga_mock_cl_model* model);
// The CL's side, for its logic (in a hook for the hook's slot, or from any
// thread outside hooks). A declared register's stored value, without side
// effects; -ENOENT unless the slot runs a model that declares it.
int aws_fpga_mock_cl_get_register(int slot, int pf, int bar, uint64_t offset, uint32_t* value);
int aws_fpga_mock_cl_set_register(int slot, int pf, int bar, uint64_t offset, uint32_t value);
// Drives the 16 virtual LEDs; reads the 16 virtual DIP switches.
int aws_fpga_mock_cl_set_leds(int slot, uint16_t value);
int aws_fpga_mock_cl_get_vdip(int slot, uint16_t* value);
// BAR memory of a CL BAR, as the CL's own memory: no registers, gating or trace.
int aws_fpga_mock_cl_memory(int slot, int pf, int bar, uint64_t offset, uint64_t length, void** memory);

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
  X(aws_fpga_mock_set_unresponsive)  \
  X(aws_fpga_mock_now)               \
  X(aws_fpga_mock_fail_next)         \
  X(aws_fpga_mock_set_busy)          \
  X(aws_fpga_mock_set_latency)       \
  X(aws_fpga_mock_deny_attach)       \
  X(aws_fpga_mock_start_trace)       \
  X(aws_fpga_mock_stop_trace)        \
  X(aws_fpga_mock_read_trace)        \
  X(aws_fpga_mock_set_cl_model)      \
  X(aws_fpga_mock_cl_get_register)   \
  X(aws_fpga_mock_cl_set_register)   \
  X(aws_fpga_mock_cl_set_leds)       \
  X(aws_fpga_mock_cl_get_vdip)       \
  X(aws_fpga_mock_cl_memory)        \
  X(aws_fpga_mock_read_burst)
#endif
