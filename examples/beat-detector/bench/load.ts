// npm run bench:beat:load [-- --duration=10]: the service under load, on the
// simulated device. For 1 and then 2 worker threads (slots), the service runs
// in its own process and autocannon drives POST /predict from this one with
// 64 connections for a fixed duration; reported: requests per second, p50
// and p99 latency, and the device's part of a request: the mean time of
// predict() in the workers over the mean request latency. The floor, run
// first the same way, is a server that parses the same body and answers the
// same JSON with no device and no workers: what this machine can do at all.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import { printTable, withTarget, type Row } from '../../../bench/report';
import { numberArg } from '../setup';
import type { Health } from '../service/http';
import { samples } from '../synthetic';

const CONNECTIONS = 64;
const DURATION_S = numberArg('duration', 10);
const SERVICE = path.join(__dirname, '..', 'service', 'main.ts');
const FLOOR = path.join(__dirname, 'floor-server.ts');
const P99_TARGET_MS = 5;
const DEVICE_PART_TARGET = 0.05;

interface Running {
  child: ChildProcess;
  url: string;
}

/** Starts a server (`args`: its file and options); resolves once it listens. */
function startServer(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...process.env, AWS_FPGA_BACKEND: 'mock' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Serving on (\S+) /.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`the service exited (${code}) before listening:\n${out}`)));
  });
}

function stop({ child }: Running): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const requests = samples(16, 41).map((s) => ({
  method: 'POST',
  path: '/predict',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ features: Array.from(s.features) }),
}));

async function load(url: string): Promise<autocannon.Result> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, requests });
  const failed = result.errors + result.timeouts + result.non2xx;
  if (failed > 0) throw new Error(`${failed} requests failed or got an error status`);
  return result;
}

async function floor(): Promise<{ rows: Row[]; reqPerS: number }> {
  const server = await startServer([FLOOR]);
  try {
    const result = await load(server.url);
    const group = `floor: HTTP and JSON alone, ${CONNECTIONS} connections, ${DURATION_S} s`;
    const rows: Row[] = [
      { group, name: 'requests', value: result.requests.average, unit: 'req/s' },
      { group, name: 'latency p50', value: result.latency.p50, unit: 'ms' },
      { group, name: 'latency p99', value: result.latency.p99, unit: 'ms' },
    ];
    return { rows, reqPerS: result.requests.average };
  } finally {
    await stop(server);
  }
}

async function measure(slots: number, floorReqPerS: number): Promise<Row[]> {
  const service = await startServer([SERVICE, '--port=0', `--slots=${slots}`]);
  try {
    const result = await load(service.url);
    const health = (await (await fetch(`${service.url}/health`)).json()) as Health;
    const group = `service, ${slots} worker${slots > 1 ? 's' : ''}, ${CONNECTIONS} connections, ${DURATION_S} s`;
    const devicePart = health.requests.meanDeviceUs / (result.latency.mean * 1000);
    const reqPerS = result.requests.average;
    return [
      { group, name: 'requests', value: reqPerS, unit: 'req/s', ratio: reqPerS / floorReqPerS, ratioTo: 'floor' },
      { group, name: 'latency p50', value: result.latency.p50, unit: 'ms' },
      withTarget({ group, name: 'latency p99', value: result.latency.p99, unit: 'ms', ratio: result.latency.p99 / P99_TARGET_MS, ratioTo: `${P99_TARGET_MS} ms` }, '<=', 1),
      { group, name: 'predict() in the worker, mean', value: health.requests.meanDeviceUs, unit: 'µs' },
      withTarget({ group, name: 'device part of a request', value: devicePart * 100, unit: '%', ratio: devicePart / DEVICE_PART_TARGET, ratioTo: `${DEVICE_PART_TARGET * 100} %` }, '<=', 1),
    ];
  } finally {
    await stop(service);
  }
}

async function main(): Promise<void> {
  const base = await floor();
  const rows = [...base.rows, ...(await measure(1, base.reqPerS)), ...(await measure(2, base.reqPerS))];
  printTable(rows, `beat detector service under load, simulated device, Node ${process.version}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
