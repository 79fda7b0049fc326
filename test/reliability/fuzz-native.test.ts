// Fuzzing the addon itself, past every TypeScript check: each export called
// with any number of arguments of any type, the methods of the BAR objects it
// returns likewise, and odd error factories (one re-entering the addon, one
// throwing, one returning a number). The C++ side must check for itself: every
// call returns, throws or settles its Promise; the process never dies.
import fc from 'fast-check';
import { FpgaError, mock } from '../../lib';
import { ready } from '../../lib/backend';
import { CLEAR_MS, LOAD_MS } from '../afis';
import { CallerError } from './helpers/contract';
import { call, Lazy, runCalls, Tally, type Call } from './helpers/fuzz';
import { restoreCommandSettings } from './helpers/sdk-defaults';
import { agfi, nasty } from './helpers/values';

type Fn = (...args: unknown[]) => unknown;
type NativeBar = Record<string, Fn> & { size: bigint };
const native = ready() as unknown as Record<string, Fn>;

// Left out, each for a reason; everything else the addon exports is fuzzed.
const EXCLUDED: Record<string, string> = {
  useSdk: 'loads any library named and switches the backend (fuzz-backend covers it)',
  mockReset: 'may pick real time, where an unresponsive slot makes each call wait for real (fuzz-mock covers it)',
  mockForceStatus: 'a forced busy lasts until reset, and sync calls would poll it up to 2^32 times (fuzz-mock covers it)',
  mockSetBusy: 'the same: a busy service until told otherwise (fuzz-mock covers it)',
};

const PACKAGE_FACTORY = (op: unknown, code: unknown, slot: unknown) => new FpgaError(op as string, code as number, slot as number);
const factories = [
  new Lazy('the package factory', () => PACKAGE_FACTORY),
  new Lazy('a factory returning 42', () => () => 42),
  new Lazy('a factory that throws', () => () => {
    throw new CallerError('the error factory threw');
  }),
  new Lazy('a factory re-entering the addon', () => (op: unknown, code: unknown, slot: unknown) => {
    native.getSlotSpec(0);
    (native.mgmtGetStatus(0) as Promise<unknown>).then(undefined, () => undefined);
    return PACKAGE_FACTORY(op, code, slot);
  }),
];

// Calls go to small BARs only: a memset over BAR4's 128 GiB would really write it.
const SMALL_BAR_BYTES = 64n << 10n;
const SMALL_BARS = [
  [0, 2],
  [1, 0],
  [1, 2],
];
const anything = fc.oneof(
  nasty,
  fc.integer({ min: 0, max: 8 }),
  fc.nat(0x11000),
  fc.bigInt({ min: 0n, max: 1n << 40n }),
  agfi,
  fc.constantFrom(new Uint32Array(4), new Uint32Array(0), new Uint8Array(8)),
);
const someArgs = (max: number) => fc.array(anything, { maxLength: max });
const barMethods = ['peek', 'peek8', 'peek64', 'poke', 'poke8', 'poke64', 'writeBurst', 'memset', 'view', 'address', 'detach', 'isAttached'];

const fuzzed = Object.keys(native).filter((name) => !(name in EXCLUDED));
const calls: fc.Arbitrary<Call> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ method: fc.constantFrom(...fuzzed), args: someArgs(9), pick: fc.nat(15) }) },
  { weight: 6, arbitrary: fc.record({ method: fc.constantFrom(...barMethods.map((m) => `bar.${m}`)), args: someArgs(4), pick: fc.nat(15) }) },
  { weight: 2, arbitrary: call('attachSmall', fc.nat(1), fc.constantFrom(...SMALL_BARS), fc.constantFrom<unknown>(0, 1, 2, -1, 'x')) },
  { weight: 1, arbitrary: call('setErrorFactory', fc.oneof(fc.constantFrom(...factories), nasty)) },
);

afterAll(restoreCommandSettings);

test('every export of the addon is fuzzed, or left out for a stated reason', () => {
  for (const name of Object.keys(EXCLUDED)) expect(native).toHaveProperty(name);
  expect(fuzzed.length + Object.keys(EXCLUDED).length).toBe(Object.keys(native).length);
});

test('every native call returns, throws, or settles its Promise', async () => {
  const tally = new Tally();
  await fc.assert(
    fc.asyncProperty(fc.array(calls, { minLength: 5, maxLength: 60, size: 'max' }), async (sequence) => {
      mock.reset({ slots: 2, loadTimeMs: LOAD_MS, clearTimeMs: CLEAR_MS, virtualTime: true });
      // Every BAR attached, to detach at the end; the small ones also receive calls.
      const attached: NativeBar[] = [];
      const bars: NativeBar[] = [];
      const keep = (bar: NativeBar): NativeBar => {
        attached.push(bar);
        if (bar.size <= SMALL_BAR_BYTES) bars.push(bar);
        return bar;
      };
      keep(native.attach(0, 0, 2, 0) as NativeBar);
      let opened = 0;
      const invoke = (c: Call, args: unknown[]): unknown => {
        if (c.method.startsWith('bar.')) return bars[c.pick % bars.length][c.method.slice(4)](...args);
        if (c.method === 'attachSmall') {
          const [slot, [pf, bar], flags] = args as [number, number[], number];
          return keep(native.attach(slot, pf, bar, flags) as NativeBar);
        }
        const result = native[c.method](...args);
        if (c.method === 'attach') keep(result as NativeBar);
        if (c.method === 'mgmtOpen') opened++;
        if (c.method === 'mgmtClose') opened--;
        return result;
      };
      try {
        // The addon's own errors (TypeError, RangeError, Error) and whatever an odd factory makes are all fine here.
        await runCalls(sequence, invoke, tally, { allow: (error) => `thrown ${typeof error}` });
      } finally {
        native.setErrorFactory(PACKAGE_FACTORY);
        for (; opened > 0; opened--) native.mgmtClose();
        for (const bar of attached) if (bar.isAttached()) bar.detach();
      }
      tally.sequences++;
    }),
    { numRuns: 400 },
  );
  tally.print('the addon, unchecked');
  expect(tally.succeeded).toBeGreaterThan(tally.calls / 10);
}, 120_000);
