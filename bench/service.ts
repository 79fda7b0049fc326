// A service's view of device waits: eight simulated slots load at once (sync
// loads, each waiting in the SDK) while the process reads files and keeps its
// event loop turning. Measured: the wall time of the eight loads against one,
// fs.readFile latency (it needs a libuv thread-pool thread) and event-loop
// delay, each against the same figure with the device idle.
import { readFile } from 'fs/promises';
import { monitorEventLoopDelay } from 'perf_hooks';
import { FpgaMgmt, mock } from '../dist';
import { Row, withTarget } from './report';

const AGFI = 'agfi-080817d089f3cd2ed';
const SLOTS = 8;
const LOAD_MS = 1500;
const IDLE_MS = 2000;
const READ_EVERY_MS = 2;

interface Spread {
  p50: number;
  p99: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

/**
 * Starts a read of a small file every READ_EVERY_MS ms until `stop` resolves, as
 * requests would arrive; the latency of each, in ms. A read still waiting
 * for a thread when the phase ends counts with its whole wait.
 */
async function readLatencies(stop: Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  const pending = new Set<{ start: number }>();
  const timer = setInterval(() => {
    const read = { start: performance.now() };
    pending.add(read);
    void readFile(__filename).then(() => {
      if (pending.delete(read)) latencies.push(performance.now() - read.start);
    });
  }, READ_EVERY_MS);
  await stop;
  clearInterval(timer);
  const end = performance.now();
  for (const read of pending) latencies.push(end - read.start);
  pending.clear();
  return latencies;
}

interface Phase {
  wallMs: number;
  reads: number[];
  loop: Spread;
}

/** Runs `work` with files read and event-loop delay sampled beside it. */
async function phase(work: () => Promise<unknown>): Promise<Phase> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const start = performance.now();
  const done = work();
  const reads = await readLatencies(done);
  await done;
  const wallMs = performance.now() - start;
  histogram.disable();
  const ms = (ns: number) => ns / 1e6;
  return { wallMs, reads, loop: { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) } };
}

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN };
}

export async function serviceRows(): Promise<Row[]> {
  mock.reset({ slots: SLOTS, loadTimeMs: LOAD_MS, clearTimeMs: 200, virtualTime: false });
  const mgmt = new FpgaMgmt();
  const load = (slot: number) => mgmt.loadLocalImageSyncFlags(slot, AGFI, 0, 60000, 10);
  const idle = await phase(() => new Promise((resolve) => setTimeout(resolve, IDLE_MS)));
  const one = await phase(() => load(0));
  const eight = await phase(() => Promise.all(Array.from({ length: SLOTS }, (_, slot) => load(slot))));
  await mgmt.close();
  mock.reset();

  const pool = process.env.UV_THREADPOOL_SIZE ?? '4 (default)';
  const rows: Row[] = [
    withTarget(
      { group: `8 slots loading, thread pool ${pool}`, name: 'wall time of 8 parallel loads', value: eight.wallMs, unit: 'ms', ratio: eight.wallMs / one.wallMs, ratioTo: 'one load' },
      '<=',
      1.2,
    ),
    { group: 'one slot loading', name: 'wall time of the load', value: one.wallMs, unit: 'ms' },
  ];
  const readsIdle = spread(idle.reads);
  const readsLoading = spread(eight.reads);
  for (const key of ['p50', 'p99', 'max'] as const) {
    const row: Row = { group: '8 slots loading', name: `fs.readFile ${key}`, value: readsLoading[key], unit: 'ms', ratio: readsLoading[key] / readsIdle[key], ratioTo: 'idle' };
    rows.push(key === 'p99' ? withTarget(row, '<=', 2) : row);
  }
  for (const key of ['p50', 'p99', 'max'] as const) rows.push({ group: 'device idle', name: `fs.readFile ${key}`, value: readsIdle[key], unit: 'ms' });
  for (const key of ['p50', 'p99', 'max'] as const) {
    const row: Row = { group: '8 slots loading', name: `event-loop delay ${key}`, value: eight.loop[key], unit: 'ms', ratio: eight.loop[key] / idle.loop[key], ratioTo: 'idle' };
    rows.push(key === 'p99' ? { ...row, target: '< 5 ms', met: eight.loop.p99 < 5 } : row);
    rows.push({ group: 'device idle', name: `event-loop delay ${key}`, value: idle.loop[key], unit: 'ms' });
  }
  return rows;
}
