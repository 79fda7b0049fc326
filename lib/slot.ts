// The idiomatic layer: one object per FPGA slot. Every call goes through the
// mirror API (FpgaMgmt, FpgaClkgen, FpgaPci), so argument checks, the per-slot
// queue and the errors are theirs.
import { constants as osConstants } from 'os';
import { FpgaClkgen, type ClockFrequencies } from './clkgen';
import {
  APP_PF,
  BURST_CAPABLE,
  FPGA_CMD_CLEAR_AFI_CACHE,
  FPGA_CMD_CLEAR_HW_METRICS,
  FPGA_CMD_GET_HW_METRICS,
  MGMT_PF,
} from './constants';
import { DEFAULT_CLOCK_MHZ, DEFAULT_CLOCK_RECIPES, DEFAULT_WAIT_TIMEOUT_MS } from './defaults';
import type { ImageDescription } from './describe';
import { asCall, FpgaError, named } from './errors';
import { FpgaMgmt } from './mgmt';
import { BarHandle, FpgaPci, type SlotSpec } from './pci';
import { abortReason, abortSignal, isAborted, whenAborted, type CallOptions } from './slot-queue';
import * as check from './validate';
import { watchSlot, type SlotWatcher, type WatchOptions } from './watch';

export { DEFAULT_CLOCK_MHZ, DEFAULT_CLOCK_RECIPES, DEFAULT_WAIT_TIMEOUT_MS };

// The SDK's synchronous calls poll describe `timeout` times, `delayMsec` apart,
// raising the delay to at least 2 ms (the SDK's tools poll that often) and the
// count to at least 90000: they never give up in under three minutes.
const SDK_SYNC_DELAY_MS = 2;
// setTimeout's longest delay.
const MAX_TIMEOUT_MS = 0x7fffffff;

/** A physical function by name: `'app'` (APP_PF) or `'mgmt'` (MGMT_PF). */
export type PfName = 'app' | 'mgmt';

export interface DescribeOptions extends CallOptions {
  /** Include the shell's metrics (FPGA_CMD_GET_HW_METRICS). Default false. */
  metrics?: boolean;
  /** Include the metrics, then zero the counters (FPGA_CMD_CLEAR_HW_METRICS). */
  clearMetrics?: boolean;
  /** Include the metrics, then empty the card's AFI cache (FPGA_CMD_CLEAR_AFI_CACHE). */
  clearAfiCache?: boolean;
}

export interface WaitOptions extends CallOptions {
  /**
   * Wait until the slot is loaded (or cleared). Default true. With false the
   * Promise resolves as soon as the command is accepted, usually to `busy`.
   */
  wait?: boolean;
  /**
   * With `wait`: how long the slot may stay busy, in ms (default
   * DEFAULT_WAIT_TIMEOUT_MS). Past it the Promise rejects with FpgaError
   * `ETIMEDOUT` (code -110), as the SDK's own time-out does.
   *
   * It is given to the SDK as a count of polls 2 ms apart (timeoutMs / 2).
   * The SDK waits at least 90000 polls, three minutes: a shorter timeoutMs
   * still rejects on time, while the SDK's wait goes on to its end in the
   * background (see Slot.load).
   */
  timeoutMs?: number;
}

export interface BarOptions {
  /** Map write-combining (BURST_CAPABLE), for bursts to app PF BAR4. Default false. */
  burst?: boolean;
}

/** A recipe number per clock group (Clock Recipes guide): A0-A2, B0-B5, C0-C3, H0-H4. */
export interface ClockRecipes {
  a: number;
  b: number;
  c: number;
  hbm: number;
}

/** Whole MHz for clk_extra_a1, clk_extra_b0, clk_extra_c0 and clk_hbm_axi. */
export interface ClockRequest {
  a: number;
  b: number;
  c: number;
  hbm: number;
}

/** A slot of this instance and its PCI identity, as listSlots() reports it. */
export interface SlotListing extends SlotSpec {
  slot: number;
}

const DESCRIBE_KEYS = ['metrics', 'clearMetrics', 'clearAfiCache', 'signal'];
const WAIT_KEYS = ['wait', 'timeoutMs', 'signal'];
const BAR_KEYS = ['burst'];
const CLOCK_KEYS = ['a', 'b', 'c', 'hbm'];

