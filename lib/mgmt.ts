// Image management: the FpgaMgmt class of the SDK's Python bindings, with
// Promises. Every call that talks to a slot runs on the slot's own thread and
// goes through the slot's queue (slot-queue.ts); names ending in Sync are the
// SDK calls that wait for the load or clear to complete.
import { constants as osConstants } from 'os';
import type { NativeImageInfo, NativeModule } from '../types/native';
import { ready } from './backend';
import { FPGA_CMD_CLEAR_AFI_CACHE, FPGA_CMD_CLEAR_HW_METRICS, FPGA_CMD_GET_HW_METRICS } from './constants';
import { imageDescription, slotStatus, type ImageDescription, type SlotStatus } from './describe';
import { isAfiId, isAgfiId } from './afi/ids';
import { FpgaError } from './errors';
import { errorExplanation, errorName, statusName } from './names';
import { abortSignal, queueDeviceCall, type CallOptions } from './slot-queue';
import * as check from './validate';

/** The Python bindings' defaults for the synchronous calls. */
export const DEFAULT_SYNC_TIMEOUT = 60000;
export const DEFAULT_SYNC_DELAY_MSEC = 500;

// The SDK multiplies a clock main by 10^6 in 32 bits.
const MAX_CLOCK_MAIN_MHZ = 4294;
// The describe flags that make the SDK return metrics: reading, or reading before clearing.
const METRICS_FLAGS = FPGA_CMD_GET_HW_METRICS | FPGA_CMD_CLEAR_HW_METRICS | FPGA_CMD_CLEAR_AFI_CACHE;

/** What to load, for loadLocalImageWithOptions. */
export interface LoadImageOptions {
  slot: number;
  agfi: string;
  /** FPGA_CMD_* flags (default 0). */
  flags?: number;
  /**
   * The main clock of each clock group (A, B, C) in MHz; the other clocks of
   * a group are set low. 0 (the default) keeps the AFI's own clocks.
   */
  clockMains?: readonly [number, number, number];
}

export interface LoadWaitOptions extends CallOptions {
  /** Wait for the load to complete (fpga_mgmt_load_local_image_sync_with_options). Default false. */
  wait?: boolean;
  /** With wait: retries, each delayMsec long (see loadLocalImageSyncFlags). */
  timeout?: number;
  delayMsec?: number;
}

const LOAD_IMAGE_KEYS = ['slot', 'agfi', 'flags', 'clockMains'];
const LOAD_WAIT_KEYS = ['wait', 'timeout', 'delayMsec', 'signal'];

/**
 * An AFI global id, checked for its form before the SDK sends it: the FPGA
 * service answers invalid-afi-id for any id it does not know, so a typo would
 * otherwise cost a round trip and say less.
 */
function afiId(value: unknown): string {
  const agfi = check.string('agfi', value);
  if (isAgfiId(agfi as unknown)) return agfi;
  const cleaned = agfi.trim().toLowerCase();
  const hint = isAfiId(cleaned)
    ? ': that is a regional AFI id; load its global id (agfi-…), which describe-afi or describe-fpga-images shows'
    : isAgfiId(cleaned)
      ? `; did you mean ${JSON.stringify(cleaned)}?`
      : '';
  throw new RangeError(
    `agfi must be an AFI global id, 'agfi-' and 17 lowercase hex digits (like agfi-0925b211f5a81b071), got ${JSON.stringify(agfi)}${hint}`,
  );
}

// The SDK's error and status codes are C ints.
const int32 = (name: string, value: unknown): number => check.integer(name, value, -0x80000000, 0x7fffffff);

function clockMains(value: unknown): readonly [number, number, number] {
  if (!Array.isArray(value) || value.length !== 3)
    throw new TypeError(`clockMains must be an array of three numbers (MHz), got ${check.typeName(value)}`);
  value.forEach((mhz, i) => check.integer(`clockMains[${i}]`, mhz, 0, MAX_CLOCK_MAIN_MHZ));
  return value as [number, number, number];
}

/**
 * The SDK's image management library (fpga_mgmt_*) for the slots of this
 * instance. The first FpgaMgmt of the process initializes the library and
 * the last one closed closes it; any number may be open at once.
 *
 * AFI ids are global ids (`agfi-` and 17 lowercase hex digits); one of
 * another form is refused with RangeError before the SDK sees it, and one the
 * FPGA service does not know fails with invalid-afi-id.
 *
 * Device calls return Promises and reject with FpgaError (`call` the method,
 * `slot`, `code` the failure, `errno` the SDK's return value). Calls on one slot run one at a time in the
 * order made, whichever FpgaMgmt or FpgaClkgen made them; slots run in
 * parallel on the addon's own threads, one per slot in use (never on libuv's
 * thread pool): the last FpgaMgmt of a thread to close ends them.
 */
export class FpgaMgmt implements AsyncDisposable {
  #open = true;
  #closed: Promise<void> | undefined;
  readonly #running = new Set<Promise<void>>();

