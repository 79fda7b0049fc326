// One thread's work on its own slot: register writes read back, bursts seen
// through a view, describes and DIP switches. exerciseSlot() runs in the main
// thread too; as a worker, this file runs it on workerData.slot, leaves its
// BARs attached and its FpgaMgmt open (the thread's exit must release them),
// and replies with the counts.
const { isMainThread, parentPort, workerData } = require('worker_threads');

/** Runs `rounds` rounds on `slot` with the package `fpga`: what it did, any mismatch, and how to let go. */
async function exerciseSlot(fpga, slot, rounds) {
  const pci = new fpga.FpgaPci();
  const mgmt = new fpga.FpgaMgmt();
  const ocl = pci.attach(slot, fpga.APP_PF, 0);
  const pcis = pci.attach(slot, fpga.APP_PF, 4, fpga.BURST_CAPABLE);
  const window = new Uint32Array(pcis.view(0x1000, 64));
  const counts = { slot, pokes: 0, bursts: 0, describes: 0, vdips: 0, mismatches: [] };
  const expectEqual = (what, actual, expected) => {
    if (actual !== expected) counts.mismatches.push(`${what}: ${actual} instead of ${expected}`);
  };
  for (let round = 0; round < rounds; round++) {
    const value = ((slot << 24) | round) >>> 0;
    const offset = 4 * (round % 1024);
    ocl.poke(offset, value);
    expectEqual(`slot ${slot} peek 0x${offset.toString(16)}`, ocl.peek(offset), value);
    counts.pokes++;
    if (round % 16 === 0) {
      pcis.writeBurst(0x1000, new Uint32Array(16).fill(value));
      expectEqual(`slot ${slot} burst through the view`, window[15], value);
      counts.bursts++;
    }
    if (round % 64 === 0) {
      const [described, , vdip] = await Promise.all([
        mgmt.describeLocalImage(slot),
        mgmt.setVdip(slot, round & 0xffff),
        mgmt.getVdipStatus(slot),
      ]);
      expectEqual(`slot ${slot} describe`, described.slotId, slot);
      expectEqual(`slot ${slot} vDIP`, vdip, round & 0xffff);
      counts.describes++;
      counts.vdips++;
    }
  }
  const release = async () => {
    ocl.detach();
    pcis.detach();
    await mgmt.close();
  };
  return { counts, release };
}

module.exports = { exerciseSlot };

if (!isMainThread) {
  const fpga = require(workerData.dist);
  exerciseSlot(fpga, workerData.slot, workerData.rounds).then(({ counts }) => parentPort.postMessage(counts));
}
