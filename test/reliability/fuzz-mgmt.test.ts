// Fuzzing FpgaMgmt: random sequences of every method, static ones included,
// with valid and invalid arguments and signals, on several FpgaMgmt objects at
// once (closed ones, double close, a foreign `this`, new ones opened midway),
// on a simulated device of 1 to 8 slots. Calls are not awaited one by one, so
// they overlap on the thread pool and in the slot queues.
import fc from 'fast-check';
import { FpgaMgmt, mock } from '../../lib';
import { CLEAR_MS, LOAD_MS } from '../afis';
import { call, runCalls, Tally, type Call } from './helpers/fuzz';
import { sessionClosed } from './helpers/session';
import { restoreCommandSettings } from './helpers/sdk-defaults';
import { agfi, callOptions, flags, mostly, slot, uint16, uint32, withCallOptions } from './helpers/values';


const image = mostly(
  fc.record(
    { slot, agfi, flags, clockMains: fc.constantFrom(undefined, [250, 0, 0], [0, 0, 0], [4295, 0, 0], [1, 2], 'fast') },
    { requiredKeys: ['slot', 'agfi'] },
  ),
);

const waitOptions = withCallOptions(
  fc.record({ wait: fc.constantFrom(true, false, 1), timeout: uint32(), delayMsec: uint32(50) }, { requiredKeys: [] }),
);

const code = mostly(fc.integer({ min: -200, max: 40 }));

const deviceCalls = fc.oneof(
  call('loadLocalImage', slot, agfi, callOptions),
  call('loadLocalImageFlags', slot, agfi, flags, callOptions),
  call('loadLocalImageSyncFlags', slot, agfi, flags, uint32(), uint32(50), callOptions),
  call('loadLocalImageWithOptions', image, waitOptions),
  call('clearLocalImage', slot, callOptions),
  call('clearLocalImageSync', slot, uint32(), uint32(50), callOptions),
  call('describeLocalImage', slot, flags, callOptions),
  call('getStatus', slot, callOptions),
  call('getVledStatus', slot, callOptions),
  call('setVdip', slot, uint16, callOptions),
  call('getVdipStatus', slot, callOptions),
  call('setCmdTimeout', uint32(10_000)),
  call('setCmdDelayMsec', uint32(10)),
);

const otherCalls = fc.oneof(
  call('close'),
  call('asyncDispose'),
  { weight: 2, arbitrary: call('open') },
  { weight: 2, arbitrary: call('strerror', code) },
  { weight: 2, arbitrary: call('strerrorLong', code) },
  { weight: 2, arbitrary: call('getStatusName', code) },
);

// Closing is rarer than using, so that most calls reach an open FpgaMgmt.
const calls: fc.Arbitrary<Call> = fc.oneof({ weight: 8, arbitrary: deviceCalls }, { weight: 1, arbitrary: otherCalls });

const STATIC = new Set(['strerror', 'strerrorLong', 'getStatusName']);
type Methods = Record<string, (...args: unknown[]) => unknown>;

afterAll(restoreCommandSettings);

test('every FpgaMgmt call succeeds or is refused with TypeError, RangeError, FpgaError or AbortError', async () => {
  const tally = new Tally();
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 8 }), fc.array(calls, { minLength: 5, maxLength: 40, size: 'max' }), async (slots, sequence) => {
      mock.reset({ slots, loadTimeMs: LOAD_MS, clearTimeMs: CLEAR_MS, virtualTime: true });
      const closed = new FpgaMgmt();
      await closed.close();
      const opened = [new FpgaMgmt(), new FpgaMgmt(), closed];
      const pool: unknown[] = [...opened, Object.create(FpgaMgmt.prototype)];
      const invoke = (c: Call, args: unknown[]): unknown => {
        if (c.method === 'open') {
          const mgmt = new FpgaMgmt();
          opened.push(mgmt);
          pool.push(mgmt);
          return mgmt;
        }
        if (STATIC.has(c.method)) return (FpgaMgmt as unknown as Methods)[c.method](...args);
        const target = pool[c.pick % pool.length] as FpgaMgmt;
        if (c.method === 'asyncDispose') return target[Symbol.asyncDispose]();
        return (target as unknown as Methods)[c.method](...args);
      };
      try {
        await runCalls(sequence, invoke, tally);
      } finally {
        await Promise.all(opened.map((mgmt) => mgmt.close()));
      }
      // Every FpgaMgmt closed, whatever the sequence did: the SDK's library is closed too.
      expect(await sessionClosed()).toBe(true);
      tally.sequences++;
    }),
    { numRuns: 1000 },
  );
  tally.print('FpgaMgmt');
  expect(tally.succeeded).toBeGreaterThan(tally.calls / 5);
  expect(tally.refused.get('AbortError')).toBeGreaterThan(0);
}, 120_000);
