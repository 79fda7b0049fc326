import { spawnSync } from 'child_process';
import * as path from 'path';
import { setTimeout as delay } from 'timers/promises';
import {
  FPGA_CMD_CLEAR_AFI_CACHE,
  FPGA_CMD_CLEAR_HW_METRICS,
  FPGA_CMD_DRAM_DATA_RETENTION,
  FPGA_CMD_FORCE_SHELL_RELOAD,
  FPGA_CMD_GET_HW_METRICS,
  FPGA_CMD_PREFETCH,
  FpgaMgmt,
  formatAgfi,
  mock,
} from '../lib';
import { ready } from '../lib/backend';
import { imageDescription } from '../lib/describe';
import type { NativeImageInfo } from '../types/native';
import {
  CLEAR_MS,
  LOAD_MS,
  MEM_PERF_AGFI,
  SDE_AGFI,
  SDE_DEVICE_IDS,
  UNKNOWN_AGFI,
  realTimeDevice,
  virtualDevice,
  simulated,
} from './afis';
import { rejection } from './harness-support';

const GET = FPGA_CMD_GET_HW_METRICS;
const SLOTS = [0, 1, 2, 3, 4, 5, 6, 7];
// Sync calls in real time poll every few ms, so they end right after the load.
const POLL = { timeout: 60000, delayMsec: 5 };

let mgmt: FpgaMgmt;

beforeEach(() => {
  virtualDevice();
  mgmt = new FpgaMgmt();
});

afterEach(async () => {
  await mgmt.close();
});

function syncLoad(slot: number, agfi: string, signal?: AbortSignal) {
  return mgmt.loadLocalImageSyncFlags(slot, agfi, GET, POLL.timeout, POLL.delayMsec, { signal });
}

