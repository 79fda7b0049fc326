// Numbers of the SDK's C API, under the names its headers give them.

/** Physical functions of a slot. */
export const APP_PF = 0;
export const MGMT_PF = 1;

/** Attach flag: map the BAR write-combining (only on a burst-capable BAR). */
export const BURST_CAPABLE = 0x1;

/** Number of FPGA slots an instance can have. */
export const FPGA_SLOT_MAX = 8;

/** Command flags of describe and load. */
export const FPGA_CMD_RSVD = 1 << 0;
export const FPGA_CMD_GET_HW_METRICS = 1 << 1;
export const FPGA_CMD_CLEAR_HW_METRICS = 1 << 2;
export const FPGA_CMD_FORCE_SHELL_RELOAD = 1 << 3;
export const FPGA_CMD_DRAM_DATA_RETENTION = 1 << 4;
export const FPGA_CMD_EXTENDED_METRICS_SIZE = 1 << 6;
export const FPGA_CMD_PREFETCH = 1 << 7;
export const FPGA_CMD_CLEAR_AFI_CACHE = 1 << 8;

/** Slot status codes (`status`). */
export const FPGA_STATUS_LOADED = 0;
export const FPGA_STATUS_CLEARED = 1;
export const FPGA_STATUS_BUSY = 2;
export const FPGA_STATUS_NOT_PROGRAMMED = 3;
export const FPGA_STATUS_CACHING_AFI = 4;
export const FPGA_STATUS_LOADING_RL = 5;
export const FPGA_STATUS_LOAD_FAILED = 7;

/** Error codes (`status_q` and return values). */
export const FPGA_ERR_OK = 0;
export const FPGA_ERR_AFI_CMD_BUSY = 3;
export const FPGA_ERR_AFI_ID_INVALID = 5;
export const FPGA_ERR_AFI_LOAD_TIMEOUT = 6;
export const FPGA_ERR_AFI_CMD_API_VERSION_INVALID = 11;
export const FPGA_ERR_CL_ID_MISMATCH = 12;
export const FPGA_ERR_CL_DDR_CALIB_FAILED = 13;
export const FPGA_ERR_FAIL = 14;
export const FPGA_ERR_SHELL_MISMATCH = 16;
export const FPGA_ERR_POWER_VIOLATION = 17;
export const FPGA_ERR_DRAM_DATA_RETENTION_NOT_POSSIBLE = 18;
export const FPGA_ERR_HARDWARE_BUSY = 19;
export const FPGA_ERR_PCI_MISSING = 20;
export const FPGA_ERR_AFI_CMD_MALFORMED = 21;
export const FPGA_ERR_DRAM_DATA_RETENTION_FAILED = 22;
export const FPGA_ERR_DRAM_DATA_RETENTION_SETUP_FAILED = 23;
export const FPGA_ERR_SOFTWARE_PROBLEM = 24;
export const FPGA_ERR_UNRESPONSIVE = 25;
export const FPGA_ERR_RL_RELOAD_NEEDED_DROP_PCI_LINK = 26;
export const FPGA_ERR_INCOMPATIBLE_AFI_CMD_FLAGS = 27;
export const FPGA_ERR_INVALID_CLKGEN_INPUTS = 28;
export const FPGA_ERR_CLKGEN_NOT_FOUND = 29;
