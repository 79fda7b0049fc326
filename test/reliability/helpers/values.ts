// Arguments for the fuzzers: values that break careless bindings, mixed with
// valid ones often enough that calls also get through to the device.
import fc from 'fast-check';
import { FPGA_CMD_CLEAR_AFI_CACHE, FPGA_CMD_CLEAR_HW_METRICS, FPGA_CMD_GET_HW_METRICS, FPGA_CMD_PREFETCH } from '../../../lib';
import { MEM_PERF_AGFI, SDE_AGFI, UNKNOWN_AGFI } from '../../afis';
import { CallerError } from './contract';
import { Lazy } from './fuzz';

/** An object whose every named property read throws the caller's own error. */
const trap = new Proxy(
  { [fc.toStringMethod]: () => 'trap' },
  {
    get(target, key, receiver) {
      if (typeof key === 'symbol') return Reflect.get(target, key, receiver);
      throw new CallerError(`the caller's getter of ${key} threw`);
    },
  },
);

export const nasty = fc.constantFrom<unknown>(
  -1, -0, 0.5, 1.5, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 64, -(2 ** 31) - 1,
  Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON,
  0n, 1n, -1n, 2n ** 64n, '0', '', 'agfi-0', null, undefined, true, false, {}, [], [0, 0, 0],
  Symbol('s'), () => 0, new Uint32Array(2), new Date(0), Object.create(null), { valueOf: () => 0 }, trap,
);

/** Valid values most of the time (calls take several arguments), a nasty one otherwise. */
export const mostly = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 9, arbitrary: valid }, { weight: 1, arbitrary: nasty });

export const slot = mostly(fc.integer({ min: 0, max: 7 }));
export const uint16 = mostly(fc.integer({ min: 0, max: 0xffff }));
/** A 32-bit value, valid up to `max` (large valid values can mean long waits). */
export const uint32 = (max = 0xffffffff) => mostly(fc.integer({ min: 0, max }));

export const flags = mostly(
  fc.constantFrom(0, FPGA_CMD_GET_HW_METRICS, FPGA_CMD_CLEAR_HW_METRICS, FPGA_CMD_CLEAR_AFI_CACHE, FPGA_CMD_PREFETCH, 0xffffffff, 1 << 9),
);

/**
 * Known AFIs mostly; an unknown one, ids the SDK would alter (too long, NUL,
 * 63 bytes of UTF-8 and one more), any string, and non-strings otherwise.
 */
export const agfi = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(SDE_AGFI, MEM_PERF_AGFI) },
  { weight: 1, arbitrary: fc.constantFrom(UNKNOWN_AGFI, 'agfi-', 'x'.repeat(63), 'x'.repeat(64), `${SDE_AGFI}\0`, 'é'.repeat(31), 'é'.repeat(32)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 70 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: nasty },
);

/** Options: none mostly; a signal aborted already or while the call runs; or options that are wrong. */
export const callOptions = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<unknown>(undefined, {}, { signal: undefined }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      new Lazy('{ signal: aborted }', (state) => {
        state.aborted = true;
        return { signal: AbortSignal.abort() };
      }),
      new Lazy('{ signal: aborts soon }', (state) => {
        const controller = new AbortController();
        setTimeout(() => {
          state.aborted = true;
          controller.abort();
        }, 1);
        return { signal: controller.signal };
      }),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom<unknown>({ signal: {} }, { sginal: undefined }, null, 'signal', trap) },
);

/** Options made of `fields` and a draw of callOptions (their signal made when the call runs). */
export function withCallOptions(fields: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> {
  return fc.tuple(fields, callOptions).map(([given, options]) => {
    if (options instanceof Lazy)
      return new Lazy(`${fc.stringify(given)} with ${options.label}`, (state) => ({ ...given, ...(options.make(state) as object) }));
    return typeof options === 'object' && options !== null ? { ...given, ...options } : options;
  });
}
