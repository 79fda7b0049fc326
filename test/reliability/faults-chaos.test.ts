// Many management calls on all 8 slots at once, synchronous loads and clears
// among them, while faults come and go under them: mailboxes stop and resume
// answering, services turn busy, calls fail on demand, power violations,
// forced outcomes, latency, command time-outs. Every Promise settles in
// bounded time, resolved or rejected with a code one of the faults explains;
// the calls of a slot settle in the order made and run on the device in it.
import fc from 'fast-check';
import { setImmediate as nextTurn } from 'timers/promises';
import { FAULT_OPS, FpgaError, FpgaMgmt, mock } from '../../lib';
import { restoreCommandSettings } from './helpers/sdk-defaults';
import { runOnSlots, slotCall, vdipInCallOrder } from './helpers/slot-calls';

const SLOTS = 8;
const INJECTED = [-5, -16, 13, 25];
const FORCED_STATUS_Q = [5, 12, 17];
// Besides those: the mailbox's time-out, busy, and the power violation's status_q, 17.
const EXPLAINED = new Set([...INJECTED, ...FORCED_STATUS_Q, -110, 3, 17]);
const LOAD_FAILED = 7;

const slot = fc.nat(SLOTS - 1);
const action = fc.oneof(
  fc.tuple(fc.constant('unresponsive' as const), slot, fc.boolean()),
  fc.tuple(fc.constant('busy' as const), slot, fc.boolean()),
  fc.tuple(fc.constant('failNext' as const), slot, fc.constantFrom(...FAULT_OPS), fc.constantFrom(...INJECTED)),
  fc.tuple(fc.constant('powerViolation' as const), slot),
  fc.tuple(fc.constant('forceStatus' as const), slot, fc.constantFrom(...FORCED_STATUS_Q)),
  fc.tuple(fc.constant('latency' as const), fc.nat(3)),
  fc.tuple(fc.constant('cmdTimeout' as const), fc.integer({ min: 1, max: 5 })),
);
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

function apply(mgmt: FpgaMgmt, a: Action): void {
  switch (a[0]) {
    case 'unresponsive': return mock.setUnresponsive(a[1], a[2]);
    case 'busy': return mock.setSlotBusy(a[1], a[2]);
    case 'failNext': return mock.failNext(a[2], a[3], { slot: a[1] });
    case 'forceStatus': return mock.forceStatus(a[1], LOAD_FAILED, a[2]);
    case 'latency': return mock.setLatency({ describeMs: a[1] });
    case 'cmdTimeout': return mgmt.setCmdTimeout(a[1]);
    case 'powerViolation':
      try {
        mock.powerViolation(a[1]);
      } catch (error) {
        // Only with an AFI loaded and no load or clear running: EINVAL or EBUSY otherwise.
        if (!(error instanceof FpgaError && (error.code === 'EINVAL' || error.code === 'EBUSY'))) throw error;
      }
  }
}

/** Applies `actions` in turn, one per turn of the event loop, until `done` settles; then lifts the lasting faults. */
async function chaos(mgmt: FpgaMgmt, actions: readonly Action[], done: Promise<unknown>): Promise<number> {
  let over = false;
  void done.finally(() => (over = true));
  let applied = 0;
  for (; !over; applied++) {
    apply(mgmt, actions[applied % actions.length]);
    await nextTurn();
  }
  for (let s = 0; s < SLOTS; s++) {
    mock.setUnresponsive(s, false);
    mock.setSlotBusy(s, false);
  }
  return applied;
}

afterAll(restoreCommandSettings);

test('while faults come and go, every call settles, as a fault explains, in the order made', async () => {
  const mgmt = new FpgaMgmt();
  let rounds = 0;
  let calls = 0;
  let faults = 0;
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(action, { minLength: 1, maxLength: 50 }),
        fc.array(fc.array(slotCall, { minLength: 1, maxLength: 25 }), { minLength: SLOTS, maxLength: SLOTS }),
        async (actions, plan) => {
          mock.reset({ slots: SLOTS, loadTimeMs: 50, clearTimeMs: 50, virtualTime: true });
          const running = runOnSlots(mgmt, plan);
          // Faults end once the calls have settled: a sync call still polling a busy slot then finishes.
          const [settled, applied] = await Promise.all([running, chaos(mgmt, actions, running)]);
          settled.forEach((outcomes, s) => {
            expect(outcomes.map((o) => o.index)).toEqual(plan[s].map((_, i) => i));
            for (const { code } of outcomes) if (code !== undefined) expect([code, EXPLAINED.has(code)]).toEqual([code, true]);
            expect(vdipInCallOrder(outcomes)).toBe(true);
          });
          rounds++;
          calls += plan.flat().length;
          faults += applied;
        },
      ),
      { numRuns: 80 },
    );
  } finally {
    await mgmt.close();
  }
  console.log(`faults (coming and going): ${rounds} rounds of 8 slots, ${calls} calls under ${faults} fault changes, all settled`);
}, 120_000);
