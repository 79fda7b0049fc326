// readBurst, peekMany, pokeMany and poll on the simulated device: what they
// read back, on every kind of BAR mapping; and the bad calls, each refused
// with a clear error before the first access, so that nothing is written.
import { APP_PF, BURST_CAPABLE, BarHandle, FpgaError, FpgaPci, MGMT_PF, mock } from '../lib';
import { thrown } from './harness-support';

let pci: FpgaPci;
const handles: BarHandle[] = [];

beforeAll(() => {
  pci = new FpgaPci();
});

beforeEach(() => mock.reset());

afterEach(() => {
  for (const handle of handles.splice(0)) handle.detach();
});

function attached(pf: number, bar: number, flags = 0): BarHandle {
  const handle = pci.attach(0, pf, bar, flags);
  handles.push(handle);
  return handle;
}

// Every BAR the app and management PFs have, write-combining where it may be.
const MAPPINGS: [string, number, number, number][] = [
  ['app PF BAR0 (OCL)', APP_PF, 0, 0],
  ['app PF BAR2', APP_PF, 2, 0],
  ['app PF BAR4, uncached', APP_PF, 4, 0],
  ['app PF BAR4, write-combining', APP_PF, 4, BURST_CAPABLE],
  ['mgmt PF BAR4 (SDA)', MGMT_PF, 4, 0],
];

// Lengths around the widths the kernels move (8 and 16 dwords), and their ends.
const LENGTHS = [1, 2, 7, 8, 9, 15, 16, 17, 31, 33, 100];

const pattern = (length: number, seed: number) => Uint32Array.from({ length }, (_, i) => (seed * 0x9e3779b1 + i * 0x01000193) >>> 0);

describe.each(MAPPINGS)('readBurst on %s', (_name, pf, bar, flags) => {
  it('returns exactly what was written, for every length and at unaligned offsets', () => {
    const handle = attached(pf, bar, flags);
    for (const [i, length] of LENGTHS.entries()) {
      const offset = 0x100 + 4 * i + 0x400 * i;
      const data = pattern(length, i);
      handle.writeBurst(offset, data);
      expect(handle.readBurst(offset, length)).toEqual(data);
      const out = new Uint32Array(length + 2).fill(0xdeadbeef);
      expect(handle.readBurst(offset, out, length)).toBe(out);
      expect(out.subarray(0, length)).toEqual(data);
      expect(Array.from(out.subarray(length))).toEqual([0xdeadbeef, 0xdeadbeef]);
    }
  });

  it('reads up to the last dword of the BAR, and refuses one past it', () => {
    const handle = attached(pf, bar, flags);
    const end = handle.size;
    handle.writeBurst(end - 12n, Uint32Array.of(1, 2, 3));
    expect(Array.from(handle.readBurst(end - 12n, 3))).toEqual([1, 2, 3]);
    expect(Array.from(handle.readBurst(Number(end - 4n), 1))).toEqual([3]);
    expect(thrown(() => handle.readBurst(end - 8n, 3))).toBeInstanceOf(RangeError);
    expect(thrown(() => handle.readBurst(end, 1)).message).toMatch(/runs past the end of the BAR/);
  });
});

describe('readBurst refuses bad calls', () => {
  it('with errors that name what is wrong', () => {
    const bar = attached(APP_PF, 0);
    expect(thrown(() => bar.readBurst(2, 1)).message).toMatch(/not aligned to 4 bytes/);
    expect(thrown(() => bar.readBurst(-4, 1))).toBeInstanceOf(RangeError);
    expect(thrown(() => bar.readBurst(0, new Uint32Array(2), 3)).message).toBe('dwordLen (3) is longer than out (2 dwords)');
    expect(thrown(() => bar.readBurst(0, new Uint8Array(8) as unknown as Uint32Array))).toBeInstanceOf(TypeError);
    expect(thrown(() => bar.readBurst(0, -1))).toBeInstanceOf(RangeError);
    expect(thrown(() => bar.readBurst(0, 1.5))).toBeInstanceOf(RangeError);
    expect(thrown(() => bar.readBurst(0, NaN))).toBeInstanceOf(RangeError);
    const wide = attached(APP_PF, 4, BURST_CAPABLE);
    expect(thrown(() => wide.readBurst(0, 2 ** 31)).message).toMatch(/longer than one array can hold/);
  });

  it('on a detached BAR: FpgaError EINVAL', () => {
    const bar = pci.attach(0, APP_PF, 0);
    bar.detach();
    expect(thrown(() => bar.readBurst(0, 4))).toMatchObject({ name: 'FpgaError', code: 'EINVAL', call: 'bar.readBurst' });
  });

  it('leaves out untouched when it refuses', () => {
    const bar = attached(APP_PF, 0);
    const out = new Uint32Array(4).fill(7);
    expect(() => bar.readBurst(bar.size - 8n, out, 4)).toThrow(RangeError);
    expect(Array.from(out)).toEqual([7, 7, 7, 7]);
  });
});