describe('status transitions seen through describe', () => {
  test('a slot never programmed', async () => {
    const described = await mgmt.describeLocalImage(0);
    expect(described).toMatchObject({
      status: 'not-programmed',
      statusCode: 3,
      statusQ: 0,
      statusQName: 'ok',
      slotId: 0,
      afiId: null,
    });
    expect(described.shVersion).toBeGreaterThan(0);
    expect(described.spec.mgmt).toMatchObject({ vendorId: 0x1d0f, deviceId: 0x9248, func: 1 });
    expect(described.metrics).toBeDefined();
  });

  test('load: busy, then loaded with the AFI and its device ids', async () => {
    const started = await mgmt.loadLocalImage(0, SDE_AGFI);
    expect(started).toMatchObject({ status: 'busy', statusCode: 2, afiId: SDE_AGFI });
    mock.advanceTime(LOAD_MS);
    const loaded = await mgmt.describeLocalImage(0);
    expect(loaded).toMatchObject({ status: 'loaded', statusCode: 0, statusQ: 0, afiId: SDE_AGFI });
    expect(loaded.deviceIds).toEqual(SDE_DEVICE_IDS);
  });

  test('clear: busy, then cleared with no AFI', async () => {
    await mgmt.loadLocalImageSyncFlags(0, SDE_AGFI);
    expect(await mgmt.clearLocalImage(0)).toMatchObject({ status: 'busy' });
    mock.advanceTime(CLEAR_MS);
    expect(await mgmt.describeLocalImage(0)).toMatchObject({ status: 'cleared', statusCode: 1, afiId: null });
  });

  test('an AFI the service does not know: busy, then load-failed with invalid-afi-id', async () => {
    expect(await mgmt.loadLocalImageFlags(0, UNKNOWN_AGFI, 0)).toMatchObject({ status: 'busy' });
    mock.advanceTime(LOAD_MS);
    expect(await mgmt.describeLocalImage(0)).toMatchObject({
      status: 'load-failed',
      statusCode: 7,
      statusQ: 5,
      statusQName: 'invalid-afi-id',
      afiId: UNKNOWN_AGFI,
    });
  });

  test('the sync calls resolve once the slot is loaded, or cleared', async () => {
    expect(await mgmt.loadLocalImageSyncFlags(0, SDE_AGFI)).toMatchObject({ status: 'loaded', afiId: SDE_AGFI });
    expect(await mgmt.clearLocalImageSync(0)).toMatchObject({ status: 'cleared', afiId: null });
  });

  test('getStatus follows the slot', async () => {
    expect(await mgmt.getStatus(0)).toEqual({ status: 'not-programmed', statusCode: 3, statusQ: 0, statusQName: 'ok' });
    await mgmt.loadLocalImage(0, SDE_AGFI);
    expect(await mgmt.getStatus(0)).toMatchObject({ status: 'busy' });
    mock.advanceTime(LOAD_MS);
    expect(await mgmt.getStatus(0)).toMatchObject({ status: 'loaded', statusQ: 0 });
  });

  test('a power violation: load-failed with afi-power-violation, until the next load', async () => {
    await mgmt.loadLocalImageSyncFlags(0, SDE_AGFI);
    simulated().mockPowerViolation(0);
    expect(await mgmt.describeLocalImage(0)).toMatchObject({
      status: 'load-failed',
      statusQ: 17,
      statusQName: 'afi-power-violation',
      afiId: SDE_AGFI,
    });
    expect(await mgmt.loadLocalImageSyncFlags(0, SDE_AGFI)).toMatchObject({ status: 'loaded', statusQ: 0 });
  });

  test('every status code has its SDK name; unknown ones are internal errors', async () => {
    await mgmt.loadLocalImage(0, SDE_AGFI);
    simulated().mockForceStatus(0, 4, 0);
    mock.advanceTime(LOAD_MS);
    expect(await mgmt.describeLocalImage(0)).toMatchObject({ status: 'afi-cache-in-progress', statusCode: 4 });
    await mgmt.clearLocalImage(0);
    simulated().mockForceStatus(0, 6, 99);
    mock.advanceTime(CLEAR_MS);
    expect(await mgmt.getStatus(0)).toEqual({
      status: 'internal-error',
      statusCode: 6,
      statusQ: 99,
      statusQName: 'internal-error',
    });
  });

  test('PREFETCH brings an AFI into the cache and leaves the slot as it was', async () => {
    await mgmt.loadLocalImageSyncFlags(0, SDE_AGFI);
    const prefetched = await mgmt.loadLocalImageSyncFlags(0, MEM_PERF_AGFI, FPGA_CMD_PREFETCH | GET);
    expect(prefetched).toMatchObject({ status: 'loaded', afiId: SDE_AGFI });
    expect(prefetched.metrics?.cachedAgfis).toEqual([SDE_AGFI, MEM_PERF_AGFI]);
  });

  test('the options form loads without waiting, or waiting', async () => {
    const started = await mgmt.loadLocalImageWithOptions({ slot: 0, agfi: SDE_AGFI, clockMains: [250, 0, 0] });
    expect(started).toMatchObject({ status: 'busy', afiId: SDE_AGFI });
    mock.advanceTime(LOAD_MS);
    await mgmt.clearLocalImageSync(0);
    const loaded = await mgmt.loadLocalImageWithOptions({ slot: 0, agfi: MEM_PERF_AGFI, flags: GET }, { wait: true });
    expect(loaded).toMatchObject({ status: 'loaded', afiId: MEM_PERF_AGFI });
  });
});

