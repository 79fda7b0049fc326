// One FIFO queue per slot for every device call in this thread. The SDK
// reaches a slot through a single mailbox, so calls on a slot start in the
// order they were made, each once the one before has left the device;
// different slots run in parallel. (The native layer also holds a per-slot
// lock, for calls from other threads of the process.)
import * as path from 'path';
import type { NativeModule } from '../types/native';
import { ready } from './backend';
import { FPGA_SLOT_MAX } from './constants';
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

export function abortSignal(signal: unknown): AbortSignal | undefined {
  if (signal !== undefined && !(signal instanceof AbortSignal))
    throw new TypeError(`options.signal must be an AbortSignal, got ${check.typeName(signal)}`);
  return signal;
}

// The caller's stack without this package's frames: the stack a device error
// gets, since the native layer settles it from an empty JavaScript stack. The
// frames are captured at the call; V8 formats them only if the call fails.
function callSite(): { stack?: string } {
  const site: { stack?: string } = {};
  Error.captureStackTrace(site);
  return site;
}

function withCallSite(error: unknown, site: { stack?: string }): never {
  if (error instanceof Error) {
    const frames = (site.stack ?? '').split('\n').slice(1);
    error.stack = `${error.name}: ${error.message}\n${frames.filter((frame) => !frame.includes(OWN_FILES)).join('\n')}`;
  }
  throw error;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Queues `start` (the native call) on `slot`'s queue. */
function enqueue<T>(slot: number, start: () => Promise<T>, signal?: AbortSignal): QueuedCall<T> {
  if (signal?.aborted) return { result: Promise.reject(signal.reason), done: Promise.resolve() };
  const site = callSite();
  // A call aborted before its turn never starts; its caller has had the reason already.
  const work = tails[slot].then(() => (signal?.aborted ? (undefined as T) : start()));
  const done = work.then(noop, noop);
  tails[slot] = done;
  const settled = work.catch((error: unknown) => withCallSite(error, site));
  return { result: signal ? abortable(settled, signal) : settled, done };
}

/** Queues a native device call on `slot`, with the trailing options of a public method. */
export function queueDeviceCall<T>(
  slot: number,
  options: CallOptions | undefined,
  start: (native: NativeModule) => Promise<T>,
): QueuedCall<T> {
  const signal = callSignal(options);
  const native = ready();
  return enqueue(slot, () => start(native), signal);
}
