// Register access through the addon's argument buffer (native/registers.cc):
// each access writes its arguments there, calls a native function that takes
// none and reads its result back. Arguments are validated by the caller; the
// addon checks them again.
import { native } from './native';

const {
  buffer,
  peek: peek32,
  peek8: peekByte,
  peek64: peekWide,
  poke: poke32,
  poke8: pokeByte,
  poke64: pokeWide,
  noop: nothing,
  burstWrite,
  burstWriteStaged,
  staged: stagedBuffer,
  burstFill,
  burstRead,
  peekMany: peekBatch,
  pokeMany: pokeBatch,
  poll: pollNative,
} = native.registers;
// RegisterArgs (native/addon.h): bar, offset, value, wide, count, limit as
// 8-byte fields, then mask and equals as 4-byte ones.
const BAR = 0;
const OFFSET = 1;
const VALUE = 2;
const COUNT = 4;
const LIMIT = 5;
const numbers = new Float64Array(buffer, 0, 6);
const wide = new BigUint64Array(buffer, 24, 1);
const wideHalves = new Uint32Array(buffer, 24, 2); // little-endian, as on x86
const match = new Uint32Array(buffer, 48, 2);
// Short bursts are copied here (AddonData::staged) instead of passed as an
// argument, whose handling costs more than the copy.
const STAGED_DWORDS = 64;
const staged = new Uint32Array(stagedBuffer);

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

/**
 * Writes `count` dwords of `data` from `offset`. Up to STAGED_DWORDS are copied
 * first, so a short burst reads all of its source before it writes; a longer
 * one whose source is a view of its own destination reads each dword after
 * writing the ones before, as the SDK's loop does.
 */
export function writeBurst(bar: number, offset: number, data: Uint32Array, count: number): void {
  at(bar, offset);
  numbers[COUNT] = count;
  if (count <= STAGED_DWORDS) {
    for (let i = 0; i < count; i++) staged[i] = data[i];
    burstWriteStaged();
  } else {
    burstWrite(data);
  }
}

/** Fills `count` dwords from `offset` with `value`. */
export function memset(bar: number, offset: number, value: number, count: number): void {
  at(bar, offset);
  numbers[VALUE] = value;
  numbers[COUNT] = count;
  burstFill();
}

/** Reads `count` dwords from `offset` into `out`. */
export function readBurst(bar: number, offset: number, out: Uint32Array, count: number): void {
  at(bar, offset);
  numbers[COUNT] = count;
  burstRead(out);
}

export function peekMany(bar: number, offsets: Uint32Array, out: Uint32Array, count: number): void {
  numbers[BAR] = bar;
  numbers[COUNT] = count;
  peekBatch(offsets, out);
}

export function pokeMany(bar: number, offsets: Uint32Array, values: Uint32Array, count: number): void {
  numbers[BAR] = bar;
  numbers[COUNT] = count;
  pokeBatch(offsets, values);
}

export interface PollResult {
  value: number;
  polls: number;
  matched: boolean;
}

/** Reads `offset` until (value & mask) === equals, at most `maxPolls` times and `timeoutMs` ms. */
export function poll(bar: number, offset: number, mask: number, equals: number, maxPolls: number, timeoutMs: number): PollResult {
  at(bar, offset);
  numbers[COUNT] = maxPolls;
  numbers[LIMIT] = timeoutMs;
  match[0] = mask;
  match[1] = equals;
  pollNative();
  return { value: numbers[VALUE], polls: numbers[COUNT], matched: wideHalves[0] === 1 };
}