describe('the describe result', () => {
  test('metrics only when asked for', async () => {
    const plain = await mgmt.describeLocalImage(0, 0);
    expect('metrics' in plain).toBe(false);
    const full = await mgmt.describeLocalImage(0, GET);
    // Without a CL, only the shell's clk_main_a0 runs.
    expect(full.metrics?.clocks.a[0]).toBe(250_000_000n);
    expect(full.metrics?.intStatus).toMatchObject({ raw: 0, pcimRangeError: false });
  });

  test('power in watts while an AFI is loaded', async () => {
    const loaded = await mgmt.loadLocalImageSyncFlags(0, SDE_AGFI);
    expect(loaded.metrics?.powerWatts.last).toBeGreaterThan(0n);
    expect(loaded.metrics?.powerWatts.max).toBeGreaterThanOrEqual(loaded.metrics?.powerWatts.last ?? 0n);
  });

  test('PCIM counters, read then cleared by CLEAR_HW_METRICS', async () => {
    await mgmt.loadLocalImageSyncFlags(0, SDE_AGFI);
    simulated().mockAddPcimTraffic(0, 5, 7);
    const read = await mgmt.describeLocalImage(0, FPGA_CMD_CLEAR_HW_METRICS);
    expect(read.metrics).toMatchObject({ pcimReadCount: 5n, pcimWriteCount: 7n });
    expect((await mgmt.describeLocalImage(0)).metrics).toMatchObject({ pcimReadCount: 0n, pcimWriteCount: 0n });
  });

  test('power above 85 W: the shell warns in flags', async () => {
    await mgmt.loadLocalImageSyncFlags(0, SDE_AGFI);
    simulated().mockSetPower(0, 90);
    const metrics = (await mgmt.describeLocalImage(0)).metrics;
    expect(metrics?.powerWatts).toMatchObject({ last: 90n, max: 90n });
    expect(metrics?.flags).toBe(2n);
  });

  test('JSON.stringify writes 64-bit fields as decimal strings', async () => {
    const described = await mgmt.loadLocalImageSyncFlags(0, SDE_AGFI);
    const json = JSON.parse(JSON.stringify(described));
    expect(json).toMatchObject({ status: 'loaded', afiId: SDE_AGFI, deviceIds: SDE_DEVICE_IDS });
    expect(json.spec.app.bars[4].size).toBe(String(128n << 30n));
    expect(json.metrics.pcimWriteCount).toMatch(/^\d+$/);
    expect(json.metrics.clocks.a[0]).toBe('250000000');
    expect(json.metrics.cachedAgfis).toEqual([SDE_AGFI]);
  });

  test('cachedAgfis: AGFI strings, oldest first, cleared by CLEAR_AFI_CACHE', async () => {
    await mgmt.loadLocalImageSyncFlags(0, SDE_AGFI);
    await mgmt.loadLocalImageSyncFlags(0, MEM_PERF_AGFI);
    expect((await mgmt.describeLocalImage(0, FPGA_CMD_CLEAR_AFI_CACHE)).metrics?.cachedAgfis).toEqual([
      SDE_AGFI,
      MEM_PERF_AGFI,
    ]);
    expect((await mgmt.describeLocalImage(0)).metrics?.cachedAgfis).toEqual([]);
  });

  test('formatAgfi pads to 16 hex digits after agfi-0, as the SDK tools print', () => {
    expect(formatAgfi(0x925b211f5a81b071n)).toBe(SDE_AGFI);
    expect(formatAgfi(0xabcn)).toBe('agfi-00000000000000abc');
  });

  test('int_status and PCIM AXI protocol error bits are decoded by name', () => {
    const info = nativeInfo({ intStatus: (1 << 1) | (1 << 19) | (1 << 28), pcimAxiProtocolErrorStatus: (1 << 1) | (1 << 10) });
    const metrics = imageDescription(info, true).metrics;
    expect(metrics?.intStatus).toEqual({
      raw: (1 << 1) | (1 << 19) | (1 << 28),
      virtualJtagSlaveTimeout: true,
      dmaRangeError: false,
      dmaPcisTimeout: false,
      pcimRangeError: false,
      pcimAxiProtocolError: true,
      sdaSlaveTimeout: false,
      oclSlaveTimeout: true,
    });
    expect(metrics?.pcimAxiProtocolErrors).toMatchObject({ crossing4k: true, wchannelTimeout: true, requestSize: false });
    expect(imageDescription(info, true).metrics?.cachedAgfis).toEqual(['agfi-00000000000000001']);
  });
});

