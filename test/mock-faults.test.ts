// Fault injection on the simulated device: every operation class fails with
// the injected code as FpgaError (with the right op), busy slots, latency in
// virtual and real time, denied attaches, and the typed slot controls.
import { setTimeout as delay } from 'timers/promises';
import { APP_PF, FpgaClkgen, FpgaError, FpgaMgmt, FpgaPci, mock, type FaultOp } from '../lib';
import { Bars, freshDevice, load, rejection, thrown } from './harness-support';

const SDE = 'agfi-0925b211f5a81b071';
const MEM_PERF = 'agfi-080817d089f3cd2ed'; // carries AWS_CLK_GEN
const PCI_MISSING = 20;
const EIO = -5;

let mgmt: FpgaMgmt;
const pci = new FpgaPci();
const clkgen = new FpgaClkgen();
const bars = new Bars();

beforeEach(() => {
  freshDevice(2);
  mgmt = new FpgaMgmt();
});

afterEach(async () => {
  bars.detachAll();
  await mgmt.close();
});

/** What a call that may return a Promise throws or rejects with. */
async function failure(call: () => unknown): Promise<FpgaError> {
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    expect(error).toBeInstanceOf(FpgaError);
    return error as FpgaError;
  }
  return rejection(Promise.resolve(result));
}

describe('failNext', () => {
  const ocl = () => bars.attach(0);
  const cases: [FaultOp, string, () => unknown][] = [
    ['attach', 'pci.attach', () => bars.attach(0)],
    ['peek', 'bar.peek', () => ocl().peek(0)],
    ['peek', 'bar.peek8', () => ocl().peek8(0)],
    ['peek', 'bar.peek64', () => ocl().peek64(0)],
    ['poke', 'bar.poke', () => ocl().poke(0, 1)],
    ['poke', 'bar.poke8', () => ocl().poke8(0, 1)],
    ['poke', 'bar.poke64', () => ocl().poke64(0, 1n)],
    ['writeBurst', 'bar.writeBurst', () => ocl().writeBurst(0, [1, 2])],
    ['memset', 'bar.memset', () => ocl().memset(0, 1, 2)],
    ['getAddress', 'bar.view', () => ocl().view(0, 8)],
    ['getSlotSpec', 'pci.getSlotSpec', () => pci.getSlotSpec(0)],
    ['getSlotSpec', 'pci.getAllSlotSpecs', () => pci.getAllSlotSpecs()],
    ['getResourceMap', 'pci.getResourceMap', () => pci.getResourceMap(0, APP_PF)],
    ['rescan', 'pci.rescanSlotAppPfs', () => pci.rescanSlotAppPfs(0)],
    ['describe', 'mgmt.describeLocalImage', () => mgmt.describeLocalImage(0)],
    ['getStatus', 'mgmt.getStatus', () => mgmt.getStatus(0)],
    ['load', 'mgmt.loadLocalImage', () => mgmt.loadLocalImage(0, SDE)],
    ['load', 'mgmt.loadLocalImageSyncFlags', () => mgmt.loadLocalImageSyncFlags(0, SDE)],
    ['load', 'mgmt.loadLocalImageWithOptions', () => mgmt.loadLocalImageWithOptions({ slot: 0, agfi: SDE }, { wait: true })],
    ['clear', 'mgmt.clearLocalImage', () => mgmt.clearLocalImage(0)],
    ['clear', 'mgmt.clearLocalImageSync', () => mgmt.clearLocalImageSync(0)],
    ['getVled', 'mgmt.getVledStatus', () => mgmt.getVledStatus(0)],
    ['setVdip', 'mgmt.setVdip', () => mgmt.setVdip(0, 1)],
    ['getVdip', 'mgmt.getVdipStatus', () => mgmt.getVdipStatus(0)],
    ['clkgenGet', 'clkgen.getDynamic', () => clkgen.getDynamic(0)],
    ['clkgenSet', 'clkgen.setRecipe', () => clkgen.setRecipe(0, 0, 0, 0, 0)],
    ['clkgenSet', 'clkgen.setDynamic', () => clkgen.setDynamic(0, 125, 125, 150, 125)],
  ];

  it.each(cases)('%s fails %s with the injected code, once', async (op, method, call) => {
    await load(mgmt, 0, MEM_PERF);
    const code = op === 'describe' || op === 'load' ? EIO : PCI_MISSING;
    mock.failNext(op, code);
    const error = await failure(call);
    expect(error).toMatchObject({ errno: code, call: method, slot: method === 'pci.getAllSlotSpecs' ? undefined : 0 });
    await Promise.resolve(call()); // the next call goes through
  });

  it('fails detach after releasing the handle, which is not leaked', async () => {
    const bar = pci.attach(0, APP_PF, 0);
    mock.failNext('detach', EIO);
    expect(thrown(() => bar.detach())).toMatchObject({ errno: EIO, call: 'bar.detach' });
    expect(bar.attached).toBe(false);
    expect(bars.attach(0).handle).toBe(bar.handle);
  });

  it('fails `count` calls, on the given slot only, a slot`s own faults first', () => {
    const [a, b] = [bars.attach(0), bars.attach(1)];
    mock.failNext('peek', EIO, { count: 2 });
    mock.failNext('peek', PCI_MISSING, { slot: 1 });
    expect(thrown(() => b.peek(0))).toMatchObject({ errno: PCI_MISSING, slot: 1 });
    expect(thrown(() => a.peek(0))).toMatchObject({ errno: EIO, slot: 0 });
    expect(thrown(() => b.peek(0))).toMatchObject({ errno: EIO, slot: 1 });
    expect(a.peek(0)).toBe(0);
    expect(b.peek(0)).toBe(0);
  });

  it('cancels with count 0, and is forgotten at reset', () => {
    const ocl = bars.attach(0);
    mock.failNext('poke', EIO);
    mock.failNext('poke', EIO, { count: 0 });
    ocl.poke(0, 1);
    mock.failNext('poke', EIO);
    freshDevice(2);
    ocl.poke(0, 1);
  });

  it.each([
    [() => mock.failNext('peak' as FaultOp, EIO), RangeError, /op must be one of attach/],
    [() => mock.failNext('peek', 0), RangeError, /must not be 0/],
    [() => mock.failNext('peek', 1.5), RangeError, /code/],
    [() => mock.failNext('peek', EIO, { count: -1 }), RangeError, /count/],
    [() => mock.failNext('peek', EIO, { slot: 8 }), RangeError, /slot/],
    [() => mock.failNext('peek', EIO, { times: 2 } as never), TypeError, /no option 'times'/],
  ])('checks its arguments (%#)', (call, type, message) => {
    const error = thrown(call);
    expect(error).toBeInstanceOf(type);
    expect(error.message).toMatch(message);
  });
});

