// A fresh environment choosing its backend: the configure() calls of
// workerData, then first use, then configure() once more. Replies with how
// each call ended.
const { parentPort, workerData } = require('worker_threads');
const fpga = require(workerData.dist);

function outcome(run) {
  try {
    const value = run();
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: error.constructor.name, message: error.message };
  }
}

const configured = workerData.calls.map((options) => outcome(() => fpga.configure(options)));
const info = outcome(() => fpga.backendInfo());
const again = outcome(() => fpga.backend());
const late = outcome(() => fpga.configure({ backend: 'mock' }));
parentPort.postMessage({ configured, info, again, late });
