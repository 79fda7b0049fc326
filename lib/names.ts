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

/** What the SDK returns when it fails without a specific code. */
export const FPGA_GENERIC_FAILURE = -1;

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

/** The symbolic errno (`EINVAL`) of a negative SDK return value, if it is one. */
export function errnoName(code: number): string | undefined {
  if (code >= 0) return undefined;
  for (const [name, value] of Object.entries(osConstants.errno)) if (value === -code) return name;
  return undefined;
}

// The C library's strerror() text, as fpga_mgmt_strerror returns it for
// negative codes. The addon is loaded only when such a name is asked for.
function libcText(errno: number): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { native } = require('./native') as typeof import('./native');
  return native.errnoText(errno);
}

/** The name the SDK gives a slot status; unknown statuses are internal errors. */
export function statusName(status: number): string {
  return STATUS_NAMES[status] ?? 'internal-error';
}

/**
 * The SDK's name of an error code, as fpga_mgmt_strerror gives it: for a
 * negative code, the C library's text for `-code` (so -1, the SDK's generic
 * failure, reads "Operation not permitted").
 */
export function errorName(code: number): string {
  if (code < 0) return libcText(code === -0x80000000 ? 0x7fffffff : -code);
  return ERROR_NAMES[code] ?? 'internal-error';
}

/**
 * The string FpgaError.code of an SDK return value: the SDK's name of a
 * positive code, the errno symbol of a negative one (`ERRNO_<n>` when the
 * system has no name for it), and `unspecified-error` for -1, which the SDK
 * returns for failures it does not classify, whatever errno 1 means.
 */
export function errorCode(code: number): string {
  if (code === FPGA_GENERIC_FAILURE) return ERROR_NAMES[c.FPGA_ERR_FAIL];
  if (code < 0) return errnoName(code) ?? `ERRNO_${-code}`;
  return ERROR_NAMES[code] ?? 'internal-error';
}

// Longer explanations of the codes users meet most, for strerrorLong().
const EXPLANATIONS: Record<number, string> = {
  [c.FPGA_ERR_AFI_CMD_BUSY]:
    'The slot is still busy with an earlier operation, such as a load or a\n' +
    'clear. Wait until describe no longer reports the slot busy, then retry.\n',
  [c.FPGA_ERR_AFI_ID_INVALID]:
    'The AFI id was refused: no such AFI exists in this region, it is not\n' +
    'available yet, or this account may not load it. Pass the global id\n' +
    '(agfi-...), not the regional one (afi-...), and check the AFI with\n' +
    'describe-fpga-images.\n',
  [c.FPGA_ERR_AFI_LOAD_TIMEOUT]:
    'The load did not finish within the time the FPGA service allows. Retry;\n' +
    'if loads keep timing out, stop and start the instance.\n',
  [c.FPGA_ERR_AFI_CMD_API_VERSION_INVALID]:
    'This FPGA management library is older than the FPGA service expects.\n' +
    'Install a current release of the AWS FPGA SDK.\n',
  [c.FPGA_ERR_CL_ID_MISMATCH]:
    'The design reported PCI ids other than the ones declared when its AFI\n' +
    'was created. Rebuild the AFI with matching ids.\n',
  [c.FPGA_ERR_CL_DDR_CALIB_FAILED]:
    'The DDR controllers of the design failed to calibrate after the load.\n' +
    "Check the design's DDR interface; a reload may also help.\n",
  [c.FPGA_ERR_SHELL_MISMATCH]:
    'The AFI was built for a shell this instance type does not offer.\n' +
    'Rebuild it with the HDK release that matches the instance.\n',
  [c.FPGA_ERR_POWER_VIOLATION]:
    'The design drew more power than allowed, and the shell stopped its\n' +
    'clocks. Accesses to the design time out until the AFI is loaded again\n' +
    'or the slot is cleared. Lower the power of the design before reloading.\n',
  [c.FPGA_ERR_PCI_MISSING]:
    "The FPGA's PCI device, or one of its resources, could not be found. The\n" +
    'instance may have no FPGA, or the FPGA stopped responding: then stop and\n' +
    'start the instance.\n',
  [c.FPGA_ERR_AFI_CMD_MALFORMED]:
    'The FPGA service answered with a reply the library could not read. The\n' +
    'FPGA may have stopped working correctly (stop and start the instance);\n' +
    'if it happens again after that, the design may be drawing too much power.\n',
  [c.FPGA_ERR_SOFTWARE_PROBLEM]:
    'The library was used in a way it does not allow: for example called\n' +
    'before fpga_mgmt_init, or given command flags this instance does not\n' +
    'support. Check the calls and their arguments.\n',
  [c.FPGA_ERR_UNRESPONSIVE]:
    'The FPGA or its PCI subsystem did not answer. Check that the program may\n' +
    "use the FPGA (root, or the SDK's non-root setup). If it may, the FPGA may\n" +
    'have stopped working: stop and start the instance.\n',
  [c.FPGA_ERR_INCOMPATIBLE_AFI_CMD_FLAGS]:
    'The command flags cannot be used together, or not with this AFI. Retry\n' +
    'without the optional flags.\n',
  [c.FPGA_ERR_INVALID_CLKGEN_INPUTS]:
    'A clock recipe or frequency is out of range. Recipes are A0-A2, B0-B5,\n' +
    'C0-C3 and H0-H4; dynamic frequencies run from 87 MHz to the maximum of\n' +
    'each clock (a1 125, b0 450, c0 300, hbm 450).\n',
  [c.FPGA_ERR_CLKGEN_NOT_FOUND]:
    'The loaded design has no AWS_CLK_GEN block (or nothing is loaded), so\n' +
    'its clocks cannot be read or set. Load an AFI built with the clock\n' +
    'generator.\n',
  [FPGA_GENERIC_FAILURE]:
    'The SDK failed without saying why. Common causes: no permission to\n' +
    "open the FPGA's PCI resource files (run as root, or with the SDK's\n" +
    "non-root setup), or the library's own mailbox handle lost; closing\n" +
    'every FpgaMgmt (and Slot) and opening a new one re-initialises it.\n',
  [-osConstants.errno.EINVAL]:
    'An argument was not valid: for example a slot number beyond the FPGAs\n' +
    'of this instance.\n',
  [-osConstants.errno.ETIMEDOUT]:
    'The request timed out. Time-outs are often passing: retry. If they go\n' +
    'on, the FPGA may be unreachable. A synchronous load or clear that ran\n' +
    'out of retries also ends this way, with the slot possibly still busy.\n',
};

/** A multi-line explanation of an error code and what to do; null for codes without one. */
export function errorExplanation(code: number): string | null {
  return EXPLANATIONS[code] ?? null;
}
