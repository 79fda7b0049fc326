// How a call of the package may end: a result, or one of the errors it
// documents for bad input and device failures. Anything else is a bug.
import { FpgaError } from '../../../lib';

/** An error a test's own getter or callback throws: it must pass through unchanged. */
export class CallerError extends Error {
  override readonly name = 'CallerError';
}

// The addon throws its TypeError and RangeError from the main realm, not
// jest's, so those are told by constructor name, not instanceof.
function constructorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as object).constructor?.name : undefined;
}

/**
 * The name under which `error` is counted, or undefined when it breaks the
 * contract: TypeError, RangeError, FpgaError, the caller's own error, and
 * AbortError only when the call's signal was aborted.
 */
export function refusal(error: unknown, aborted: boolean): string | undefined {
  if (error instanceof FpgaError) return `FpgaError ${error.code}`;
  if (error instanceof CallerError) return error.name;
  const name = constructorName(error);
  if (name === 'TypeError' || name === 'RangeError') return name;
  if (aborted && (error as Error).name === 'AbortError') return 'AbortError';
  return undefined;
}

/** Admits a documented plain Error whose message matches `pattern` (configure() after first use, for one). */
export function stateError(pattern: RegExp): (error: unknown) => string | undefined {
  return (error) => (constructorName(error) === 'Error' && pattern.test((error as Error).message) ? 'Error (state)' : undefined);
}

/** Settles within `ms`, or rejects naming `what` as hung. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([promise, hung]).finally(() => clearTimeout(timer));
}
