// CL models declared with mock.defineCl: each register behaviour, ranges,
// access widths, bursts, mapped views, and the model's lifecycle with the AFI.
import { APP_PF, BURST_CAPABLE, FpgaMgmt, MGMT_PF, mock, type ClContext } from '../lib';
import { Bars, freshDevice, load, rejection, thrown } from './harness-support';

let mgmt: FpgaMgmt;
const bars = new Bars();

beforeEach(() => {
  freshDevice(2);
  mgmt = new FpgaMgmt();
});

afterEach(async () => {
  bars.detachAll();
  await mgmt.close();
});

/** Defines a model with these app0 registers and loads it on `slot`; returns app0 of the slot. */
async function loaded(registers: Parameters<typeof mock.defineCl>[0]['bars'], slot = 0) {
  const agfi = mock.defineCl({ bars: registers });
  await load(mgmt, slot, agfi);
  return { agfi, ocl: bars.attach(slot) };
}

describe('register behaviours', () => {
  it('stores plain registers, from their reset value', async () => {
    const { ocl } = await loaded({ app0: { registers: { 0x10: {}, 0x14: { reset: 0xabcd } } } });
    expect(ocl.peek(0x10)).toBe(0);
    expect(ocl.peek(0x14)).toBe(0xabcd);
    ocl.poke(0x10, 0xdeadbeef);
    expect(ocl.peek(0x10)).toBe(0xdeadbeef);
  });

  it('reads a constant, ignoring writes', async () => {
    const { ocl } = await loaded({ app0: { registers: { 0x0: { read: 0xcafe0001 } } } });
    ocl.poke(0x0, 5);
    expect(ocl.peek(0x0)).toBe(0xcafe0001);
  });

  it('reads what a function returns, while writes are still stored', async () => {
    const reads: number[] = [];
    const { ocl } = await loaded({
      app0: {
        registers: {
          0x20: {
            read: (cl) => {
              reads.push(cl.slot);
              return (cl.get(0x20) + 1) >>> 0;
            },
          },
        },
      },
    });
    ocl.poke(0x20, 41);
    expect(ocl.peek(0x20)).toBe(42);
    expect(reads).toEqual([0]);
  });

  it('keeps read-only registers for the model to set', async () => {
    let context: ClContext | undefined;
    const { ocl } = await loaded({
      app0: { registers: { 0x30: { readOnly: true, reset: 7 }, 0x34: { onWrite: (_, cl) => (context = cl) } } },
    });
    ocl.poke(0x30, 99);
    expect(ocl.peek(0x30)).toBe(7);
    ocl.poke(0x34, 1);
    context!.set(0x30, 8);
    expect(ocl.peek(0x30)).toBe(8);
  });

  it('clears the bits written as 1 in a write-1-to-clear register', async () => {
    const { ocl } = await loaded({ app0: { registers: { 0x40: { w1c: true, reset: 0b1111 } } } });
    ocl.poke(0x40, 0b0101);
    expect(ocl.peek(0x40)).toBe(0b1010);
  });

  it('clears a clear-on-read register once read', async () => {
    const { ocl } = await loaded({ app0: { registers: { 0x50: { clearOnRead: true, reset: 3 } } } });
    expect(ocl.peek(0x50)).toBe(3);
    expect(ocl.peek(0x50)).toBe(0);
  });

  it('calls onWrite with the value written, once stored', async () => {
    const seen: [number, number][] = [];
    const { ocl } = await loaded({
      app0: { registers: { 0x60: { reset: 0x11223344, onWrite: (v, cl) => seen.push([v, cl.get(0x60)]) } } },
    });
    ocl.poke(0x60, 0xaabbccdd);
    ocl.poke8(0x61, 0xee); // one byte: the others as stored
    expect(seen).toEqual([
      [0xaabbccdd, 0xaabbccdd],
      [0xaabbeedd, 0xaabbeedd],
    ]);
  });

  it('passes a write-1-to-clear register only the bits to clear', async () => {
    const seen: number[] = [];
    const { ocl } = await loaded({ app0: { registers: { 0x70: { w1c: true, reset: 0xffff, onWrite: (v) => seen.push(v) } } } });
    ocl.poke8(0x71, 0x0f);
    expect(seen).toEqual([0x0f00]);
    expect(ocl.peek(0x70)).toBe(0xf0ff);
  });
});