describe('arguments are checked before the device', () => {
  test.each([
    ['a slot out of range', () => mgmt.describeLocalImage(8), RangeError],
    ['a fractional slot', () => mgmt.describeLocalImage(0.5), RangeError],
    ['a slot that is not a number', () => mgmt.describeLocalImage('0' as never), TypeError],
    ['an AFI id that is not a string', () => mgmt.loadLocalImage(0, 7 as never), TypeError],
    ['an empty AFI id', () => mgmt.loadLocalImage(0, ''), RangeError],
    ['an AFI id the SDK would truncate', () => mgmt.loadLocalImage(0, `agfi-${'0'.repeat(59)}`), RangeError],
    ['an AFI id with a NUL', () => mgmt.loadLocalImage(0, `${SDE_AGFI}\0x`), RangeError],
    ['negative flags', () => mgmt.describeLocalImage(0, -1), RangeError],
    ['flags beyond 32 bits', () => mgmt.loadLocalImageFlags(0, SDE_AGFI, 2 ** 32), RangeError],
    ['a timeout beyond 32 bits', () => mgmt.clearLocalImageSync(0, 2 ** 32), RangeError],
    ['a negative delay', () => mgmt.loadLocalImageSyncFlags(0, SDE_AGFI, 0, 1, -1), RangeError],
    ['a vDIP value beyond 16 bits', () => mgmt.setVdip(0, 0x10000), RangeError],
    ['a signal that is not an AbortSignal', () => mgmt.getStatus(0, { signal: {} as never }), TypeError],
    ['an unknown option', () => mgmt.getVledStatus(0, { sginal: undefined } as never), TypeError],
    ['clockMains of two groups', () => mgmt.loadLocalImageWithOptions({ slot: 0, agfi: SDE_AGFI, clockMains: [1, 2] as never }), TypeError],
    ['a clock main the SDK would overflow', () => mgmt.loadLocalImageWithOptions({ slot: 0, agfi: SDE_AGFI, clockMains: [5000, 0, 0] }), RangeError],
    ['an unknown image key', () => mgmt.loadLocalImageWithOptions({ slot: 0, agfi: SDE_AGFI, slots: 1 } as never), TypeError],
    ['wait that is not a boolean', () => mgmt.loadLocalImageWithOptions({ slot: 0, agfi: SDE_AGFI }, { wait: 1 as never }), TypeError],
  ])('%s', async (_, call, kind) => {
    await expect(call()).rejects.toThrow(kind);
    expect(await mgmt.describeLocalImage(0)).toMatchObject({ status: 'not-programmed' });
  });

  test('the native layer checks again', () => {
    const native = ready();
    // The addon's errors come from the main realm, not jest's: compare names.
    const thrown = (call: () => unknown) => {
      try {
        call();
      } catch (error) {
        return (error as Error).name;
      }
      return 'nothing';
    };
    expect(thrown(() => native.mgmtDescribe('0' as never, 0))).toBe('TypeError');
    expect(thrown(() => native.mgmtDescribe(8, 0))).toBe('RangeError');
    expect(thrown(() => native.mgmtLoad(0, 'x'.repeat(64)))).toBe('RangeError');
    expect(thrown(() => native.mgmtLoad(0, `${SDE_AGFI}\0`))).toBe('RangeError');
    expect(thrown(() => native.mgmtSetVdip(0, 0x10000))).toBe('RangeError');
    expect(thrown(() => native.mgmtLoadSyncWithOptions(0, SDE_AGFI, 0, 0, 0, 0, -1, 0))).toBe('RangeError');
    expect(thrown(() => native.clkgenSetRecipe(0, 0, 0, 0, 0, 1.5))).toBe('RangeError');
  });
});

