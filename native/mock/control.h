// Control interface of the simulated device: exported next to the SDK symbols by
// both the in-addon copy and the standalone library, so the binding (and C
// programs) can configure whichever simulated device is loaded.
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

// Fills in the defaults: one slot, realistic load and clear times, real time.
void aws_fpga_mock_default_options(struct aws_fpga_mock_options* options);
// Powers every slot off and on again with these options (NULL: the defaults).
// BAR memory reads as zero again; attached handles stay attached (as a BAR
// mapping survives an FPGA reset) so that no stale handle can alias a new one.
int aws_fpga_mock_reset(const struct aws_fpga_mock_options* options);
// Moves virtual time forward (no effect in real time).
int aws_fpga_mock_advance_time(uint64_t ms);

#ifdef __cplusplus
}

#define AWS_FPGA_MOCK_FUNCTIONS(X) \
  X(aws_fpga_mock_default_options) \
  X(aws_fpga_mock_reset)           \
  X(aws_fpga_mock_advance_time)
#endif