describe('access widths', () => {
  it('splits 1- and 8-byte accesses into the registers and memory they touch', async () => {
    const { ocl } = await loaded({ app0: { registers: { 0x80: { read: 0x44332211 }, 0x88: {}, 0x8c: {} } } });
    expect(ocl.peek8(0x82)).toBe(0x33);
    ocl.poke(0x84, 0x55667788); // no register there: BAR memory
    expect(ocl.peek64(0x80)).toBe(0x5566778844332211n);
    ocl.poke64(0x88, 0x0102030405060708n);
    expect([ocl.peek(0x88), ocl.peek(0x8c)]).toEqual([0x05060708, 0x01020304]);
  });

  it('sends every access inside a range to its hooks, with its BAR offset and width', async () => {
    const writes: [number, number | bigint, number][] = [];
    const agfi = mock.defineCl({
      bars: {
        app4: {
          ranges: [
            {
              offset: 0x1000,
              length: 0x100,
              onRead: (offset, width) => (width === 8 ? BigInt(offset) << 8n : offset & 0xff),
              onWrite: (offset, value, width) => writes.push([offset, value, width]),
            },
          ],
        },
      },
    });
    await load(mgmt, 0, agfi);
    const pcis = bars.attach(0, APP_PF, 4, BURST_CAPABLE);
    expect(pcis.peek(0x1010)).toBe(0x10);
    expect(pcis.peek8(0x1011)).toBe(0x11);
    expect(pcis.peek64(0x1018)).toBe(0x101800n);
    pcis.poke64(0x1020, 1n << 40n);
    pcis.poke8(0x1003, 9);
    expect(writes).toEqual([
      [0x1020, 1n << 40n, 8],
      [0x1003, 9, 1],
    ]);
    pcis.poke(0x1100, 5); // just past the range: memory
    expect(pcis.peek(0x1100)).toBe(5);
  });

  it('reads 0 from a range without onRead and drops its writes without onWrite', async () => {
    const agfi = mock.defineCl({ bars: { mgmt4: { ranges: [{ offset: 0x0, length: 0x8 }] } } });
    await load(mgmt, 0, agfi);
    const sda = bars.attach(0, MGMT_PF, 4);
    sda.poke(0x4, 0x1234);
    expect(sda.peek(0x4)).toBe(0);
  });
});

describe('bursts, memset and mapped views', () => {
  it('runs the hooks for every dword of a writeBurst and a memset', async () => {
    const fifo: number[] = [];
    const counted: number[] = [];
    const { ocl } = await loaded({
      app0: {
        registers: { 0x100: { onWrite: (v) => counted.push(v) } },
        ranges: [{ offset: 0x200, length: 0x10, onWrite: (_, v) => fifo.push(v as number) }],
      },
    });
    ocl.writeBurst(0x200, new Uint32Array([1, 2, 3, 4]));
    ocl.memset(0xfc, 9, 2); // 0xfc is memory, 0x100 the register
    expect(fifo).toEqual([1, 2, 3, 4]);
    expect(counted).toEqual([9]);
    expect(ocl.peek(0xfc)).toBe(9);
  });

  it('maps plain memory in a view: registers, hooks and the trace are bypassed', async () => {
    const writes: number[] = [];
    const { ocl } = await loaded({ app0: { registers: { 0x10: { read: 0x1111, onWrite: (v) => writes.push(v) } } } });
    mock.startTrace();
    const words = new Uint32Array(ocl.view(0, 0x20));
    words[0x10 / 4] = 0x2222;
    expect(words[0x10 / 4]).toBe(0x2222); // the memory under the register
    expect(ocl.peek(0x10)).toBe(0x1111); // the register
    expect(writes).toEqual([]);
    expect(mock.trace().map((e) => e.op)).toEqual(['peek']);
  });
});

describe('the model follows its AFI', () => {
  it('comes up at load with reset values and goes away at clear', async () => {
    const agfi = mock.defineCl({ bars: { app0: { registers: { 0x10: { reset: 5 } } } } });
    const ocl = bars.attach(0);
    ocl.poke(0x10, 1);
    expect(ocl.peek(0x10)).toBe(1); // no AFI yet: memory
    await load(mgmt, 0, agfi);
    expect(ocl.peek(0x10)).toBe(5);
    ocl.poke(0x10, 6);
    await mgmt.clearLocalImageSync(0, 0, 1);
    expect(ocl.peek(0x10)).toBe(0); // memory, cleared with the CL
    await load(mgmt, 0, agfi);
    expect(ocl.peek(0x10)).toBe(5);
  });

  it('gives each slot its own registers', async () => {
    const agfi = mock.defineCl({ bars: { app0: { registers: { 0x10: {} } } } });
    await load(mgmt, 0, agfi);
    await load(mgmt, 1, agfi);
    const [a, b] = [bars.attach(0), bars.attach(1)];
    a.poke(0x10, 1);
    b.poke(0x10, 2);
    expect([a.peek(0x10), b.peek(0x10)]).toEqual([1, 2]);
  });

  it('is in the catalog with its ids, power and clock generator until reset', async () => {
    const agfi = mock.defineCl({
      pciIds: { deviceId: 0xf123 },
      powerWatts: 42,
      hasClkgen: true,
      bars: { mgmt4: { registers: { 0x100: {} } } },
    });
    await load(mgmt, 0, agfi);
    const described = await mgmt.describeLocalImage(0);
    expect(described.deviceIds).toEqual({ vendorId: 0x1d0f, deviceId: 0xf123, subsystemVendorId: 0xfedc, subsystemDeviceId: 0x1d51 });
    expect(described.spec.app.deviceId).toBe(0xf123);
    expect(described.metrics!.powerWatts.last).toBe(42n);
    expect(bars.attach(0, MGMT_PF, 4).peek(0x58000)).toBe(0x90481d0f); // AWS_CLK_GEN's id
    freshDevice();
    const failed = await rejection(mgmt.loadLocalImageSyncFlags(0, agfi, 0, 0, 1));
    expect(failed.code).toBe('invalid-afi-id');
  });

  it('makes up an AFI id when none is given, and takes a given one', () => {
    const made = mock.defineCl({ bars: {} });
    expect(made).toMatch(/^agfi-0[0-9a-f]{16}$/);
    expect(mock.defineCl({ agfi: 'agfi-0123456789abcdef0', bars: {} })).toBe('agfi-0123456789abcdef0');
    expect(mock.defineCl({ bars: {} })).not.toBe(made);
  });
});

