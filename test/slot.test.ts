import {
  APP_PF,
  DEFAULT_CLOCK_MHZ,
  DEFAULT_CLOCK_RECIPES,
  FpgaError,
  FpgaMgmt,
  MGMT_PF,
  listSlots,
  mock,
  openSlot,
  type BarHandle,
  type Slot,
} from '../lib';
import { MEM_PERF_AGFI, SDE_AGFI, SDE_DEVICE_IDS, UNKNOWN_AGFI, realTimeDevice, simulated, virtualDevice } from './afis';
import { thrown } from './harness-support';

let slot: Slot;

beforeEach(() => {
  virtualDevice();
  slot = openSlot(0);
});

afterEach(() => slot.close());

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('openSlot and listSlots', () => {
  test('a slot the instance does not have fails at once, with the SDK error', () => {
    expect(() => openSlot(1)).toThrow(FpgaError);
    expect(() => openSlot(8)).toThrow(RangeError);
    expect(() => openSlot('0' as unknown as number)).toThrow(TypeError);
  });

  test('listSlots gives every slot of an 8-FPGA instance in order', () => {
    mock.reset({ slots: 8 });
    const slots = listSlots();
    expect(slots.map(({ slot: id }) => id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(slots[7].app.dbdf).toBe('0000:b4:00.0');
    expect(slots[7].mgmt.deviceId).toBe(0x9248);
    expect(JSON.parse(JSON.stringify(slots))[0].app.bars[4].size).toBe(String(128n * 2n ** 30n));
  });
});

describe('describe', () => {
  test('leaves the metrics out unless asked', async () => {
    const plain = await slot.describe();
    expect(plain).toMatchObject({ status: 'not-programmed', slotId: 0, afiId: null });
    expect(plain.metrics).toBeUndefined();
    expect((await slot.describe({ metrics: true })).metrics).toBeDefined();
  });

  test('clearAfiCache reports the cache, then empties it', async () => {
    await slot.load(SDE_AGFI);
    expect((await slot.describe({ clearAfiCache: true })).metrics?.cachedAgfis).toEqual([SDE_AGFI]);
    expect((await slot.describe({ metrics: true })).metrics?.cachedAgfis).toEqual([]);
  });

  test('clearMetrics reports the counters, then zeroes them', async () => {
    await slot.load(SDE_AGFI);
    simulated().mockAddPcimTraffic(0, 5, 7);
    expect((await slot.describe({ clearMetrics: true })).metrics).toMatchObject({ pcimReadCount: 5n, pcimWriteCount: 7n });
    expect((await slot.describe({ metrics: true })).metrics).toMatchObject({ pcimReadCount: 0n, pcimWriteCount: 0n });
  });

  test('checks its options', async () => {
    await expect(slot.describe({ metric: true } as never)).rejects.toThrow(TypeError);
    await expect(slot.describe({ metrics: 1 } as never)).rejects.toThrow(TypeError);
  });
});

describe('load and clear', () => {
  test('load waits until loaded and rescans the app PF', async () => {
    const loaded = await slot.load(SDE_AGFI);
    expect(loaded).toMatchObject({ status: 'loaded', afiId: SDE_AGFI, deviceIds: SDE_DEVICE_IDS });
    expect(loaded.spec.app.deviceId).toBe(SDE_DEVICE_IDS.deviceId);
    expect(loaded.metrics).toBeDefined();
  });

  test('load without wait returns the busy slot; rescan() shows the AFI\'s ids afterwards', async () => {
    expect(await slot.load(SDE_AGFI, { wait: false })).toMatchObject({ status: 'busy', afiId: SDE_AGFI });
    mock.advanceTime(5000);
    expect((await slot.describe()).spec.app.deviceId).toBe(0x9048);
    slot.rescan();
    expect((await slot.describe()).spec.app.deviceId).toBe(SDE_DEVICE_IDS.deviceId);
  });

  test('a failed load rejects with the slot\'s status_q', async () => {
    const error = await rejection(slot.load(UNKNOWN_AGFI));
    expect(error).toBeInstanceOf(FpgaError);
    expect(error).toMatchObject({ code: 'invalid-afi-id', errno: 5, slot: 0 });
  });

  test('clear waits until cleared', async () => {
    await slot.load(SDE_AGFI);
    expect(await slot.clear()).toMatchObject({ status: 'cleared', afiId: null });
    expect(await slot.clear({ wait: false })).toMatchObject({ status: 'busy' });
  });

  test('timeoutMs rejects with ETIMEDOUT while the SDK finishes its wait', async () => {
    realTimeDevice(800);
    const started = Date.now();
    const error = await rejection(slot.load(SDE_AGFI, { timeoutMs: 50 }));
    expect(Date.now() - started).toBeLessThan(700);
    expect(error).toMatchObject({ errno: -110, code: 'ETIMEDOUT', call: 'slot.load', slot: 0 });
    // Later calls on the slot run once the SDK's wait has ended: the load went on.
    expect(await slot.describe()).toMatchObject({ status: 'loaded', afiId: SDE_AGFI });
  });

  test('a timeoutMs past the SDK\'s three-minute floor is the SDK\'s own count of polls', async () => {
    // In virtual time the SDK's polls take no real time, so its count decides.
    mock.reset({ loadTimeMs: 400_000, virtualTime: true });
    const error = await rejection(slot.load(SDE_AGFI, { timeoutMs: 300_000 }));
    expect(error).toMatchObject({ errno: -110, call: 'slot.load' });
    mock.reset({ loadTimeMs: 400_000, virtualTime: true });
    expect(await slot.load(SDE_AGFI, { timeoutMs: 500_000 })).toMatchObject({ status: 'loaded' });
  });

  test('an aborted signal rejects with its reason', async () => {
    realTimeDevice(300);
    const controller = new AbortController();
    const reason = new Error('changed my mind');
    const clearing = slot.clear({ signal: controller.signal });
    controller.abort(reason);
    expect(await rejection(clearing)).toBe(reason);
    expect(await rejection(slot.load(SDE_AGFI, { signal: AbortSignal.abort(reason) }))).toBe(reason);
  });

  test.each([
    [{ timeoutMs: 0 }, RangeError],
    [{ timeoutMs: 1.5 }, RangeError],
    [{ wait: 'yes' }, TypeError],
    [{ timeout: 100 }, TypeError],
    [{ signal: {} }, TypeError],
  ])('checks its options: %j', async (options, type) => {
    await expect(slot.load(SDE_AGFI, options as never)).rejects.toThrow(type);
  });
});

describe('virtual LEDs and DIP switches', () => {
  test('the DIP switches read back as set', async () => {
    await slot.setVdip(0b1010);
    expect(await slot.vdip()).toBe(0b1010);
    await expect(slot.setVdip(0x10000)).rejects.toThrow(RangeError);
  });

  test('CL_MEM_PERF lights its two LEDs', async () => {
    expect(await slot.vled()).toBe(0);
    await slot.load(MEM_PERF_AGFI);
    expect(await slot.vled()).toBe(0b11);
  });
});

describe('clocks', () => {
  test('a design without AWS_CLK_GEN has no clocks to read', async () => {
    await slot.load(SDE_AGFI);
    expect(await rejection(slot.clocks())).toMatchObject({ code: 'clkgen-ip-not-found', errno: 29 });
  });

  test('setClockRecipe sets recipes, the defaults for groups left out, and resolves to the clocks', async () => {
    await slot.load(MEM_PERF_AGFI);
    expect(await slot.setClockRecipe({ a: 0, b: 3, c: 3, hbm: 4 })).toEqual({
      a: { a1: 62.5, a2: 187.5, a3: 250 },
      b: { b0: 250, b1: 62.5 },
      c: { c0: 200, c1: expect.closeTo(266.667, 3) },
      hbm: { axi: 400 },
    });
    const defaults = await slot.setClockRecipe({ a: 0 });
    expect(defaults).toMatchObject({ b: { b0: 450, b1: 225 }, c: { c0: 300, c1: 400 }, hbm: { axi: 450 } });
    expect(DEFAULT_CLOCK_RECIPES).toEqual({ a: 1, b: 2, c: 0, hbm: 2 });
    expect(await slot.clocks()).toEqual(defaults);
  });

  test('setClockFrequencies sets the first clock of each group, the defaults for groups left out', async () => {
    await slot.load(MEM_PERF_AGFI);
    await slot.setClockRecipe({ a: 0 });
    const clocks = await slot.setClockFrequencies({ b: 125, c: 150, hbm: undefined });
    expect(clocks).toMatchObject({ a: { a1: DEFAULT_CLOCK_MHZ.a }, b: { b0: 125 }, c: { c0: 150 }, hbm: { axi: DEFAULT_CLOCK_MHZ.hbm } });
  });

  test('an unknown group is a TypeError; a recipe out of range is the SDK\'s invalid-clkgen-input', async () => {
    await slot.load(MEM_PERF_AGFI);
    await expect(slot.setClockRecipe({ d: 1 } as never)).rejects.toThrow(TypeError);
    await expect(slot.setClockRecipe({ b: 6 })).rejects.toThrow(/^b must be a recipe of clock group B .*0 to 5 \(B0-B5\), got 6$/);
  });
});

describe('bars', () => {
  test('names or numbers the PF, and maps bursts on request', () => {
    const ocl = slot.bar('app', 0);
    const sda = slot.bar(MGMT_PF, 4);
    const pcis = slot.bar(APP_PF, 4, { burst: true });
    expect([ocl.pf, ocl.bar, ocl.burst]).toEqual([APP_PF, 0, false]);
    expect([sda.pf, sda.bar]).toEqual([MGMT_PF, 4]);
    expect(pcis.burst).toBe(true);
    ocl.poke(0x10, 7);
    expect(slot.bar(0, 0).peek(0x10)).toBe(7);
  });

  test.each([
    ['user', 0, RangeError],
    [2, 0, RangeError],
    ['app', 1, RangeError],
  ])('refuses pf %j bar %j', (pf, bar, type) => {
    expect(() => slot.bar(pf as never, bar)).toThrow(type);
  });

  test('refuses a burst mapping of a BAR that is not burst-capable', () => {
    expect(() => slot.bar('app', 0, { burst: true })).toThrow(FpgaError);
    expect(() => slot.bar('app', 0, { wc: true } as never)).toThrow(TypeError);
  });
});

describe('closing', () => {
  test('close detaches the slot\'s BARs, then every call fails', async () => {
    const ocl = slot.bar('app', 0);
    const early = slot.bar('app', 2);
    early.detach();
    await slot.close();
    expect([ocl.attached, early.attached]).toEqual([false, false]);
    const closed = { name: 'FpgaError', code: 'EINVAL', slot: 0, detail: 'this Slot is closed; open it again with openSlot()' };
    expect(thrown(() => slot.bar('app', 0))).toMatchObject({ ...closed, call: 'slot.bar' });
    await expect(slot.describe()).rejects.toMatchObject({ ...closed, call: 'slot.describe' });
    await expect(slot.clocks()).rejects.toMatchObject({ ...closed, call: 'slot.clocks' });
    await expect(slot.close()).resolves.toBeUndefined();
  });

  test('await using closes the slot at the end of the block', async () => {
    let bar: BarHandle;
    {
      await using scoped = openSlot(0);
      bar = scoped.bar('app', 0);
      await scoped.describe();
    }
    expect(bar.attached).toBe(false);
  });

  test('close waits for the slot\'s calls, and leaves other FpgaMgmt users alone', async () => {
    const other = new FpgaMgmt();
    const loading = slot.load(SDE_AGFI, { wait: false });
    await slot.close();
    expect(await loading).toMatchObject({ status: 'busy' });
    expect(await other.describeLocalImage(0)).toMatchObject({ afiId: SDE_AGFI });
    await other.close();
  });
});
