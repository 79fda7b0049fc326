import { BarHandle, FpgaError, FpgaPci, mock, APP_PF, MGMT_PF, BURST_CAPABLE, backend } from '../lib';
import { thrown } from './harness-support';

const KiB = 1024n;
const MiB = 1024n * KiB;
const GiB = 1024n * MiB;

let pci: FpgaPci;

beforeAll(() => {
  pci = new FpgaPci();
});

beforeEach(() => {
  mock.reset();
});

function attached(slot: number, pf: number, bar: number, flags = 0): BarHandle {
  const handle = pci.attach(slot, pf, bar, flags);
  handles.push(handle);
  return handle;
}

const handles: BarHandle[] = [];
afterEach(() => {
  for (const handle of handles.splice(0)) handle[Symbol.dispose]();
});

describe('backend', () => {
  it('runs on the simulated device in this suite', () => {
    expect(backend()).toBe('mock');
  });
});

describe('slot specs and resource maps', () => {
  it('describes the app and mgmt PFs of an F2 slot', () => {
    const spec = pci.getSlotSpec(0);
    expect(spec.app).toMatchObject({ vendorId: 0x1d0f, deviceId: 0x9048, dev: 0, func: 0, dbdf: '0000:34:00.0' });
    expect(spec.mgmt).toMatchObject({ vendorId: 0x1d0f, deviceId: 0x9248, dbdf: '0000:34:00.1' });
    expect(spec.app.bars.map((b) => b.size)).toEqual([64n * MiB, 0n, 64n * KiB, 0n, 128n * GiB]);
    expect(spec.app.bars.map((b) => b.burstable)).toEqual([false, false, false, false, true]);
    expect(spec.mgmt.bars.map((b) => b.size)).toEqual([16n * KiB, 0n, 16n * KiB, 0n, 4n * MiB]);
    expect(spec.mgmt.bars.some((b) => b.burstable)).toBe(false);
  });

  it('serializes to JSON with sizes as decimal strings', () => {
    const json = JSON.parse(JSON.stringify(pci.getResourceMap(0, APP_PF)));
    expect(json.bars[4]).toEqual({ size: String(128n * GiB), burstable: true });
    expect(json.dbdf).toBe('0000:34:00.0');
  });

  it('lists every slot of an 8-FPGA instance on its own bus', () => {
    mock.reset({ slots: 8 });
    const specs = pci.getAllSlotSpecs();
    expect(specs.map((s) => s.app.dbdf)).toEqual([
      '0000:9f:00.0', '0000:a1:00.0', '0000:a3:00.0', '0000:a5:00.0',
      '0000:ae:00.0', '0000:b0:00.0', '0000:b2:00.0', '0000:b4:00.0',
    ]);
    expect(pci.getAllSlotSpecs(3)).toHaveLength(3);
    expect(pci.getResourceMap(7, MGMT_PF).dbdf).toBe('0000:b4:00.1');
  });

  it('lists only the slots present', () => {
    mock.reset({ slots: 2 });
    expect(pci.getAllSlotSpecs(8)).toHaveLength(2);
  });

  it('reports a slot the instance does not have as the SDK does, unresponsive, and says which slots there are', () => {
    const absent = { name: 'FpgaError', errno: 25, code: 'unresponsive', slot: 1 };
    const detail = 'this instance has no slot 1: it has only slot 0; the simulated device gets more with mock.reset({ slots: 8 }) or AWS_FPGA_MOCK_SLOTS=8';
    expect(thrown(() => pci.getSlotSpec(1))).toMatchObject({ ...absent, call: 'pci.getSlotSpec', detail });
    expect(thrown(() => pci.getResourceMap(1, APP_PF))).toMatchObject({ ...absent, call: 'pci.getResourceMap', detail });
    expect(thrown(() => pci.attach(1, APP_PF, 0))).toMatchObject({ ...absent, call: 'pci.attach', detail });
  });

  it('rescans a slot', () => {
    expect(() => pci.rescanSlotAppPfs(0)).not.toThrow();
    expect(() => pci.rescanSlotAppPfs(3)).toThrow(FpgaError);
  });
});

