// Loads workerData.agfi on workerData.slot (a synchronous load, waiting in the
// SDK) once it is told to start, replies with how long the load took, and
// ends with its FpgaMgmt still open: the thread's exit closes it.
const { parentPort, workerData } = require('worker_threads');
const fpga = require(workerData.dist);

const { slot, agfi } = workerData;
const mgmt = new fpga.FpgaMgmt();
parentPort.once('message', async () => {
  const start = performance.now();
  const described = await mgmt.loadLocalImageSyncFlags(slot, agfi, 0, 60000, 5);
  parentPort.postMessage({ ms: performance.now() - start, status: described.status });
});
parentPort.postMessage('ready');
