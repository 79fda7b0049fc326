// The host-side driver of the beat detector: converts 30 features to
// ap_fixed, writes them into x's memory, starts the kernel, waits for
// ap_done, reads y. Each step is one small function; two register paths
// implement them, the batched calls (default) and one call per access.
import { constants } from 'os';
import { FpgaError, openSlot, type BarHandle, type Slot } from '../../lib';
import { fromRaw, rawConverter, type FixedType } from './fixed-point';
import { INPUTS, loadNetwork } from './network';
import { AP_DONE, AP_START, LAYOUT, NO_RESPONSE, type RegisterLayout } from './registers';

/** How long predict() waits for ap_done by default, in ms. */
export const DEFAULT_TIMEOUT_MS = 10;
// Polls before the first look at the clock: a kernel that finishes at once costs no clock read.
const POLLS_BEFORE_CLOCK = 16;
const CALL = 'beatDetector.predict';

export interface BeatDetectorOptions {
  /** How long to wait for ap_done, in ms (default DEFAULT_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Register offsets, where the AFI's generated xbeat_detector_hw.h differs from LAYOUT. */
  layout?: Partial<RegisterLayout>;
  /** The types of x and y (default: those of weights.json). */
  types?: { input: FixedType; result: FixedType };
  /**
   * 'batched' (default): pokeMany for x and ap_start, a peek (and a poll
   * while ap_done is not up), a peek for y;
   * 'single': a call per register access (writeBurst, poke, a peek per poll, peek).
   */
  registerCalls?: 'batched' | 'single';
}

/** A feature vector: 30 numbers, time-major (x[3 * step + feature]). */
export type Features = Float32Array | Float64Array | readonly number[];

// ---- the steps -------------------------------------------------------------

/** Converts `features` to raw input_t values, packed two to a word, into `words`. */
export function encode(features: Features, words: Uint32Array, toRaw: (v: number) => number): void {
  if (features == null || typeof features !== 'object' || features.length !== INPUTS)
    throw new TypeError(`${CALL}: features must be ${INPUTS} numbers (10 steps × 3 features), got ${describe(features)}`);
  for (let n = 0; n < INPUTS / 2; n++) {
    const lo = features[2 * n];
    const hi = features[2 * n + 1];
    if (typeof lo !== 'number' || lo - lo !== 0) throw badFeature(2 * n, lo);
    if (typeof hi !== 'number' || hi - hi !== 0) throw badFeature(2 * n + 1, hi);
    // Masks inline: under tsx an imported function is read through a getter at each call, which costs more than this.
    words[n] = ((toRaw(lo) & 0xffff) | (toRaw(hi) << 16)) >>> 0;
  }
}

/**
 * How the driver talks to the kernel: x's words and ap_start, the wait for
 * ap_done, y. `words` holds x's 15 words and, after them, AP_START.
 */
interface RegisterPath {
  writeAndStart(bar: BarHandle, words: Uint32Array): void;
  waitDone(bar: BarHandle, timeoutMs: number): void;
  readResult(bar: BarHandle): number;
}

/** One call per access: a burst for x, a poke for ap_start, a peek per poll, a peek for y. */
function singleCalls(layout: RegisterLayout): RegisterPath {
  const x = (words: Uint32Array) => words.subarray(0, INPUTS / 2);
  return {
    writeAndStart(bar, words) {
      bar.writeBurst(layout.input, x(words));
      bar.poke(layout.ctrl, AP_START);
    },
    waitDone(bar, timeoutMs) {
      let deadline = Infinity;
      for (let polls = 1; ; polls++) {
        const ctrl = bar.peek(layout.ctrl);
        if (ctrl === NO_RESPONSE) throw notResponding(bar.slot, layout.ctrl);
        if (ctrl & AP_DONE) return;
        if (polls === POLLS_BEFORE_CLOCK) deadline = performance.now() + timeoutMs;
        else if (polls > POLLS_BEFORE_CLOCK && performance.now() > deadline) throw timedOut(bar.slot, timeoutMs);
      }
    },
    readResult: (bar) => bar.peek(layout.result),
  };
}

/**
 * The batched calls: x and ap_start in one pokeMany, then a peek of the
 * control register and, when ap_done is not up yet, a native poll for it; a
 * peek for y. (The first peek is there because a poll costs several peeks
 * when its first read already matches, as it does for a kernel that finishes
 * within one register read.)
 */
function batchedCalls(layout: RegisterLayout): RegisterPath {
  const offsets = Uint32Array.from({ length: INPUTS / 2 + 1 }, (_, n) => (n < INPUTS / 2 ? layout.input + 4 * n : layout.ctrl));
  return {
    writeAndStart: (bar, words) => bar.pokeMany(offsets, words),
    waitDone(bar, timeoutMs) {
      let ctrl = bar.peek(layout.ctrl);
      if ((ctrl & AP_DONE) === 0)
        try {
          ctrl = bar.poll(layout.ctrl, { mask: AP_DONE, equals: AP_DONE, timeoutMs: Math.ceil(timeoutMs) });
        } catch (error) {
          if (error instanceof FpgaError && error.code === 'ETIMEDOUT') throw timedOut(bar.slot, timeoutMs);
          throw error;
        }
      if (ctrl === NO_RESPONSE) throw notResponding(bar.slot, layout.ctrl);
    },
    readResult: (bar) => bar.peek(layout.result),
  };
}

