// An FpgaMgmt on the SDK backend: workerData.library, or the SDK's usual
// places when absent. Replies with the backend, then answers 'describe'
// (slot 0's status, or the error's code) and 'close'.
const { parentPort, workerData } = require('worker_threads');
const fpga = require(workerData.dist);

fpga.configure({ backend: 'sdk', sdkLibrary: workerData.library });
const mgmt = new fpga.FpgaMgmt();
parentPort.postMessage(fpga.backendInfo());
parentPort.on('message', async (command) => {
  if (command === 'close') {
    await mgmt.close();
    parentPort.postMessage('closed');
    parentPort.close();
  } else {
    const described = await mgmt.describeLocalImage(0).then((d) => d.status, (error) => error.code);
    parentPort.postMessage(described);
  }
});