describe('register access', () => {
  it('reads back what it wrote at every width', () => {
    const bar = attached(0, APP_PF, 0);
    bar.poke(0x500, 0xdeadbeef);
    expect(bar.peek(0x500)).toBe(0xdeadbeef);
    expect(bar.peek8(0x500)).toBe(0xef);
    expect(bar.peek8(0x503)).toBe(0xde);
    bar.poke8(0x501, 0x12);
    expect(bar.peek(0x500)).toBe(0xdead12ef);
    bar.poke64(0x1000, 0x0123456789abcdefn);
    expect(bar.peek64(0x1000)).toBe(0x0123456789abcdefn);
    expect(bar.peek(0x1004)).toBe(0x01234567);
    bar.poke64(0x1008, 42);
    expect(bar.peek64(0x1008)).toBe(42n);
  });

  it('reads zero from memory never written', () => {
    const bar = attached(0, APP_PF, 4);
    expect(bar.peek(0x10_0000)).toBe(0);
    expect(bar.peek64(100n * GiB)).toBe(0n);
  });

  it('mirrors every accessor on FpgaPci', () => {
    const bar = pci.attach(0, APP_PF, 0);
    pci.poke(bar, 0x10, 7);
    pci.poke8(bar, 0x14, 8);
    pci.poke64(bar, 0x18, 9n);
    expect([pci.peek(bar, 0x10), pci.peek8(bar, 0x14), pci.peek64(bar, 0x18)]).toEqual([7, 8, 9n]);
    pci.writeBurst(bar, 0x100, [1, 2, 3]);
    pci.memset(bar, 0x200, 0xaa, 2);
    expect([bar.peek(0x104), bar.peek(0x204)]).toEqual([2, 0xaa]);
    const range = pci.getAddress(bar, 0x100, 12);
    expect(Array.from(new Uint32Array(range.buffer))).toEqual([1, 2, 3]);
    expect(typeof range.address).toBe('bigint');
    pci.detach(bar);
    expect(bar.attached).toBe(false);
  });

  it('keeps slots and PFs apart', () => {
    mock.reset({ slots: 2 });
    const a = attached(0, APP_PF, 0);
    const b = attached(1, APP_PF, 0);
    const m = attached(0, MGMT_PF, 0);
    a.poke(0x20, 1);
    b.poke(0x20, 2);
    m.poke(0x20, 3);
    expect([a.peek(0x20), b.peek(0x20), m.peek(0x20)]).toEqual([1, 2, 3]);
  });

  it('shares memory between two handles on the same BAR', () => {
    const a = attached(0, APP_PF, 4);
    const b = attached(0, APP_PF, 4, BURST_CAPABLE);
    a.poke(0x40, 0x55);
    expect(b.peek(0x40)).toBe(0x55);
    expect([a.burst, b.burst]).toEqual([false, true]);
  });

  it('forgets BAR contents on reset', () => {
    const bar = attached(0, APP_PF, 0);
    bar.poke(0, 1);
    mock.reset();
    expect(bar.peek(0)).toBe(0);
  });
});

