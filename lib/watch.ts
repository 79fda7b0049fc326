// Slot health watching: polls describe with metrics through FpgaMgmt (so on
// the slot's queue, in turn with every other call on the slot) and reports
// what changed between polls as typed events.
import { setTimeout as delay } from 'timers/promises';
import { FPGA_CMD_GET_HW_METRICS } from './constants';
import { DEFAULT_WATCH_INTERVAL_MS } from './defaults';
import type { ImageDescription } from './describe';
import { FpgaMgmt } from './mgmt';
import { abortSignal } from './slot-queue';
import * as check from './validate';
import { EventQueue } from './watch/event-queue';
import type { WatchEvent, WatchEventMap, WatchEventType } from './watch/events';
import { pollEvents, type MeteredDescription, type SlotHealth } from './watch/health';

export { DEFAULT_WATCH_INTERVAL_MS };

// setTimeout's longest delay.
const MAX_TIMEOUT_MS = 0x7fffffff;
const WATCH_KEYS = ['intervalMs', 'mgmt', 'signal', 'polls', 'unref'];

export interface WatchOptions {
  /** The pause between the end of one poll and the start of the next, in ms (default 1000). */
  intervalMs?: number;
  /** The FpgaMgmt to describe through. Default: one of the watcher's own, closed when it stops. */
  mgmt?: FpgaMgmt;
  /** Aborting stops the watcher, as stop() does. */
  signal?: AbortSignal;
  /** Stop after this many polls, failed ones included. Default: poll until stopped. */
  polls?: number;
  /**
   * Let the process exit while the watcher waits between polls, as an
   * unref'd timer does. Default false: the watcher keeps the process alive
   * until it stops.
   */
  unref?: boolean;
}

/** A function SlotWatcher.on() calls with each event of one type. */
export type Listener<Type extends WatchEventType> = (event: WatchEventMap[Type]) => void;
type AnyListener = (event: WatchEvent) => void;

const ignoreAbort = () => {};

/**
 * Watches one slot's health: get one with watchSlot(). It polls at once, then
 * `intervalMs` after each poll has settled, so polls never overlap.
 *
 * Take its events with on(), or by iterating (`for await`); both see the
 * events from the first poll on when set up in the tick that created the
 * watcher. Each iteration keeps the events its loop has not taken yet
 * (until stop() drops them); leaving the loop early stops the watcher, and
 * the loop ends once the watcher has stopped.
 *
 * A poll waits its turn on the slot's queue: while a synchronous load or
 * clear runs, the next status seen is its outcome, not `busy`.
 */
export class SlotWatcher implements AsyncIterable<WatchEvent>, AsyncDisposable {
  readonly slot: number;
  readonly #mgmt: FpgaMgmt;
  readonly #intervalMs: number;
  readonly #pollLimit: number;
  readonly #unref: boolean;
  readonly #stopping = new AbortController();
  readonly #listeners = new Map<WatchEventType, Set<AnyListener>>();
  readonly #iterations = new Set<EventQueue<WatchEvent>>();
  readonly #stopped: Promise<void>;
  #health: SlotHealth | undefined;
  #polls = 0;
  #ended = false;

  /** @internal Use watchSlot(). */
  constructor(slot: number, options: WatchOptions = {}) {
    this.slot = check.slot(slot);
    const given = check.object('options', options);
    check.knownKeys('options', given, WATCH_KEYS);
    const { intervalMs, polls } = given;
    this.#intervalMs =
      intervalMs === undefined ? DEFAULT_WATCH_INTERVAL_MS : check.integer('options.intervalMs', intervalMs, 0, MAX_TIMEOUT_MS);
    this.#pollLimit = polls === undefined ? Infinity : check.integer('options.polls', polls, 1, Number.MAX_SAFE_INTEGER);
    this.#unref = given.unref === undefined ? false : check.boolean('options.unref', given.unref);
    const signal = abortSignal(given.signal);
    if (given.mgmt !== undefined && !(given.mgmt instanceof FpgaMgmt))
      throw new TypeError(`options.mgmt must be an FpgaMgmt, got ${check.typeName(given.mgmt)}`);
    this.#mgmt = given.mgmt ?? new FpgaMgmt();
    this.#stopped = this.#run(signal, given.mgmt === undefined);
  }

  /** The polls made so far, failed ones included. */
  get polls(): number {
    return this.#polls;
  }

