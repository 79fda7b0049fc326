// Watching a slot on the simulated device: virtual time where the device's
// state is changed by the test, real time where the timing of polls matters.
import { setTimeout as delay } from 'timers/promises';
import {
  APP_PF,
  FpgaError,
  FpgaMgmt,
  FpgaPci,
  MGMT_PF,
  mock,
  openSlot,
  watchSlot,
  type CallOptions,
  type ImageDescription,
  type SlotWatcher,
  type WatchEvent,
  type WatchEventMap,
  type WatchEventType,
  type WatchOptions,
} from '../lib';
import { CLEAR_MS, LOAD_MS, SDE_AGFI, simulated, virtualDevice } from './afis';
import { runNode } from './helpers/child';

// The SDK's own mailbox settings, restored after the tests that shorten them.
const SDK_CMD_TIMEOUT = 2500;
const SDK_CMD_DELAY_MS = 2;

let mgmt: FpgaMgmt;
const watchers: SlotWatcher[] = [];

beforeEach(() => {
  virtualDevice();
  mgmt = new FpgaMgmt();
});

afterEach(async () => {
  await Promise.all(watchers.splice(0).map((watcher) => watcher.stop()));
  await mgmt.close();
});

/** A watcher of slot 0 through the test's FpgaMgmt, polling every ms, and an iteration over its events. */
function watch(options: WatchOptions = {}) {
  const watcher = watchSlot(0, { intervalMs: 1, mgmt, ...options });
  watchers.push(watcher);
  return { watcher, events: watcher[Symbol.asyncIterator]() };
}

/** Takes events until one of `type` that `where` accepts; returns it and the events taken before it. */
async function take<Type extends WatchEventType>(
  events: AsyncIterator<WatchEvent>,
  type: Type,
  where: (event: WatchEventMap[Type]) => boolean = () => true,
): Promise<{ event: WatchEventMap[Type]; before: WatchEvent[] }> {
  const before: WatchEvent[] = [];
  for (;;) {
    const { value, done } = await events.next();
    if (done === true) throw new Error(`the watcher stopped before a ${type} event`);
    if (value.type === type && where(value as WatchEventMap[Type])) return { event: value as WatchEventMap[Type], before };
    before.push(value);
  }
}

/** Takes events of `type` until their new counts add up to `expected`. */
async function takeCounted(events: AsyncIterator<WatchEvent>, type: 'ocl-timeout' | 'sda-timeout' | 'pcis-timeout', expected: number) {
  const taken: WatchEventMap[typeof type][] = [];
  while (taken.reduce((sum, event) => sum + event.count, 0) < expected) taken.push((await take(events, type)).event);
  return taken;
}

/** Takes what is left until the watcher stops. */
async function rest(events: AsyncIterator<WatchEvent>): Promise<WatchEvent[]> {
  const left: WatchEvent[] = [];
  for (let next = await events.next(); next.done !== true; next = await events.next()) left.push(next.value);
  return left;
}

const typesOf = (events: WatchEvent[]) => events.map((event) => event.type);

/** An FpgaMgmt whose describes take `ms` longer, recording when each starts and ends. */
class SlowMgmt extends FpgaMgmt {
  readonly calls: { start: number; end?: number }[] = [];
  inFlight = 0;
  mostInFlight = 0;

  constructor(private readonly ms: number) {
    super();
  }

  override async describeLocalImage(slot: number, flags?: number, options?: CallOptions): Promise<ImageDescription> {
    const call: { start: number; end?: number } = { start: performance.now() };
    this.calls.push(call);
    this.mostInFlight = Math.max(this.mostInFlight, ++this.inFlight);
    try {
      await delay(this.ms);
      return await super.describeLocalImage(slot, flags, options);
    } finally {
      this.inFlight--;
      call.end = performance.now();
    }
  }
}

async function slowMgmt(ms: number, use: (slow: SlowMgmt) => Promise<void>): Promise<void> {
  const slow = new SlowMgmt(ms);
  try {
    await use(slow);
  } finally {
    await slow.close();
  }
}

