import { performance } from 'node:perf_hooks';
import { withEc2, type AwsClientOptions, type Ec2Session } from './clients';
import { PollBackoff } from './backoff';
import { fetchAfi } from './describe';
import type { AfiDescription, AfiState } from './description';
import { isThrottlingError } from './ec2-errors';
import { AfiFailedError, AfiWaitTimeoutError } from './errors';
import { assertAfiId } from './ids';
import { sleep } from './sleep';
import { requirePositiveDuration } from './validate';

/** AFI generation usually takes one to a few hours. */
export const DEFAULT_WAIT_TIMEOUT_MS = 6 * 60 * 60 * 1000;
export const DEFAULT_POLL_INTERVAL_MS = 30 * 1000;
export const DEFAULT_MAX_POLL_INTERVAL_MS = 2 * 60 * 1000;

export interface AfiWaitProgress {
  readonly state: AfiState;
  readonly elapsedMs: number;
  /** Polls so far, counting throttled ones. */
  readonly attempt: number;
}

export interface WaitForAfiOptions extends AwsClientOptions {
  /** Give up after this long; `Infinity` waits for good. */
  readonly timeoutMs?: number;
  /** Delay after the first poll; later delays grow towards `maxIntervalMs`. */
  readonly intervalMs?: number;
  /** Longest delay between polls; throttling by EC2 may stretch a delay up to four times this. */
  readonly maxIntervalMs?: number;
  /** Aborting rejects with the signal's reason and stops polling at once. */
  readonly signal?: AbortSignal;
  /** Called after each poll that got an answer (throttled polls have none). */
  readonly onProgress?: (progress: AfiWaitProgress) => void;
}

const THROTTLED = Symbol('throttled');

/** One describe call; throttling is an answer ("ask again later"), not a failure. */
async function poll(session: Ec2Session, afiId: string, signal?: AbortSignal): Promise<AfiDescription | typeof THROTTLED> {
  try {
    return await fetchAfi(session, afiId, signal);
  } catch (error) {
    // The SDK rejects an aborted request with its own error; the caller's reason is what they expect.
    signal?.throwIfAborted();
    if (isThrottlingError(error)) return THROTTLED;
    throw error;
  }
}

function timingOf(options: WaitForAfiOptions) {
  const timeoutMs = requirePositiveDuration(options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS, 'timeoutMs', true);
  const initialMs = requirePositiveDuration(options.intervalMs ?? DEFAULT_POLL_INTERVAL_MS, 'intervalMs');
  const maxMs = requirePositiveDuration(options.maxIntervalMs ?? Math.max(initialMs, DEFAULT_MAX_POLL_INTERVAL_MS), 'maxIntervalMs');
  if (maxMs < initialMs) {
    throw new RangeError(`maxIntervalMs (${maxMs}) must not be smaller than intervalMs (${initialMs})`);
  }
  return { timeoutMs, backoff: { initialMs, maxMs } };
}

/**
 * Polls until the AFI is available and resolves with its description. Rejects with
 * AfiFailedError (failed or unavailable, with EC2's reason), AfiWaitTimeoutError, the
 * signal's reason on abort, or AfiNotFoundError.
 */
export async function waitForAfi(afiId: string, options: WaitForAfiOptions = {}): Promise<AfiDescription> {
  assertAfiId(afiId);
  const { timeoutMs, backoff } = timingOf(options);
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  return withEc2(options, async (session) => {
    const startedAt = performance.now();
    const delays = new PollBackoff(backoff);
    let lastState: AfiState | undefined;
    for (let attempt = 1; ; attempt += 1) {
      const answer = await poll(session, afiId, signal);
      const elapsedMs = Math.round(performance.now() - startedAt);
      if (answer !== THROTTLED) {
        lastState = answer.state;
        onProgress?.({ state: answer.state, elapsedMs, attempt });
        if (answer.state === 'available') return answer;
        if (answer.state !== 'pending') throw new AfiFailedError(answer);
      }
      const remainingMs = timeoutMs - elapsedMs;
      if (remainingMs <= 0) throw new AfiWaitTimeoutError(afiId, timeoutMs, lastState);
      // The last poll lands on the deadline rather than past it.
      await sleep(Math.min(delays.next(answer === THROTTLED), remainingMs), signal);
    }
  });
}
