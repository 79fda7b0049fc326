// One slot's worker thread: opens the beat detector on its slot (declaring
// and loading the CL model first on the simulated device) and answers
// predict requests from the main thread, one at a time.
import { parentPort, workerData } from 'worker_threads';
import { configure, openSlot, type Slot } from '../../../lib';
import { BeatDetector } from '../driver';
import { INPUTS } from '../network';
import { loadSimulatedBeatDetector } from '../simulated';
import { report, type FromWorker, type ToWorker, type WorkerConfig } from './protocol';

const config = workerData as WorkerConfig;
const port = parentPort!;
const send = (message: FromWorker): void => port.postMessage(message);

/** Resolves when main gives this worker its turn to load. */
function turn(): Promise<void> {
  return new Promise((resolve) => {
    const onGo = (message: ToWorker) => {
      if (message.type !== 'go') return;
      port.off('message', onGo);
      resolve();
    };
    port.on('message', onGo);
    send({ type: 'turn' });
  });
}

async function open(slot: Slot): Promise<BeatDetector | undefined> {
  if (config.simulate) {
    await turn();
    await loadSimulatedBeatDetector(slot, { agfi: config.agfi, ...config.simulate }, () => send({ type: 'loaded' }));
  }
  const info = await slot.describe();
  if (info.status !== 'loaded' || info.afiId !== config.agfi) {
    send({ type: 'skip', reason: `holds ${info.afiId || 'no AFI'} (${info.status}), not ${config.agfi}` });
    return undefined;
  }
  return BeatDetector.open(slot, { timeoutMs: config.timeoutMs });
}

function serve(slot: Slot, detector: BeatDetector): void {
  port.on('message', (message: ToWorker) => {
    if (message.type === 'predict') {
      const { ids, features } = message;
      const probabilities = new Float64Array(ids.length);
      const started = performance.now();
      for (let i = 0; i < ids.length; i++) {
        try {
          probabilities[i] = detector.predict(features.subarray(INPUTS * i, INPUTS * (i + 1)));
        } catch (error) {
          send({ type: 'results', ids: ids.slice(0, i), probabilities: probabilities.subarray(0, i), deviceUs: (performance.now() - started) * 1000 });
          send({ type: 'error', ids: ids.slice(i), error: report(error) });
          return;
        }
      }
      send({ type: 'results', ids, probabilities, deviceUs: (performance.now() - started) * 1000 });
    } else if (message.type === 'stop') {
      void detector.close().then(() => slot.close()).finally(() => port.close());
    }
  });
  send({ type: 'ready' });
}

async function main(): Promise<void> {
  configure({ backend: config.backend, ...(config.sdkLibrary ? { sdkLibrary: config.sdkLibrary } : {}) });
  const slot = openSlot(config.slot);
  try {
    const detector = await open(slot);
    if (detector) return serve(slot, detector);
  } catch (error) {
    send({ type: 'failed', error: report(error) });
  }
  await slot.close();
  port.close();
}

void main();