describe('power', () => {
  test('each poll reports the last, mean and maximum power', async () => {
    await mgmt.loadLocalImage(0, SDE_AGFI);
    mock.advanceTime(LOAD_MS);
    simulated().mockSetPower(0, 40);
    mock.advanceTime(1000);
    simulated().mockSetPower(0, 20);
    mock.advanceTime(1000);
    const { events } = watch();
    // Since the load: 40 W for a second, then 20 W for a second.
    expect((await take(events, 'power')).event).toMatchObject({ slot: 0, watts: { last: 20n, mean: 30n, max: 40n } });
    expect((await take(events, 'power')).event.watts.last).toBe(20n);
  });

  test('above 85 W: power-warning once, and power-normal when it drops back', async () => {
    await mgmt.loadLocalImageSyncFlags(0, SDE_AGFI);
    const { events } = watch();
    await take(events, 'power');
    simulated().mockSetPower(0, 90);
    const warning = await take(events, 'power-warning');
    expect(warning.event.watts).toMatchObject({ last: 90n, max: 90n });
    expect(typesOf(warning.before)).not.toContain('power-normal');
    const polledWhileWarned = [await take(events, 'power'), await take(events, 'power'), await take(events, 'power')];
    simulated().mockSetPower(0, 50);
    const normal = await take(events, 'power-normal');
    expect(normal.event.watts.last).toBe(50n);
    expect(typesOf([...polledWhileWarned.flatMap(({ before }) => before), ...normal.before])).not.toContain('power-warning');
  });

  test('a power violation: once, after the status change, until the AFI is loaded again', async () => {
    await mgmt.loadLocalImageSyncFlags(0, SDE_AGFI);
    const { events } = watch();
    await take(events, 'power');
    simulated().mockPowerViolation(0);
    const violation = await take(events, 'power-violation');
    expect(violation.event).toMatchObject({
      status: { status: 'load-failed', statusCode: 7, statusQ: 17, statusQName: 'afi-power-violation', afiId: SDE_AGFI },
      gated: true,
      watts: { last: 0n },
    });
    expect(violation.before.at(-2)).toMatchObject({ type: 'status', previous: { status: 'loaded' }, current: { statusQ: 17 } });
    const afterwards = [await take(events, 'power'), await take(events, 'power')];
    expect(typesOf(afterwards.flatMap(({ before }) => before))).not.toContain('power-violation');
    await mgmt.loadLocalImageSyncFlags(0, SDE_AGFI);
    expect((await take(events, 'power-normal')).before.map((event) => event.type)).not.toContain('power-violation');
  });
});

test('status changes through a load and a clear, old and new with their names', async () => {
  const { events } = watch();
  const changes: WatchEventMap['status'][] = [];
  const next = async (status: string) => {
    const { event, before } = await take(events, 'status', ({ current }) => current.status === status);
    expect(typesOf(before)).not.toContain('status');
    changes.push(event);
  };
  await next('not-programmed');
  await mgmt.loadLocalImage(0, SDE_AGFI);
  await next('busy');
  mock.advanceTime(LOAD_MS);
  await next('loaded');
  await mgmt.clearLocalImage(0);
  await next('busy');
  mock.advanceTime(CLEAR_MS);
  await next('cleared');
  expect(changes.map(({ previous, current }) => [previous?.status ?? null, current.status, current.afiId])).toEqual([
    [null, 'not-programmed', null],
    ['not-programmed', 'busy', SDE_AGFI],
    ['busy', 'loaded', SDE_AGFI],
    ['loaded', 'busy', SDE_AGFI],
    ['busy', 'cleared', null],
  ]);
  expect(changes[2].current).toEqual({ status: 'loaded', statusCode: 0, statusQ: 0, statusQName: 'ok', afiId: SDE_AGFI });
});

test("after a violation the design's interfaces time out: each poll reports the new timeouts", async () => {
  await mgmt.loadLocalImageSyncFlags(0, SDE_AGFI);
  const { events } = watch();
  await take(events, 'power');
  simulated().mockPowerViolation(0);
  await take(events, 'power-violation');
  const pci = new FpgaPci();
  using ocl = pci.attach(0, APP_PF, 0);
  using pcis = pci.attach(0, APP_PF, 4);
  using sda = pci.attach(0, MGMT_PF, 4);

  for (let i = 0; i < 3; i++) expect(ocl.peek(0x500)).toBe(0xffffffff);
  let taken = await takeCounted(events, 'ocl-timeout', 3);
  expect(taken.at(-1)).toMatchObject({ total: 3, address: 0x500n });

  ocl.poke(0x504, 1);
  ocl.poke(0x504, 2);
  taken = await takeCounted(events, 'ocl-timeout', 2);
  expect(taken.at(-1)).toMatchObject({ total: 5, address: 0x504n });

  pcis.poke(0x1000, 1);
  pcis.poke(0x1000, 2);
  expect((await takeCounted(events, 'pcis-timeout', 2)).at(-1)).toMatchObject({ total: 2, address: 0x1000n });

  sda.peek(0x40);
  expect(await takeCounted(events, 'sda-timeout', 1)).toEqual([expect.objectContaining({ count: 1, total: 1, address: 0x40n })]);
});