  /** Initializes the SDK's library (fpga_mgmt_init) unless another FpgaMgmt already has. */
  constructor() {
    ready().mgmtOpen();
  }

  /** Starts loading `agfi` and resolves at once to describe's answer (usually busy). */
  async loadLocalImage(slot: number, agfi: string, options?: CallOptions): Promise<ImageDescription> {
    check.slot(slot);
    afiId(agfi);
    return this.#described('loadLocalImage', slot, options, true, (native) => native.mgmtLoad(slot, agfi));
  }

  /** loadLocalImage with FPGA_CMD_* flags (unsupported flags: FpgaError software-problem). */
  async loadLocalImageFlags(slot: number, agfi: string, flags: number, options?: CallOptions): Promise<ImageDescription> {
    check.slot(slot);
    afiId(agfi);
    check.uint32('flags', flags);
    return this.#described('loadLocalImageFlags', slot, options, true, (native) => native.mgmtLoadFlags(slot, agfi, flags));
  }

  /**
   * Loads `agfi` and waits for the load to complete, then resolves to a
   * describe with metrics. `timeout` is a count of retries, each `delayMsec`
   * long, and the SDK raises them to at least 90000 and 2 ms: a load that
   * stays busy is given at least three minutes (12.5 hours with the default
   * delay of 500 ms) before `-ETIMEDOUT`. A load that fails ends the wait at
   * once with FpgaError carrying the slot's status_q (for example
   * invalid-afi-id).
   *
   * The wait cannot be interrupted: an aborted signal rejects the Promise at
   * once, but the SDK call runs to its end, later calls on the slot wait for
   * it, and the process does not exit (even by process.exit()) before it ends.
   */
  async loadLocalImageSyncFlags(
    slot: number,
    agfi: string,
    flags: number = FPGA_CMD_GET_HW_METRICS,
    timeout = DEFAULT_SYNC_TIMEOUT,
    delayMsec = DEFAULT_SYNC_DELAY_MSEC,
    options?: CallOptions,
  ): Promise<ImageDescription> {
    check.slot(slot);
    afiId(agfi);
    check.uint32('flags', flags);
    check.uint32('timeout', timeout);
    check.uint32('delayMsec', delayMsec);
    return this.#described('loadLocalImageSyncFlags', slot, options, true, (native) =>
      native.mgmtLoadSyncFlags(slot, agfi, flags, timeout, delayMsec),
    );
  }

  /**
   * Loads with the options form of the SDK (fpga_mgmt_load_local_image_with_options,
   * or _sync_with_options with `wait`), which also sets the clock groups' main
   * clocks. Resolves to a describe with metrics; waiting works (and aborts)
   * as in loadLocalImageSyncFlags.
   */
  async loadLocalImageWithOptions(image: LoadImageOptions, options: LoadWaitOptions = {}): Promise<ImageDescription> {
    const given = check.object('image', image);
    check.knownKeys('image', given, LOAD_IMAGE_KEYS);
    const slot = check.slot(given.slot, 'image.slot');
    const agfi = afiId(given.agfi);
    const flags = given.flags === undefined ? 0 : check.uint32('image.flags', given.flags);
    const [a, b, c] = given.clockMains === undefined ? [0, 0, 0] : clockMains(given.clockMains);
    const how = check.object('options', options);
    check.knownKeys('options', how, LOAD_WAIT_KEYS);
    const wait = how.wait === undefined ? false : check.boolean('options.wait', how.wait);
    const timeout = how.timeout === undefined ? DEFAULT_SYNC_TIMEOUT : check.uint32('options.timeout', how.timeout);
    const delay = how.delayMsec === undefined ? DEFAULT_SYNC_DELAY_MSEC : check.uint32('options.delayMsec', how.delayMsec);
    const signal = abortSignal(how.signal);
    return this.#described('loadLocalImageWithOptions', slot, { signal }, true, (native) =>
      wait
        ? native.mgmtLoadSyncWithOptions(slot, agfi, flags, a, b, c, timeout, delay)
        : native.mgmtLoadWithOptions(slot, agfi, flags, a, b, c),
    );
  }

  /** Starts clearing the slot and resolves at once to describe's answer (usually busy). */
  async clearLocalImage(slot: number, options?: CallOptions): Promise<ImageDescription> {
    check.slot(slot);
    return this.#described('clearLocalImage', slot, options, true, (native) => native.mgmtClear(slot));
  }

  /**
   * Clears the slot and waits until it reports cleared, then resolves to a
   * describe with metrics. `timeout` and `delayMsec`, and aborting, work as in
   * loadLocalImageSyncFlags.
   */
  async clearLocalImageSync(
    slot: number,
    timeout = DEFAULT_SYNC_TIMEOUT,
    delayMsec = DEFAULT_SYNC_DELAY_MSEC,
    options?: CallOptions,
  ): Promise<ImageDescription> {
    check.slot(slot);
    check.uint32('timeout', timeout);
    check.uint32('delayMsec', delayMsec);
    return this.#described('clearLocalImageSync', slot, options, true, (native) => native.mgmtClearSync(slot, timeout, delayMsec));
  }

  /**
   * The slot's status, AFI, PCI identity and shell version; with
   * FPGA_CMD_GET_HW_METRICS (the default) its metrics too. With
   * FPGA_CMD_CLEAR_HW_METRICS or FPGA_CMD_CLEAR_AFI_CACHE the metrics are
   * reported, then the counters or the AFI cache cleared.
   */
  async describeLocalImage(
    slot: number,
    flags: number = FPGA_CMD_GET_HW_METRICS,
    options?: CallOptions,
  ): Promise<ImageDescription> {
    check.slot(slot);
    check.uint32('flags', flags);
    const withMetrics = (flags & METRICS_FLAGS) !== 0;
    return this.#described('describeLocalImage', slot, options, withMetrics, (native) => native.mgmtDescribe(slot, flags));
  }

  /** The slot's status and status qualifier (fpga_mgmt_get_status). */
  async getStatus(slot: number, options?: CallOptions): Promise<SlotStatus> {
    check.slot(slot);
    const { status, statusQ } = await this.#call('getStatus', slot, options, (native) => native.mgmtGetStatus(slot));
    return slotStatus(status, statusQ);
  }

  /** The 16 virtual LEDs the design drives, as a number (bit i = LED i). */
  async getVledStatus(slot: number, options?: CallOptions): Promise<number> {
    check.slot(slot);
    return this.#call('getVledStatus', slot, options, (native) => native.mgmtGetVledStatus(slot));
  }

  /** Sets the 16 virtual DIP switches the design reads (bit i = switch i). */
  async setVdip(slot: number, value: number, options?: CallOptions): Promise<void> {
    check.slot(slot);
    check.integer('value', value, 0, 0xffff);
    return this.#call('setVdip', slot, options, (native) => native.mgmtSetVdip(slot, value));
  }

  /** The 16 virtual DIP switches as last set. */
  async getVdipStatus(slot: number, options?: CallOptions): Promise<number> {
    check.slot(slot);
    return this.#call('getVdipStatus', slot, options, (native) => native.mgmtGetVdipStatus(slot));
  }

  /** Retries of one mailbox command (SDK default 2500), for calls that start afterwards. */
  setCmdTimeout(retries: number): void {
    this.#checkOpen('setCmdTimeout');
    ready().mgmtSetCmdTimeout(check.uint32('retries', retries));
  }

  /** The delay between retries of one mailbox command in ms (SDK default 2). */
  setCmdDelayMsec(ms: number): void {
    this.#checkOpen('setCmdDelayMsec');
    ready().mgmtSetCmdDelayMsec(check.uint32('ms', ms));
  }

  /** The SDK's name of an error code (`invalid-afi-id`; `-errno`: its C library text). */
  static strerror(code: number): string {
    return errorName(int32('code', code));
  }

  /** A multi-line explanation of an error code and what to do, or null when there is none. */
  static strerrorLong(code: number): string | null {
    return errorExplanation(int32('code', code));
  }

  /** The SDK's name of a slot status (`loaded`, `busy`, ...). */
  static getStatusName(status: number): string {
    return statusName(int32('status', status));
  }

  /**
   * Closes this FpgaMgmt once the calls it made have left the device
   * (including aborted ones still in the SDK); the SDK's library is closed
   * with the last FpgaMgmt. Calls made after close() reject. Idempotent.
   * An FpgaMgmt never closed keeps the library open until its thread ends.
   */
  close(): Promise<void> {
    this.#open = false;
    this.#closed ??= Promise.all(this.#running).then(() => ready().mgmtClose());
    return this.#closed;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  // A closed FpgaMgmt refuses calls as a detached BarHandle does: FpgaError, EINVAL.
  #checkOpen(op: string, slot?: number): void {
    if (!this.#open) throw new FpgaError(`mgmt.${op}`, -osConstants.errno.EINVAL, slot, 'this FpgaMgmt is closed; make a new one');
  }

  #call<T>(op: string, slot: number, options: CallOptions | undefined, start: (native: NativeModule) => Promise<T>): Promise<T> {
    this.#checkOpen(op, slot);
    const { result, done } = queueDeviceCall(`mgmt.${op}`, slot, options, start);
    this.#running.add(done);
    void done.then(() => this.#running.delete(done));
    return result;
  }

  async #described(
    op: string,
    slot: number,
    options: CallOptions | undefined,
    withMetrics: boolean,
    start: (native: NativeModule) => Promise<NativeImageInfo>,
  ): Promise<ImageDescription> {
    return imageDescription(await this.#call(op, slot, options, start), withMetrics);
  }
}
