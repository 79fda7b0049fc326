// Keeps workerData.slot busy until terminated: synchronous loads one after
// the other (each waiting in the SDK), register writes in a tight loop, BARs
// and views held, none released. Replies 'busy' once all of it has started.
const { parentPort, workerData } = require('worker_threads');
const fpga = require(workerData.dist);

const { slot, agfi } = workerData;
const pci = new fpga.FpgaPci();
const mgmt = new fpga.FpgaMgmt();
const bars = [0, 2, 4].map((bar) => pci.attach(slot, fpga.APP_PF, bar));
const views = bars.map((bar) => new Uint32Array(bar.view(0, 4096)));

function loadAgain() {
  mgmt.loadLocalImageSyncFlags(slot, agfi, 0, 60000, 5).then(loadAgain, loadAgain);
}
loadAgain();
setInterval(() => {
  for (let i = 0; i < 10000; i++) bars[0].poke(4 * (i % 256), i);
  views[1][0]++;
}, 0);
parentPort.postMessage('busy');
