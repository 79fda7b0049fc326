// The controls of the test harness (control.h): device time, fault
// injection and the access trace.
#include <cerrno>

#include "faults.h"
#include "slot_access.h"
#include "trace.h"

using fpga_mock::Device;
using fpga_mock::Faults;
using fpga_mock::Slot;

extern "C" {

int aws_fpga_mock_now(uint64_t* ms) {
  if (ms == nullptr) return -EINVAL;
  *ms = Device::get().clock().now_ms();
  return 0;
}

int aws_fpga_mock_fail_next(int op, int slot_id, int code, uint32_t count) {
  return Faults::get().fail_next(op, slot_id, code, count);
}

int aws_fpga_mock_set_busy(int slot_id, uint32_t busy) {
  return fpga_mock::with_slot(slot_id, [&](Slot& slot, uint64_t) {
    slot.image.held_busy = busy != 0;
    return 0;
  });
}

int aws_fpga_mock_set_latency(const aws_fpga_mock_latency* latency) {
  if (latency == nullptr) return -EINVAL;
  Faults::get().set_latency(*latency);
  return 0;
}

int aws_fpga_mock_deny_attach(int slot_id, uint32_t deny) {
  if (slot_id < AWS_FPGA_MOCK_ANY_SLOT || slot_id >= FPGA_SLOT_MAX) return -EINVAL;
  Faults::get().deny_attach(slot_id, deny != 0);
  return 0;
}

int aws_fpga_mock_start_trace(uint32_t limit) { return fpga_mock::Trace::get().start(limit); }

int aws_fpga_mock_stop_trace(void) {
  fpga_mock::Trace::get().stop();
  return 0;
}

int aws_fpga_mock_read_trace(aws_fpga_mock_trace_entry* entries, uint32_t size, uint32_t* recorded,
                             uint64_t* dropped) {
  if (entries == nullptr && size > 0) return -EINVAL;
  fpga_mock::Trace::get().read(entries, size, recorded, dropped);
  return 0;
}

}  // extern "C"
