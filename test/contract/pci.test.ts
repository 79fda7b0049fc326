import { APP_PF, BURST_CAPABLE, FpgaError, FpgaPci, MGMT_PF, type BarHandle } from '../../lib';
import { thrown } from '../harness-support';
import { contractDevice, simulated } from './device';

let pci: FpgaPci;

const pattern = (length: number) => Uint32Array.from({ length }, (_, i) => (0xc0ffee00 + i) >>> 0);

// The first index where two arrays of millions of words differ (-1: none).
const firstDifference = (a: Uint32Array, b: Uint32Array) =>
  a.length !== b.length ? Math.min(a.length, b.length) : a.findIndex((word, i) => word !== b[i]);

beforeAll(() => {
  contractDevice();
  pci = new FpgaPci();
});

test('the slot spec: both PFs, BAR4 of the app PF burst-capable and 128 GiB', () => {
  expect(pci.getAllSlotSpecs()).toHaveLength(1);
  const spec = pci.getSlotSpec(0);
  expect(spec.mgmt).toMatchObject({ vendorId: 0x1d0f, deviceId: 0x9248 });
  expect(spec.app.bars[4]).toEqual({ size: 128n << 30n, burstable: true });
  expect(spec.app.bars[0].burstable).toBe(false);
  expect(pci.getResourceMap(0, APP_PF)).toEqual(spec.app);
});

test('a slot the instance does not have: unresponsive (25), with the slots it has', () => {
  const more = simulated() ? '; the simulated device gets more with mock.reset({ slots: 8 }) or AWS_FPGA_MOCK_SLOTS=8' : '';
  const absent = { name: 'FpgaError', errno: 25, code: 'unresponsive', slot: 1, detail: `this instance has no slot 1: it has only slot 0${more}` };
  expect(thrown(() => pci.getSlotSpec(1))).toMatchObject({ ...absent, call: 'pci.getSlotSpec' });
  expect(thrown(() => pci.getResourceMap(1, MGMT_PF))).toMatchObject({ ...absent, call: 'pci.getResourceMap' });
  expect(thrown(() => pci.attach(1, APP_PF, 0))).toMatchObject({ ...absent, call: 'pci.attach' });
});

test('registers and bursts on BAR0 and BAR4 read back what was written', () => {
  for (const [bar, flags] of [[0, 0], [4, BURST_CAPABLE]]) {
    const handle = pci.attach(0, APP_PF, bar, flags);
    handle.poke(0x100, 0xdeadbeef);
    handle.poke64(0x108, 0x0123456789abcdefn);
    handle.writeBurst(0x200, Uint32Array.of(1, 2, 3, 4));
    handle.memset(0x300, 0x5a5a5a5a, 3);
    expect([handle.peek(0x100), handle.peek64(0x108), handle.peek8(0x100)]).toEqual([0xdeadbeef, 0x0123456789abcdefn, 0xef]);
    expect([0, 4, 8, 12].map((i) => handle.peek(0x200 + i))).toEqual([1, 2, 3, 4]);
    expect(Array.from(new Uint32Array(handle.view(0x300, 16)))).toEqual([0x5a5a5a5a, 0x5a5a5a5a, 0x5a5a5a5a, 0]);
    handle.detach();
  }
});

test('only the app PF BAR4 maps burst-capable', () => {
  expect(thrown(() => pci.attach(0, APP_PF, 0, BURST_CAPABLE))).toMatchObject({
    errno: -22,
    detail: "only the app PF's BAR4 is burst-capable (write-combining); attach this BAR without burst",
  });
});

test("a full handle table, which the SDK reports as success with handle -1, is FpgaError ENOMEM and leaks nothing", () => {
  const held: BarHandle[] = [];
  const full = thrown(() => {
    for (;;) held.push(pci.attach(0, APP_PF, 0));
  });
  expect(full).toBeInstanceOf(FpgaError);
  expect(full).toMatchObject({ code: 'ENOMEM', errno: -12, call: 'pci.attach', slot: 0 });
  expect(full.message).toMatch(/the SDK's table of 64 BAR handles is full/);
  expect(held.length).toBeGreaterThan(60);
  expect(held.every((handle) => handle.handle >= 0 && handle.handle < 64)).toBe(true);
  const count = held.length;
  for (const handle of held.splice(0)) handle.detach();
  expect(() => {
    for (let i = 0; i < count; i++) held.push(pci.attach(0, APP_PF, 0));
  }).not.toThrow();
  for (const handle of held) handle.detach();
});

test('bursts of every length and alignment read back what was written, on BAR0 (32-bit) and BAR4 (wide)', () => {
  for (const [bar, flags] of [[0, 0], [4, BURST_CAPABLE]]) {
    const handle = pci.attach(0, APP_PF, bar, flags);
    // The last two pass the size from which wide stores stream (4 MiB), from unaligned sources.
    for (const [start, length, misaligned] of [[0, 1], [4, 7], [0x1004, 33], [0x2000, 64], [0x3010, 1000], [0x10004, (4 << 18) + 13, 1], [0x200000, 4 << 18, 3]]) {
      const data = new Uint32Array(length + (misaligned ?? 0)).subarray(misaligned ?? 0);
      data.forEach((_, i) => (data[i] = (start * 7 + i * 0x01010101) >>> 0));
      handle.writeBurst(start, data);
      expect(firstDifference(handle.readBurst(start, length), data)).toBe(-1);
      const out = new Uint32Array(length + 2).fill(0xeeeeeeee);
      handle.readBurst(start, out, length);
      expect(firstDifference(out.subarray(0, length), data)).toBe(-1);
      expect(Array.from(out.subarray(length))).toEqual([0xeeeeeeee, 0xeeeeeeee]);
      expect([handle.peek(start), handle.peek(start + 4 * (length - 1))]).toEqual([data[0], data[length - 1]]);
    }
    for (const count of [37, (4 << 18) + 5]) {
      handle.memset(0x800000, 0, count + 2);
      handle.memset(0x800004, 0xabcdef01, count);
      const expected = new Uint32Array(count + 2).fill(0xabcdef01, 1, count + 1);
      expect(firstDifference(handle.readBurst(0x800000, count + 2), expected)).toBe(-1);
    }
    // The BAR's last dwords, up to its end and not one past it.
    handle.writeBurst(handle.size - 36n, pattern(9));
    expect(handle.readBurst(handle.size - 36n, 9)).toEqual(pattern(9));
    expect(thrown(() => handle.readBurst(handle.size - 32n, 9))).toBeInstanceOf(RangeError);
    handle.detach();
  }
});

test('batches of register accesses and a bounded poll', () => {
  const ocl = pci.attach(0, APP_PF, 0);
  ocl.pokeMany([0x40, 0x44, 0x48], Uint32Array.of(1, 2, 3));
  expect(Array.from(ocl.peekMany(Uint32Array.of(0x48, 0x40, 0x44)))).toEqual([3, 1, 2]);
  ocl.poke(0x50, 0x8001);
  expect(ocl.poll(0x50, { mask: 0x8000, equals: 0x8000 })).toBe(0x8001);
  expect(thrown(() => ocl.poll(0x50, { mask: 0x2, equals: 0x2, maxPolls: 5 }))).toMatchObject({
    code: 'ETIMEDOUT',
    call: 'bar.poll',
    detail: 'register 0x50 read 0x8001 after 5 polls, waiting for (value & 0x2) === 0x2',
  });
  ocl.detach();
});
