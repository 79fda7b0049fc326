// Fuzzing the addon itself, past every TypeScript check: each export called
// with any number of arguments of any type, the BAR functions with the ids of
// live, detached and made-up BARs, the register functions with anything in
// their argument buffer, and odd error factories (one re-entering the addon,
// one throwing, one returning a number). The C++ side must check for itself:
// every call returns, throws or settles its Promise; the process never dies.
import fc from 'fast-check';
import { FpgaError, mock } from '../../lib';
import { ready } from '../../lib/backend';
import { CLEAR_MS, LOAD_MS } from '../afis';
import { CallerError } from './helpers/contract';
import { call, Lazy, runCalls, Tally, type Call } from './helpers/fuzz';
import { restoreCommandSettings } from './helpers/sdk-defaults';
import { agfi, nasty } from './helpers/values';

type Fn = (...args: unknown[]) => unknown;
type NativeBar = { id: number; size: bigint };
const native = ready() as unknown as Record<string, Fn>;
const registers = ready().registers as unknown as Record<string, Fn>;
const registerArgs = new Float64Array(ready().registers.buffer, 0, 6);
const registerWide = new BigUint64Array(ready().registers.buffer, 24, 1);
const registerMatch = new Uint32Array(ready().registers.buffer, 48, 2);

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
const BAR_FUNCTIONS = ['view', 'address', 'detach', 'release'];
const REGISTER_FUNCTIONS = ['peek', 'peek8', 'peek64', 'poke', 'poke8', 'poke64', 'noop'];
// The bursts and batches also take arrays as arguments.
const BULK_FUNCTIONS = ['burstWrite', 'burstWriteStaged', 'burstFill', 'burstRead', 'peekMany', 'pokeMany', 'poll'];
// What a register call finds in its buffer: the id of a BAR of the pool or any number.
const anyNumber = fc.oneof(fc.double(), fc.nat(0x11000), fc.constantFrom(-1, -0, 0.5, 2 ** 52, 2 ** 53, -(2 ** 52)));
// A poll's time limit stays short, so that a poll that never matches ends soon.
const pollLimit = fc.constantFrom(0, 1, -1, 0.5, Number.NaN, 1e9);
const registerCall = fc.record({
  method: fc.constantFrom(...[...REGISTER_FUNCTIONS, ...BULK_FUNCTIONS].map((f) => `registers.${f}`)),
  args: fc.tuple(
    fc.option(anyNumber, { nil: undefined }),
    anyNumber,
    anyNumber,
    fc.bigUint64Array({ minLength: 1, maxLength: 1 }).map((a) => a[0]),
    fc.oneof(anyNumber, fc.nat(64)),
    pollLimit,
    fc.nat(),
    fc.nat(),
    someArgs(2),
  ),
  pick: fc.nat(15),
});

const fuzzed = Object.keys(native).filter((name) => !(name in EXCLUDED) && typeof native[name] === 'function');
const calls: fc.Arbitrary<Call> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ method: fc.constantFrom(...fuzzed), args: someArgs(9), pick: fc.nat(15) }) },
  { weight: 4, arbitrary: fc.record({ method: fc.constantFrom(...BAR_FUNCTIONS.map((f) => `bar.${f}`)), args: someArgs(4), pick: fc.nat(15) }) },
  { weight: 4, arbitrary: registerCall },
  { weight: 2, arbitrary: call('attachSmall', fc.nat(1), fc.constantFrom(...SMALL_BARS), fc.constantFrom<unknown>(0, 1, 2, -1, 'x')) },
  { weight: 1, arbitrary: call('setErrorFactory', fc.oneof(fc.constantFrom(...factories), nasty)) },
);

afterAll(restoreCommandSettings);

test('every export of the addon is fuzzed, or left out for a stated reason', () => {
  for (const name of Object.keys(EXCLUDED)) expect(native).toHaveProperty(name);
  for (const name of BAR_FUNCTIONS) expect(fuzzed).toContain(name);
  // The register functions are fuzzed through their buffer.
  expect(fuzzed.length + Object.keys(EXCLUDED).length + 1).toBe(Object.keys(native).length);
  expect(Object.keys(registers).sort()).toEqual(['buffer', 'burstWidths', 'staged', ...REGISTER_FUNCTIONS, ...BULK_FUNCTIONS].sort());
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
        // The first argument: mostly a BAR of the pool, live or detached; as drawn otherwise.
        const barId = (drawn: unknown) => (c.pick < 12 ? bars[c.pick % bars.length].id : drawn);
        if (c.method.startsWith('bar.')) return native[c.method.slice(4)](barId(args[0]), ...args.slice(1));
        if (c.method.startsWith('registers.')) {
          const [bar, offset, value, wide, count, limit, mask, equals, arrays] = args as [
            number | undefined, number, number, bigint, number, number, number, number, unknown[],
          ];
          registerArgs.set([Number(barId(bar)), offset, value, 0, count, limit]);
          registerWide[0] = wide;
          registerMatch.set([mask, equals]);
          return registers[c.method.slice(10)](...arrays);
        }
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
        for (const bar of attached) {
          try {
            native.detach(bar.id);
          } catch {
            // detached already
          }
        }
      }
      tally.sequences++;
    }),
    { numRuns: 400 },
  );
  tally.print('the addon, unchecked');
  expect(tally.succeeded).toBeGreaterThan(tally.calls / 10);
}, 120_000);
