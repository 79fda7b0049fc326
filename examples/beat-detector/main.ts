// The beat detector from end to end: the driver on one slot against the
// reference, then the service over every slot answering a few requests.
//
// Run: npm run example:beat
import { openSlot } from '../../lib';
import { run } from '../support';
import { BeatDetector } from './driver';
import { loadNetwork } from './network';
import { referencePredict } from './reference';
import { BeatService } from './service/http';
import { setUp } from './setup';
import { loadSimulatedBeatDetector } from './simulated';
import { samples } from './synthetic';

async function driver(options: ReturnType<typeof setUp>): Promise<void> {
  const slot = openSlot(0);
  if (options.simulate) await loadSimulatedBeatDetector(slot);
  const detector = BeatDetector.open(slot);
  const network = loadNetwork();
  const data = samples(500, 11);
  let correct = 0;
  let exact = 0;
  for (const { features, beat } of data) {
    const p = detector.predict(features);
    if (p >= 0.5 === beat) correct++;
    if (p === referencePredict(network, features).probability) exact++;
  }
  console.log(`Driver on slot 0: ${correct}/${data.length} synthetic samples right, ${exact}/${data.length} equal to the reference`);
  await detector.close();
  await slot.close();
}

async function service(options: ReturnType<typeof setUp>): Promise<void> {
  const beat = await BeatService.start(options);
  console.log(`Service on ${beat.url}: ${(await beat.health()).inRotation} slots in rotation`);
  for (const { features, beat: expected } of samples(4, 12)) {
    const response = await fetch(`${beat.url}/predict`, { method: 'POST', body: JSON.stringify({ features: Array.from(features) }) });
    const body = (await response.json()) as { beat: boolean; probability: number };
    console.log(`POST /predict -> ${response.status} beat ${body.beat}, probability ${body.probability} (expected ${expected})`);
  }
  const bad = await fetch(`${beat.url}/predict`, { method: 'POST', body: '{"features":[1,2]}' });
  console.log(`POST /predict with 2 features -> ${bad.status} ${((await bad.json()) as { error: string }).error}`);
  const health = await beat.health();
  const powers = health.slots.map((s) => `${s.slot}:${s.state === 'in-rotation' ? `${s.powerWatts} W` : s.state}`);
  console.log(`GET /health -> ${health.status}, slots ${powers.join(' ')}`);
  await beat.close();
}

run(async () => {
  const options = setUp();
  await driver(options);
  await service(options);
});
