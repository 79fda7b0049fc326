// Property-based fuzzing of the PCI surface: random call sequences mixing valid
// and invalid arguments. Every call must succeed or throw TypeError, RangeError
// or FpgaError; the process must never die.
import fc from 'fast-check';
import { APP_PF, BarHandle, FpgaError, FpgaPci, MGMT_PF, mock } from '../lib';

const GiB = 1n << 30n;

// Values that break careless bindings, next to ordinary ones.
const nasty = fc.constantFrom<unknown>(
  0, 1, 2, 3, 4, 7, 8, -1, -4, 0.5, 4.5, NaN, Infinity, -Infinity, -0,
  2 ** 31, 2 ** 32, 2 ** 32 - 4, 2 ** 53, 2 ** 53 - 8, 2 ** 64, Number.MAX_VALUE, Number.MIN_VALUE,
  0n, 4n, -4n, 100n * GiB, 128n * GiB - 8n, 128n * GiB, 2n ** 63n, 2n ** 64n - 8n, 2n ** 64n, -(2n ** 64n),
  '0', '', 'agfi-0', null, undefined, true, {}, [], [1, 2], [-1], ['1'], Symbol('s'),
  new Uint32Array(4), new Uint8Array(4), new Float64Array(2), () => 0,
);
const offset = fc.oneof(nasty, fc.nat({ max: 0x4000 }), fc.bigInt({ min: 0n, max: 128n * GiB }));
const value = fc.oneof(nasty, fc.nat({ max: 0xffffffff }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }));
const args = fc.array(fc.oneof(offset, value), { maxLength: 4 });

const methods = ['peek', 'peek8', 'peek64', 'poke', 'poke8', 'poke64', 'writeBurst', 'memset', 'view', 'getAddress', 'detach'] as const;
const mirror = [...methods.filter((m) => m !== 'view'), 'getSlotSpec', 'getAllSlotSpecs', 'getResourceMap', 'rescanSlotAppPfs', 'attach'] as const;

type Call =
  | { on: 'handle'; pick: number; method: (typeof methods)[number]; args: unknown[] }
  | { on: 'pci'; pick: number; method: (typeof mirror)[number]; args: unknown[] }
  | { on: 'attach'; args: unknown[] }
  | { on: 'dispose'; pick: number };

const call: fc.Arbitrary<Call> = fc.oneof(
  fc.record({ on: fc.constant('handle' as const), pick: fc.nat(7), method: fc.constantFrom(...methods), args }),
  fc.record({ on: fc.constant('pci' as const), pick: fc.nat(7), method: fc.constantFrom(...mirror), args }),
  fc.record({
    on: fc.constant('attach' as const),
    args: fc.tuple(fc.oneof(nasty, fc.nat(8)), fc.oneof(nasty, fc.constantFrom(APP_PF, MGMT_PF)), fc.oneof(nasty, fc.constantFrom(0, 2, 4)), fc.oneof(nasty, fc.constantFrom(0, 1))),
  }),
  fc.record({ on: fc.constant('dispose' as const), pick: fc.nat(7) }),
);

function expectedFailure(error: unknown): boolean {
  return error instanceof TypeError || error instanceof RangeError || error instanceof FpgaError;
}

describe('fuzzing the PCI API', () => {
  it('answers every call with a result or a TypeError, RangeError or FpgaError', () => {
    const pci = new FpgaPci();
    const counts = { sequences: 0, calls: 0, succeeded: 0, refused: 0 };
    fc.assert(
      fc.property(fc.array(call, { minLength: 10, maxLength: 50 }), (calls) => {
        mock.reset({ slots: 2 });
        // Attached, detached and foreign "handles" to pick from.
        const pool: unknown[] = [pci.attach(0, APP_PF, 0), pci.attach(1, APP_PF, 4), pci.attach(0, MGMT_PF, 4), {}, null];
        const detached = pci.attach(0, APP_PF, 2);
        detached.detach();
        const impostor = Object.create(BarHandle.prototype) as BarHandle;
        pool.push(detached, impostor);
        for (const c of calls) {
          counts.calls++;
          try {
            if (c.on === 'attach') pool.push((pci.attach as (...a: unknown[]) => BarHandle)(...c.args));
            else if (c.on === 'dispose') (pool[c.pick % pool.length] as BarHandle)[Symbol.dispose]();
            else if (c.on === 'handle') {
              const target = pool[c.pick % pool.length] as Record<string, (...a: unknown[]) => unknown>;
              target[c.method](...c.args);
            } else {
              const fn = (pci as unknown as Record<string, (...a: unknown[]) => unknown>)[c.method];
              const result = fn.call(pci, pool[c.pick % pool.length], ...c.args);
              if (result instanceof BarHandle) pool.push(result);
            }
            counts.succeeded++;
          } catch (error) {
            if (!expectedFailure(error)) throw error;
            counts.refused++;
          }
        }
        for (const h of pool) if (h instanceof BarHandle && h !== impostor && h.attached) h.detach();
        counts.sequences++;
      }),
      { numRuns: 400 },
    );
    console.log(`fuzz (PCI): ${counts.sequences} sequences, ${counts.calls} calls, ${counts.succeeded} succeeded, ${counts.refused} refused`);
    expect(counts.succeeded).toBeGreaterThan(0);
    expect(counts.refused).toBeGreaterThan(0);
  });
});
