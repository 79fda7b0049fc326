// Fuzzing the Slot API: openSlot, listSlots and every Slot method, with valid
// and invalid arguments, deadlines and signals, on several slots at once
// (closed ones, double close, a foreign `this`, new ones opened midway). After
// each sequence, with every slot closed, nothing may be left behind: no BAR
// attached, no SDK session open.
import fc from 'fast-check';
import { APP_PF, FpgaPci, MGMT_PF, Slot, listSlots, mock, openSlot } from '../../lib';
import { CLEAR_MS, LOAD_MS } from '../afis';
import { stateError } from './helpers/contract';
import { call, runCalls, Tally, type Call } from './helpers/fuzz';
import { sessionClosed } from './helpers/session';
import { freeHandles } from './helpers/handles';
import { agfi, callOptions, mostly, nasty, slot, uint16, withCallOptions } from './helpers/values';

// A closed Slot throws a plain Error, where a closed FpgaMgmt or a detached
// BarHandle throws FpgaError (EINVAL): admitted here as a documented state error.
const SLOT_CLOSED = /^aws-fpga: slot \d is closed$/;

const flag = fc.oneof({ weight: 4, arbitrary: fc.boolean() }, { weight: 1, arbitrary: nasty });
const describeOptions = withCallOptions(fc.record({ metrics: flag, clearMetrics: flag, clearAfiCache: flag }, { requiredKeys: [] }));
const waitOptions = withCallOptions(
  fc.record({ wait: flag, timeoutMs: mostly(fc.integer({ min: 1, max: 200 })) }, { requiredKeys: [] }),
);
const clockRecipes = mostly(fc.record({ a: mostly(fc.nat(3)), b: mostly(fc.nat(6)), c: mostly(fc.nat(4)), hbm: mostly(fc.nat(5)) }, { requiredKeys: [] }));
const clockMhz = mostly(
  fc.record(
    { a: mostly(fc.integer({ min: 80, max: 130 })), b: mostly(fc.integer({ min: 80, max: 460 })), c: mostly(fc.integer({ min: 80, max: 310 })), hbm: mostly(fc.integer({ min: 80, max: 460 })) },
    { requiredKeys: [] },
  ),
);
const pf = mostly(fc.constantFrom<unknown>('app', 'mgmt', APP_PF, MGMT_PF, 'bus', 2));
const barNumber = mostly(fc.constantFrom(0, 2, 4, 1, 5));
const barOptions = mostly(fc.record({ burst: flag }, { requiredKeys: [] }));
// Short watches: a few polls, close together, not keeping the process alive.
const watchOptions = mostly(
  fc.record({ intervalMs: mostly(fc.integer({ min: 1, max: 5 })), polls: fc.integer({ min: 1, max: 3 }), unref: fc.constant(true) }),
);

const methods = {
  describe: call('describe', describeOptions),
  load: call('load', agfi, waitOptions),
  clear: call('clear', waitOptions),
  vled: call('vled', callOptions),
  vdip: call('vdip', callOptions),
  setVdip: call('setVdip', uint16, callOptions),
  clocks: call('clocks', callOptions),
  setClockRecipe: call('setClockRecipe', clockRecipes, callOptions),
  setClockFrequencies: call('setClockFrequencies', clockMhz, callOptions),
  bar: call('bar', pf, barNumber, barOptions),
  watch: call('watch', watchOptions),
  rescan: call('rescan'),
  close: call('close'),
};
const calls: fc.Arbitrary<Call> = fc.oneof(
  { weight: 12, arbitrary: fc.oneof(...Object.values(methods).filter((method) => method !== methods.close)) },
  // Closing is rarer than using, so that most calls reach an open slot.
  { weight: 1, arbitrary: fc.oneof(methods.close, call('asyncDispose'), call('openSlot', slot), call('listSlots')) },
);

type Methods = Record<string, (...args: unknown[]) => unknown>;

test('the fuzzer knows every Slot method there is', () => {
  const own = Object.getOwnPropertyNames(Slot.prototype).filter((name) => name !== 'constructor');
  expect(Object.keys(methods).sort()).toEqual(own.sort());
});

test('every Slot call succeeds or is refused with TypeError, RangeError, FpgaError or AbortError; nothing is left open', async () => {
  const tally = new Tally();
  const pci = new FpgaPci();
  const handlesAtStart = freeHandles(pci);
  await fc.assert(
    fc.asyncProperty(fc.array(calls, { minLength: 5, maxLength: 30, size: 'max' }), async (sequence) => {
      mock.reset({ slots: 2, loadTimeMs: LOAD_MS, clearTimeMs: CLEAR_MS, virtualTime: true });
      const closed = openSlot(1);
      await closed.close();
      const slots = [openSlot(0), openSlot(1), closed];
      const pool: unknown[] = [...slots, Object.create(Slot.prototype)];
      const invoke = (c: Call, args: unknown[]): unknown => {
        if (c.method === 'listSlots') return listSlots();
        if (c.method === 'openSlot') {
          const opened = openSlot(args[0] as number);
          slots.push(opened);
          pool.push(opened);
          return opened;
        }
        const target = pool[c.pick % pool.length] as Slot;
        if (c.method === 'asyncDispose') return target[Symbol.asyncDispose]();
        return (target as unknown as Methods)[c.method](...args);
      };
      try {
        await runCalls(sequence, invoke, tally, { allow: stateError(SLOT_CLOSED) });
      } finally {
        await Promise.all(slots.map((each) => each.close()));
      }
      expect(freeHandles(pci)).toBe(handlesAtStart);
      expect(await sessionClosed()).toBe(true);
      tally.sequences++;
    }),
    { numRuns: 300 },
  );
  tally.print('Slot');
  expect(tally.succeeded).toBeGreaterThan(tally.calls / 4);
}, 120_000);