/** A result_t of `width` bits, from the low bits of y's register. */
const signed = (word: number, width: number): number => (word << (32 - width)) >> (32 - width);

// ---- errors ----------------------------------------------------------------

function describe(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  const length = (value as { length?: unknown }).length;
  return typeof length === 'number' ? `${length} elements` : 'an object without a length';
}

function badFeature(index: number, value: unknown): TypeError {
  return new TypeError(`${CALL}: features[${index}] must be a finite number, got ${String(value)}`);
}

function notResponding(slot: number, offset: number): FpgaError {
  return new FpgaError(
    CALL,
    -constants.errno.EIO,
    slot,
    `the control register (0x${offset.toString(16)}) read 0xffffffff, the shell's answer when the CL does not ` +
      'respond: check that the beat detector AFI is loaded and its clocks run (slot.describe())',
  );
}

function timedOut(slot: number, timeoutMs: number): FpgaError {
  return new FpgaError(
    CALL,
    -constants.errno.ETIMEDOUT,
    slot,
    `ap_done did not rise within ${timeoutMs} ms: the kernel is hung or far slower than ` +
      'modelled; reload the AFI, or give a longer timeoutMs',
  );
}

// ---- the driver ------------------------------------------------------------

function layoutOf(given: Partial<RegisterLayout> | undefined): RegisterLayout {
  const layout = { ...LAYOUT, ...given };
  for (const [name, offset] of Object.entries(layout))
    if (!Number.isInteger(offset) || offset < 0 || offset % 4 !== 0)
      throw new RangeError(`layout.${name} must be a BAR offset that is a multiple of 4, got ${offset}`);
  return layout;
}

export class BeatDetector {
  readonly slot: number;
  readonly #bar: BarHandle;
  readonly #owned: Slot | undefined;
  readonly #path: RegisterPath;
  readonly #timeoutMs: number;
  readonly #toRaw: (v: number) => number;
  readonly #result: FixedType;
  readonly #words = new Uint32Array(INPUTS / 2 + 1).fill(AP_START);

  /** @internal Use BeatDetector.open(). */
  constructor(bar: BarHandle, owned: Slot | undefined, options: BeatDetectorOptions) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs))
      throw new RangeError(`options.timeoutMs must be a positive number of ms, got ${timeoutMs}`);
    const types = options.types ?? loadNetwork().precision;
    this.slot = bar.slot;
    this.#bar = bar;
    this.#owned = owned;
    const layout = layoutOf(options.layout);
    const calls = options.registerCalls ?? 'batched';
    if (calls !== 'batched' && calls !== 'single')
      throw new RangeError(`options.registerCalls must be 'batched' or 'single', got ${String(calls)}`);
    this.#path = calls === 'batched' ? batchedCalls(layout) : singleCalls(layout);
    this.#timeoutMs = timeoutMs;
    this.#toRaw = rawConverter(types.input);
    this.#result = types.result;
  }

  /** Attaches app PF BAR0 of `slot` (a slot number, or an open Slot, which stays the caller's). */
  static open(slot: number | Slot, options: BeatDetectorOptions = {}): BeatDetector {
    const owned = typeof slot === 'number' ? openSlot(slot) : undefined;
    const target = owned ?? (slot as Slot);
    try {
      return new BeatDetector(target.bar('app', 0), owned, options);
    } catch (error) {
      void owned?.close();
      throw error;
    }
  }

  /** The probability of a beat for one feature vector. */
  predict(features: Features): number {
    return fromRaw(this.#result, this.predictRaw(features));
  }

  /** y's raw value for one feature vector. */
  predictRaw(features: Features): number {
    const bar = this.#bar;
    const path = this.#path;
    encode(features, this.#words, this.#toRaw);
    path.writeAndStart(bar, this.#words);
    path.waitDone(bar, this.#timeoutMs);
    return signed(path.readResult(bar), this.#result.width);
  }

  /** One probability per feature vector, in order. */
  predictBatch(batch: readonly Features[]): Float64Array {
    if (!Array.isArray(batch)) throw new TypeError(`beatDetector.predictBatch: batch must be an array of feature vectors`);
    const out = new Float64Array(batch.length);
    for (let i = 0; i < batch.length; i++) out[i] = this.predict(batch[i]);
    return out;
  }

  /** Detaches the BAR (and closes the slot when open() opened it). */
  async close(): Promise<void> {
    this.#bar[Symbol.dispose]();
    await this.#owned?.close();
  }
}
