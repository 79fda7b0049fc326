import { performance } from 'node:perf_hooks';
import { withEc2, type AwsClientOptions, type Ec2Session } from './clients';
import { PollBackoff } from './backoff';
import { fetchAfi } from './describe';
import type { AfiDescription, AfiState } from './description';
import { isThrottlingError } from './ec2-errors';
import { AfiFailedError, AfiNotificationError, AfiWaitTimeoutError } from './errors';
import { assertAfiId } from './ids';
import { publishAfiNotice, subscribeToAfiNotices, type AfiNotice, type AfiNotificationTopic, type AfiNotifyOptions } from './notify';
import { sleep } from './sleep';
import { requireObject, requirePositiveDuration } from './validate';

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
  /**
   * Publish the outcome to an SNS topic (needs @aws-sdk/client-sns). The topic is found or
   * created, and `email` subscribed, before the first poll; one message follows once the AFI
   * is available, failed or unavailable, or the wait timed out; none on abort.
   */
  readonly notify?: AfiWaitNotifyOptions;
}

export interface AfiWaitNotifyOptions extends AfiNotifyOptions {
  /** Called once the topic (and the subscription) is ready, before the first poll. */
  readonly onReady?: (topic: AfiNotificationTopic) => void;
  /** Called once the message is published. */
  readonly onSent?: (notice: AfiNotice) => void;
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

function pollUntilDone(afiId: string, options: WaitForAfiOptions, timing: ReturnType<typeof timingOf>): Promise<AfiDescription> {
  const { timeoutMs, backoff } = timing;
  const { signal, onProgress } = options;
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

/** The wait, with its outcome published to the topic, whichever way it ended. */
async function waitAndNotify(afiId: string, options: WaitForAfiOptions, timing: ReturnType<typeof timingOf>): Promise<AfiDescription> {
  const notify: AfiWaitNotifyOptions = options.notify!;
  requireObject(notify, 'notify');
  const topic = await subscribeToAfiNotices({ ...options, email: notify.email, topic: notify.topic });
  notify.onReady?.(topic);
  const outcome = await pollUntilDone(afiId, options, timing).catch((error: unknown) => {
    if (error instanceof AfiFailedError || error instanceof AfiWaitTimeoutError) return error;
    throw error;
  });
  const notice = await publishAfiNotice(topic.topicArn, outcome instanceof AfiFailedError ? outcome.afi : outcome, options).catch(
    (error: unknown) => {
      throw new AfiNotificationError(afiId, outcome, { cause: error });
    },
  );
  notify.onSent?.(notice);
  if (outcome instanceof Error) throw outcome;
  return outcome;
}

/**
 * Polls until the AFI is available and resolves with its description. Rejects with
 * AfiFailedError (failed or unavailable, with EC2's reason), AfiWaitTimeoutError, the
 * signal's reason on abort, or AfiNotFoundError; with `notify`, AfiNotificationError when
 * the outcome could not be published.
 */
export async function waitForAfi(afiId: string, options: WaitForAfiOptions = {}): Promise<AfiDescription> {
  assertAfiId(afiId);
  const timing = timingOf(options);
  options.signal?.throwIfAborted();
  return options.notify === undefined ? pollUntilDone(afiId, options, timing) : waitAndNotify(afiId, options, timing);
}
