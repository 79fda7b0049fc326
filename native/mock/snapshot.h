// The simulated device's state as bytes, so that a later process can carry on
// with the same machine (the CLI's --mock commands). What is kept: the
// configuration, the device's time, and per slot the image lifecycle, the AFI
// cache, the metrics, the clock generator's settings, the app PF's ids and the
// BAR memory written so far. Not kept: faults, latency, the trace, AFIs added
// to the catalog and CL models (the AFIs themselves must be built in), and a
// CL_MEM_PERF frequency measurement in progress (it starts over).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fpga_mock {

// The snapshot of the device as it is now.
std::vector<uint8_t> save_snapshot();

// Puts the device in the state of `data` (from save_snapshot, here or in an
// earlier process); in real time, the time between the two counts as spent.
// A snapshot that is not one, of another format version, damaged or naming
// an AFI the catalog lacks leaves the device alone and returns false with
// the reason in `error`.
bool restore_snapshot(const uint8_t* data, size_t size, std::string* error);

}  // namespace fpga_mock