describe('refusals from the SDK reject with FpgaError', () => {
  test('describe ignores flags it does not know, as the SDK does; a load refuses the ones F2 does not support', async () => {
    expect(await mgmt.describeLocalImage(0, FPGA_CMD_FORCE_SHELL_RELOAD | 0x4000_0000)).toMatchObject({ status: 'not-programmed' });
    const load = await rejection(mgmt.loadLocalImageFlags(0, SDE_AGFI, FPGA_CMD_DRAM_DATA_RETENTION));
    expect(load).toMatchObject({ errno: 24, code: 'software-problem', call: 'mgmt.loadLocalImageFlags', slot: 0 });
  });

  test.each([
    ['afi-0925b211f5a81b071', /regional AFI id; load its global id/],
    ['AGFI-0925B211F5A81B071', /did you mean "agfi-0925b211f5a81b071"\?/],
    [' agfi-0925b211f5a81b071', /got " agfi-0925b211f5a81b071"; did you mean "agfi-0925b211f5a81b071"\?/],
    ['agfi-0925b211f5a81b07', /17 lowercase hex digits .*got "agfi-0925b211f5a81b07"$/],
  ])('an AFI id of the wrong form (%j) is refused before it reaches the device', async (agfi, hint) => {
    const error = await mgmt.loadLocalImage(0, agfi).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toMatch(hint);
    expect(await mgmt.describeLocalImage(0)).toMatchObject({ status: 'not-programmed' });
  });

  test('a sync load of an unknown AFI ends with its status_q, invalid-afi-id', async () => {
    expect(await rejection(syncLoad(0, UNKNOWN_AGFI))).toMatchObject({ errno: 5, code: 'invalid-afi-id', slot: 0 });
    expect(await mgmt.describeLocalImage(0)).toMatchObject({ status: 'load-failed', statusQ: 5 });
  });

  test('a sync load that ends in another status rejects with its status_q', async () => {
    realTimeDevice(200);
    const load = syncLoad(0, SDE_AGFI);
    await delay(50);
    simulated().mockForceStatus(0, 7, 17);
    expect(await rejection(load)).toMatchObject({ errno: 17, code: 'afi-power-violation', call: 'mgmt.loadLocalImageSyncFlags' });
  });

  test('an AFI the service fails to load, or built for another shell', async () => {
    simulated().mockAddAfi({ afiId: 'agfi-0000000000000c1d0', loadFailsWith: 12 });
    simulated().mockAddAfi({ afiId: 'agfi-0000000000000f100', shVersion: 0x1 });
    expect(await rejection(mgmt.loadLocalImageSyncFlags(0, 'agfi-0000000000000c1d0'))).toMatchObject({
      errno: 12,
      code: 'cl-id-mismatch',
    });
    expect(await rejection(mgmt.loadLocalImageSyncFlags(0, 'agfi-0000000000000f100'))).toMatchObject({
      errno: 16,
      code: 'shell-version-not-supported',
    });
  });

  test('a mailbox that does not answer: -ETIMEDOUT after the command timeout', async () => {
    mgmt.setCmdTimeout(3);
    mgmt.setCmdDelayMsec(1);
    simulated().mockSetUnresponsive(0, true);
    const error = await rejection(mgmt.describeLocalImage(0));
    expect(error).toMatchObject({ name: 'FpgaError', errno: -110, code: 'ETIMEDOUT', call: 'mgmt.describeLocalImage' });
    expect(error.message).toMatch(/^mgmt.describeLocalImage failed on slot 0: Connection timed out \(ETIMEDOUT, -110\)\. The request timed out\./);
    simulated().mockSetUnresponsive(0, false);
    expect(await mgmt.describeLocalImage(0)).toMatchObject({ status: 'not-programmed' });
  });

  test('a load while another runs: busy', async () => {
    await mgmt.loadLocalImage(0, SDE_AGFI);
    expect(await rejection(mgmt.loadLocalImage(0, MEM_PERF_AGFI))).toMatchObject({ errno: 3, code: 'busy' });
    expect(await rejection(mgmt.clearLocalImage(0))).toMatchObject({ errno: 3, call: 'mgmt.clearLocalImage' });
  });

  test('a slot the instance does not have', async () => {
    const error = await rejection(mgmt.describeLocalImage(3));
    expect(error).toMatchObject({ slot: 3, call: 'mgmt.describeLocalImage', errno: 25, code: 'unresponsive' });
    expect(error.message).toBe(
      'mgmt.describeLocalImage failed on slot 3: unresponsive (SDK error 25): this instance has no slot 3: it has only slot 0; ' +
        'the simulated device gets more with mock.reset({ slots: 8 }) or AWS_FPGA_MOCK_SLOTS=8',
    );
  });

  test('the error points at the calling code', async () => {
    const error = await rejection(mgmt.loadLocalImageFlags(0, SDE_AGFI, FPGA_CMD_FORCE_SHELL_RELOAD));
    expect(error.stack).toMatch(/^FpgaError: mgmt.loadLocalImageFlags failed on slot 0: software-problem \(SDK error 24\)\. The library/);
    expect(error.stack).toContain('mgmt.test.ts');
    expect(error.stack).not.toContain(path.join(__dirname, '..', 'lib') + path.sep);
  });

  test('after the last FpgaMgmt closes, the SDK answers software-problem (a call before init)', async () => {
    const other = new FpgaMgmt();
    await mgmt.close();
    expect(await other.describeLocalImage(0)).toMatchObject({ status: 'not-programmed' });
    await other.close();
    expect(await rejection(ready().mgmtDescribe(0, 0))).toMatchObject({ errno: 24, code: 'software-problem' });
    expect(() => ready().mgmtClose()).toThrow(/without a matching open/);
  });
});

