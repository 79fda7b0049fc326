// AFIs the simulated FPGA service knows, and one it does not.
import { mock } from '../lib';
import { ready } from '../lib/backend';

/** The Streaming Data Engine example (no clock generator). */
export const SDE_AGFI = 'agfi-0925b211f5a81b071';
export const SDE_DEVICE_IDS = { vendorId: 0x1d0f, deviceId: 0xf002, subsystemVendorId: 0xfedc, subsystemDeviceId: 0x1d51 };
/** CL_MEM_PERF, which carries AWS_CLK_GEN. */
export const MEM_PERF_AGFI = 'agfi-080817d089f3cd2ed';
/** Well formed, but no such AFI exists. */
export const UNKNOWN_AGFI = 'agfi-0123456789abcdef0';

export const LOAD_MS = 1000;
export const CLEAR_MS = 500;

/** A simulated device whose time moves only when the SDK waits or the test advances it. */
export function virtualDevice(slots = 1): void {
  mock.reset({ slots, loadTimeMs: LOAD_MS, clearTimeMs: CLEAR_MS, virtualTime: true });
}

/** A simulated device in real time, with loads and clears `ms` long. */
export function realTimeDevice(ms: number, slots = 1): void {
  mock.reset({ slots, loadTimeMs: ms, clearTimeMs: ms, virtualTime: false });
}

interface MockAfi {
  afiId: string;
  shVersion?: number;
  loadFailsWith?: number;
  hasClkgen?: boolean;
}

/** The simulated device's fault controls (native.mock*). */
export function simulated() {
  return ready() as unknown as {
    mockAddAfi(afi: MockAfi): void;
    mockSetPower(slot: number, watts: number): void;
    mockPowerViolation(slot: number): void;
    mockForceStatus(slot: number, status: number, statusQ: number, afiId?: string): void;
    mockAddPcimTraffic(slot: number, reads: number, writes: number): void;
    mockSetUnresponsive(slot: number, unresponsive: boolean): void;
  };
}
