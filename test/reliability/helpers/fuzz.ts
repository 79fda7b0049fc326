// Runs generated call sequences against an API: every call must return, or
// throw or reject as the contract allows (contract.ts), and every Promise must
// settle in bounded time. Counts what happened, for the suite to print.
import fc from 'fast-check';
import { refusal, within } from './contract';

/** What a call knows while it runs. */
export interface CallState {
  /** Set once the call's signal has been aborted: AbortError is then allowed. */
  aborted: boolean;
}

/** An argument made when the call runs (a signal, a fresh object) rather than when generated. */
export class Lazy {
  constructor(
    readonly label: string,
    readonly make: (state: CallState) => unknown,
  ) {}

  [fc.toStringMethod](): string {
    return this.label;
  }
}

export interface Call {
  method: string;
  args: unknown[];
  /** Which object of the test's pool receives the call: mostly the first. */
  pick: number;
}

const pick = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(15) });

/** A call of `method` with one value from each of `args` (a missing argument: an undefined one). */
export function call(method: string, ...args: fc.Arbitrary<unknown>[]): fc.Arbitrary<Call> {
  return fc.record({ args: fc.tuple(...args), pick }).map((drawn) => ({ method, ...drawn }));
}

export class Tally {
  sequences = 0;
  calls = 0;
  succeeded = 0;
  readonly refused = new Map<string, number>();

  refuse(kind: string): void {
    this.refused.set(kind, (this.refused.get(kind) ?? 0) + 1);
  }

  get refusals(): number {
    return [...this.refused.values()].reduce((sum, n) => sum + n, 0);
  }

  print(suite: string): void {
    const kinds = [...this.refused].sort(([, a], [, b]) => b - a).map(([kind, n]) => `${kind} ${n}`);
    console.log(
      `fuzz (${suite}): ${this.sequences} sequences, ${this.calls} calls, ${this.succeeded} succeeded, ` +
        `${this.refusals} refused (${kinds.join(', ')})`,
    );
  }
}

export interface RunOptions {
  /** How long each Promise may take to settle. */
  boundMs?: number;
  /** Counts an error outside the contract under the name returned, if any (stateError(), for one). */
  allow?: (error: unknown) => string | undefined;
}

// The addon's Promises come from the main realm, not jest's: no instanceof.
function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

function label(c: Call): string {
  return `${c.method}(${c.args.map((a) => fc.stringify(a)).join(', ')})`;
}

/**
 * Makes the calls in order through `invoke`, not waiting for their Promises,
 * then waits for all of them. Throws, naming the call, on the first outcome
 * outside the contract.
 */
export async function runCalls(
  calls: readonly Call[],
  invoke: (call: Call, args: unknown[]) => unknown,
  tally: Tally,
  options: RunOptions = {},
): Promise<void> {
  const { boundMs = 10_000, allow } = options;
  const pending: Promise<void>[] = [];
  for (const c of calls) {
    tally.calls++;
    const state: CallState = { aborted: false };
    const judge = (error: unknown): void => {
      const kind = refusal(error, state.aborted) ?? allow?.(error);
      if (kind === undefined) throw new Error(`${label(c)} failed outside the contract: ${String(error)}`, { cause: error });
      tally.refuse(kind);
    };
    const succeed = (): void => void tally.succeeded++;
    let value: unknown;
    try {
      value = invoke(c, c.args.map((arg) => (arg instanceof Lazy ? arg.make(state) : arg)));
    } catch (error) {
      judge(error);
      continue;
    }
    if (isThenable(value)) pending.push(within(Promise.resolve(value), boundMs, label(c)).then(succeed, judge));
    else succeed();
  }
  await Promise.all(pending);
}
