// A slot's AFI lifecycle as the FPGA service runs it: not-programmed, then
// busy while a load or clear runs, then loaded, load-failed or cleared. Time
// is evaluated lazily: every entry point first settles the slot for the
// current time (no threads). All functions need the slot's mutex held.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "../sdk_abi.h"
#include "catalog.h"

namespace fpga_mock {

struct Slot;

// What describe reports.
struct ImageReport {
  int status = FPGA_STATUS_NOT_PROGRAMMED;
  int status_q = FPGA_ERR_OK;
  std::string afi_id;  // empty: none
  afi_device_ids ids{};
};

// A fault injected into what describe reports (the CL itself is unaffected).
struct ForcedReport {
  int status = 0;
  int status_q = 0;
  std::optional<std::string> afi_id;  // absent: keep the id
};

struct Image {
  enum class Op { kNone, kLoad, kPrefetch, kClear };

  ImageReport report;
  Op op = Op::kNone;
  uint64_t op_done_ms = 0;
  std::string op_afi_id;
  std::optional<AfiEntry> op_afi;  // the catalog entry, when the service knows the id
  int op_fails_with = 0;           // the status_q the op ends with; 0: it succeeds
  ImageReport before_prefetch;     // a prefetch leaves the report as it found it
  std::optional<ForcedReport> forced_outcome;  // replaces the next op's outcome
  std::optional<AfiEntry> running;  // the AFI whose CL is on the FPGA
  std::deque<uint64_t> cached;      // the AFI cache (cached_agfis), oldest first
  bool unresponsive = false;        // the mailbox does not answer
  bool held_busy = false;           // aws_fpga_mock_set_busy: reported busy, refusing commands

  bool busy() const { return held_busy || op != Op::kNone || report.status == FPGA_STATUS_BUSY; }
};

// Power-on state: not programmed, no CL, empty cache.
void reset_image(Slot& slot);
// Completes the pending load or clear if its time has come.
void settle(Slot& slot, uint64_t now_ms);

// The load command: 0 once started; busy (3) while a load or clear runs;
// invalid-afi-id (5) for an id that is not an AGFI id at all. A known AFI
// loads after `load_ms`; an id the service does not know ends load-failed
// with invalid-afi-id. PREFETCH only brings the AFI into the cache: the CL on
// the FPGA keeps running and the report returns to what it was.
int begin_load(Slot& slot, uint64_t now_ms, const std::string& afi_id, uint32_t flags, uint32_t load_ms);
// The clear command: 0 once started, busy (3) while a load or clear runs.
int begin_clear(Slot& slot, uint64_t now_ms, uint32_t clear_ms);

// Status, ids and, when the flags ask for them, the F2 metrics (then applies
// CLEAR_HW_METRICS and CLEAR_AFI_CACHE). The caller adds sh_version and spec.
void describe(Slot& slot, uint64_t now_ms, uint32_t flags, fpga_mgmt_image_info* info);

// The shell gates the CL's clocks: load-failed, afi-power-violation. -EINVAL
// unless an AFI is loaded, -EBUSY while a load or clear runs.
int power_violation(Slot& slot, uint64_t now_ms);
// The next load or clear to end (the running one, if any) reports `forced`
// instead of its own outcome.
void force_report(Slot& slot, const ForcedReport& forced);

// The ids the app PF shows after a rescan: the loaded AFI's, else the default.
afi_device_ids app_pf_ids(const Slot& slot);

}  // namespace fpga_mock