describe('virtual LEDs and DIP switches, and command settings', () => {
  test('setVdip, getVdipStatus and getVledStatus', async () => {
    await mgmt.setVdip(0, 1 << 5);
    expect(await mgmt.getVdipStatus(0)).toBe(1 << 5);
    expect(await mgmt.getVledStatus(0)).toBe(0);
  });

  test('setCmdTimeout and setCmdDelayMsec take 32-bit values', () => {
    expect(() => mgmt.setCmdTimeout(-1)).toThrow(RangeError);
    expect(() => mgmt.setCmdDelayMsec(1.5)).toThrow(RangeError);
    expect(() => mgmt.setCmdTimeout('1' as never)).toThrow(TypeError);
  });

  test('strerror, strerrorLong and getStatusName', () => {
    expect(FpgaMgmt.strerror(5)).toBe('invalid-afi-id');
    expect(FpgaMgmt.strerror(-110)).toBe('Connection timed out');
    expect(FpgaMgmt.strerror(99)).toBe('internal-error');
    expect(FpgaMgmt.strerrorLong(17)?.split('\n').length).toBeGreaterThan(2);
    expect(FpgaMgmt.strerrorLong(-110)).toMatch(/retry/);
    expect(FpgaMgmt.strerrorLong(0)).toBeNull();
    expect(FpgaMgmt.getStatusName(7)).toBe('load-failed');
    expect(FpgaMgmt.getStatusName(6)).toBe('internal-error');
    expect(() => FpgaMgmt.strerror('5' as never)).toThrow(TypeError);
  });
});

