// One FIFO queue per slot for every device call in this thread. The SDK
// reaches a slot through a single mailbox, so calls on a slot start in the
// order they were made, each once the one before has left the device;
// different slots run in parallel. (The native layer also holds a per-slot
// lock, for calls from other threads of the process.)
import * as path from 'path';
import type { NativeModule } from '../types/native';
import { ready } from './backend';
import { FPGA_SLOT_MAX } from './constants';
import { asCall, FpgaError } from './errors';
import * as check from './validate';

export interface CallOptions {
  /**
   * Aborting rejects the call's Promise at once with the signal's reason. A
   * call still waiting for its turn is dropped. A call already in the SDK
   * cannot be interrupted: it runs to its end (a synchronous load may wait
   * minutes), and later calls on the slot still wait for it.
   */
  signal?: AbortSignal;
}

export interface QueuedCall<T> {
  /** What the caller sees: the result, the error, or the abort reason. */
  result: Promise<T>;
  /** Resolves (never rejects) once the device is done with the call. */
  done: Promise<void>;
}

const tails: Promise<void>[] = Array.from({ length: FPGA_SLOT_MAX }, () => Promise.resolve());
const noop = () => {};
const OWN_FILES = path.resolve(__dirname) + path.sep;

/** The signal of a trailing options object, checked. */
function callSignal(options: CallOptions | undefined): AbortSignal | undefined {
  if (options === undefined) return undefined;
  const given = check.object('options', options);
  check.knownKeys('options', given, ['signal']);
  return abortSignal(given.signal);
}

// The signal's state through AbortSignal's own accessors, so that whatever a
// caller puts on the object (a getter that throws, an own `aborted`, a
// listener that stops propagation) cannot make a call settle wrongly.
const intrinsic = {
  aborted: Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted')?.get as (this: AbortSignal) => boolean,
  reason: Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'reason')?.get as (this: AbortSignal) => unknown,
  listen: EventTarget.prototype.addEventListener,
  unlisten: EventTarget.prototype.removeEventListener,
};

export const isAborted = (signal: AbortSignal | undefined): boolean => signal !== undefined && intrinsic.aborted.call(signal);
export const abortReason = (signal: AbortSignal): unknown => intrinsic.reason.call(signal);

/** Runs `onAbort` once when `signal` aborts; returns what stops listening. */
export function whenAborted(signal: AbortSignal, onAbort: () => void): () => void {
  intrinsic.listen.call(signal, 'abort', onAbort, { once: true });
  return () => intrinsic.unlisten.call(signal, 'abort', onAbort);
}

export function abortSignal(signal: unknown): AbortSignal | undefined {
  if (signal === undefined) return undefined;
  try {
    // The brand check: a look-alike with AbortSignal.prototype throws here.
    intrinsic.aborted.call(signal as AbortSignal);
    return signal as AbortSignal;
  } catch {
    throw new TypeError(`options.signal must be an AbortSignal, got ${check.typeName(signal)}`);
  }
}

// A device error named as the public `call`. The native layer rejects from
// an empty JavaScript stack, so the error's stack is taken anew here, inside
// the awaits that lead back to the caller: V8 then lists the async functions
// waiting on it, the caller's among them. This package's own frames are left
// out. (Capturing the stack at every call instead would cost more than the
// rest of a fast call together.)
function deviceError(error: unknown, call: string): unknown {
  const named = asCall(error, call);
  if (named instanceof FpgaError) {
    Error.captureStackTrace(named);
    const [header, ...frames] = (named.stack ?? '').split('\n');
    named.stack = [header, ...frames.filter((frame) => !frame.includes(OWN_FILES))].join('\n');
  }
  return named;
}

/**
 * Settles as the device call `work` does, unless `signal` has aborted by
 * then: an abort wins even when the abort event never reached this package.
 */
async function settle<T>(work: Promise<T>, call: string, signal: AbortSignal | undefined): Promise<T> {
  let value: T;
  try {
    value = await work;
  } catch (error) {
    throw isAborted(signal) ? abortReason(signal as AbortSignal) : deviceError(error, call);
  }
  if (isAborted(signal)) throw abortReason(signal as AbortSignal);
  return value;
}

// Rejects with the signal's reason as soon as it aborts, else settles as `promise`.
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = whenAborted(signal, () => reject(abortReason(signal)));
    promise.then(resolve, reject).finally(stop);
  });
}

/**
 * Queues `start` (the native call) on `slot`'s queue. A call whose signal
 * has aborted by its turn never starts, and one that aborts while it runs
 * rejects with the reason even if the abort event never reached this package.
 */
function enqueue<T>(call: string, slot: number, start: () => Promise<T>, signal?: AbortSignal): QueuedCall<T> {
  if (isAborted(signal)) return { result: Promise.reject(abortReason(signal as AbortSignal)), done: Promise.resolve() };
  const work = tails[slot].then(() => (isAborted(signal) ? Promise.reject(abortReason(signal as AbortSignal)) : start()));
  const done = work.then(noop, noop);
  tails[slot] = done;
  const settled = settle(work, call, signal);
  return { result: signal ? abortable(settled, signal) : settled, done };
}

/**
 * Queues a native device call on `slot`, with the trailing options of a
 * public method; `call` names that method in errors (`'mgmt.setVdip'`).
 */
export function queueDeviceCall<T>(
  call: string,
  slot: number,
  options: CallOptions | undefined,
  start: (native: NativeModule) => Promise<T>,
): QueuedCall<T> {
  const signal = callSignal(options);
  const native = ready();
  return enqueue(call, slot, () => start(native), signal);
}
