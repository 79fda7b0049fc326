// The SDK's fpga_pci_example.py in TypeScript, step for step: load CL_MEM_PERF
// into slot 0, then measure every clock of the design with its frequency
// counter block on the app PF's BAR0, and print the app PF's resource map.
//
// Run: npm run example:pci
import { setTimeout as sleep } from 'timers/promises';
import { APP_PF, FPGA_CMD_GET_HW_METRICS, FpgaMgmt, FpgaPci, type BarHandle } from '../lib';
import { CLOCK_NAMES, CL_MEM_PERF_AGFI, CTL_REG, CTL_RESET, CTL_START, FREQ_CTR_0, REF_FREQ_CTR } from './cl-mem-perf';
import { imageLine, resourceMapLine } from './format';
import { chooseDevice, run, waitWhileBusy } from './support';

const SLOT = 0;
const BAR0 = 0;
// A measurement counts for one second of the reference clock.
const MEASUREMENT_POLLS = 10;
const MEASUREMENT_POLL_MS = 1000;

/** Each clock's counter, in MHz: the counters count Hz over the one-second window. */
function readFreqCounters(pci: FpgaPci, handle: BarHandle): Map<string, number> {
  return new Map(CLOCK_NAMES.map((name, i) => [name, pci.peek(handle, FREQ_CTR_0 + i * 4) / 1e6]));
}

run(async () => {
  chooseDevice();
  await using mgmt = new FpgaMgmt();
  const pci = new FpgaPci();

  console.log(`Loading AFI for Mem Perf CL Example: ${CL_MEM_PERF_AGFI}`);
  await waitWhileBusy(mgmt, SLOT, await mgmt.loadLocalImage(SLOT, CL_MEM_PERF_AGFI));

  const info = await mgmt.describeLocalImage(SLOT, FPGA_CMD_GET_HW_METRICS);
  console.log(`Info: ${imageLine(info)}`);

  const handle = pci.attach(SLOT, APP_PF, BAR0, 0);

  pci.poke(handle, CTL_REG, CTL_RESET);
  pci.poke(handle, CTL_REG, 0);
  pci.poke(handle, CTL_REG, CTL_START);
  // CTL_REG reads 0 once the measurement is done.
  for (let poll = 0; poll < MEASUREMENT_POLLS; poll++) {
    await sleep(MEASUREMENT_POLL_MS);
    if (pci.peek(handle, CTL_REG) === 0) break;
  }

  console.log(`Reference Frequency: ${pci.peek(handle, REF_FREQ_CTR)} Hz`);
  console.log('Clock Frequencies:');
  for (const [name, mhz] of readFreqCounters(pci, handle)) console.log(`${name}: ${mhz.toFixed(4)} MHz`);

  pci.detach(handle);

  console.log(`Resource Map: ${resourceMapLine(pci.getResourceMap(SLOT, APP_PF))}`);
});
