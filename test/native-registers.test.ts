// The addon's own checks on register access, past the TypeScript layer: the
// argument buffer may hold anything, and BAR ids may be stale or made up.
// (The addon's errors come from the main realm: compared by name, not class.)
import { APP_PF, MGMT_PF } from '../lib';
import { ready } from '../lib/backend';
import { freshDevice, thrown } from './harness-support';

const native = ready();
const { registers } = native;
const numbers = new Float64Array(registers.buffer, 0, 3);
const wide = new BigUint64Array(registers.buffer, 24, 1);

/** Runs one register call with this buffer content; returns what it left in the value slots. */
function access(call: keyof typeof registers, bar: number, offset: number, value = 0, value64 = 0n) {
  numbers.set([bar, offset, value]);
  wide[0] = value64;
  (registers[call] as () => void)();
  return { value: numbers[2], wide: wide[0] };
}

beforeEach(() => freshDevice());

it('reads and writes through the buffer, each width at its own size', () => {
  const { id } = native.attach(0, APP_PF, 0, 0);
  access('poke', id, 0x10, 0xdeadbeef);
  access('poke8', id, 0x10, 0x5a);
  access('poke64', id, 0x18, 0, 0x0123456789abcdefn);
  expect(access('peek', id, 0x10).value).toBe(0xdeadbe5a);
  expect(access('peek8', id, 0x13).value).toBe(0xde);
  expect(access('peek64', id, 0x18).wide).toBe(0x0123456789abcdefn);
  native.detach(id);
});

it('finds no BAR for a detached, stale or made-up id', () => {
  const first = native.attach(0, APP_PF, 0, 0);
  native.detach(first.id);
  const second = native.attach(0, APP_PF, 0, 0);
  expect(second.id).not.toBe(first.id);
  for (const id of [first.id, second.id + 1, 2 ** 52, 0, -0, -second.id, NaN, Infinity, 1.5])
    expect(thrown(() => access('peek', id, 0)).message).toMatch(/the BAR handle is detached/);
  expect(access('peek', second.id, 0).value).toBe(0);
  native.detach(second.id);
});

it('refuses offsets outside the BAR, unaligned or not integers', () => {
  const { id, size } = native.attach(0, MGMT_PF, 0, 0);
  const end = Number(size);
  for (const offset of [-4, end, end - 2, 2 ** 53, Infinity, NaN])
    expect(thrown(() => access('peek', id, offset)).name).toBe('RangeError');
  for (const offset of [2, 4.5, 0.5]) expect(thrown(() => access('peek', id, offset)).message).toMatch(/integer multiple of 4/);
  expect(thrown(() => access('peek64', id, end - 4)).name).toBe('RangeError');
  expect(access('peek8', id, end - 1).value).toBe(0);
  native.detach(id);
});

it('refuses values that do not fit the width, and writes nothing then', () => {
  const { id } = native.attach(0, APP_PF, 0, 0);
  for (const value of [-1, 2 ** 32, 1.5, NaN, Infinity])
    expect(thrown(() => access('poke', id, 0x20, value)).message).toMatch(/fit in 32 bits/);
  for (const value of [256, -1, 0.5]) expect(thrown(() => access('poke8', id, 0x20, value)).message).toMatch(/fit in 8 bits/);
  expect(access('peek', id, 0x20).value).toBe(0);
  native.detach(id);
});