  /** Calls `listener` with each event of this type. */
  on<Type extends WatchEventType>(type: Type, listener: Listener<Type>): this {
    let listeners = this.#listeners.get(type);
    if (listeners === undefined) this.#listeners.set(type, (listeners = new Set()));
    // A listener is only ever called with events of its own type.
    listeners.add(listener as AnyListener);
    return this;
  }

  off<Type extends WatchEventType>(type: Type, listener: Listener<Type>): this {
    this.#listeners.get(type)?.delete(listener as AnyListener);
    return this;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<WatchEvent> {
    const iteration = new EventQueue<WatchEvent>(() => {
      this.#iterations.delete(iteration);
      void this.stop();
    });
    if (this.#ended) iteration.close();
    else this.#iterations.add(iteration);
    return iteration;
  }

  /**
   * Stops polling: no event follows (iterations drop those not taken yet), a
   * poll in progress is abandoned (a describe already in the SDK finishes
   * there), and the timer is cleared. Resolves once the watcher's own
   * FpgaMgmt, if any, is closed. Idempotent.
   */
  stop(): Promise<void> {
    this.#halt();
    return this.#stopped;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  #halt(): void {
    this.#stopping.abort();
    for (const iteration of this.#iterations) iteration.clear();
  }

  async #run(signal: AbortSignal | undefined, ownMgmt: boolean): Promise<void> {
    const stopping = this.#stopping.signal;
    const halt = () => this.#halt();
    if (signal?.aborted) halt();
    else signal?.addEventListener('abort', halt, { once: true });
    try {
      while (!stopping.aborted) {
        await this.#poll(stopping);
        if (this.#polls >= this.#pollLimit) break;
        await delay(this.#intervalMs, undefined, { signal: stopping, ref: !this.#unref }).catch(ignoreAbort);
      }
    } finally {
      signal?.removeEventListener('abort', halt);
      // Iterations end only once the watcher is fully stopped.
      await (ownMgmt ? this.#mgmt.close() : Promise.resolve()).finally(() => this.#endIterations());
    }
  }

  async #poll(stopping: AbortSignal): Promise<void> {
    const outcome = await this.#mgmt.describeLocalImage(this.slot, FPGA_CMD_GET_HW_METRICS, { signal: stopping }).then(
      (description: ImageDescription) => ({ description }),
      // FpgaError from the device; TypeError or Error from an FpgaMgmt closed under the watcher.
      (error: unknown) => ({ error: error as Error }),
    );
    this.#polls++;
    if (stopping.aborted) return;
    const stamp = { time: new Date(), slot: this.slot };
    if ('error' in outcome) {
      this.#emit({ ...stamp, type: 'error', error: outcome.error });
      return;
    }
    // Asked with FPGA_CMD_GET_HW_METRICS, describe always reports the metrics.
    const { health, events } = pollEvents(this.#health, outcome.description as MeteredDescription, stamp);
    this.#health = health;
    for (const event of events) {
      // A listener may stop the watcher: then nothing more is reported.
      if (stopping.aborted) return;
      this.#emit(event);
    }
  }

  #emit(event: WatchEvent): void {
    for (const iteration of this.#iterations) iteration.push(event);
    for (const listener of this.#listeners.get(event.type) ?? []) {
      try {
        listener(event);
      } catch (error) {
        // As EventTarget does: the error is reported as uncaught, and the other listeners and the polls go on.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  #endIterations(): void {
    this.#ended = true;
    for (const iteration of this.#iterations) iteration.close();
    this.#iterations.clear();
  }
}

/**
 * Watches slot `slot` (0 to 7): polls describe with metrics every
 * `intervalMs` and reports, as typed events, each poll's power reading
 * (`power`), changes of status (`status`) and of the power state
 * (`power-warning` above 85 W, `power-normal`, `power-violation`), the
 * interface timeouts and PCIM errors counted since the last poll
 * (`ocl-timeout`, `sda-timeout`, `pcis-timeout`, `pcim-error`), and failed
 * polls (`error`; polling goes on). Stop it with stop(), `signal`, `polls`,
 * or by leaving a `for await` loop over it.
 *
 * @example
 * ```ts
 * const watcher = watchSlot(0, { intervalMs: 500 });
 * watcher.on('power-warning', ({ watts }) => console.warn(`slot 0 draws ${watts.last} W`));
 * // ...
 * await watcher.stop();
 * ```
 */
export function watchSlot(slot: number, options?: WatchOptions): SlotWatcher {
  return new SlotWatcher(slot, options);
}