const clkgen = new FpgaClkgen();
let sharedPci: FpgaPci | undefined;
const pci = (): FpgaPci => (sharedPci ??= new FpgaPci());

interface Wait {
  wait: boolean;
  timeoutMs: number;
  signal: AbortSignal | undefined;
}

function waitOptions(options: unknown): Wait {
  const given = check.object('options', options);
  check.knownKeys('options', given, WAIT_KEYS);
  return {
    wait: given.wait === undefined ? true : check.boolean('options.wait', given.wait),
    timeoutMs:
      given.timeoutMs === undefined ? DEFAULT_WAIT_TIMEOUT_MS : check.integer('options.timeoutMs', given.timeoutMs, 1, MAX_TIMEOUT_MS),
    signal: abortSignal(given.signal),
  };
}

/** The SDK's poll count and delay for a wait of `timeoutMs`. */
function sdkRetries(timeoutMs: number): { timeout: number; delayMsec: number } {
  return { timeout: Math.ceil(timeoutMs / SDK_SYNC_DELAY_MS), delayMsec: SDK_SYNC_DELAY_MS };
}

/**
 * Runs `call` with a signal that aborts when `outer` does or when `timeoutMs`
 * passes; the time-out rejects with `timedOut()`.
 */
const noop = (): void => {};

async function withDeadline<T>(
  timeoutMs: number,
  outer: AbortSignal | undefined,
  timedOut: () => Error,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(timedOut()), timeoutMs);
  let stop = noop;
  if (outer !== undefined) {
    const forward = () => controller.abort(abortReason(outer));
    if (isAborted(outer)) forward();
    else stop = whenAborted(outer, forward);
  }
  try {
    return await call(controller.signal);
  } finally {
    clearTimeout(timer);
    stop();
  }
}

function clockValues<T extends ClockRecipes | ClockRequest>(name: string, given: unknown, defaults: Readonly<T>): T {
  const values = check.object(name, given);
  check.knownKeys(name, values, CLOCK_KEYS);
  const present = Object.entries(values).filter(([, value]) => value !== undefined);
  return { ...defaults, ...(Object.fromEntries(present) as Partial<T>) };
}

function pfNumber(pf: unknown): number {
  if (pf === 'app') return APP_PF;
  if (pf === 'mgmt') return MGMT_PF;
  if (typeof pf === 'string') throw new RangeError(`pf must be 'app', 'mgmt', APP_PF or MGMT_PF, got '${pf}'`);
  return check.integer('pf', pf, APP_PF, MGMT_PF);
}

/**
 * One FPGA slot: its image, virtual LEDs and DIP switches, clocks and BARs.
 * Get one with openSlot(). Calls on a slot run one at a time, in order, with
 * every other caller's calls on the same slot (see FpgaMgmt).
 *
 * Close it when done, or let `await using` do it: close() detaches the BARs
 * opened through it and releases its FpgaMgmt.
 *
 * @example
 * ```ts
 * await using slot = openSlot(0);
 * await slot.load('agfi-080817d089f3cd2ed');
 * const ocl = slot.bar('app', 0);
 * ocl.poke(0x600, 1);
 * ```
 */
export class Slot implements AsyncDisposable {
  /** The slot number, 0 to 7. */
  readonly id: number;
  #mgmt: FpgaMgmt | undefined;
  readonly #bars = new Set<BarHandle>();
  readonly #watchers = new Set<SlotWatcher>();
  #closed: Promise<void> | undefined;

  /** @internal Use openSlot(). */
  constructor(id: number) {
    this.id = id;
  }

