// The SDK's names and explanations for status and error codes.
#include <cerrno>
#include <climits>
#include <cstring>

#include "../sdk_abi.h"

extern "C" {

const char* fpga_mgmt_get_status_name(int status) {
  switch (status) {
    case FPGA_STATUS_LOADED: return "loaded";
    case FPGA_STATUS_CLEARED: return "cleared";
    case FPGA_STATUS_BUSY: return "busy";
    case FPGA_STATUS_NOT_PROGRAMMED: return "not-programmed";
    case FPGA_STATUS_CACHING_AFI: return "afi-cache-in-progress";
    case FPGA_STATUS_LOADING_RL: return "rl-reload-needed-drop-pci-link";
    case FPGA_STATUS_LOAD_FAILED: return "load-failed";
    default: return "internal-error";
  }
}

const char* fpga_mgmt_strerror(int err) {
  if (err < 0) return strerror(err == INT_MIN ? INT_MAX : -err);
  switch (err) {
    case FPGA_ERR_OK: return "ok";
    case FPGA_ERR_AFI_CMD_BUSY: return "busy";
    case FPGA_ERR_AFI_ID_INVALID: return "invalid-afi-id";
    case FPGA_ERR_AFI_LOAD_TIMEOUT: return "afi-load-timeout";
    case FPGA_ERR_AFI_CMD_API_VERSION_INVALID: return "invalid-afi-cmd-api-version";
    case FPGA_ERR_CL_ID_MISMATCH: return "cl-id-mismatch";
    case FPGA_ERR_CL_DDR_CALIB_FAILED: return "cl-ddr-calib-failed";
    case FPGA_ERR_FAIL: return "unspecified-error";
    case FPGA_ERR_SHELL_MISMATCH: return "shell-version-not-supported";
    case FPGA_ERR_POWER_VIOLATION: return "afi-power-violation";
    case FPGA_ERR_DRAM_DATA_RETENTION_NOT_POSSIBLE: return "dram-data-retention-not-possible";
    case FPGA_ERR_HARDWARE_BUSY: return "hardware-busy";
    case FPGA_ERR_PCI_MISSING: return "pci-device-missing";
    case FPGA_ERR_AFI_CMD_MALFORMED: return "afi-command-malformed";
    case FPGA_ERR_DRAM_DATA_RETENTION_FAILED: return "dram-data-retention-failed";
    case FPGA_ERR_DRAM_DATA_RETENTION_SETUP_FAILED: return "dram-data-retention-setup-failed";
    case FPGA_ERR_SOFTWARE_PROBLEM: return "software-problem";
    case FPGA_ERR_UNRESPONSIVE: return "unresponsive";
    case FPGA_ERR_RL_RELOAD_NEEDED_DROP_PCI_LINK: return "err-rl-reload-needed-drop-pci-link";
    case FPGA_ERR_INCOMPATIBLE_AFI_CMD_FLAGS: return "err-incompatible-afi-cmd-flags";
    case FPGA_ERR_INVALID_CLKGEN_INPUTS: return "invalid-clkgen-input";
    case FPGA_ERR_CLKGEN_NOT_FOUND: return "clkgen-ip-not-found";
    default: return "internal-error";
  }
}

// Like the SDK, NULL for the codes without a longer explanation.
const char* fpga_mgmt_strerror_long(int err) {
  switch (err) {
    case FPGA_ERR_AFI_CMD_BUSY:
      return "The FPGA slot is still working on an earlier request (a load or a\n"
             "clear). Wait until describe no longer reports busy, then retry.\n";
    case FPGA_ERR_AFI_ID_INVALID:
      return "The AFI id is not a valid agfi id, the AFI does not exist in this\n"
             "region, or this account has no permission to load it.\n";
    case FPGA_ERR_AFI_LOAD_TIMEOUT:
      return "The FPGA did not finish loading the AFI in time. Retry the load; if\n"
             "it keeps failing, stop and start the instance.\n";
    case FPGA_ERR_AFI_CMD_API_VERSION_INVALID:
      return "The FPGA management library speaks an older command version than\n"
             "the instance expects. Update the SDK from aws/aws-fpga.\n";
    case FPGA_ERR_CL_ID_MISMATCH:
      return "The PCI vendor and device ids the CL presents differ from the ones\n"
             "given when the AFI was created.\n";
    case FPGA_ERR_CL_DDR_CALIB_FAILED:
      return "The DDR controller in the CL failed to calibrate its memory.\n";
    case FPGA_ERR_SHELL_MISMATCH:
      return "The AFI was built against a shell this instance type does not\n"
             "run. Rebuild the CL with the shell in hdk/common/shell_stable.\n";
    case FPGA_ERR_POWER_VIOLATION:
      return "The CL drew more power than allowed and the shell gated its clocks;\n"
             "accesses to it time out. Load the AFI again (or clear the slot) to\n"
             "recover, and reduce the design's power.\n";
    case FPGA_ERR_HARDWARE_BUSY:
      return "The clock generator (AWS_CLK_GEN) did not lock after the new\n"
             "configuration.\n";
    case FPGA_ERR_PCI_MISSING:
      return "A PCI device or resource of the FPGA slot could not be found. The\n"
             "instance may have no FPGA at this slot, or the FPGA stopped\n"
             "responding and the instance needs a stop and start.\n";
    case FPGA_ERR_AFI_CMD_MALFORMED:
      return "The FPGA management service sent a response that could not be\n"
             "understood. If this persists after a stop and start of the\n"
             "instance, the AFI may be exceeding its power budget.\n";
    case -EINVAL:
    case FPGA_ERR_SOFTWARE_PROBLEM:
      return "The library was called in a way it does not support: before\n"
             "fpga_mgmt_init, with flags F2 does not accept, or with invalid\n"
             "arguments. This points at the calling code or the tools.\n";
    case FPGA_ERR_UNRESPONSIVE:
      return "The FPGA or its PCI link does not respond. Stop and start the\n"
             "instance to recover.\n";
    case FPGA_ERR_INVALID_CLKGEN_INPUTS:
      return "A clock recipe number or frequency is outside what AWS_CLK_GEN\n"
             "supports for that clock group.\n";
    case FPGA_ERR_CLKGEN_NOT_FOUND:
      return "The loaded AFI has no AWS_CLK_GEN clock generator (or no AFI is\n"
             "loaded), so its clocks cannot be read or changed.\n";
    case -ETIMEDOUT:
      return "The request timed out. This is usually transient and the request\n"
             "can be retried; if it keeps happening the FPGA or its management\n"
             "service may be unresponsive.\n";
    default:
      return nullptr;
  }
}

}  // extern "C"