describe('BAR edges', () => {
  it.each([
    [APP_PF, 0, 64n * MiB],
    [APP_PF, 2, 64n * KiB],
    [APP_PF, 4, 128n * GiB],
    [MGMT_PF, 0, 16n * KiB],
    [MGMT_PF, 2, 16n * KiB],
    [MGMT_PF, 4, 4n * MiB],
  ])('PF %i BAR %i accepts its last dword and refuses the next', (pf, barId, size) => {
    const bar = attached(0, pf, barId);
    expect(bar.size).toBe(size);
    bar.poke(size - 4n, 0x1234);
    expect(bar.peek(size - 4n)).toBe(0x1234);
    expect(bar.peek8(size - 1n)).toBe(0);
    expect(bar.peek64(size - 8n)).toBe(0x1234n << 32n);
    expect(() => bar.peek(size)).toThrow(RangeError);
    expect(() => bar.peek64(size - 4n)).toThrow(RangeError);
    expect(() => bar.poke8(size, 0)).toThrow(RangeError);
  });

  it('reaches a BAR4 offset above 100 GiB as number and as bigint', () => {
    const bar = attached(0, APP_PF, 4, BURST_CAPABLE);
    const offset = 100n * GiB + 0x40n;
    bar.poke64(offset, 0xfeedfacecafebeefn);
    expect(bar.peek64(Number(offset))).toBe(0xfeedfacecafebeefn);
    bar.writeBurst(offset + 8n, new Uint32Array([7, 8]));
    expect(bar.peek(Number(offset) + 12)).toBe(8);
  });
});

describe('bulk transfers', () => {
  it('writes a Uint32Array, a plain array and a prefix of either', () => {
    const bar = attached(0, APP_PF, 4, BURST_CAPABLE);
    bar.writeBurst(0, new Uint32Array([1, 2, 3, 4]));
    bar.writeBurst(0x10, [5, 6, 7], 2);
    expect([0, 4, 8, 12, 16, 20, 24].map((o) => bar.peek(o))).toEqual([1, 2, 3, 4, 5, 6, 0]);
  });

  it('writes from a subarray without copying the whole buffer', () => {
    const bar = attached(0, APP_PF, 4);
    const words = new Uint32Array([9, 10, 11, 12]);
    bar.writeBurst(0, words.subarray(2));
    expect([bar.peek(0), bar.peek(4)]).toEqual([11, 12]);
  });

  it('fills with memset and ignores an empty transfer', () => {
    const bar = attached(0, APP_PF, 0);
    bar.memset(0x100, 0xa5a5a5a5, 4);
    bar.memset(0x200, 1, 0);
    bar.writeBurst(0x200, new Uint32Array(0));
    expect([0x100, 0x10c, 0x110, 0x200].map((o) => bar.peek(o))).toEqual([0xa5a5a5a5, 0xa5a5a5a5, 0, 0]);
  });

  it('refuses ranges past the BAR end and bad data', () => {
    const bar = attached(0, APP_PF, 2);
    expect(() => bar.writeBurst(bar.size - 4n, [1, 2])).toThrow(RangeError);
    expect(() => bar.memset(bar.size - 4n, 0, 2)).toThrow(RangeError);
    expect(() => bar.memset(0, 0, 2n ** 62n)).toThrow(RangeError);
    expect(() => bar.writeBurst(0, [1, 2], 3)).toThrow(/longer than data/);
    expect(() => bar.writeBurst(0, [1, -1])).toThrow(/data\[1\]/);
    expect(() => bar.writeBurst(0, [1, 2 ** 32])).toThrow(RangeError);
    expect(() => bar.writeBurst(0, ['1'] as unknown as number[])).toThrow(TypeError);
    expect(() => bar.writeBurst(0, null as unknown as number[])).toThrow(TypeError);
    expect(() => bar.writeBurst(2, [1])).toThrow(/aligned/);
    expect(() => bar.writeBurst(0, { length: -1 })).toThrow(/data.length/);
    expect(() => bar.writeBurst(0, { length: 1.5 })).toThrow(/data.length/);
    expect(() => bar.writeBurst(0, { length: 2 ** 40 })).toThrow(/runs past the end of the BAR/);
    // Of a plain array, only the dwords written are checked and copied: the ones before a bad one are not written.
    expect(() => bar.writeBurst(0, [1, 2, 'x'] as unknown as number[])).toThrow(/data\[2\]/);
    expect(bar.peek(0)).toBe(0);
    bar.writeBurst(0, [1, 2, 'x'] as unknown as number[], 2);
    expect([bar.peek(0), bar.peek(4), bar.peek(8)]).toEqual([1, 2, 0]);
  });

  it('copies plain arrays of any length in turn, short and long, array-likes too', () => {
    const bar = attached(0, APP_PF, 4);
    for (const length of [3, 1000, 1, 70_000, 5]) {
      const data = Array.from({ length }, (_, i) => (i * 2654435761 + length) >>> 0);
      bar.writeBurst(0x100, data);
      const written = new Uint32Array(bar.view(0x100, 4 * length));
      expect(written).toEqual(Uint32Array.from(data));
    }
    bar.writeBurst(0, { length: 2, 0: 7, 1: 8 });
    expect([bar.peek(0), bar.peek(4)]).toEqual([7, 8]);
  });
});