describe('the ClContext', () => {
  it('drives the vLEDs, reads the vDIP switches and counts PCIM traffic', async () => {
    const { ocl } = await loaded({
      app0: {
        registers: {
          0x0: { onWrite: (v, cl) => cl.setLeds(v & 0xffff) },
          0x4: { read: (cl) => cl.dipSwitches() },
          0x8: { onWrite: (v, cl) => cl.addPcimTraffic(v, 2 * v) },
        },
      },
    });
    ocl.poke(0x0, 0x1_8001);
    expect(await mgmt.getVledStatus(0)).toBe(0x8001);
    await mgmt.setVdip(0, 0x00f0);
    expect(ocl.peek(0x4)).toBe(0x00f0);
    ocl.poke(0x8, 5);
    const { metrics } = await mgmt.describeLocalImage(0);
    expect([metrics!.pcimReadCount, metrics!.pcimWriteCount]).toEqual([5n, 10n]);
  });

  it('reads and writes the memory under the model', async () => {
    const { ocl } = await loaded({
      app0: { registers: { 0x0: { onWrite: (v, cl) => cl.memory('app4', 0x100, 4).set([v, v + 1, v + 2, v + 3]) } } },
    });
    ocl.poke(0x0, 7);
    expect(bars.attach(0, APP_PF, 4).peek(0x100)).toBe(0x0a090807);
  });

  it('refuses registers the model does not declare, and bad arguments', async () => {
    const errors: Error[] = [];
    const { ocl } = await loaded({
      app0: {
        registers: {
          0x0: {
            onWrite: (_, cl) => {
              errors.push(thrown(() => cl.get(0x4)), thrown(() => cl.set(0x0, 1, 'app4')));
              errors.push(thrown(() => cl.setLeds(0x10000)), thrown(() => cl.memory('app0', 64 * 2 ** 20, 1)));
            },
          },
        },
      },
    });
    ocl.poke(0x0, 1);
    expect(errors.map((e) => e.constructor)).toEqual([RangeError, RangeError, RangeError, RangeError]);
    expect(errors[0].message).toMatch(/no register at 0x4 of app0/);
  });
});

describe('definitions are checked', () => {
  it.each([
    [{ bars: { app2: {} } }, TypeError, /no option 'app2'/],
    [{ bars: { app0: { registers: { 0x2: {} } } } }, RangeError, /multiple of 4/],
    [{ bars: { app0: { registers: { 0x4000000: {} } } } }, RangeError, /outside app0/],
    [{ bars: { app0: { registers: { 0x0: { read: 1, reset: 2 } } } } }, TypeError, /not both/],
    [{ bars: { app0: { registers: { 0x0: { readOnly: true, w1c: true } } } } }, TypeError, /read-only.*write-1-to-clear/],
    [{ bars: { app0: { registers: { 0x0: { read: () => 1, clearOnRead: true } } } } }, TypeError, /clearOnRead/],
    [{ bars: { app0: { registers: { 0x0: { onWrite: 5 } } } } }, TypeError, /onWrite must be a function/],
    [{ bars: { app0: { registers: { 0x0: { resett: 1 } } } } }, TypeError, /no option 'resett'/],
    [{ bars: { app0: { ranges: [{ offset: 4, length: 8 }] } } }, RangeError, /multiple of 8/],
    [{ bars: { app0: { ranges: [{ offset: 0, length: 16 }, { offset: 8, length: 8 }] } } }, RangeError, /overlaps/],
    [{ bars: { app0: { registers: { 0x8: {} }, ranges: [{ offset: 0, length: 16 }] } } }, RangeError, /inside a range/],
    [{ hasClkgen: true, bars: { mgmt4: { registers: { 0x58000: {} } } } }, RangeError, /AWS_CLK_GEN/],
    [{ agfi: 'agfi-1234', bars: {} }, RangeError, /agfi-0/],
    [{ pciIds: { deviceId: 0x10000 }, bars: {} }, RangeError, /deviceId/],
  ])('refuses %j', (definition, type, message) => {
    const error = thrown(() => mock.defineCl(definition as never));
    expect(error).toBeInstanceOf(type);
    expect(error.message).toMatch(message);
  });
});
