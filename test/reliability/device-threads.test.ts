// Device calls wait on the addon's own threads, one per slot in use, not on
// libuv's thread pool: with a pool of one thread, eight slots load in about
// the time of one and file reads go on meanwhile, in one thread or several
// worker threads. Each slot's thread is joined once nothing holds it: the
// process's thread count (/proc/self/task) shows none left behind.
import * as path from 'path';
import { runNode } from '../helpers/child';
import { MEM_PERF_AGFI, SDE_AGFI } from '../afis';
import { DIST } from './helpers/workers';

const LOADER_WORKER = path.join(__dirname, 'workers', 'loader.js');
const LOAD_MS = 600;

/** Runs `body` (the statements of an async function returning a result) in a child process; its result. */
function child<T>(body: string, env: NodeJS.ProcessEnv = {}): T {
  const script = `
    const { readFile } = require('fs/promises');
    const { readdirSync } = require('fs');
    const { ready } = require(${JSON.stringify(path.join(DIST, 'backend'))});
    const agfi = ${JSON.stringify(SDE_AGFI)};
    const tasks = () => readdirSync('/proc/self/task').length;
    const loads = (mgmt, slots) => Promise.all(slots.map((slot) => mgmt.loadLocalImageSyncFlags(slot, agfi, 0, 60000, 5)));
    (async () => { ${body} })().then(
      (result) => console.log(JSON.stringify(result)),
      (error) => { console.error(error); process.exitCode = 1; },
    );
  `;
  const result = runNode(script, { AWS_FPGA_BACKEND: 'mock', ...env });
  expect(result).toMatchObject({ status: 0, signal: null, stderr: '' });
  return JSON.parse(result.stdout) as T;
}

const realTime = `fpga.mock.reset({ slots: 8, loadTimeMs: ${LOAD_MS}, clearTimeMs: 100, virtualTime: false });`;

test('with a thread pool of one, eight slots load in parallel and files are read meanwhile', () => {
  const { one, eight, reads, slowestRead } = child<{ one: number; eight: number; reads: number; slowestRead: number }>(
    `${realTime}
    const mgmt = new fpga.FpgaMgmt();
    let start = performance.now();
    await loads(mgmt, [0]);
    const one = performance.now() - start;
    start = performance.now();
    let loading = true;
    const all = loads(mgmt, [0, 1, 2, 3, 4, 5, 6, 7]).finally(() => (loading = false));
    let reads = 0;
    let slowestRead = 0;
    while (loading) {
      const started = performance.now();
      await readFile(${JSON.stringify(path.join(DIST, 'index.js'))});
      if (loading) reads++;
      slowestRead = Math.max(slowestRead, performance.now() - started);
    }
    const described = await all;
    if (described.some((d) => d.status !== 'loaded')) throw new Error('a load failed');
    const eight = performance.now() - start;
    await mgmt.close();
    return { one, eight, reads, slowestRead };`,
    { UV_THREADPOOL_SIZE: '1' },
  );
  // Eight loads on one pool thread would take eight times as long.
  expect(one).toBeGreaterThanOrEqual(LOAD_MS);
  expect(eight).toBeLessThan(1.5 * one);
  expect(reads).toBeGreaterThan(10);
  expect(slowestRead).toBeLessThan(LOAD_MS / 2);
});

test('worker threads load their own slots in parallel with the main thread, and their exit joins their threads', () => {
  const { one, all, statuses, before, after } = child<{ one: number; all: number; statuses: number[]; before: number; after: number }>(
    `${realTime}
    const { Worker } = require('worker_threads');
    const mgmt = new fpga.FpgaMgmt();
    let start = performance.now();
    await loads(mgmt, [4]);
    const one = performance.now() - start;
    await mgmt.close();
    await readFile(${JSON.stringify(path.join(DIST, 'index.js'))}); // starts the thread pool
    const before = tasks();
    const workers = [1, 2, 3].map((slot) => new Worker(${JSON.stringify(LOADER_WORKER)}, {
      workerData: { dist: ${JSON.stringify(DIST)}, slot, agfi },
    }));
    const message = (worker) => new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
    await Promise.all(workers.map(message));
    const exits = workers.map((worker) => new Promise((resolve) => worker.once('exit', resolve)));
    const main = new fpga.FpgaMgmt();
    start = performance.now();
    const replies = workers.map(message);
    for (const worker of workers) worker.postMessage('start');
    const [own, ...others] = await Promise.all([loads(main, [0]), ...replies]);
    const all = performance.now() - start;
    await main.close();
    await Promise.all(exits);
    return { one, all, statuses: [own[0].status, ...others.map((reply) => reply.status)], before, after: tasks() };`,
    { UV_THREADPOOL_SIZE: '1' },
  );
  expect(statuses).toEqual(['loaded', 'loaded', 'loaded', 'loaded']);
  expect(all).toBeLessThan(1.5 * one);
  expect(after).toBe(before);
});

