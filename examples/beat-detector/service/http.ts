// The rhythm service's HTTP API: POST /predict and GET /health, over a SlotPool.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { listSlots, openSlot, type Slot } from '../../../lib';
import { NoSlotError, SlotPool, type SlotReport } from './pool';
import { BadRequest, MAX_BODY_BYTES, parseFeatures } from './request';
import type { WorkerConfig } from './protocol';

export interface ServiceOptions {
  agfi: string;
  /** TCP port on 127.0.0.1 (default 0: any free one). */
  port?: number;
  host?: string;
  /** Use at most this many slots, the first ones listSlots() gives (default all). */
  maxSlots?: number;
  backend: WorkerConfig['backend'];
  sdkLibrary?: string;
  simulate?: WorkerConfig['simulate'];
  timeoutMs?: number;
}

export interface SlotHealth extends SlotReport {
  status?: string;
  afiId?: string | null;
  powerWatts?: number;
  describeError?: string;
}

export interface Health {
  status: 'ok' | 'degraded' | 'down';
  inRotation: number;
  slots: SlotHealth[];
  /** Means over the requests served so far, in µs: the whole request, and its predict() in the worker. */
  requests: { served: number; meanRequestUs: number; meanDeviceUs: number };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new BadRequest(413, `the body is over ${MAX_BODY_BYTES} bytes`));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export class BeatService {
  readonly pool: SlotPool;
  readonly server: Server;
  readonly #slots: Slot[];
  #served = 0;
  #requestUs = 0;
  #deviceUs = 0;

  private constructor(pool: SlotPool, slots: Slot[]) {
    this.pool = pool;
    this.#slots = slots;
    this.server = createServer((req, res) => void this.#handle(req, res));
    this.server.keepAliveTimeout = 5000;
  }

  /** Starts a worker per slot that holds `options.agfi`, then listens. */
  static async start(options: ServiceOptions): Promise<BeatService> {
    const numbers = listSlots()
      .map(({ slot }) => slot)
      .slice(0, options.maxSlots);
    const pool = await SlotPool.start({
      slots: numbers,
      agfi: options.agfi,
      backend: options.backend,
      sdkLibrary: options.sdkLibrary,
      simulate: options.simulate,
      timeoutMs: options.timeoutMs,
    });
    const service = new BeatService(pool, numbers.map(openSlot));
    await new Promise<void>((resolve) => service.server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
    return service;
  }

  get url(): string {
    const { address, port } = this.server.address() as AddressInfo;
    return `http://${address}:${port}`;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    try {
      if (req.url === '/predict') {
        if (req.method !== 'POST') return send(res, 405, { error: 'use POST /predict' });
        const features = parseFeatures(await readBody(req));
        const { probability, deviceUs } = await this.pool.predict(features);
        send(res, 200, { beat: probability >= 0.5, probability });
        this.#served++;
        this.#deviceUs += deviceUs;
        this.#requestUs += (performance.now() - started) * 1000;
      } else if (req.url === '/health') {
        if (req.method !== 'GET') return send(res, 405, { error: 'use GET /health' });
        const health = await this.health();
        send(res, health.status === 'down' ? 503 : 200, health);
      } else send(res, 404, { error: 'no such endpoint: POST /predict, GET /health' });
    } catch (error) {
      if (error instanceof BadRequest) send(res, error.status, { error: error.message });
      else if (error instanceof NoSlotError) send(res, 503, { error: error.message });
      else send(res, 500, { error: String(error) });
    }
  }

  /** Each slot's place in the rotation, with its status and power from describe. */
  async health(): Promise<Health> {
    const reports = this.pool.slots();
    const slots = await Promise.all(
      reports.map(async (report, i): Promise<SlotHealth> => {
        try {
          const info = await this.#slots[i].describe({ metrics: true });
          return { ...report, status: info.status, afiId: info.afiId, powerWatts: info.metrics ? Number(info.metrics.powerWatts.last) : undefined };
        } catch (error) {
          return { ...report, describeError: (error as Error).message };
        }
      }),
    );
    const inRotation = this.pool.inRotation;
    const n = Math.max(1, this.#served);
    return {
      status: inRotation === 0 ? 'down' : reports.some((r) => r.state === 'failed') ? 'degraded' : 'ok',
      inRotation,
      slots,
      requests: { served: this.#served, meanRequestUs: this.#requestUs / n, meanDeviceUs: this.#deviceUs / n },
    };
  }

  /** Stops listening, stops the workers and closes the slots. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    await this.pool.stop();
    await Promise.all(this.#slots.map((slot) => slot.close()));
  }
}