describe('polling', () => {
  test('polls never overlap: each starts an interval after the one before has settled', async () => {
    await slowMgmt(15, async (slow) => {
      const { watcher, events } = watch({ mgmt: slow, intervalMs: 5, polls: 6 });
      expect(typesOf(await rest(events)).filter((type) => type === 'power')).toHaveLength(6);
      expect(watcher.polls).toBe(6);
      expect(slow.calls).toHaveLength(6);
      expect(slow.mostInFlight).toBe(1);
      // Timers may fire up to a millisecond early.
      for (let i = 1; i < slow.calls.length; i++) expect(slow.calls[i].start).toBeGreaterThanOrEqual(slow.calls[i - 1].end! + 4);
    });
  });

  test('a failed poll is reported with its FpgaError, and polling goes on', async () => {
    mgmt.setCmdTimeout(2);
    mgmt.setCmdDelayMsec(1);
    try {
      simulated().mockSetUnresponsive(0, true);
      const { watcher, events } = watch();
      const failures = [await take(events, 'error'), await take(events, 'error')];
      for (const { event } of failures) {
        expect(event.error).toBeInstanceOf(FpgaError);
        expect(event.error).toMatchObject({ errno: -110, code: 'ETIMEDOUT', call: 'mgmt.describeLocalImage', slot: 0 });
      }
      simulated().mockSetUnresponsive(0, false);
      expect((await take(events, 'status')).event).toMatchObject({ previous: null, current: { status: 'not-programmed' } });
      expect(watcher.polls).toBeGreaterThanOrEqual(3);
    } finally {
      mgmt.setCmdTimeout(SDK_CMD_TIMEOUT);
      mgmt.setCmdDelayMsec(SDK_CMD_DELAY_MS);
    }
  });

  test('listeners get the events of their type until taken off', async () => {
    const { watcher, events } = watch();
    const powers: bigint[] = [];
    const listener = (event: WatchEventMap['power']) => powers.push(event.watts.last);
    watcher.on('power', listener);
    await take(events, 'power');
    await take(events, 'power');
    watcher.off('power', listener);
    const heard = powers.length;
    await take(events, 'power');
    await take(events, 'power');
    expect(heard).toBeGreaterThanOrEqual(2);
    expect(powers).toEqual(Array(heard).fill(0n));
  });

  test('options are checked before anything starts', () => {
    expect(() => watchSlot(8)).toThrow(RangeError);
    expect(() => watchSlot(0, { intervalMs: -1 })).toThrow(RangeError);
    expect(() => watchSlot(0, { polls: 0 })).toThrow(RangeError);
    expect(() => watchSlot(0, { unref: 1 as never })).toThrow(TypeError);
    expect(() => watchSlot(0, { mgmt: {} as never })).toThrow(/FpgaMgmt/);
    expect(() => watchSlot(0, { interval: 5 } as never)).toThrow(/no option 'interval'/);
  });
});

