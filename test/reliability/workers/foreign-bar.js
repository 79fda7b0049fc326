// Another thread's BarHandle and view, as this thread receives them: replies
// to { bar } with what the clone is and what using it does, to { view } with
// the words it holds, and to 'read' with the held view's first word now.
const { parentPort, workerData } = require('worker_threads');
const fpga = require(workerData.dist);

const pci = new fpga.FpgaPci();
let held;

function attempt(run) {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, error: error.constructor.name, message: error.message };
  }
}

parentPort.on('message', (message) => {
  if (message === 'read') {
    parentPort.postMessage(new Uint32Array(held)[0]);
  } else if (message.view) {
    held = message.view;
    parentPort.postMessage({ byteLength: held.byteLength, first: new Uint32Array(held)[0] });
  } else {
    const { bar } = message;
    parentPort.postMessage({
      isBarHandle: bar instanceof fpga.BarHandle,
      fields: { ...bar },
      throughPci: attempt(() => pci.peek(bar, 0)),
      throughPrototype: attempt(() => fpga.BarHandle.prototype.peek.call(bar, 0)),
    });
  }
});
