import type { AfiDescription, AfiState } from './description';

/** No AFI with this id (AFI or AGFI id) is visible in the region asked. */
export class AfiNotFoundError extends Error {
  override readonly name = 'AfiNotFoundError';

  constructor(readonly id: string, readonly region: string, options?: ErrorOptions) {
    super(`${id} was not found in region ${region}`, options);
  }
}

/** The AFI ended up failed or unavailable; `reason` is EC2's state message. */
export class AfiFailedError extends Error {
  override readonly name = 'AfiFailedError';
  readonly afiId: string;
  readonly state: AfiState;
  readonly reason: string | undefined;

  constructor(readonly afi: AfiDescription) {
    super(`${afi.afiId} is ${afi.state}${afi.stateMessage === undefined ? '' : `: ${afi.stateMessage}`}`);
    this.afiId = afi.afiId;
    this.state = afi.state;
    this.reason = afi.stateMessage;
  }
}

/** The AFI was still pending (or never answered) when the wait ran out of time. */
export class AfiWaitTimeoutError extends Error {
  override readonly name = 'AfiWaitTimeoutError';

  constructor(readonly afiId: string, readonly timeoutMs: number, readonly lastState: AfiState | undefined) {
    super(`${afiId} was still ${lastState ?? 'not described'} after waiting ${timeoutMs} ms`);
  }
}

/**
 * The wait ended (`outcome`: the AFI's description when available, else the wait's own error)
 * but its notice could not be published; `cause` says why.
 */
export class AfiNotificationError extends Error {
  override readonly name = 'AfiNotificationError';

  constructor(
    readonly afiId: string,
    readonly outcome: AfiDescription | Error,
    options: ErrorOptions,
  ) {
    const state = outcome instanceof Error ? outcome.message : `${afiId} is ${outcome.state}`;
    super(`${state}, but the notice could not be sent: ${(options.cause as Error).message}`, options);
  }
}