describe('stopping', () => {
  test('stop() during a poll: it resolves, and nothing more is reported or polled', async () => {
    await slowMgmt(200, async (slow) => {
      const { watcher, events } = watch({ mgmt: slow });
      await delay(10);
      expect(slow.inFlight).toBe(1);
      await watcher.stop();
      expect(await events.next()).toEqual({ value: undefined, done: true });
      await delay(300);
      expect(slow.calls).toHaveLength(1);
      expect(watcher.polls).toBe(1);
      expect(watcher.stop()).toBe(watcher.stop());
    });
  });

  test('events its iterations have not taken yet when it stops are dropped', async () => {
    const { watcher, events } = watch();
    // The first poll reports the status, then the power.
    await take(events, 'status');
    await watcher.stop();
    expect(await events.next()).toEqual({ value: undefined, done: true });
  });

  test('aborting its signal stops it; with a signal already aborted it never polls', async () => {
    const controller = new AbortController();
    const { watcher, events } = watch({ signal: controller.signal });
    await take(events, 'power');
    controller.abort();
    await rest(events);
    const polls = watcher.polls;
    await delay(20);
    expect(watcher.polls).toBe(polls);

    await slowMgmt(0, async (slow) => {
      const idle = watch({ mgmt: slow, signal: AbortSignal.abort() });
      expect(await rest(idle.events)).toEqual([]);
      expect(slow.calls).toEqual([]);
    });
  });

  test('leaving a for await loop stops it', async () => {
    const { watcher } = watch();
    for await (const event of watcher) if (event.type === 'power') break;
    await watcher.stop();
    const polls = watcher.polls;
    await delay(20);
    expect(watcher.polls).toBe(polls);
    expect(await watcher[Symbol.asyncIterator]().next()).toEqual({ value: undefined, done: true });
  });

  test('polls: it stops by itself after that many', async () => {
    const watcher = watchSlot(0, { intervalMs: 1, polls: 3 });
    const seen: WatchEvent[] = [];
    for await (const event of watcher) seen.push(event);
    expect(typesOf(seen)).toEqual(['status', 'power', 'power', 'power']);
    expect(watcher.polls).toBe(3);
  });
});

describe('the process', () => {
  // The simulated device in a fresh process, running the built package.
  const watchScript = (options: string) => `
    const watcher = fpga.watchSlot(0, ${options});
    watcher.on('power', () => console.log('polled'));
    // An unref'd timer: it fires only if something else keeps the process alive.
    setTimeout(() => { console.log('still alive'); watcher.stop(); }, 500).unref();
  `;

  test('a watcher keeps it alive until stopped, and then lets it exit', () => {
    const result = runNode(watchScript('{ intervalMs: 50 }'), { AWS_FPGA_BACKEND: 'mock' });
    expect(result).toMatchObject({ status: 0, signal: null, stderr: '' });
    expect(result.stdout).toMatch(/^(polled\n){2,}still alive\n$/);
  });

  test('stop() between polls leaves no timer behind', () => {
    // Were the ten-minute pause left running, the process would live on until it ended.
    const script = `
      const watcher = fpga.watchSlot(0, { intervalMs: 600000 });
      watcher.on('power', () => setTimeout(() => watcher.stop().then(() => console.log('stopped')), 20));
    `;
    const started = performance.now();
    expect(runNode(script, { AWS_FPGA_BACKEND: 'mock' })).toMatchObject({ status: 0, signal: null, stdout: 'stopped\n', stderr: '' });
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  test("a listener's exception is reported as uncaught; the other listeners and the polls go on", () => {
    const script = `
      process.on('uncaughtException', (error) => console.log('uncaught', error.message));
      const watcher = fpga.watchSlot(0, { intervalMs: 10, polls: 2 });
      watcher.on('power', () => { throw new Error('listener bug'); });
      watcher.on('power', () => console.log('polled'));
    `;
    const result = runNode(script, { AWS_FPGA_BACKEND: 'mock' });
    expect(result).toMatchObject({ status: 0, signal: null, stderr: '' });
    expect(result.stdout).toBe('polled\nuncaught listener bug\n'.repeat(2));
  });

  test('with unref, it does not keep it alive on its own', () => {
    const result = runNode(watchScript('{ intervalMs: 50, unref: true }'), { AWS_FPGA_BACKEND: 'mock' });
    expect(result).toMatchObject({ status: 0, signal: null, stderr: '' });
    expect(result.stdout).toBe('polled\n');
  });
});

describe('Slot.watch', () => {
  it('watches through the slot and stops when the slot closes', async () => {
    const slot = openSlot(0);
    const watcher = slot.watch({ intervalMs: 1 });
    const events = watcher[Symbol.asyncIterator]();
    const { event } = await take(events, 'power');
    expect(event.slot).toBe(0);
    await slot.close();
    const pollsAtClose = watcher.polls;
    await delay(20);
    expect(watcher.polls).toBe(pollsAtClose);
    expect((await events.next()).done).toBe(true);
  });
});