  /**
   * The slot's status, AFI, PCI identity and shell version; with `metrics`
   * (or either clear option) the shell's metrics too.
   */
  async describe(options: DescribeOptions = {}): Promise<ImageDescription> {
    const given = check.object('options', options);
    check.knownKeys('options', given, DESCRIBE_KEYS);
    const wanted = (key: string) => given[key] !== undefined && check.boolean(`options.${key}`, given[key]);
    // As fpga-describe-local-image -C and -L do, clearing reports the metrics first.
    let flags = wanted('metrics') ? FPGA_CMD_GET_HW_METRICS : 0;
    if (wanted('clearMetrics')) flags |= FPGA_CMD_GET_HW_METRICS | FPGA_CMD_CLEAR_HW_METRICS;
    if (wanted('clearAfiCache')) flags |= FPGA_CMD_GET_HW_METRICS | FPGA_CMD_CLEAR_AFI_CACHE;
    return named('slot.describe', this.#mgmtApi('slot.describe').describeLocalImage(this.id, flags, { signal: abortSignal(given.signal) }));
  }

  /**
   * Loads `agfi` and, by default, waits until it is loaded; resolves to a
   * describe with metrics. A load that fails rejects with FpgaError carrying
   * the slot's status_q (invalid-afi-id, afi-power-violation, ...).
   *
   * Waiting is the SDK's own synchronous load, which also rescans the app PF
   * so the OS sees the AFI's PCI ids. `timeoutMs` becomes the SDK's poll
   * count, but the SDK never gives up in under three minutes: a shorter
   * `timeoutMs` rejects on time while the SDK call finishes in the background.
   * Until it does, later calls on the slot wait, close() waits, and the
   * process does not exit. Aborting `signal` behaves the same way.
   */
  async load(agfi: string, options: WaitOptions = {}): Promise<ImageDescription> {
    const { wait, timeoutMs, signal } = waitOptions(options);
    const mgmt = this.#mgmtApi('slot.load');
    if (!wait) return named('slot.load', mgmt.loadLocalImage(this.id, agfi, { signal }));
    const { timeout, delayMsec } = sdkRetries(timeoutMs);
    const loaded = withDeadline(timeoutMs, signal, () => this.#timedOut('slot.load', timeoutMs), (deadline) =>
      mgmt.loadLocalImageSyncFlags(this.id, agfi, 0, timeout, delayMsec, { signal: deadline }),
    );
    return named('slot.load', loaded);
  }

  /** Clears the slot and, by default, waits until it is cleared; `options` as in load(). */
  async clear(options: WaitOptions = {}): Promise<ImageDescription> {
    const { wait, timeoutMs, signal } = waitOptions(options);
    const mgmt = this.#mgmtApi('slot.clear');
    if (!wait) return named('slot.clear', mgmt.clearLocalImage(this.id, { signal }));
    const { timeout, delayMsec } = sdkRetries(timeoutMs);
    const cleared = withDeadline(timeoutMs, signal, () => this.#timedOut('slot.clear', timeoutMs), (deadline) =>
      mgmt.clearLocalImageSync(this.id, timeout, delayMsec, { signal: deadline }),
    );
    return named('slot.clear', cleared);
  }

  /** The 16 virtual LEDs the design drives (bit i = cl_sh_vled[i]). */
  async vled(options?: CallOptions): Promise<number> {
    return named('slot.vled', this.#mgmtApi('slot.vled').getVledStatus(this.id, options));
  }

  /** The 16 virtual DIP switches as last set (bit i = sh_cl_vdip[i]). */
  async vdip(options?: CallOptions): Promise<number> {
    return named('slot.vdip', this.#mgmtApi('slot.vdip').getVdipStatus(this.id, options));
  }

  /** Sets the 16 virtual DIP switches (bit i = sh_cl_vdip[i]). */
  async setVdip(value: number, options?: CallOptions): Promise<void> {
    return named('slot.setVdip', this.#mgmtApi('slot.setVdip').setVdip(this.id, value, options));
  }

  /** The clocks of the design's AWS_CLK_GEN, in MHz (FpgaError clkgen-ip-not-found without one). */
  async clocks(options?: CallOptions): Promise<ClockFrequencies> {
    this.#checkOpen('slot.clocks');
    return named('slot.clocks', clkgen.getDynamic(this.id, options));
  }

  /**
   * Sets each clock group to a recipe by number ({ a: 0, b: 3, c: 3, hbm: 4 }
   * is A0 B3 C3 H4); a group left out gets DEFAULT_CLOCK_RECIPES' recipe, as
   * with fpga-load-clkgen-recipe. Resolves to the clocks now set.
   */
  async setClockRecipe(recipes: Partial<ClockRecipes>, options?: CallOptions): Promise<ClockFrequencies> {
    this.#checkOpen('slot.setClockRecipe');
    const { a, b, c, hbm } = clockValues('recipes', recipes, DEFAULT_CLOCK_RECIPES);
    const set = clkgen.setRecipe(this.id, a, b, c, hbm, 0, options).then(() => clkgen.getDynamic(this.id, options));
    return named('slot.setClockRecipe', set);
  }

  /**
   * Sets clk_extra_a1, b0, c0 and clk_hbm_axi to the highest supported step
   * not above each request (whole MHz, at least 87); the other clocks of a
   * group follow, and a group left out gets DEFAULT_CLOCK_MHZ, as with
   * fpga-load-clkgen-dynamic. Resolves to the clocks now set.
   */
  async setClockFrequencies(mhz: Partial<ClockRequest>, options?: CallOptions): Promise<ClockFrequencies> {
    this.#checkOpen('slot.setClockFrequencies');
    const { a, b, c, hbm } = clockValues('mhz', mhz, DEFAULT_CLOCK_MHZ);
    const set = clkgen.setDynamic(this.id, a, b, c, hbm, 0, options).then(() => clkgen.getDynamic(this.id, options));
    return named('slot.setClockFrequencies', set);
  }

  /**
   * Attaches BAR `bar` (0, 2 or 4) of PF `pf` ('app' or 'mgmt'). The slot
   * detaches it on close() unless it is detached before.
   */
  bar(pf: PfName | number, bar: number, options: BarOptions = {}): BarHandle {
    this.#checkOpen('slot.bar');
    const given = check.object('options', options);
    check.knownKeys('options', given, BAR_KEYS);
    const burst = given.burst === undefined ? false : check.boolean('options.burst', given.burst);
    let handle: BarHandle;
    try {
      handle = pci().attach(this.id, pfNumber(pf), bar, burst ? BURST_CAPABLE : 0);
    } catch (error) {
      throw asCall(error, 'slot.bar');
    }
    for (const old of this.#bars) if (!old.attached) this.#bars.delete(old);
    this.#bars.add(handle);
    return handle;
  }

  /**
   * Watches the slot's health (see watchSlot) through this slot's FpgaMgmt;
   * close() stops the watcher.
   */
  watch(options: Omit<WatchOptions, 'mgmt'> = {}): SlotWatcher {
    const watcher = watchSlot(this.id, { ...check.object('options', options), mgmt: this.#mgmtApi('slot.watch') });
    this.#watchers.add(watcher);
    return watcher;
  }

  /**
   * Removes and rescans the app PF so the OS sees the loaded AFI's PCI ids.
   * load() and clear() that wait do this themselves; after one that does not
   * wait, call it once describe() shows the slot loaded or cleared.
   */
  rescan(): void {
    this.#checkOpen('slot.rescan');
    try {
      pci().rescanSlotAppPfs(this.id);
    } catch (error) {
      throw asCall(error, 'slot.rescan');
    }
  }

  /**
   * Detaches the BARs attached through this slot, stops its watchers and releases its FpgaMgmt
   * once its calls have left the device. Later calls throw. Idempotent.
   */
  close(): Promise<void> {
    if (this.#closed === undefined) {
      for (const handle of this.#bars) handle[Symbol.dispose]();
      this.#bars.clear();
      const watchersStopped = Promise.all([...this.#watchers].map((watcher) => watcher.stop()));
      this.#closed = watchersStopped.then(() => this.#mgmt?.close());
    }
    return this.#closed;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  // A closed slot refuses calls as a detached BarHandle does: FpgaError, EINVAL.
  #checkOpen(call: string): void {
    if (this.#closed !== undefined)
      throw new FpgaError(call, -osConstants.errno.EINVAL, this.id, 'this Slot is closed; open it again with openSlot()');
  }

  // The SDK's image management library is opened on first use, so a slot used
  // only for its BARs never initializes it.
  #mgmtApi(call: string): FpgaMgmt {
    this.#checkOpen(call);
    return (this.#mgmt ??= new FpgaMgmt());
  }

  #timedOut(call: string, timeoutMs: number): FpgaError {
    return new FpgaError(call, -osConstants.errno.ETIMEDOUT, this.id, `the slot was still busy after ${timeoutMs} ms`);
  }
}

/**
 * Opens slot `id` (0 to 7) of this instance. Throws FpgaError when the
 * instance has no such slot, so a wrong number fails here rather than at
 * first use.
 */
export function openSlot(id: number): Slot {
  pci().getSlotSpec(check.slot(id));
  return new Slot(id);
}

/** The FPGA slots of this instance with the PCI identity of their PFs. */
export function listSlots(): SlotListing[] {
  return pci()
    .getAllSlotSpecs()
    .map((spec, slot) => ({ slot, ...spec }));
}
