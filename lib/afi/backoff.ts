/** Each regular poll waits this much longer than the one before, up to the cap. */
const GROWTH = 1.5;
/** A throttled poll doubles the wait… */
const THROTTLED_GROWTH = 2;
/** …and may take it up to this multiple of the cap, so throttling slows polling even at the cap. */
const THROTTLED_CEILING = 4;
/** Waits vary by ±20% so that many waiters started together spread out. */
const JITTER = 0.2;

export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
}

/** The delays between polls: growing towards a cap, jittered, and longer after throttling. */
export class PollBackoff {
  private baseMs: number;

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly random: () => number = Math.random,
  ) {
    this.baseMs = policy.initialMs;
  }

  /** The delay before the next poll, given whether the last one was throttled. */
  next(throttled: boolean): number {
    if (throttled) {
      this.baseMs = Math.min(this.baseMs * THROTTLED_GROWTH, this.policy.maxMs * THROTTLED_CEILING);
    }
    const delayMs = Math.round(this.baseMs * (1 - JITTER + 2 * JITTER * this.random()));
    if (!throttled) {
      this.baseMs = Math.min(this.baseMs * GROWTH, this.policy.maxMs);
    }
    return delayMs;
  }
}