describe('peekMany and pokeMany', () => {
  it('access each offset in the order given, from Uint32Arrays and plain arrays', () => {
    const bar = attached(APP_PF, 0);
    bar.pokeMany([0x40, 0x48, 0x44], [1, 3, 2]);
    bar.pokeMany(Uint32Array.of(0x40), Uint32Array.of(9)); // a later write to the same register wins
    expect(Array.from(bar.peekMany([0x48, 0x40, 0x44, 0x40]))).toEqual([3, 9, 2, 9]);
    const out = new Uint32Array(3).fill(0xffffffff);
    expect(bar.peekMany(Uint32Array.of(0x44, 0x48), out)).toBe(out);
    expect(Array.from(out)).toEqual([2, 3, 0xffffffff]);
  });

  it('take an empty batch', () => {
    const bar = attached(APP_PF, 0);
    expect(bar.peekMany([])).toEqual(new Uint32Array(0));
    expect(() => bar.pokeMany([], [])).not.toThrow();
  });

  const LAST = 64 * 1024 * 1024 - 4; // the last dword of app PF BAR0
  it.each([
    ['a misaligned offset', [0x40, 0x46], [1, 2], 'RangeError'],
    ['an offset past the BAR', [0x40, LAST + 4], [1, 2], 'RangeError'],
    ['a negative offset', [0x40, -4], [1, 2], 'RangeError'],
    ['a fractional offset', [0x40, 4.5], [1, 2], 'RangeError'],
    ['an offset that is not a number', [0x40, '8'], [1, 2], 'TypeError'],
    ['a value above 32 bits', [0x40, 0x44], [1, 2 ** 32], 'RangeError'],
    ['a negative value', [0x40, 0x44], [1, -1], 'RangeError'],
    ['values shorter than offsets', [0x40, 0x44], [1], 'RangeError'],
  ])('refuse a batch with %s before the first access: nothing is written', (_what, offsets, values, name) => {
    const bar = attached(APP_PF, 0);
    // By name: the addon's errors come from the main realm, not the test's.
    expect(thrown(() => bar.pokeMany(offsets as number[], values as number[]))).toMatchObject({ name });
    expect([bar.peek(0x40), bar.peek(0x44)]).toEqual([0, 0]);
  });

  it('check a Uint32Array of offsets entry by entry too, in the addon', () => {
    const bar = attached(APP_PF, 0);
    expect(thrown(() => bar.pokeMany(Uint32Array.of(0x40, 0x47), Uint32Array.of(1, 2))).message).toMatch(/offsets\[1\] \(71\)/);
    expect(thrown(() => bar.peekMany(Uint32Array.of(0x40, LAST + 4)))).toMatchObject({ name: 'RangeError' });
    expect(thrown(() => bar.pokeMany(Uint32Array.of(0x40, LAST + 4), Uint32Array.of(1, 2)))).toMatchObject({ name: 'RangeError' });
    expect(bar.peek(0x40)).toBe(0);
  });

  it('refuse an out shorter than the batch, and a detached BAR', () => {
    const bar = pci.attach(0, APP_PF, 0);
    expect(thrown(() => bar.peekMany([0, 4], new Uint32Array(1))).message).toBe('out (1 dwords) is shorter than offsets (2)');
    bar.detach();
    expect(thrown(() => bar.peekMany([0]))).toMatchObject({ name: 'FpgaError', code: 'EINVAL', call: 'bar.peekMany' });
    expect(thrown(() => bar.pokeMany([0], [1]))).toMatchObject({ name: 'FpgaError', code: 'EINVAL', call: 'bar.pokeMany' });
  });
});

describe('poll', () => {
  it('returns the value that matched', () => {
    const bar = attached(APP_PF, 0);
    bar.poke(0x50, 0x8001);
    expect(bar.poll(0x50, { mask: 0x8000, equals: 0x8000 })).toBe(0x8001);
    expect(bar.poll(0x50, { equals: 0x8001 })).toBe(0x8001); // the default mask is every bit
  });

  it('gives up after maxPolls reads, or after timeoutMs, with FpgaError ETIMEDOUT saying what it waited for', () => {
    const bar = attached(APP_PF, 0);
    bar.poke(0x50, 1);
    const counted = thrown(() => bar.poll(0x50, { mask: 2, equals: 2, maxPolls: 3 }));
    expect(counted).toBeInstanceOf(FpgaError);
    expect(counted).toMatchObject({ code: 'ETIMEDOUT', call: 'bar.poll', slot: 0, detail: 'register 0x50 read 0x1 after 3 polls, waiting for (value & 0x2) === 0x2' });
    const timed = thrown(() => bar.poll(0x50, { mask: 2, equals: 2, timeoutMs: 2 })) as FpgaError;
    expect(timed).toMatchObject({ code: 'ETIMEDOUT', call: 'bar.poll' });
    expect(timed.detail).toMatch(/^register 0x50 read 0x1 after \d+ polls, waiting for \(value & 0x2\) === 0x2$/);
  });

  it('refuses options that cannot work', () => {
    const bar = attached(APP_PF, 0);
    expect(thrown(() => bar.poll(0x50, { mask: 1, equals: 2 })).message).toMatch(/has bits outside options.mask .* it can never match/);
    expect(thrown(() => bar.poll(0x50, { equals: 0, timeoutMs: 60_001 }))).toBeInstanceOf(RangeError);
    expect(thrown(() => bar.poll(0x50, { equals: 0, maxPolls: 0 }))).toBeInstanceOf(RangeError);
    expect(thrown(() => bar.poll(0x52, { equals: 0 })).message).toMatch(/not aligned to 4 bytes/);
    expect(thrown(() => bar.poll(0x50, { equals: 0, every: 1 } as never))).toBeInstanceOf(TypeError);
    expect(thrown(() => bar.poll(0x50, undefined as never))).toBeInstanceOf(TypeError);
  });
});
