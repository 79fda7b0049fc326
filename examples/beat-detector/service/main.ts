// The rhythm service: POST /predict, GET /health, one worker thread per slot
// that holds the beat detector AFI. Runs until interrupted.
//
// Run: npm run example:beat:serve [-- --port=8080 --slots=2]
import { run } from '../../support';
import { numberArg, setUp } from '../setup';
import { BeatService } from './http';

run(async () => {
  const options = setUp();
  const service = await BeatService.start({ ...options, port: numberArg('port', 8080), maxSlots: numberArg('slots', 8) });
  const health = await service.health();
  console.log(`Serving on ${service.url} with ${health.inRotation} slot(s) in rotation (Ctrl-C stops).`);
  for (const slot of health.slots.filter((s) => s.state !== 'in-rotation')) console.log(`slot ${slot.slot}: ${slot.state}, ${slot.reason}`);
  console.log(`Try: curl -s ${service.url}/predict -d '{"features":[${Array(30).fill(0).join(',')}]}'`);
  await new Promise<void>((resolve) => process.once('SIGINT', resolve).once('SIGTERM', resolve));
  await service.close();
  console.log('Stopped.');
});