describe('one slot at a time, slots in parallel', () => {
  test('ten describes on one slot complete in the order made', async () => {
    const order: number[] = [];
    await Promise.all(Array.from({ length: 10 }, (_, i) => mgmt.describeLocalImage(0).then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test('each call sees the effect of the calls made before it', async () => {
    const [before, , during, , first, , second] = await Promise.all([
      mgmt.describeLocalImage(0),
      mgmt.loadLocalImage(0, SDE_AGFI),
      mgmt.getStatus(0),
      mgmt.setVdip(0, 1),
      mgmt.getVdipStatus(0),
      mgmt.setVdip(0, 2),
      mgmt.getVdipStatus(0),
    ]);
    expect(before.status).toBe('not-programmed');
    expect(during.status).toBe('busy');
    expect([first, second]).toEqual([1, 2]);
  });

  test('native calls made past the queue are still one at a time per slot', async () => {
    const native = ready();
    const writes = Array.from({ length: 20 }, (_, i) => native.mgmtSetVdip(0, i));
    const reads = Array.from({ length: 20 }, () => native.mgmtGetVdipStatus(0));
    await Promise.all(writes);
    for (const value of await Promise.all(reads)) expect(value).toBeLessThan(20);
  });

  test('eight slots load in parallel', async () => {
    realTimeDevice(200, 8);
    let started = performance.now();
    await syncLoad(0, SDE_AGFI);
    const one = performance.now() - started;
    started = performance.now();
    const loaded = await Promise.all(SLOTS.map((slot) => syncLoad(slot, MEM_PERF_AGFI)));
    const all = performance.now() - started;
    loaded.forEach((described, slot) => expect(described).toMatchObject({ slotId: slot, status: 'loaded' }));
    // One after the other would take eight times one; the thread pool runs at least four at once.
    expect(all).toBeLessThan(4 * one);
  });

  test('the event loop stays responsive while a sync load waits', async () => {
    realTimeDevice(300);
    let ticks = 0;
    let worstLateness = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worstLateness = Math.max(worstLateness, now - last - 10);
      last = now;
      ticks++;
    }, 10);
    const started = performance.now();
    const loaded = await syncLoad(0, SDE_AGFI);
    clearInterval(timer);
    expect(loaded.status).toBe('loaded');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(ticks).toBeGreaterThanOrEqual(15);
    expect(worstLateness).toBeLessThan(100);
  });
});

describe('aborting a waiting call', () => {
  test('rejects at once; the load runs to its end and the slot stays usable', async () => {
    realTimeDevice(400);
    const controller = new AbortController();
    const load = syncLoad(0, SDE_AGFI, controller.signal);
    const queuedBehind = mgmt.describeLocalImage(0);
    await delay(50);
    const abortedAt = performance.now();
    controller.abort();
    await expect(load).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - abortedAt).toBeLessThan(50);
    expect(await queuedBehind).toMatchObject({ status: 'loaded', afiId: SDE_AGFI });
    expect(performance.now() - abortedAt).toBeGreaterThan(250);
    expect(await mgmt.clearLocalImageSync(0, POLL.timeout, POLL.delayMsec)).toMatchObject({ status: 'cleared' });
  });

  test('a call aborted while waiting for its turn never reaches the device', async () => {
    realTimeDevice(200);
    const first = syncLoad(0, SDE_AGFI);
    const controller = new AbortController();
    const second = mgmt.loadLocalImage(0, MEM_PERF_AGFI, { signal: controller.signal });
    controller.abort(new Error('changed my mind'));
    await expect(second).rejects.toThrow('changed my mind');
    expect((await first).afiId).toBe(SDE_AGFI);
    expect(await mgmt.describeLocalImage(0)).toMatchObject({ status: 'loaded', afiId: SDE_AGFI });
  });

  test('an already aborted signal rejects without queueing', async () => {
    await expect(mgmt.loadLocalImage(0, SDE_AGFI, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    const options = { wait: true, signal: AbortSignal.abort() };
    await expect(mgmt.loadLocalImageWithOptions({ slot: 0, agfi: SDE_AGFI }, options)).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(await mgmt.describeLocalImage(0)).toMatchObject({ status: 'not-programmed' });
  });
});

describe('closing', () => {
  test('close waits for the calls in flight, then refuses new ones', async () => {
    realTimeDevice(200);
    const started = performance.now();
    const load = syncLoad(0, SDE_AGFI);
    const closing = mgmt.close();
    expect(mgmt.close()).toBe(closing);
    await closing;
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(await load).toMatchObject({ status: 'loaded' });
    await expect(mgmt.describeLocalImage(0)).rejects.toThrow(/closed/);
    expect(() => mgmt.setCmdTimeout(1)).toThrow(/closed/);
  });

  test('close waits for an aborted call still in the SDK', async () => {
    realTimeDevice(200);
    const controller = new AbortController();
    const started = performance.now();
    const load = syncLoad(0, SDE_AGFI, controller.signal);
    await delay(20);
    controller.abort();
    await expect(load).rejects.toMatchObject({ name: 'AbortError' });
    await mgmt[Symbol.asyncDispose]();
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });
});

describe('the process and its threads end cleanly while a load waits', () => {
  const root = path.join(__dirname, '..');
  const setup = `
    const native = require(${JSON.stringify(path.join(root, 'node_modules', 'node-gyp-build'))})(${JSON.stringify(root)});
    native.useMock();
    native.mockReset({ loadTimeMs: 300, clearTimeMs: 300, virtualTime: false });
    native.mgmtOpen();
    native.mgmtLoadSyncFlags(0, ${JSON.stringify(SDE_AGFI)}, 2, 60000, 5).then((d) => console.log('loaded', d.status));
  `;

  function run(script: string) {
    return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 10000 });
  }

  test('process.exit() during the wait', () => {
    const result = run(`${setup}; setTimeout(() => process.exit(3), 50);`);
    expect(result).toMatchObject({ status: 3, signal: null, stderr: '' });
    expect(result.stdout).not.toContain('loaded');
  });

  test('the event loop ending on its own waits for the load', () => {
    const result = run(setup);
    expect(result).toMatchObject({ status: 0, signal: null, stderr: '' });
    expect(result.stdout).toContain('loaded 0');
  });

  test('a worker thread terminated during the wait', () => {
    const result = run(`
      const { Worker } = require('worker_threads');
      const worker = new Worker(${JSON.stringify(setup)}, { eval: true });
      setTimeout(() => worker.terminate().then(() => console.log('terminated')), 50);
    `);
    expect(result).toMatchObject({ status: 0, signal: null, stderr: '' });
    expect(result.stdout).toContain('terminated');
  });
});

// A native describe result with every field zero but the given metrics.
function nativeInfo(metrics: { intStatus: number; pcimAxiProtocolErrorStatus: number }): NativeImageInfo {
  const map = { vendorId: 0, deviceId: 0, subsystemDeviceId: 0, subsystemVendorId: 0, domain: 0, bus: 0, dev: 0, func: 0, bars: [] };
  return {
    status: 0,
    statusQ: 0,
    slotId: 0,
    afiId: 'none',
    afiDeviceIds: { vendorId: 0, deviceId: 0, subsystemVendorId: 0, subsystemDeviceId: 0 },
    spec: { app: map, mgmt: map },
    shVersion: 0,
    metrics: {
      ...metrics,
      pcimRangeErrorAddr: 0n,
      pcimRangeErrorCount: 0,
      pcimAxiProtocolErrorAddr: 0n,
      pcimAxiProtocolErrorCount: 0,
      pcimWriteCount: 0n,
      pcimReadCount: 0n,
      dmaPcisTimeoutAddr: 0n,
      dmaPcisTimeoutCount: 0,
      oclSlaveTimeoutAddr: 0,
      oclSlaveTimeoutCount: 0,
      sdaSlaveTimeoutAddr: 0n,
      sdaSlaveTimeoutCount: 0,
      virtualJtagSlaveTimeoutAddr: 0,
      virtualJtagSlaveTimeoutCount: 0,
      virtualJtagWriteCount: 0,
      virtualJtagReadCount: 0,
      ddrIfs: [{ writeCount: 0n, readCount: 0n }],
      clocks: [[0n], [0n], [0n]],
      powerMean: 0n,
      powerMax: 0n,
      power: 0n,
      cachedAgfis: [0n, 1n, 0n],
      flags: 0n,
    },
  };
}
