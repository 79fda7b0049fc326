// Register access through the addon's argument buffer (native/registers.cc):
// each access writes its arguments there, calls a native function that takes
// none and reads its result back. Arguments are validated by the caller; the
// addon checks them again.
import { native } from './native';

const { buffer, peek: peek32, peek8: peekByte, peek64: peekWide, poke: poke32, poke8: pokeByte, poke64: pokeWide, noop: nothing } =
  native.registers;
const BAR = 0;
const OFFSET = 1;
const VALUE = 2;
const numbers = new Float64Array(buffer, 0, 3);
const wide = new BigUint64Array(buffer, 24, 1);
const wideHalves = new Uint32Array(buffer, 24, 2); // little-endian, as on x86

// One function per access rather than ones made by a factory: each then has a
// native call site of its own, which V8 keeps monomorphic.

function at(bar: number, offset: number): void {
  numbers[BAR] = bar;
  numbers[OFFSET] = offset;
}

export function peek(bar: number, offset: number): number {
  at(bar, offset);
  peek32();
  return numbers[VALUE];
}

export function peek8(bar: number, offset: number): number {
  at(bar, offset);
  peekByte();
  return numbers[VALUE];
}

export function peek64(bar: number, offset: number): bigint {
  at(bar, offset);
  peekWide();
  return wide[0];
}

export function poke(bar: number, offset: number, value: number): void {
  at(bar, offset);
  numbers[VALUE] = value;
  poke32();
}

export function poke8(bar: number, offset: number, value: number): void {
  at(bar, offset);
  numbers[VALUE] = value;
  pokeByte();
}

/** `value` is a bigint, or a number below 2^53, written in halves so as not to make a bigint. */
export function poke64(bar: number, offset: number, value: bigint | number): void {
  at(bar, offset);
  if (typeof value === 'bigint') {
    wide[0] = value;
  } else {
    wideHalves[0] = value;
    wideHalves[1] = value / 0x100000000;
  }
  pokeWide();
}

/** Passes what poke passes to a native function that does nothing: the benchmarks' floor. */
export function noop(bar: number, offset: number, value: number): void {
  at(bar, offset);
  numbers[VALUE] = value;
  nothing();
}
