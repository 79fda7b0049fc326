// Management calls on many slots at once, with what each one ended in and in
// which order the calls of each slot settled.
import fc from 'fast-check';
import { FpgaError, type FpgaMgmt } from '../../../lib';
import { SDE_AGFI } from '../../afis';
import { within } from './contract';

/** A call that returns at once (loads and clears only start). */
export type QuickCall = { kind: 'describe' | 'getStatus' | 'load' | 'clear' | 'getVdip' | 'getVled' } | { kind: 'setVdip'; value: number };
/** Or a load or clear that waits in the SDK until done. */
export type SlotCall = QuickCall | { kind: 'loadSync' | 'clearSync' };

export interface Outcome {
  call: SlotCall;
  /** The position of the call among its slot's calls. */
  index: number;
  value?: unknown;
  /** The FpgaError's code when the call rejected. */
  code?: number;
}

export const quickCall: fc.Arbitrary<QuickCall> = fc.oneof(
  fc.constantFrom<QuickCall>({ kind: 'describe' }, { kind: 'getStatus' }, { kind: 'load' }, { kind: 'clear' }, { kind: 'getVdip' }, { kind: 'getVled' }),
  fc.integer({ min: 1, max: 0xffff }).map((value): QuickCall => ({ kind: 'setVdip', value })),
);

export const slotCall: fc.Arbitrary<SlotCall> = fc.oneof(quickCall, fc.constantFrom<SlotCall>({ kind: 'loadSync' }, { kind: 'clearSync' }));

// Polls of the sync calls: the SDK raises the count to 90000; 5 ms apart.
const SYNC_POLLS = 90000;
const SYNC_DELAY_MS = 5;

function start(mgmt: FpgaMgmt, slot: number, call: SlotCall): Promise<unknown> {
  switch (call.kind) {
    case 'describe': return mgmt.describeLocalImage(slot);
    case 'getStatus': return mgmt.getStatus(slot);
    case 'load': return mgmt.loadLocalImage(slot, SDE_AGFI);
    case 'clear': return mgmt.clearLocalImage(slot);
    case 'loadSync': return mgmt.loadLocalImageSyncFlags(slot, SDE_AGFI, 0, SYNC_POLLS, SYNC_DELAY_MS);
    case 'clearSync': return mgmt.clearLocalImageSync(slot, SYNC_POLLS, SYNC_DELAY_MS);
    case 'getVdip': return mgmt.getVdipStatus(slot);
    case 'getVled': return mgmt.getVledStatus(slot);
    case 'setVdip': return mgmt.setVdip(slot, call.value);
  }
}

/**
 * Makes every call of `plan` (one list per slot), taking the slots in turn,
 * without waiting; resolves once all have settled (each within `boundMs`)
 * with each slot's outcomes in the order they settled. A rejection other than
 * FpgaError fails.
 */
export async function runOnSlots(mgmt: FpgaMgmt, plan: SlotCall[][], boundMs = 10_000): Promise<Outcome[][]> {
  const settled: Outcome[][] = plan.map(() => []);
  const pending: Promise<void>[] = [];
  const longest = Math.max(0, ...plan.map((calls) => calls.length));
  for (let index = 0; index < longest; index++)
    plan.forEach((calls, slot) => {
      const call = calls[index];
      if (call === undefined) return;
      const what = `${call.kind} #${index} on slot ${slot}`;
      const outcome = within(start(mgmt, slot, call), boundMs, what).then(
        (value) => settled[slot].push({ call, index, value }),
        (error: unknown) => {
          if (!(error instanceof FpgaError)) throw new Error(`${what} rejected with ${String(error)}`, { cause: error });
          settled[slot].push({ call, index, code: error.errno });
        },
      );
      pending.push(outcome.then(() => undefined));
    });
  await Promise.all(pending);
  return settled;
}

/**
 * Whether each successful vDIP read returned the last value successfully
 * written before it on the slot (0 before any): the device ran the calls in
 * the order they were made.
 */
export function vdipInCallOrder(outcomes: readonly Outcome[]): boolean {
  let current = 0;
  for (const { call, value, code } of [...outcomes].sort((a, b) => a.index - b.index)) {
    if (code !== undefined) continue;
    if (call.kind === 'setVdip') current = call.value;
    if (call.kind === 'getVdip' && value !== current) return false;
  }
  return true;
}