describe('setSlotBusy', () => {
  it('reports busy and refuses loads and clears with busy (3) until released', async () => {
    mock.setSlotBusy(0);
    expect((await mgmt.describeLocalImage(0)).status).toBe('busy');
    expect(await rejection(mgmt.loadLocalImage(0, SDE))).toMatchObject({ errno: 3, code: 'busy', call: 'mgmt.loadLocalImage' });
    expect(await rejection(mgmt.loadLocalImageSyncFlags(0, SDE))).toMatchObject({ errno: 3 });
    expect(await rejection(mgmt.clearLocalImageSync(0))).toMatchObject({ errno: 3, call: 'mgmt.clearLocalImageSync' });
    expect(await mgmt.getStatus(0)).toMatchObject({ status: 'busy' });
    mock.setSlotBusy(0, false);
    expect((await mgmt.describeLocalImage(0)).status).toBe('not-programmed');
    expect((await mgmt.describeLocalImage(1)).status).toBe('not-programmed');
  });
});

describe('setLatency', () => {
  it('moves virtual time by each command`s latency, with no real wait', async () => {
    mock.setLatency({ loadMs: 5000, clearMs: 7000, describeMs: 60_000 });
    const started = Date.now();
    let before = mock.now();
    await mgmt.describeLocalImage(0);
    expect(mock.now() - before).toBe(60_000);
    before = mock.now();
    await mgmt.loadLocalImage(0, SDE); // the load command, then describe
    expect(mock.now() - before).toBe(65_000);
    before = mock.now();
    await mgmt.clearLocalImage(0);
    expect(mock.now() - before).toBe(67_000);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('delays the thread-pool call in real time, without blocking JavaScript', async () => {
    mock.reset({ virtualTime: false, loadTimeMs: 0, clearTimeMs: 0 });
    mock.setLatency({ describeMs: 200 });
    const started = process.hrtime.bigint();
    let timerFired = false;
    const timer = delay(20).then(() => (timerFired = true));
    await mgmt.describeLocalImage(0);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeGreaterThanOrEqual(195);
    expect(timerFired).toBe(true);
    await timer;
  });

  it('replaces every latency at once and checks its argument', () => {
    mock.setLatency({ describeMs: 1000 });
    mock.setLatency({});
    expect(thrown(() => mock.setLatency({ describeMs: -1 }))).toBeInstanceOf(RangeError);
    expect(thrown(() => mock.setLatency({ describe: 1 } as never))).toBeInstanceOf(TypeError);
  });
});

describe('denyAttach', () => {
  it('fails attach with unresponsive (25), as without permission, on one slot or all', () => {
    mock.denyAttach(0);
    expect(thrown(() => bars.attach(0))).toMatchObject({ errno: 25, code: 'unresponsive', call: 'pci.attach', slot: 0 });
    bars.attach(1);
    mock.denyAttach();
    expect(thrown(() => bars.attach(1))).toMatchObject({ errno: 25 });
    mock.denyAttach(undefined, false);
    bars.attach(0);
  });

  it('leaves management calls alone', async () => {
    mock.denyAttach();
    await load(mgmt, 0, SDE);
    expect((await mgmt.describeLocalImage(0)).status).toBe('loaded');
  });
});

describe('typed controls of the device', () => {
  it('adds an AFI to the catalog, with its ids', async () => {
    mock.addAfi({ afiId: 'agfi-0aaaaaaaaaaaaaaaa', deviceId: 0xf00d, powerWatts: 3 });
    await load(mgmt, 0, 'agfi-0aaaaaaaaaaaaaaaa');
    expect((await mgmt.describeLocalImage(0)).deviceIds.deviceId).toBe(0xf00d);
    expect(thrown(() => mock.addAfi({ afiId: 'agfi-123' }))).toBeInstanceOf(RangeError);
    expect(thrown(() => mock.addAfi({ afiId: 'agfi-0aaaaaaaaaaaaaaaa', vendorId: 0x10000 }))).toBeInstanceOf(RangeError);
  });

  it('sets the power draw and raises a power violation', async () => {
    await load(mgmt, 0, SDE);
    mock.setPower(0, 90);
    const { metrics } = await mgmt.describeLocalImage(0);
    expect(metrics!.powerWatts.last).toBe(90n);
    expect(metrics!.flags).toBe(2n);
    mock.powerViolation(0);
    expect(await mgmt.describeLocalImage(0)).toMatchObject({ status: 'load-failed', statusQ: 17 });
    expect(bars.attach(0).peek(0)).toBe(0xffffffff);
  });

  it('forces the outcome of the next load', async () => {
    mock.forceStatus(0, 7, 6);
    await mgmt.loadLocalImage(0, SDE);
    mock.advanceTime(100);
    expect(await mgmt.describeLocalImage(0)).toMatchObject({ status: 'load-failed', statusQ: 6 });
  });

  it('counts PCIM traffic', async () => {
    mock.addPcimTraffic(1, 3, 4);
    const { metrics } = await mgmt.describeLocalImage(1);
    expect([metrics!.pcimReadCount, metrics!.pcimWriteCount]).toEqual([3n, 4n]);
  });

  it('makes the mailbox unresponsive', async () => {
    mgmt.setCmdTimeout(1);
    mgmt.setCmdDelayMsec(1);
    mock.setUnresponsive(0);
    expect(await rejection(mgmt.describeLocalImage(0))).toMatchObject({ code: 'ETIMEDOUT' });
    mock.setUnresponsive(0, false);
    await mgmt.describeLocalImage(0);
    mgmt.setCmdTimeout(2500);
    mgmt.setCmdDelayMsec(2);
  });

  it('tells the device time and checks slots', () => {
    const before = mock.now();
    mock.advanceTime(250);
    expect(mock.now()).toBe(before + 250);
    expect(thrown(() => mock.setPower(8, 1))).toBeInstanceOf(RangeError);
    expect(thrown(() => mock.setSlotBusy(0, 'yes' as never))).toBeInstanceOf(TypeError);
  });
});
