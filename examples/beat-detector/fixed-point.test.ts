// ap_fixed conversions as HLS defines them, on values whose results are known
// by hand, and the sigmoid table's entries.
import { fixedType, fromRaw, quantise, toRaw } from './fixed-point';
import { sigmoidTable } from './network';

const input = fixedType('ap_fixed<16,6,AP_RND,AP_SAT>');
const accum = fixedType('ap_fixed<16,6>');
const step = 2 ** -10;

test('parses the type and HLS default modes', () => {
  expect(input).toMatchObject({ width: 16, integer: 6, fraction: 10, quantisation: 'AP_RND', overflow: 'AP_SAT', minRaw: -32768, maxRaw: 32767 });
  expect(accum).toMatchObject({ quantisation: 'AP_TRN', overflow: 'AP_WRAP' });
  expect(() => fixedType('ap_fixed<16,6,AP_RND_CONV>')).toThrow(RangeError);
  expect(() => fixedType('ap_fixed<40,6>')).toThrow(/W must be 1 to 32/);
});

test.each([
  [0.5 * step, 1], // half a step rounds up
  [-0.5 * step, 0], // toward plus infinity, also below zero
  [-1.5 * step, -1],
  [1.25 * step, 1],
  [32, 32767], // saturates
  [-40, -32768],
  [1e300, 32767],
])('AP_RND, AP_SAT: %p holds raw %p', (value, raw) => {
  expect(toRaw(input, value)).toBe(raw);
});

test.each([
  [0.9 * step, 0], // truncates toward minus infinity
  [-0.1 * step, -1],
  [32, -32768], // wraps: the low 16 bits
  [33.5, -30.5 * 1024], // 33.5 - 64
  [-32 - step, 32767],
])('AP_TRN, AP_WRAP: %p holds raw %p', (value, raw) => {
  expect(toRaw(accum, value)).toBe(raw);
});

test('refuses values that are not finite', () => {
  expect(() => toRaw(input, NaN)).toThrow(RangeError);
  expect(() => quantise(input, Infinity)).toThrow('ap_fixed<16,6,AP_RND,AP_SAT> cannot hold Infinity');
});

test("hls4ml's sigmoid table: 0.5 in the middle, truncated to table_t", () => {
  const table = fixedType('ap_fixed<18,8>');
  const entries = sigmoidTable(1024, table);
  expect(fromRaw(table, entries[512])).toBe(0.5);
  expect(entries[0]).toBe(0); // sigmoid(-8) = 0.000335, below one step
  expect(entries[1023]).toBe(1023); // sigmoid(7.98) = 0.99966: 1023.6 steps, truncated
  expect(entries[512 + 64]).toBe(Math.floor(1024 / (1 + Math.exp(-1)))); // x = 1
});
