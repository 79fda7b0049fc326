// The PCI API: attach a BAR, then read and write it. Mirrors the SDK's FpgaPCI
// Python class; BarHandle carries the same accessors as methods.
import { constants as osConstants } from 'os';
import type { NativeBar } from '../types/native';
import { ready } from './backend';
import { APP_PF, BURST_CAPABLE, FPGA_SLOT_MAX, MGMT_PF } from './constants';
import { FpgaError } from './errors';
import { native } from './native';
import * as registers from './registers';
import { resourceMap, slotSpec, type ResourceMap, type SlotSpec } from './slot-spec';
import * as check from './validate';
import { borrowWords, releaseWords, wordCount } from './words';

export type { BarInfo, ResourceMap, SlotSpec } from './slot-spec';

/** A BAR offset: a safe-integer number, or a bigint for any 64-bit offset. */
export type Offset = number | bigint;

export interface PollOptions {
  /** The bits that count (default: all). */
  mask?: number;
  /** What they must read. */
  equals: number;
  /** Reads before giving up (default: no limit but the time). */
  maxPolls?: number;
  /** Milliseconds before giving up (default 10, at most 60 000). */
  timeoutMs?: number;
}

const POLL_KEYS = ['mask', 'equals', 'maxPolls', 'timeoutMs'];
const DEFAULT_POLL_MS = 10;
const MAX_POLL_MS = 60_000;
// The longest Uint32Array readBurst makes itself.
const MAX_READ_DWORDS = 2 ** 30;
const { ETIMEDOUT } = osConstants.errno;
const noop = (): void => {};

export interface MappedRange {
  /** The mapped bytes; detached (empty) once the BAR is detached. */
  buffer: ArrayBuffer;
  /** The virtual address of the first byte, for FFI users. Not guarded. */
  address: bigint;
}

// The longest buffer over external memory that every supported Node can make.
const MAX_VIEW_BYTES = 1n << 32n;

// A handle collected without detach() releases its BAR; the BAR stays
// mapped while views of it live.
const collected = new FinalizationRegistry<number>((id) => native.release(id));

// Realm-independent: a Uint32Array from another context (a vm, a jest test) is one too.
function isUint32Array(data: unknown): data is Uint32Array {
  if (data instanceof Uint32Array) return true;
  return ArrayBuffer.isView(data) && (data as { [Symbol.toStringTag]?: string })[Symbol.toStringTag] === 'Uint32Array';
}

// Typed arrays other than Uint32Array would be widened an element to a word.
function refuseOtherViews(data: unknown): void {
  if (!ArrayBuffer.isView(data)) return;
  const type = (data as { [Symbol.toStringTag]?: string })[Symbol.toStringTag] ?? 'DataView';
  throw new TypeError(
    `data must be a Uint32Array or an array of numbers, got a ${type}: writeBurst writes 32-bit words, one per element. ` +
      'To write bytes, view them as words: new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4) ' +
      '(the byte offset and length must be multiples of 4)',
  );
}

function describeOffset(offset: unknown): string {
  return typeof offset === 'bigint' ? `${offset}n` : check.typeName(offset);
}

/** One attached BAR of one slot. Detach it (or `using` it) when done. */
export class BarHandle implements Disposable {
  /** The slot, PF and BAR this handle maps. */
  readonly slot: number;
  readonly pf: number;
  readonly bar: number;
  /** The BAR's size in bytes. */
  readonly size: bigint;
  /** The SDK's handle number (pci_bar_handle_t). */
  readonly handle: number;
  /** True when mapped write-combining (attached with BURST_CAPABLE). */
  readonly burst: boolean;
  // Keeps the BAR mapped while this handle lives; the native calls take its id.
  readonly #mapping: NativeBar;
  readonly #limit: number;
  #attached = true;

  /** @internal Use FpgaPci.attach() or Slot.bar(). */
  constructor(attached: NativeBar, slot: number, pf: number, bar: number, burst: boolean) {
    this.#mapping = attached;
    this.slot = slot;
    this.pf = pf;
    this.bar = bar;
    this.burst = burst;
    this.size = attached.size;
    this.handle = attached.handle;
    this.#limit = Number(attached.size);
    collected.register(this, attached.id, this);
  }

