// Runs a worker script of test/reliability/workers (plain JavaScript that
// loads the built package, as a user's thread would) and collects its reply.
import * as path from 'path';
import { Worker, type WorkerOptions } from 'worker_threads';
import { ROOT } from '../../helpers/child';
import { within } from './contract';

/** The built package, for workers to require. */
export const DIST = path.join(ROOT, 'dist');

/** Starts workers/<name>.js with `workerData` and, unless `options` says otherwise, this test's environment variables. */
export function startWorker(name: string, workerData: Record<string, unknown> = {}, options: WorkerOptions = {}): Worker {
  // jest gives each test file its own copy of process.env, which a worker does not see by default.
  return new Worker(path.join(__dirname, '..', 'workers', `${name}.js`), {
    env: process.env,
    ...options,
    workerData: { dist: DIST, ...workerData },
  });
}

/** The first message `worker` posts; rejects if it fails or exits first, or after `ms`. */
export function reply<T>(worker: Worker, ms = 30_000): Promise<T> {
  const message = new Promise<T>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the worker exited (${code}) without replying`)));
  });
  return within(message, ms, `worker ${worker.threadId}`);
}

/** Posts `message` to `worker` and waits for its reply. */
export function ask<T>(worker: Worker, message: unknown, ms?: number): Promise<T> {
  const answer = reply<T>(worker, ms);
  worker.postMessage(message);
  return answer;
}
