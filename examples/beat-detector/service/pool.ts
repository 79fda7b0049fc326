// The slot workers behind the service: one worker thread per slot that holds
// the AFI, requests spread over them in turn. A worker whose device call
// fails, or that dies, leaves the rotation with the reason; its requests go
// to the next worker in rotation.
import * as path from 'path';
import { Worker } from 'worker_threads';
import { INPUTS } from '../network';
import type { ErrorReport, FromWorker, ToWorker, WorkerConfig } from './protocol';

const WORKER_FILE = path.join(__dirname, 'worker.ts');
// Workers run the TypeScript sources, through tsx's require hook.
const BOOTSTRAP = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(require('worker_threads').workerData.file);`;

export type SlotState = 'starting' | 'in-rotation' | 'failed' | 'skipped' | 'stopped';

export interface SlotReport {
  slot: number;
  state: SlotState;
  /** Why the slot is out of rotation. */
  reason?: string;
  served: number;
}

/** Every slot in rotation has failed, or none held the AFI. */
export class NoSlotError extends Error {
  override readonly name = 'NoSlotError';
}

interface Pending {
  features: Float64Array;
  tried: Set<SlotWorker>;
  resolve: (result: { probability: number; deviceUs: number }) => void;
  reject: (error: Error) => void;
}

class SlotWorker {
  readonly slot: number;
  readonly worker: Worker;
  state: SlotState = 'starting';
  reason: string | undefined;
  served = 0;
  readonly pending = new Map<number, Pending>();
  /** Requests to send in the next batch. */
  queue: number[] = [];

  constructor(config: WorkerConfig) {
    this.slot = config.slot;
    this.worker = new Worker(BOOTSTRAP, { eval: true, workerData: { ...config, file: WORKER_FILE } });
  }

  send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  report(): SlotReport {
    return { slot: this.slot, state: this.state, ...(this.reason ? { reason: this.reason } : {}), served: this.served };
  }
}

const describeError = (error: ErrorReport): string => `${error.name}${error.code ? ` ${error.code}` : ''}: ${error.message}`;

export interface PoolOptions extends Omit<WorkerConfig, 'slot'> {
  slots: number[];
}

export class SlotPool {
  readonly #workers: SlotWorker[] = [];
  #rotation: SlotWorker[] = [];
  #next = 0;
  #ids = 0;
  #turns: Promise<void> = Promise.resolve();
  #stopping = false;

  /** Starts a worker per slot; resolves once each is in rotation or out of it. */
  static async start(options: PoolOptions): Promise<SlotPool> {
    const pool = new SlotPool();
    const { slots, ...config } = options;
    await Promise.all(slots.map((slot) => pool.#add({ ...config, slot })));
    return pool;
  }

  #add(config: WorkerConfig): Promise<void> {
    const w = new SlotWorker(config);
    this.#workers.push(w);
    return new Promise((settled) => {
      w.worker.on('message', (message: FromWorker) => this.#onMessage(w, message, settled));
      w.worker.on('error', (error) => this.#fail(w, `the worker thread failed: ${error.message}`));
      w.worker.on('exit', (code) => {
        if (w.state === 'in-rotation' || w.state === 'starting')
          this.#fail(w, this.#stopping ? 'stopped' : `the worker thread exited (code ${code})`);
        settled();
      });
    });
  }

  #onMessage(w: SlotWorker, message: FromWorker, settled: () => void): void {
    switch (message.type) {
      case 'turn':
        // Loads on the simulated device take turns: each takes the model last declared.
        this.#turns = this.#turns.then(
          () =>
            new Promise<void>((done) => {
              w.worker.once('exit', () => done());
              w.worker.on('message', (m: FromWorker) => m.type === 'loaded' && done());
              w.send({ type: 'go' });
            }),
        );
        return;
      case 'ready':
        w.state = 'in-rotation';
        this.#rotation.push(w);
        return settled();
      case 'skip':
        w.state = 'skipped';
        w.reason = message.reason;
        return settled();
      case 'failed':
        this.#fail(w, describeError(message.error));
        return settled();
      case 'results': {
        const each = message.deviceUs / Math.max(1, message.ids.length);
        message.ids.forEach((id, i) => {
          const request = w.pending.get(id);
          if (request === undefined) return;
          w.pending.delete(id);
          w.served++;
          request.resolve({ probability: message.probabilities[i], deviceUs: each });
        });
        return;
      }
      case 'error':
        // The slot leaves the rotation; #fail sends its requests (these among them) elsewhere.
        return this.#fail(w, describeError(message.error));
    }
  }

  /** Takes `w` out of rotation for `reason`, stops it, and sends its requests elsewhere. */
  #fail(w: SlotWorker, reason: string): void {
    if (w.state === 'failed' || w.state === 'stopped') return;
    w.state = this.#stopping ? 'stopped' : 'failed';
    w.reason = reason;
    this.#rotation = this.#rotation.filter((other) => other !== w);
    const orphans = [...w.pending.values()];
    w.pending.clear();
    w.queue = [];
    void w.worker.terminate();
    for (const request of orphans) this.#dispatch(request);
  }

  #dispatch(request: Pending): void {
    const candidates = this.#rotation.filter((w) => !request.tried.has(w));
    if (this.#stopping || candidates.length === 0) {
      request.reject(new NoSlotError(this.#stopping ? 'the service is stopping' : 'no slot in rotation can serve the request'));
      return;
    }
    const w = candidates[this.#next++ % candidates.length];
    const id = ++this.#ids;
    request.tried.add(w);
    w.pending.set(id, request);
    w.queue.push(id);
    // Requests that arrive in the same turn of the event loop go in one message.
    if (w.queue.length === 1) setImmediate(() => this.#flush(w));
  }

  #flush(w: SlotWorker): void {
    const ids = w.queue.filter((id) => w.pending.has(id));
    w.queue = [];
    if (ids.length === 0 || w.state !== 'in-rotation') return;
    const features = new Float64Array(INPUTS * ids.length);
    ids.forEach((id, i) => features.set(w.pending.get(id)!.features, INPUTS * i));
    w.worker.postMessage({ type: 'predict', ids, features } satisfies ToWorker, [features.buffer]);
  }

  /** The probability of a beat, from the next slot in rotation. */
  predict(features: Float64Array): Promise<{ probability: number; deviceUs: number }> {
    return new Promise((resolve, reject) => this.#dispatch({ features, tried: new Set(), resolve, reject }));
  }

  /** Takes `slot` out of rotation and stops its worker, its requests going to the others. */
  retire(slot: number, reason = 'retired'): void {
    const w = this.#workers.find((other) => other.slot === slot);
    if (w === undefined) throw new RangeError(`slot ${slot} has no worker in this pool`);
    this.#fail(w, reason);
  }

  /** Every slot's worker and why it is out of rotation, if it is. */
  slots(): SlotReport[] {
    return this.#workers.map((w) => w.report());
  }

  get inRotation(): number {
    return this.#rotation.length;
  }

  /** Stops every worker (each closes its slot), failing requests still waiting. */
  async stop(): Promise<void> {
    this.#stopping = true;
    const exits = this.#workers.map((w) => new Promise<void>((done) => (w.worker.threadId < 0 ? done() : w.worker.once('exit', () => done()))));
    for (const w of this.#workers) {
      if (w.state === 'in-rotation') w.send({ type: 'stop' });
      else void w.worker.terminate();
      const orphans = [...w.pending.values()];
      w.pending.clear();
      for (const request of orphans) request.reject(new NoSlotError('the service is stopping'));
      if (w.state === 'in-rotation' || w.state === 'starting') w.state = 'stopped';
    }
    this.#rotation = [];
    await Promise.all(exits);
  }
}