  /** False once detached. */
  get attached(): boolean {
    return this.#attached;
  }

  /** Reads the 32-bit register at `offset` (4-byte aligned). */
  peek(offset: Offset): number {
    return registers.peek(this.#mapping.id, this.#register('peek', offset, 4));
  }

  peek8(offset: Offset): number {
    return registers.peek8(this.#mapping.id, this.#register('peek8', offset, 1));
  }

  peek64(offset: Offset): bigint {
    return registers.peek64(this.#mapping.id, this.#register('peek64', offset, 8));
  }

  /** Writes the 32-bit register at `offset` (4-byte aligned). */
  poke(offset: Offset, value: number): void {
    const at = this.#register('poke', offset, 4);
    if (typeof value !== 'number' || value >>> 0 !== value) check.uint32('value', value);
    registers.poke(this.#mapping.id, at, value);
  }

  poke8(offset: Offset, value: number): void {
    const at = this.#register('poke8', offset, 1);
    if (typeof value !== 'number' || (value & 0xff) !== value) check.integer('value', value, 0, 0xff);
    registers.poke8(this.#mapping.id, at, value);
  }

  poke64(offset: Offset, value: bigint | number): void {
    const at = this.#register('poke64', offset, 8);
    registers.poke64(this.#mapping.id, at, check.uint64('value', value));
  }

  /**
   * Writes `dwordLen` 32-bit words of `data` (default: all of it) from `offset`.
   * A Uint32Array is passed without copying; other array-likes are checked and copied.
   */
  writeBurst(offset: Offset, data: Uint32Array | ArrayLike<number>, dwordLen?: number | bigint): void {
    const typed = isUint32Array(data);
    if (!typed) refuseOtherViews(data);
    const length = typed ? (data as Uint32Array).length : wordCount(data);
    const count = dwordLen === undefined ? length : check.uint64('dwordLen', dwordLen);
    if (count > length) throw new RangeError(`dwordLen (${count}) is longer than data (${length} dwords)`);
    const at = this.#range('writeBurst', offset, count);
    if (typed) {
      registers.writeBurst(this.#mapping.id, at, data as Uint32Array, Number(count));
      return;
    }
    const words = borrowWords(data, Number(count));
    try {
      registers.writeBurst(this.#mapping.id, at, words, Number(count));
    } finally {
      releaseWords(words);
    }
  }

  /** Fills `dwordLen` 32-bit words from `offset` with `value`. */
  memset(offset: Offset, value: number, dwordLen: number | bigint): void {
    if (typeof value !== 'number' || value >>> 0 !== value) check.uint32('value', value);
    const count = check.uint64('dwordLen', dwordLen);
    registers.memset(this.#mapping.id, this.#range('memset', offset, count), value, Number(count));
  }

  /**
   * Reads `dwordLen` 32-bit words from `offset` into `out` (default: as many
   * as `out` holds), or into a new Uint32Array when `out` is a count. On a
   * burst-capable BAR the reads use the widest loads the CPU has (streaming
   * loads of whole 64-byte lines on AVX2); on any other BAR 32-bit reads, the
   * only width AXI-lite takes.
   */
  readBurst(offset: Offset, out: Uint32Array, dwordLen?: number | bigint): Uint32Array;
  readBurst(offset: Offset, dwordLen: number | bigint): Uint32Array;
  readBurst(offset: Offset, out: Uint32Array | number | bigint, dwordLen?: number | bigint): Uint32Array {
    let target: Uint32Array;
    let count: number | bigint;
    let at: number;
    if (typeof out === 'number' || typeof out === 'bigint') {
      count = check.uint64('dwordLen', out);
      at = this.#range('readBurst', offset, count);
      if (Number(count) > MAX_READ_DWORDS)
        throw new RangeError(`readBurst of ${count} dwords is longer than one array can hold; read into your own in parts`);
      target = new Uint32Array(Number(count));
    } else {
      if (!isUint32Array(out)) throw new TypeError(`out must be a Uint32Array or a dword count, got ${check.typeName(out)}`);
      target = out;
      count = dwordLen === undefined ? out.length : check.uint64('dwordLen', dwordLen);
      if (count > out.length) throw new RangeError(`dwordLen (${count}) is longer than out (${out.length} dwords)`);
      at = this.#range('readBurst', offset, count);
    }
    registers.readBurst(this.#mapping.id, at, target, Number(count));
    return target;
  }

  /**
   * Reads the 32-bit register at each of `offsets`, in order, in one call:
   * into `out` (default: a new Uint32Array), which it returns.
   */
  peekMany(offsets: Uint32Array | readonly number[], out?: Uint32Array): Uint32Array {
    const { words, release } = this.#offsets('peekMany', offsets);
    try {
      const target = out ?? new Uint32Array(words.length);
      if (!isUint32Array(target)) throw new TypeError(`out must be a Uint32Array, got ${check.typeName(out)}`);
      if (target.length < words.length)
        throw new RangeError(`out (${target.length} dwords) is shorter than offsets (${words.length})`);
      registers.peekMany(this.#mapping.id, words, target, words.length);
      return target;
    } finally {
      release();
    }
  }

  /** Writes `values[i]` to the 32-bit register at `offsets[i]`, in order, in one call. */
  pokeMany(offsets: Uint32Array | readonly number[], values: Uint32Array | readonly number[]): void {
    const { words, release } = this.#offsets('pokeMany', offsets);
    try {
      const data = isUint32Array(values) ? values : Uint32Array.from(values as ArrayLike<number>, (v, i) => check.uint32(`values[${i}]`, v));
      if (data.length !== words.length)
        throw new RangeError(`values (${data.length}) and offsets (${words.length}) must be as long as each other`);
      registers.pokeMany(this.#mapping.id, words, data, words.length);
    } finally {
      release();
    }
  }

  /**
   * Reads the 32-bit register at `offset` until `(value & mask) === equals`,
   * in native code, and returns the value that matched. Gives up after
   * `maxPolls` reads or `timeoutMs` (default 10 ms, at most 60 000), whichever
   * comes first, with FpgaError ETIMEDOUT. It blocks the thread while it
   * polls: meant for a device that answers in microseconds.
   */
  poll(offset: Offset, options: PollOptions): number {
    const given = check.object('options', options);
    check.knownKeys('options', given, POLL_KEYS);
    const at = this.#register('poll', offset, 4);
    const mask = given.mask === undefined ? 0xffffffff : check.uint32('options.mask', given.mask);
    const equals = check.uint32('options.equals', given.equals);
    if ((equals & mask) >>> 0 !== equals) throw new RangeError(`options.equals (0x${equals.toString(16)}) has bits outside options.mask (0x${mask.toString(16)}): it can never match`);
    const maxPolls = given.maxPolls === undefined ? Number.MAX_SAFE_INTEGER : check.integer('options.maxPolls', given.maxPolls, 1, Number.MAX_SAFE_INTEGER);
    const timeoutMs = given.timeoutMs === undefined ? DEFAULT_POLL_MS : check.integer('options.timeoutMs', given.timeoutMs, 0, MAX_POLL_MS);
    const result = registers.poll(this.#mapping.id, at, mask, equals, maxPolls, timeoutMs);
    if (result.matched) return result.value;
    throw new FpgaError('bar.poll', -ETIMEDOUT, this.slot,
      `register 0x${at.toString(16)} read 0x${result.value.toString(16)} after ${result.polls} polls, waiting for (value & 0x${mask.toString(16)}) === 0x${equals.toString(16)}`);
  }

  /**
   * The mapped bytes [offset, offset + byteLength) as an ArrayBuffer, for
   * typed-array or DataView access at memory speed. Bypasses the simulated
   * device's register models. Detaching the BAR detaches every view.
   */
  view(offset: Offset = 0, byteLength?: number | bigint): ArrayBuffer {
    const length = this.#mapped('view', offset, byteLength);
    return native.view(this.#mapping.id, offset, length);
  }

  /** The mapped range and its raw address (`fpga_pci_get_address`). */
  getAddress(offset: Offset, byteLength: number | bigint): MappedRange {
    const length = this.#mapped('getAddress', offset, byteLength);
    return { address: native.address(this.#mapping.id, offset, length), buffer: native.view(this.#mapping.id, offset, length) };
  }

  /**
   * Unmaps the BAR; views made from it become empty, and no buffer made from
   * one (by transfer(), say) reaches the BAR any more. Throws if already detached.
   */
  detach(): void {
    if (!this.#attached) throw new FpgaError('bar.detach', -22, this.slot, 'the BAR handle is already detached');
    this.#attached = false;
    collected.unregister(this);
    native.detach(this.#mapping.id);
  }

  /** Detaches unless already detached. */
  [Symbol.dispose](): void {
    if (this.#attached) this.detach();
  }

  #detached(op: string): FpgaError {
    return new FpgaError(`bar.${op}`, -22, this.slot, 'the BAR handle is detached; attach the BAR again');
  }

  // The offset of a register access, checked: a number, which BAR offsets
  // always fit. `offset % width === 0` also rules out fractions and NaN.
  #register(op: string, offset: Offset, width: number): number {
    if (typeof offset === 'number' && this.#attached && offset >= 0 && offset % width === 0 && offset + width <= this.#limit)
      return offset;
    if (!this.#attached) throw this.#detached(op);
    return Number(this.#checkedOffset(offset, width, width));
  }

  // Checks a range of `count` dwords from `offset`; returns the offset as a
  // number, which every BAR offset fits.
  #range(op: string, offset: Offset, count: number | bigint): number {
    if (!this.#attached) throw this.#detached(op);
    if (typeof offset === 'number' && typeof count === 'number') {
      // Safe integers all: no bigint arithmetic on the common path.
      if (Number.isSafeInteger(offset) && offset >= 0 && offset % 4 === 0 && offset + count * 4 <= this.#limit) return offset;
    }
    const bytes = BigInt(count) * 4n;
    const start = this.#checkedOffset(offset, 4, 0);
    if (start + bytes > this.size)
      throw new RangeError(`${op} of ${count} dwords at offset ${start} runs past the end of the BAR (${this.size} bytes)`);
    return Number(start);
  }

  // A batch's offsets as a Uint32Array (checked against the BAR natively).
  #offsets(op: string, offsets: Uint32Array | readonly number[]): { words: Uint32Array; release: () => void } {
    if (!this.#attached) throw this.#detached(op);
    if (isUint32Array(offsets)) return { words: offsets, release: noop };
    const count = wordCount(offsets);
    const borrowed = borrowWords(offsets, count);
    return { words: borrowed.subarray(0, count), release: () => releaseWords(borrowed) };
  }

  // Checks a byte range, defaulting its length to the rest of the BAR.
  #mapped(op: string, offset: Offset, byteLength: number | bigint | undefined): number | bigint {
    if (!this.#attached) throw this.#detached(op);
    const start = this.#checkedOffset(offset, 1, 0);
    const length = byteLength === undefined ? this.size - start : BigInt(check.uint64('byteLength', byteLength));
    if (start + length > this.size)
      throw new RangeError(`${op} of ${length} bytes at offset ${start} runs past the end of the BAR (${this.size} bytes)`);
    if (length > MAX_VIEW_BYTES)
      throw new RangeError(`${op} of ${length} bytes is longer than a view can be (4 GiB); map a smaller window`);
    return Number(length);
  }

  // Validates `offset` as aligned to `align` with `width` bytes inside the BAR;
  // returns it as a bigint, or throws the precise error.
  #checkedOffset(offset: unknown, align: number, width: number): bigint {
    if (typeof offset !== 'number' && typeof offset !== 'bigint')
      throw new TypeError(`offset must be a number or a bigint, got ${describeOffset(offset)}`);
    if (typeof offset === 'number' && !Number.isSafeInteger(offset))
      throw new RangeError(`offset must be a safe integer (use a bigint beyond 2^53), got ${offset}`);
    const wide = BigInt(offset);
    if (wide < 0n) throw new RangeError(`offset must not be negative, got ${describeOffset(offset)}`);
    if (wide % BigInt(align) !== 0n)
      throw new RangeError(`offset 0x${wide.toString(16)} is not aligned to ${align} bytes`);
    if (wide + BigInt(width) > this.size)
      throw new RangeError(
        `offset 0x${wide.toString(16)} is outside the BAR (slot ${this.slot}, PF ${this.pf}, BAR ${this.bar}: ${this.size} bytes)`,
      );
    return wide;
  }
}

function barHandle(handle: unknown): BarHandle {
  if (!(handle instanceof BarHandle))
    throw new TypeError(`handle must be a BarHandle from attach(), got ${check.typeName(handle)}`);
  return handle;
}

/** The SDK's PCI library (fpga_pci_*): the FpgaPCI class of the Python bindings. */
export class FpgaPci {
  constructor() {
    ready().pciInit();
  }

  /** Maps BAR `bar` of PF `pf` (APP_PF or MGMT_PF) of `slot`. `flags` may be BURST_CAPABLE. */
  attach(slot: number, pf: number, bar: number, flags = 0): BarHandle {
    check.slot(slot);
    check.integer('pf', pf, APP_PF, MGMT_PF);
    if (check.integer('bar', bar, 0, 4) % 2 !== 0) throw new RangeError(`bar must be 0, 2 or 4, got ${bar}`);
    if ((check.uint32('flags', flags) & ~BURST_CAPABLE) !== 0)
      throw new RangeError(`flags may only contain BURST_CAPABLE (0x1), got 0x${flags.toString(16)}`);
    const attached = ready().attach(slot, pf, bar, flags);
    return new BarHandle(attached, slot, pf, bar, (flags & BURST_CAPABLE) !== 0);
  }

  detach(handle: BarHandle): void {
    barHandle(handle).detach();
  }

  poke(handle: BarHandle, offset: Offset, value: number): void {
    barHandle(handle).poke(offset, value);
  }

  poke8(handle: BarHandle, offset: Offset, value: number): void {
    barHandle(handle).poke8(offset, value);
  }

  poke64(handle: BarHandle, offset: Offset, value: bigint | number): void {
    barHandle(handle).poke64(offset, value);
  }

  peek(handle: BarHandle, offset: Offset): number {
    return barHandle(handle).peek(offset);
  }

  peek8(handle: BarHandle, offset: Offset): number {
    return barHandle(handle).peek8(offset);
  }

  peek64(handle: BarHandle, offset: Offset): bigint {
    return barHandle(handle).peek64(offset);
  }

  writeBurst(handle: BarHandle, offset: Offset, data: Uint32Array | ArrayLike<number>, dwordLen?: number | bigint): void {
    barHandle(handle).writeBurst(offset, data, dwordLen);
  }

  memset(handle: BarHandle, offset: Offset, value: number, dwordLen: number | bigint): void {
    barHandle(handle).memset(offset, value, dwordLen);
  }

  getAddress(handle: BarHandle, offset: Offset, byteLength: number | bigint): MappedRange {
    return barHandle(handle).getAddress(offset, byteLength);
  }

  getSlotSpec(slot: number): SlotSpec {
    return slotSpec(ready().getSlotSpec(check.slot(slot)));
  }

  /** The specs of the slots present, up to `size` of them. */
  getAllSlotSpecs(size = FPGA_SLOT_MAX): SlotSpec[] {
    return ready().getAllSlotSpecs(check.integer('size', size, 1, FPGA_SLOT_MAX)).map(slotSpec);
  }

  getResourceMap(slot: number, pf: number): ResourceMap {
    return resourceMap(ready().getResourceMap(check.slot(slot), check.integer('pf', pf, APP_PF, MGMT_PF)));
  }

  /** Removes and rescans the slot's app PF so the OS sees the loaded AFI's ids. */
  rescanSlotAppPfs(slot: number): void {
    ready().rescanSlotAppPfs(check.slot(slot));
  }
}
