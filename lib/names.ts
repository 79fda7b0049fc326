// The SDK's names for its status and error codes, as its tools print them.
import { constants as osConstants } from 'os';
import * as c from './constants';

const STATUS_NAMES: Record<number, string> = {
  [c.FPGA_STATUS_LOADED]: 'loaded',
  [c.FPGA_STATUS_CLEARED]: 'cleared',
  [c.FPGA_STATUS_BUSY]: 'busy',
  [c.FPGA_STATUS_NOT_PROGRAMMED]: 'not-programmed',
  [c.FPGA_STATUS_CACHING_AFI]: 'afi-cache-in-progress',
  [c.FPGA_STATUS_LOADING_RL]: 'rl-reload-needed-drop-pci-link',
  [c.FPGA_STATUS_LOAD_FAILED]: 'load-failed',
};

const ERROR_NAMES: Record<number, string> = {
  [c.FPGA_ERR_OK]: 'ok',
  [c.FPGA_ERR_AFI_CMD_BUSY]: 'busy',
  [c.FPGA_ERR_AFI_ID_INVALID]: 'invalid-afi-id',
  [c.FPGA_ERR_AFI_LOAD_TIMEOUT]: 'afi-load-timeout',
  [c.FPGA_ERR_AFI_CMD_API_VERSION_INVALID]: 'invalid-afi-cmd-api-version',
  [c.FPGA_ERR_CL_ID_MISMATCH]: 'cl-id-mismatch',
  [c.FPGA_ERR_CL_DDR_CALIB_FAILED]: 'cl-ddr-calib-failed',
  [c.FPGA_ERR_FAIL]: 'unspecified-error',
  [c.FPGA_ERR_SHELL_MISMATCH]: 'shell-version-not-supported',
  [c.FPGA_ERR_POWER_VIOLATION]: 'afi-power-violation',
  [c.FPGA_ERR_DRAM_DATA_RETENTION_NOT_POSSIBLE]: 'dram-data-retention-not-possible',
  [c.FPGA_ERR_HARDWARE_BUSY]: 'hardware-busy',
  [c.FPGA_ERR_PCI_MISSING]: 'pci-device-missing',
  [c.FPGA_ERR_AFI_CMD_MALFORMED]: 'afi-command-malformed',
  [c.FPGA_ERR_DRAM_DATA_RETENTION_FAILED]: 'dram-data-retention-failed',
  [c.FPGA_ERR_DRAM_DATA_RETENTION_SETUP_FAILED]: 'dram-data-retention-setup-failed',
  [c.FPGA_ERR_SOFTWARE_PROBLEM]: 'software-problem',
  [c.FPGA_ERR_UNRESPONSIVE]: 'unresponsive',
  [c.FPGA_ERR_RL_RELOAD_NEEDED_DROP_PCI_LINK]: 'err-rl-reload-needed-drop-pci-link',
  [c.FPGA_ERR_INCOMPATIBLE_AFI_CMD_FLAGS]: 'err-incompatible-afi-cmd-flags',
  [c.FPGA_ERR_INVALID_CLKGEN_INPUTS]: 'invalid-clkgen-input',
  [c.FPGA_ERR_CLKGEN_NOT_FOUND]: 'clkgen-ip-not-found',
};

// The C library's strerror() texts for the errno values the SDK returns.
const ERRNO_TEXTS: Record<string, string> = {
  EINVAL: 'Invalid argument',
  ENOENT: 'No such file or directory',
  ENOMEM: 'Cannot allocate memory',
  ENOSPC: 'No space left on device',
  ETIMEDOUT: 'Connection timed out',
  EBUSY: 'Device or resource busy',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  ENODEV: 'No such device',
  EIO: 'Input/output error',
  EAGAIN: 'Resource temporarily unavailable',
};

/** The symbolic errno (`EINVAL`) of a negative SDK return value, if it is one. */
export function errnoName(code: number): string | undefined {
  if (code >= 0) return undefined;
  for (const [name, value] of Object.entries(osConstants.errno)) if (value === -code) return name;
  return undefined;
}

/** The name the SDK gives a slot status; unknown statuses are internal errors. */
export function statusName(status: number): string {
  return STATUS_NAMES[status] ?? 'internal-error';
}

/** The name the SDK gives an error code; negative codes are `-errno`. */
export function errorName(code: number): string {
  if (code < 0) {
    const errno = errnoName(code);
    return (errno && ERRNO_TEXTS[errno]) ?? `Unknown error ${-code}`;
  }
  return ERROR_NAMES[code] ?? 'internal-error';
}
