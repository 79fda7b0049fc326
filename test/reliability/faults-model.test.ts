// Many management calls on all 8 slots at once, each slot under its own fault
// for the round: none, an unresponsive mailbox, a busy service, or the next
// few calls of one kind failing with a given code. Every Promise settles in
// bounded time with exactly what a model of the fault predicts; the calls of
// a slot settle in the order made, and the device runs them in that order.
import fc from 'fast-check';
import { FpgaMgmt, mock } from '../../lib';
import type { FaultOp } from '../../lib/mock';
import { restoreCommandSettings } from './helpers/sdk-defaults';
import { quickCall, runOnSlots, vdipInCallOrder, type Outcome, type QuickCall } from './helpers/slot-calls';

const SLOTS = 8;
const ETIMEDOUT = -110;
const FPGA_ERR_AFI_CMD_BUSY = 3;
// Loads and clears never finish within a round: whether a slot is busy depends
// only on its own calls, not on how far other slots' waits move virtual time.
const FOREVER_MS = 1e9;
// Through the mailbox: an unresponsive one fails them, a busy service answers busy.
const MAILBOX = new Set<Kind>(['describe', 'getStatus', 'load', 'clear']);
type Kind = QuickCall['kind'];
const FAULT_OP: Record<Kind, FaultOp> = {
  describe: 'describe',
  getStatus: 'getStatus',
  load: 'load',
  clear: 'clear',
  getVdip: 'getVdip',
  getVled: 'getVled',
  setVdip: 'setVdip',
};

type Fault =
  | { kind: 'none' | 'unresponsive' | 'busy' }
  | { kind: 'failNext'; op: FaultOp; code: number; count: number };

const fault: fc.Arbitrary<Fault> = fc.oneof(
  fc.constantFrom<Fault>({ kind: 'none' }, { kind: 'unresponsive' }, { kind: 'busy' }),
  fc.record({
    kind: fc.constant('failNext' as const),
    op: fc.constantFrom(...Object.values(FAULT_OP)),
    code: fc.constantFrom(-5, -16, ETIMEDOUT, FPGA_ERR_AFI_CMD_BUSY, 13, 25),
    count: fc.integer({ min: 1, max: 4 }),
  }),
);

function inject(slot: number, f: Fault): void {
  if (f.kind === 'unresponsive') mock.setUnresponsive(slot, true);
  if (f.kind === 'busy') mock.setSlotBusy(slot, true);
  if (f.kind === 'failNext') mock.failNext(f.op, f.code, { slot, count: f.count });
}

type Expected = { code: number } | { status: string } | { value: number } | Record<string, never>;

/** What each call of a slot under fault `f` must end in, in the order made. */
function predict(f: Fault, calls: readonly QuickCall[]): Expected[] {
  let pending = f.kind === 'failNext' ? f.count : 0;
  const injected = (op: FaultOp): number | undefined => {
    if (f.kind !== 'failNext' || f.op !== op || pending === 0) return undefined;
    pending--;
    return f.code;
  };
  let changing = false;
  let vdip = 0;
  return calls.map((call): Expected => {
    const code = injected(FAULT_OP[call.kind]);
    if (code !== undefined) return { code };
    if (f.kind === 'unresponsive' && MAILBOX.has(call.kind)) return { code: ETIMEDOUT };
    const busy = f.kind === 'busy' || changing;
    switch (call.kind) {
      case 'describe':
      case 'getStatus':
        return { status: busy ? 'busy' : 'not-programmed' };
      case 'load':
      case 'clear': {
        if (busy) return { code: FPGA_ERR_AFI_CMD_BUSY };
        changing = true;
        // Both resolve to a describe made right after, which a describe fault fails.
        const described = injected('describe');
        return described !== undefined ? { code: described } : { status: 'busy' };
      }
      case 'setVdip':
        vdip = call.value;
        return {};
      case 'getVdip':
        return { value: vdip };
      case 'getVled':
        return { value: 0 };
    }
  });
}

function actual(outcome: Outcome): Expected {
  if (outcome.code !== undefined) return { code: outcome.code };
  if (typeof outcome.value === 'number') return { value: outcome.value };
  if (typeof outcome.value === 'object' && outcome.value !== null) return { status: (outcome.value as { status: string }).status };
  return {};
}

afterAll(restoreCommandSettings);

test('under a fault per slot, every call on every slot ends as the fault makes it, in the order made', async () => {
  const mgmt = new FpgaMgmt();
  let rounds = 0;
  let calls = 0;
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fault, { minLength: SLOTS, maxLength: SLOTS }),
        fc.array(fc.array(quickCall, { minLength: 1, maxLength: 20 }), { minLength: SLOTS, maxLength: SLOTS }),
        async (faults, plan) => {
          mock.reset({ slots: SLOTS, loadTimeMs: FOREVER_MS, clearTimeMs: FOREVER_MS, virtualTime: true });
          mgmt.setCmdTimeout(1);
          mgmt.setCmdDelayMsec(1);
          faults.forEach((f, slot) => inject(slot, f));
          const settled = await runOnSlots(mgmt, plan);
          settled.forEach((outcomes, slot) => {
            expect(outcomes.map((o) => o.index)).toEqual(plan[slot].map((_, i) => i));
            expect(outcomes.map(actual)).toEqual(predict(faults[slot], plan[slot]));
            expect(vdipInCallOrder(outcomes)).toBe(true);
          });
          rounds++;
          calls += plan.flat().length;
        },
      ),
      { numRuns: 80 },
    );
  } finally {
    await mgmt.close();
  }
  console.log(`faults (a model per slot): ${rounds} rounds of 8 slots, ${calls} calls, every outcome as predicted`);
}, 60_000);
