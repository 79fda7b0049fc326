import { errorCode, errorExplanation, errorName, FPGA_GENERIC_FAILURE } from './names';

// "the SDK's generic failure" for -1; the SDK's name (and errno symbol) otherwise.
function describeCode(errno: number, code: string): string {
  if (errno === FPGA_GENERIC_FAILURE) return `${code} (the SDK's generic failure, -1)`;
  if (errno < 0) return `${errorName(errno)} (${code}, ${errno})`;
  return `${code} (SDK error ${errno})`;
}

/**
 * A device call that failed in the SDK (or the simulated device), or that the
 * package refused for the SDK's reasons (a detached BAR, a closed slot).
 *
 * As with Node's system errors, `name` is the class (`'FpgaError'`), `code` a
 * string naming the failure and `errno` the number behind it:
 *
 * | SDK return value | `code`              | `errno` |
 * |------------------|---------------------|---------|
 * | 5                | `'invalid-afi-id'`  | 5       |
 * | -110             | `'ETIMEDOUT'`       | -110    |
 * | -1               | `'unspecified-error'` | -1    |
 *
 * The message names the call, the slot, the reason and, where the package
 * knows one, what to do (also in `explanation`).
 */
export class FpgaError extends Error {
  /**
   * The failure: the SDK's name of a positive code (`'invalid-afi-id'`), the
   * errno symbol of a negative one (`'ETIMEDOUT'`, `'ERRNO_<n>'` if the system
   * has none), `'unspecified-error'` for the SDK's generic -1.
   */
  readonly code: string;
  /** The SDK's return value or status_q: an FPGA_ERR_* code, or `-errno` when negative. */
  readonly errno: number;
  /** The call the program made: `'slot.load'`, `'bar.peek'`, `'mgmt.describeLocalImage'`. */
  readonly call: string;
  /** The slot it acted on, when it acted on one. */
  readonly slot: number | undefined;
  /** The specific reason, when the package knows it (`'the BAR handle is detached'`). */
  readonly detail: string | undefined;
  /** What the code means and what to do, when the package knows; shown in the message unless `detail` says more. */
  readonly explanation: string | null;

  constructor(call: string, errno: number, slot?: number, detail?: string) {
    const code = errorCode(errno);
    const explanation = errorExplanation(errno);
    const where = slot === undefined || slot < 0 ? '' : ` on slot ${slot}`;
    const why = detail ? `: ${detail}` : explanation ? `. ${explanation.trim().replace(/\s*\n\s*/g, ' ')}` : '';
    super(`${call} failed${where}: ${describeCode(errno, code)}${why}`);
    this.code = code;
    this.errno = errno;
    this.call = call;
    this.slot = slot === undefined || slot < 0 ? undefined : slot;
    this.detail = detail;
    this.explanation = explanation;
  }
}

Object.defineProperty(FpgaError.prototype, 'name', { value: 'FpgaError', writable: true, configurable: true });

/** `error` as the call the program made, when an inner call raised it. */
export function asCall(error: unknown, call: string): unknown {
  if (!(error instanceof FpgaError) || error.call === call) return error;
  const renamed = new FpgaError(call, error.errno, error.slot, error.detail);
  const frames = error.stack?.indexOf('\n') ?? -1;
  if (frames >= 0) renamed.stack = `${renamed.name}: ${renamed.message}${error.stack?.slice(frames)}`;
  return renamed;
}

/** Settles as `promise` does, with its FpgaError named as `call`. */
export async function named<T>(call: string, promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    throw asCall(error, call);
  }
}
