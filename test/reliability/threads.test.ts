// The addon is context-aware: each worker thread loads it for itself and uses
// the device at the same time as the main thread and the other workers. A
// BarHandle belongs to its thread; a thread that ends, even terminated in the
// middle of calls, releases its BARs, its SDK session and the slot.
import { setTimeout as delay } from 'timers/promises';
import * as fpga from '../../lib';
import { APP_PF, FpgaMgmt, FpgaPci, mock } from '../../lib';
import { CLEAR_MS, LOAD_MS, SDE_AGFI } from '../afis';
import { freeHandles } from './helpers/handles';
import { sessionClosed } from './helpers/session';
import { ask, reply, startWorker } from './helpers/workers';

interface SlotCounts {
  slot: number;
  pokes: number;
  bursts: number;
  describes: number;
  vdips: number;
  mismatches: string[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { exerciseSlot } = require('./workers/slot-user') as {
  exerciseSlot(pkg: typeof fpga, slot: number, rounds: number): Promise<{ counts: SlotCounts; release(): Promise<void> }>;
};

const ROUNDS = 20_000;
const WORKER_SLOTS = [1, 2, 3, 4];
const pci = new FpgaPci();

beforeEach(() => {
  mock.reset({ slots: 8, loadTimeMs: LOAD_MS, clearTimeMs: CLEAR_MS, virtualTime: true });
});

test('four workers and the main thread each use their own slot at the same time', async () => {
  const handlesBefore = freeHandles(pci);
  const workers = WORKER_SLOTS.map((slot) => startWorker('slot-user', { slot, rounds: ROUNDS }));
  const exits = workers.map((worker) => new Promise((resolve) => worker.once('exit', resolve)));
  const [main, ...others] = await Promise.all([exerciseSlot(fpga, 0, ROUNDS), ...workers.map((worker) => reply<SlotCounts>(worker))]);
  await main.release();
  for (const counts of [main.counts, ...others])
    expect(counts).toMatchObject({ pokes: ROUNDS, bursts: ROUNDS / 16, describes: Math.ceil(ROUNDS / 64), mismatches: [] });
  // The workers end on their own, their BARs attached and their FpgaMgmt open: their exit releases both.
  expect(await Promise.all(exits)).toEqual([0, 0, 0, 0]);
  expect(freeHandles(pci)).toBe(handlesBefore);
  expect(await sessionClosed()).toBe(true);
  const total = [main.counts, ...others].reduce((sum, c) => sum + 2 * c.pokes + c.bursts + 3 * c.describes, 0);
  console.log(`threads: 1 main thread and ${workers.length} workers on slots 0-4, ${total} calls, no mismatch`);
});

describe('a BAR belongs to its thread', () => {
  test('a BarHandle sent to a worker arrives as plain data: using it is a TypeError', async () => {
    const worker = startWorker('foreign-bar');
    const bar = pci.attach(0, APP_PF, 0);
    try {
      // It cannot be transferred: it is not a transferable object.
      expect(() => worker.postMessage({ bar }, [bar as never])).toThrow(/invalid object in transferList/);
      // Cloned, only its public fields travel: no native handle, no methods.
      expect(await ask(worker, { bar })).toEqual({
        isBarHandle: false,
        fields: { slot: 0, pf: APP_PF, bar: 0, size: bar.size, handle: bar.handle, burst: false },
        throughPci: { ok: false, error: 'TypeError', message: 'handle must be a BarHandle from attach(), got an object' },
        throughPrototype: { ok: false, error: 'TypeError', message: expect.stringMatching(/private member #mapping/) },
      });
    } finally {
      bar.detach();
      await worker.terminate();
    }
  });

  test('a view transferred to a worker arrives as a copy: the mapping stays with its BAR', async () => {
    const worker = startWorker('foreign-bar');
    const bar = pci.attach(0, APP_PF, 0);
    try {
      bar.poke(0, 0x1234);
      const view = bar.view(0, 16);
      const arrived = reply(worker);
      worker.postMessage({ view }, [view]);
      expect(await arrived).toEqual({ byteLength: 16, first: 0x1234 });
      // Still the BAR's: this thread's view sees a new value, the worker's copy does not.
      bar.poke(0, 0x5678);
      expect(new Uint32Array(view)[0]).toBe(0x5678);
      expect(await ask(worker, 'read')).toBe(0x1234);
      bar.detach();
      expect(view.byteLength).toBe(0);
      expect(await ask(worker, 'read')).toBe(0x1234);
    } finally {
      if (bar.attached) bar.detach();
      await worker.terminate();
    }
  });
});

test('a worker terminated in the middle of calls releases its BARs, its SDK session and the slot', async () => {
  mock.reset({ slots: 8, loadTimeMs: 100, clearTimeMs: 100, virtualTime: false });
  const handlesBefore = freeHandles(pci);
  const rounds = 4;
  for (let round = 0; round < rounds; round++) {
    const worker = startWorker('busy', { slot: round, agfi: SDE_AGFI });
    expect(await reply(worker)).toBe('busy');
    await delay(20 * round);
    // The thread ends once the call it left in the SDK does: a load, and the
    // rescan of the app PF that follows the first one (500 ms).
    const started = performance.now();
    await worker.terminate();
    expect(performance.now() - started).toBeLessThan(2000);
  }
  expect(freeHandles(pci)).toBe(handlesBefore);
  const mgmt = new FpgaMgmt();
  const described = await Promise.all(Array.from({ length: 8 }, (_, slot) => mgmt.describeLocalImage(slot)));
  described.forEach((d, slot) => expect(d.slotId).toBe(slot));
  await mgmt.close();
  // A load still in the SDK when its thread went away ends within its 100 ms, then the session closes.
  expect(await sessionClosed(2000)).toBe(true);
  console.log(`threads: ${rounds} workers terminated in the middle of loads and register writes`);
}, 30_000);