describe('views', () => {
  it('sees and changes the same memory as peek and poke', () => {
    const bar = attached(0, APP_PF, 4);
    const words = new Uint32Array(bar.view(0x1000, 16));
    bar.poke(0x1004, 77);
    expect(words[1]).toBe(77);
    words[2] = 88;
    expect(bar.peek(0x1008)).toBe(88);
    const data = new DataView(bar.view(100n * GiB, 8));
    data.setBigUint64(0, 5n, true);
    expect(bar.peek64(100n * GiB)).toBe(5n);
  });

  it('defaults to the rest of a small BAR and refuses more than 4 GiB', () => {
    const bar = attached(0, APP_PF, 0);
    expect(bar.view().byteLength).toBe(64 * 1024 * 1024);
    expect(bar.view(0x100).byteLength).toBe(64 * 1024 * 1024 - 0x100);
    const big = attached(0, APP_PF, 4);
    expect(() => big.view()).toThrow(/4 GiB/);
    expect(big.view(0, 2 ** 32).byteLength).toBe(2 ** 32);
    expect(() => bar.view(0, 64 * 1024 * 1024 + 1)).toThrow(RangeError);
  });

  it('become empty when the BAR is detached', () => {
    const bar = pci.attach(0, APP_PF, 0);
    const first = new Uint32Array(bar.view(0, 64));
    const second = bar.getAddress(0x40, 16).buffer;
    bar.detach();
    expect(first.length).toBe(0);
    expect(second.byteLength).toBe(0);
    expect(() => first[0]).not.toThrow();
    expect(first[0]).toBeUndefined();
  });
});

describe('handles', () => {
  it('exposes the SDK handle and its place', () => {
    const bar = attached(0, MGMT_PF, 4);
    expect(bar).toMatchObject({ slot: 0, pf: MGMT_PF, bar: 4, size: 4n * MiB, burst: false });
    expect(Number.isInteger(bar.handle)).toBe(true);
  });

  it('throws on use after detach and on a second detach, but not on dispose', () => {
    const bar = pci.attach(0, APP_PF, 0);
    bar.detach();
    expect(() => bar.peek(0)).toThrow(/detached/);
    expect(() => bar.poke(0, 1)).toThrow(FpgaError);
    expect(() => bar.writeBurst(0, [1])).toThrow(/detached/);
    expect(() => bar.view(0, 4)).toThrow(/detached/);
    expect(() => bar.detach()).toThrow(/already detached/);
    expect(() => pci.detach(bar)).toThrow(FpgaError);
    expect(() => bar[Symbol.dispose]()).not.toThrow();
  });

  it('detaches at the end of a using block', () => {
    let seen: BarHandle | undefined;
    {
      using bar = pci.attach(0, APP_PF, 0);
      seen = bar;
      expect(bar.attached).toBe(true);
    }
    expect(seen.attached).toBe(false);
  });

  it('runs out after the SDK\'s 64 handles, and recovers on detach', () => {
    const many = Array.from({ length: 64 }, () => pci.attach(0, APP_PF, 0));
    try {
      expect(() => pci.attach(0, APP_PF, 0)).toThrow(expect.objectContaining({ code: 'ENOMEM', call: 'pci.attach' }));
    } finally {
      for (const bar of many) bar.detach();
    }
    attached(0, APP_PF, 0);
  });

  it('refuses a burst mapping of a BAR that cannot burst, and BARs that do not exist', () => {
    expect(thrown(() => pci.attach(0, APP_PF, 0, BURST_CAPABLE))).toMatchObject({
      errno: -22,
      detail: "only the app PF's BAR4 is burst-capable (write-combining); attach this BAR without burst",
    });
    expect(() => pci.attach(0, MGMT_PF, 4, BURST_CAPABLE)).toThrow(FpgaError);
    expect(() => pci.attach(1, APP_PF, 0)).toThrow(expect.objectContaining({ code: 'unresponsive', slot: 1 }));
  });
});