test('no device thread is left once the last FpgaMgmt and Slot close', () => {
  const counts = child<Record<string, number>>(
    `fpga.mock.reset({ slots: 8, loadTimeMs: 200, clearTimeMs: 100, virtualTime: false });
    await readFile(${JSON.stringify(path.join(DIST, 'index.js'))}); // starts the thread pool
    const counts = { before: tasks() };
    const mgmt = new fpga.FpgaMgmt();
    counts.opened = tasks();
    await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((slot) => mgmt.describeLocalImage(slot)));
    counts.eightSlotsUsed = tasks();
    const other = new fpga.FpgaMgmt();
    await other.describeLocalImage(0);
    await other.close();
    counts.oneOfTwoClosed = tasks();
    await mgmt.close();
    counts.allClosed = tasks();

    const slot = fpga.openSlot(5);
    await slot.load(agfi);
    counts.slotOpen = tasks();
    await slot.close();
    counts.slotClosed = tasks();

    // Without an FpgaMgmt a slot's thread ends after each call.
    await new fpga.FpgaClkgen().getDynamic(2).catch(() => {});
    counts.afterClkgen = tasks();

    // A call still in the SDK when the last holder closes: its thread ends after it.
    const native = ready();
    native.mgmtOpen();
    const load = native.mgmtLoadSyncFlags(6, agfi, 0, 60000, 5);
    await new Promise((resolve) => setTimeout(resolve, 50));
    native.mgmtClose();
    counts.closedDuringLoad = tasks();
    await load;
    counts.afterLoad = tasks();
    return counts;`,
    { UV_THREADPOOL_SIZE: '2' },
  );
  const { before } = counts;
  expect(counts).toEqual({
    before,
    opened: before,
    eightSlotsUsed: before + 8,
    oneOfTwoClosed: before + 8,
    allClosed: before,
    slotOpen: before + 1,
    slotClosed: before,
    afterClkgen: before,
    closedDuringLoad: before + 1,
    afterLoad: before,
  });
});

test('process.exit() while slots load waits for the loads in the SDK, not for the calls queued behind them', () => {
  const loadMs = 1000;
  const exitAfter = (loads: string) => {
    const started = performance.now();
    const result = runNode(
      `fpga.mock.reset({ slots: 8, loadTimeMs: ${loadMs}, clearTimeMs: 100, virtualTime: false });
      const mgmt = new fpga.FpgaMgmt();
      ${loads}
      setTimeout(() => process.exit(4), 100);`,
      { AWS_FPGA_BACKEND: 'mock' },
    );
    return { result, elapsed: performance.now() - started };
  };
  // The same process without loads: what starting and exiting cost here (seconds under test:tsan).
  const baseline = exitAfter('').elapsed;
  const { result, elapsed } = exitAfter(
    `for (let slot = 0; slot < 8; slot++)
      for (let i = 0; i < 3; i++) mgmt.loadLocalImageSyncFlags(slot, ${JSON.stringify(MEM_PERF_AGFI)}, 0, 60000, 5).then(() => console.log('loaded'));`,
  );
  expect(result).toMatchObject({ status: 4, signal: null, stderr: '', stdout: '' });
  // The first load on each slot ends in the SDK, some 900 ms after the exit at 100 ms; the two
  // behind it never start (waiting for them would add 2900 ms).
  const waited = elapsed - baseline;
  expect(waited).toBeGreaterThan(0.5 * loadMs);
  expect(waited).toBeLessThan(2 * loadMs);
});
