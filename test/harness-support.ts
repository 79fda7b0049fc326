// Shared by the simulated-device harness tests: a fresh device in virtual
// time, loading an AFI, and capturing what a call throws or rejects with.
import { APP_PF, FpgaError, FpgaMgmt, FpgaPci, mock, type BarHandle } from '../lib';

/** A fresh device whose loads finish as soon as the sync calls poll. */
export function freshDevice(slots = 1): void {
  mock.reset({ slots, loadTimeMs: 100, clearTimeMs: 100, virtualTime: true });
}

/** Loads `agfi` on `slot` and waits for it (virtual time: no real wait). */
export async function load(mgmt: FpgaMgmt, slot: number, agfi: string): Promise<void> {
  await mgmt.loadLocalImageSyncFlags(slot, agfi, 0, 0, 1);
}

/** What `fn` throws; fails the test when it returns. */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

/** The FpgaError a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<FpgaError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FpgaError);
  return error as FpgaError;
}

/** BARs attached during a test, detached after it. */
export class Bars {
  readonly #pci = new FpgaPci();
  readonly #open: BarHandle[] = [];

  attach(slot: number, pf = APP_PF, bar = 0, flags = 0): BarHandle {
    const handle = this.#pci.attach(slot, pf, bar, flags);
    this.#open.push(handle);
    return handle;
  }

  detachAll(): void {
    for (const handle of this.#open.splice(0)) handle[Symbol.dispose]();
  }
}
