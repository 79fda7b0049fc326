// Controls of the simulated device, for tests and for development without an
// F2 instance. They act on whichever simulated device is the backend: the one
// built into the addon, or its standalone library loaded as the SDK.
import { ready } from './backend';
import * as check from './validate';
import { defineCl } from './mock/cl-define';
import { forgetModels } from './mock/cl-dispatch';
import * as device from './mock/device-controls';
import * as faults from './mock/faults';
import * as tracing from './mock/trace';

export type { MockAfi } from './mock/device-controls';
export type { FaultOp, FailNextOptions, Latency } from './mock/faults';
export { FAULT_OPS } from './mock/faults';
export type { TraceEntry, TraceOp, StartTraceOptions } from './mock/trace';
export type { ClBar } from './mock/bars';
export type {
  AccessWidth,
  ClBarDefinition,
  ClContext,
  ClDefinition,
  RangeDefinition,
  RegisterDefinition,
} from './mock/cl-types';
export { ClHookError } from './mock/cl-dispatch';
export { helloWorldCl, HELLO_WORLD } from './mock/models/hello-world';
export { dmaEngineCl, DMA_ENGINE } from './mock/models/dma-engine';
export type { DmaEngineOptions } from './mock/models/dma-engine';

/**
 * The simulated device's settings. Each one left out takes its default, not
 * its previous value nor the environment's. The device a process starts with
 * has these defaults too, except where AWS_FPGA_MOCK_SLOTS,
 * AWS_FPGA_MOCK_LOAD_TIME_MS, AWS_FPGA_MOCK_CLEAR_TIME_MS or
 * AWS_FPGA_MOCK_VIRTUAL_TIME say otherwise.
 *
 * After a reset the catalog holds the two built-in AFIs,
 * `agfi-0925b211f5a81b071` (cl_sde) and `agfi-080817d089f3cd2ed`
 * (CL_MEM_PERF, with a clock generator), and any added since with
 * mock.addAfi() or mock.defineCl(); loading any other id fails with
 * invalid-afi-id.
 */
export interface MockResetOptions {
  /** Number of FPGA slots, 1 to 8 (default 1). */
  slots?: number;
  /**
   * How long a load keeps the slot busy, in ms (default 4000). A load that
   * waits (Slot.load, the Sync methods) takes 500 ms more when the app PF's
   * ids change, for the SDK's remove-and-rescan: about 4.5 s by default.
   */
  loadTimeMs?: number;
  /**
   * How long a clear keeps the slot busy, in ms (default 2000); a clear that
   * waits and takes an AFI out takes 500 ms more, about 2.5 s by default.
   */
  clearTimeMs?: number;
  /**
   * When true, time moves only through mock.advanceTime() and the SDK's own
   * waits (the sync calls' polling, latency), so loads and clears complete
   * without real delays. Default false: real time.
   */
  virtualTime?: boolean;
}

const RESET_KEYS = ['slots', 'loadTimeMs', 'clearTimeMs', 'virtualTime'] as const;

export const mock = {
  /**
   * Powers the simulated device off and on with these options: every slot
   * empty, BAR memory zero, the catalog back to its built-in AFIs, and every
   * CL model, fault, latency, busy slot, denied attach and trace forgotten.
   * Attached handles stay attached.
   */
  reset(options: MockResetOptions = {}): void {
    const given = check.object('options', options);
    check.knownKeys('options', given, RESET_KEYS);
    if (given.slots !== undefined) check.integer('options.slots', given.slots, 1, 8);
    if (given.loadTimeMs !== undefined) check.uint32('options.loadTimeMs', given.loadTimeMs);
    if (given.clearTimeMs !== undefined) check.uint32('options.clearTimeMs', given.clearTimeMs);
    if (given.virtualTime !== undefined) check.boolean('options.virtualTime', given.virtualTime);
    ready().mockReset(given);
    forgetModels();
  },

  /** Moves virtual time forward by `ms` (see MockResetOptions.virtualTime). */
  advanceTime(ms: number): void {
    ready().mockAdvanceTime(check.integer('ms', ms, 0, Number.MAX_SAFE_INTEGER));
  },

  /** The device's time: ms since the last reset, virtual or real. */
  now: device.now,

  /** Adds an AFI to the simulated catalog, or replaces the one with its id (and its CL model). */
  addAfi: device.addAfi,
  /** Sets the slot's Vccint draw until the next load or clear; above 85 W the metrics warn. */
  setPower: device.setPower,
  /**
   * The shell gates the loaded CL's clocks: status load-failed with
   * afi-power-violation, and CL accesses time out (reads all ones) until the
   * next load or clear.
   */
  powerViolation: device.powerViolation,
  /** The next load or clear to end on the slot reports this status and status_q (and AFI id) instead. */
  forceStatus: device.forceStatus,
  /** Counts PCIM transactions in the slot's metrics, as if the CL had issued them. */
  addPcimTraffic: device.addPcimTraffic,
  /** The slot's management mailbox stops (or resumes) answering: commands end in -ETIMEDOUT. */
  setUnresponsive: device.setUnresponsive,

  /**
   * The next `count` calls of `op` (on `slot`, or any slot) return `code`,
   * an SDK error code or -errno, and leave the device alone: the method
   * rejects or throws FpgaError with that code.
   */
  failNext: faults.failNext,
  /** The slot's service is (or stops being) busy: describe says busy, loads and clears fail with busy (3). */
  setSlotBusy: faults.setSlotBusy,
  /**
   * Time the service takes to answer each command of a kind, replacing the
   * previous setting (omitted kinds: 0). Slept in real time, so it delays the
   * call on the slot's thread; in virtual time it moves the clock instead.
   */
  setLatency: faults.setLatency,
  /**
   * attach on the slot (every slot when omitted) fails with unresponsive
   * (25), as when the process may not open the BAR's sysfs file; `deny`
   * false allows it again.
   */
  denyAttach: faults.denyAttach,

  /** Records the PCI accesses (peek, poke, writeBurst, memset) from now on, keeping the first `limit`. */
  startTrace: tracing.startTrace,
  /** The accesses recorded since startTrace, oldest first. */
  trace: tracing.trace,
  /** How many accesses found the trace full and were only counted. */
  traceDropped: tracing.traceDropped,
  /** Stops recording; the trace stays readable until the next startTrace or reset. */
  stopTrace: tracing.stopTrace,

  /**
   * Declares a CL model for an AFI and adds the AFI to the catalog; returns
   * its id. Loading it on a slot brings the model up with its reset values;
   * clearing takes it down; reset forgets it.
   */
  defineCl,
};
