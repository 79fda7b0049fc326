// The two implementations of the SDK's C ABI behind one table of function
// pointers: the SDK library loaded at run time, or the simulated device linked
// into the addon. Every native wrapper calls through a Backend.
#pragma once

#include <string>
#include <vector>

#include "mock/control.h"
#include "sdk_abi.h"

struct Backend {
#define AWS_FPGA_DECLARE_POINTER(name) decltype(&::name) name = nullptr;
  AWS_FPGA_SDK_FUNCTIONS(AWS_FPGA_DECLARE_POINTER)
  // The simulated device's controls: null for a real SDK library.
  AWS_FPGA_MOCK_FUNCTIONS(AWS_FPGA_DECLARE_POINTER)
#undef AWS_FPGA_DECLARE_POINTER

  bool simulated() const { return aws_fpga_mock_reset != nullptr; }
  bool linked_mock = false;  // the copy inside the addon
  std::string path;          // the library file, for messages
};

// The simulated device linked into this addon.
const Backend* LinkedMockBackend();

// Loads the first of `candidates` that opens and exports every SDK symbol.
// Libraries are kept loaded for the life of the process (handles into them
// may outlive any one JavaScript environment). On failure returns nullptr and
// fills `error` with what was tried and why each candidate failed.
const Backend* LoadSdkBackend(const std::vector<std::string>& candidates, std::string* error);