describe('bad input', () => {
  const bad = [
    ['a string', '0'],
    ['null', null],
    ['undefined', undefined],
    ['an object', {}],
  ] as const;

  it.each(bad)('refuses %s as an offset with a TypeError', (_, value) => {
    const bar = attached(0, APP_PF, 0);
    for (const op of ['peek', 'peek8', 'peek64'] as const) expect(() => bar[op](value as never)).toThrow(TypeError);
    expect(() => bar.poke(value as never, 0)).toThrow(TypeError);
  });

  it.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['negative', -4],
    ['negative bigint', -4n],
    ['fractional', 4.5],
    ['beyond 2^53', 2 ** 60],
    ['unaligned', 2],
    ['huge bigint', 2n ** 64n - 4n],
    ['past the end', 64 * 1024 * 1024],
  ])('refuses a %s offset with a RangeError', (_, value) => {
    const bar = attached(0, APP_PF, 0);
    expect(() => bar.peek(value)).toThrow(RangeError);
    expect(() => bar.poke(value, 1)).toThrow(RangeError);
    expect(() => bar.poke64(value, 1n)).toThrow(RangeError);
  });

  it('refuses values that do not fit their width', () => {
    const bar = attached(0, APP_PF, 0);
    expect(() => bar.poke(0, 2 ** 32)).toThrow(RangeError);
    expect(() => bar.poke(0, 1.5)).toThrow(RangeError);
    expect(() => bar.poke(0, '1' as never)).toThrow(TypeError);
    expect(() => bar.poke8(0, 256)).toThrow(RangeError);
    expect(() => bar.poke8(0, -1)).toThrow(RangeError);
    expect(() => bar.poke64(0, 2n ** 64n)).toThrow(RangeError);
    expect(() => bar.poke64(0, -1n)).toThrow(RangeError);
    expect(() => bar.poke64(0, 2 ** 53)).toThrow(RangeError);
    expect(() => bar.memset(0, -1, 1)).toThrow(RangeError);
    expect(bar.peek64(0)).toBe(0n);
  });

  it('refuses bad attach arguments before reaching the SDK', () => {
    expect(() => pci.attach(8, 0, 0)).toThrow(RangeError);
    expect(() => pci.attach(-1, 0, 0)).toThrow(RangeError);
    expect(() => pci.attach(0, 2, 0)).toThrow(RangeError);
    expect(() => pci.attach(0, 0, 1)).toThrow(/0, 2 or 4/);
    expect(() => pci.attach(0, 0, 5)).toThrow(RangeError);
    expect(() => pci.attach(0, 0, 0, 2)).toThrow(/BURST_CAPABLE/);
    expect(() => pci.attach('0' as never, 0, 0)).toThrow(TypeError);
    expect(() => pci.attach(0.5, 0, 0)).toThrow(RangeError);
    expect(() => pci.getAllSlotSpecs(0)).toThrow(RangeError);
    expect(() => pci.getResourceMap(0, -1)).toThrow(RangeError);
  });

  it('refuses something that is not a BarHandle', () => {
    expect(() => pci.peek({} as BarHandle, 0)).toThrow(TypeError);
    expect(() => pci.detach(null as unknown as BarHandle)).toThrow(TypeError);
    const impostor = Object.create(BarHandle.prototype) as BarHandle;
    expect(() => impostor.peek(0)).toThrow(TypeError);
  });
});
