// The rhythm service on three simulated slots: answers equal to the
// reference, requests spread over the slots, bad requests refused with a
// reason, a failed slot taken out of rotation while the service goes on, and
// the workers' start, retirement and stop.
import { mock, openSlot } from '../../../lib';
import { BEAT_DETECTOR_AGFI } from '../model';
import { loadNetwork } from '../network';
import { referencePredict } from '../reference';
import { samples } from '../synthetic';
import { BeatService, type Health } from './http';

jest.setTimeout(30_000);

const SLOTS = 3;
const network = loadNetwork();
const features = samples(12, 21).map((s) => Array.from(s.features));

async function post(service: BeatService, body: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${service.url}/predict`, { method: 'POST', body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function health(service: BeatService): Promise<{ status: number; body: Health }> {
  const response = await fetch(`${service.url}/health`);
  return { status: response.status, body: (await response.json()) as Health };
}

const predictAll = (service: BeatService) => Promise.all(features.map((x) => post(service, JSON.stringify({ features: x }))));

function startService(simulate: { latencyCycles?: number } | undefined): Promise<BeatService> {
  return BeatService.start({ agfi: BEAT_DETECTOR_AGFI, backend: 'mock', simulate, timeoutMs: 50 });
}

describe('on three slots', () => {
  let service: BeatService;

  beforeAll(async () => {
    mock.reset({ slots: SLOTS, virtualTime: true, loadTimeMs: 0 });
    service = await startService({});
  });

  afterAll(() => service.close());

  it('answers with the reference probability, spread over every slot', async () => {
    const answers = await predictAll(service);
    answers.forEach(({ status, body }, i) => {
      const p = referencePredict(network, features[i]).probability;
      expect({ status, body }).toEqual({ status: 200, body: { beat: p >= 0.5, probability: p } });
    });
    const { status, body } = await health(service);
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.slots.map((s) => [s.slot, s.state, s.status, s.afiId, s.powerWatts])).toEqual(
      [0, 1, 2].map((slot) => [slot, 'in-rotation', 'loaded', BEAT_DETECTOR_AGFI, 12]),
    );
    expect(body.slots.every((s) => s.served >= 3)).toBe(true);
    expect(body.requests.served).toBe(features.length);
    expect(body.requests.meanDeviceUs).toBeLessThan(body.requests.meanRequestUs);
  });

  it.each([
    ['not JSON', '{"features": [1,', 400, /^the body is not JSON: /],
    ['not an object', '[1, 2]', 400, /^the body must be a JSON object/],
    ['no features', '{}', 400, /^"features" must be an array of 30 numbers, got nothing$/],
    ['29 features', JSON.stringify({ features: Array(29).fill(0) }), 400, /^"features" must hold 30 numbers .*, got 29$/],
    ['a string feature', JSON.stringify({ features: [0, 0, 0, 'x', ...Array(26).fill(0)] }), 400, /^features\[3\] must be a finite number, got "x"$/],
    ['a body over 16 KiB', JSON.stringify({ features: Array(30).fill(0), pad: 'x'.repeat(20_000) }), 413, /^the body is over 16384 bytes$/],
  ])('refuses %s with a reason', async (_, body, status, reason) => {
    const answer = await post(service, body as string);
    expect(answer.status).toBe(status);
    expect(answer.body.error).toMatch(reason as RegExp);
  });

  it('answers 405 and 404 outside its API', async () => {
    expect((await fetch(`${service.url}/predict`)).status).toBe(405);
    expect((await fetch(`${service.url}/health`, { method: 'POST', body: '{}' })).status).toBe(405);
    expect((await fetch(`${service.url}/nothing`)).status).toBe(404);
  });

  it('takes a slot whose register reads fail out of rotation, and goes on with the others', async () => {
    mock.failNext('peek', -5, { slot: 1, count: 1000 });
    const answers = await predictAll(service);
    expect(answers.map((a) => a.status)).toEqual(features.map(() => 200));
    const { status, body } = await health(service);
    expect(status).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.inRotation).toBe(2);
    const failed = body.slots[1];
    expect(failed.state).toBe('failed');
    expect(failed.reason).toMatch(/^FpgaError EIO: bar\.peek failed on slot 1/);
    const served = body.slots.map((s) => s.served);
    await predictAll(service);
    const after = (await health(service)).body.slots.map((s) => s.served);
    expect(after[1]).toBe(served[1]);
    expect(after[0] + after[2] - served[0] - served[2]).toBe(features.length);
  });

  it('retires a slot on request, and answers 503 once none is left', async () => {
    service.pool.retire(0);
    service.pool.retire(2, 'maintenance');
    expect(service.pool.slots().map((s) => [s.state, s.reason])).toEqual([
      ['failed', 'retired'],
      ['failed', expect.stringMatching(/^FpgaError EIO/)],
      ['failed', 'maintenance'],
    ]);
    const answer = await post(service, JSON.stringify({ features: features[0] }));
    expect(answer).toEqual({ status: 503, body: { error: 'no slot in rotation can serve the request' } });
    expect((await health(service)).status).toBe(503);
  });
});

describe('worker lifecycle', () => {
  beforeEach(() => mock.reset({ slots: 2, virtualTime: true, loadTimeMs: 0 }));

  it('skips slots that do not hold the AFI', async () => {
    const slot = openSlot(1);
    await slot.load('agfi-080817d089f3cd2ed'); // CL_MEM_PERF
    await slot.close();
    const service = await startService(undefined); // as on an F2 instance: nothing is loaded for it
    try {
      expect(service.pool.slots()).toEqual([
        { slot: 0, state: 'skipped', reason: `holds no AFI (not-programmed), not ${BEAT_DETECTOR_AGFI}`, served: 0 },
        { slot: 1, state: 'skipped', reason: `holds agfi-080817d089f3cd2ed (loaded), not ${BEAT_DETECTOR_AGFI}`, served: 0 },
      ]);
      expect((await health(service)).body.status).toBe('down');
    } finally {
      await service.close();
    }
  });

  it('stops every worker on close, and refuses requests from then on', async () => {
    const service = await startService({});
    expect(service.pool.inRotation).toBe(2);
    expect((await post(service, JSON.stringify({ features: features[0] }))).status).toBe(200);
    await service.close();
    expect(service.pool.slots().map((s) => s.state)).toEqual(['stopped', 'stopped']);
    await expect(service.pool.predict(Float64Array.from(features[0]))).rejects.toThrow('the service is stopping');
    // The workers closed their slots: the device answers the main thread's loads again.
    const slot = openSlot(0);
    expect((await slot.describe()).afiId).toBe(BEAT_DETECTOR_AGFI);
    await slot.close();
  });
});
