// Fuzzing FpgaClkgen: random sequences of its methods with valid and invalid
// recipes, frequencies, resets and signals, interleaved with loads and clears
// of the same slots (a design with the clock generator, one without, none).
import fc from 'fast-check';
import { FpgaClkgen, FpgaMgmt, mock } from '../../lib';
import { CLEAR_MS, LOAD_MS, MEM_PERF_AGFI, SDE_AGFI } from '../afis';
import { call, runCalls, Tally, type Call } from './helpers/fuzz';
import { agfi, callOptions, mostly, slot } from './helpers/values';

// Slot 0 has the clock generator, slot 1 a design without, slot 2 none; the device has no slot 3 or above.
const clockSlot = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: slot });
// Each group's valid recipes (A0-A2, B0-B5, C0-C3, H0-H4) and one past them.
const recipe = (last: number) => mostly(fc.integer({ min: 0, max: last + 1 }));
// Each clock's range (at least 87 MHz, at most a 125, b 450, c 300, hbm 450) and a little past it.
const mhz = (max: number) => mostly(fc.integer({ min: 80, max: max + 10 }));
const reset = mostly(fc.constantFrom(0, 0, 0, 1));

const calls: fc.Arbitrary<Call> = fc.oneof(
  { weight: 3, arbitrary: call('getDynamic', clockSlot, callOptions) },
  { weight: 3, arbitrary: call('setRecipe', clockSlot, recipe(2), recipe(5), recipe(3), recipe(4), reset, callOptions) },
  { weight: 3, arbitrary: call('setDynamic', clockSlot, mhz(125), mhz(450), mhz(300), mhz(450), reset, callOptions) },
  call('load', slot, agfi),
  call('clear', slot),
);

test('every FpgaClkgen call succeeds or is refused with TypeError, RangeError, FpgaError or AbortError', async () => {
  const tally = new Tally();
  const mgmt = new FpgaMgmt();
  // Its methods use no state of their own: a bare object of its prototype works as well.
  const pool = [new FpgaClkgen(), Object.create(FpgaClkgen.prototype) as FpgaClkgen];
  const invoke = (c: Call, args: unknown[]): unknown => {
    if (c.method === 'load') return mgmt.loadLocalImage(...(args as [number, string]));
    if (c.method === 'clear') return mgmt.clearLocalImage(...(args as [number]));
    const clkgen = pool[c.pick % pool.length] as unknown as Record<string, (...a: unknown[]) => unknown>;
    return clkgen[c.method](...args);
  };
  try {
    await fc.assert(
      fc.asyncProperty(fc.array(calls, { minLength: 5, maxLength: 40, size: 'max' }), async (sequence) => {
        mock.reset({ slots: 3, loadTimeMs: LOAD_MS, clearTimeMs: CLEAR_MS, virtualTime: true });
        await mgmt.loadLocalImageSyncFlags(0, MEM_PERF_AGFI);
        await mgmt.loadLocalImageSyncFlags(1, SDE_AGFI);
        await runCalls(sequence, invoke, tally);
        tally.sequences++;
      }),
      { numRuns: 500 },
    );
  } finally {
    await mgmt.close();
  }
  tally.print('FpgaClkgen');
  expect(tally.succeeded).toBeGreaterThan(tally.calls / 5);
  expect([...tally.refused.keys()]).toEqual(expect.arrayContaining(['FpgaError clkgen-ip-not-found', 'TypeError', 'RangeError']));
  // Out-of-range clocks are refused before the SDK, whose own check would detach a random handle.
  expect(tally.refused.has('FpgaError invalid-clkgen-input')).toBe(false);
}, 120_000);
