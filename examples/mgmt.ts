// The SDK's fpga_mgmt_example.py in TypeScript, step for step: clear slot 0,
// load the Streaming Data Engine example AFI and describe it, clear
// synchronously, set and read the virtual DIP switches, look at the AFI cache
// before and while clearing it, then clear and load synchronously.
//
// Run: npm run example:mgmt
import { FPGA_CMD_CLEAR_AFI_CACHE, FPGA_CMD_GET_HW_METRICS, FpgaMgmt } from '../lib';
import { imageLine } from './format';
import { chooseDevice, run, waitWhileBusy } from './support';

const SLOT = 0;
const SDE_AGFI = 'agfi-0925b211f5a81b071';

run(async () => {
  chooseDevice();
  await using mgmt = new FpgaMgmt();

  await waitWhileBusy(mgmt, SLOT, await mgmt.clearLocalImage(SLOT));

  console.log(`Loading AFI for SDE (Streaming Data Engine) CL Example: ${SDE_AGFI}`);
  const loading = await mgmt.loadLocalImage(SLOT, SDE_AGFI);
  // The Python example raises the mailbox retry delay here (set_cmd_delay_msec)
  // and goes on while the load runs; a clear sent to a busy slot is refused
  // (busy), so this port lets the load finish instead.
  await waitWhileBusy(mgmt, SLOT, loading);

  let info = await mgmt.describeLocalImage(SLOT, FPGA_CMD_GET_HW_METRICS);
  console.log(`Info: ${imageLine(info)}`);

  console.log('Clearing local image synchronously');
  await mgmt.clearLocalImageSync(SLOT, 60000, 2);

  const vdip = 1 << 5;
  console.log(`Setting the dip switch at ${vdip}`);
  await mgmt.setVdip(SLOT, vdip);
  console.log(`Dip switch state: ${await mgmt.getVdipStatus(SLOT)}`);

  console.log('Describing image before CLEAR_AFI_CACHE flag is set');
  info = await mgmt.describeLocalImage(SLOT, FPGA_CMD_GET_HW_METRICS);
  console.log(`Info ${JSON.stringify(info.metrics?.cachedAgfis)}`);
  // The metrics are read before the cache is cleared, so they still list it.
  info = await mgmt.describeLocalImage(SLOT, FPGA_CMD_CLEAR_AFI_CACHE);
  console.log(`Info ${JSON.stringify(info.metrics?.cachedAgfis)}`);

  console.log('Clearing local image synchronously');
  await mgmt.clearLocalImageSync(SLOT, 60000, 2);

  console.log('Loading local image synchronously');
  await mgmt.loadLocalImageSyncFlags(SLOT, SDE_AGFI, FPGA_CMD_GET_HW_METRICS, 60000, 2);

  info = await mgmt.describeLocalImage(SLOT, FPGA_CMD_GET_HW_METRICS);
  console.log(`Info: ${imageLine(info)}`);
});
