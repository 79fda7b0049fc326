// The SDK's fpga_clkgen_example.py in TypeScript, step for step: load
// CL_MEM_PERF (which carries the AWS_CLK_GEN block) into slot 0, read its
// clocks, set them to 125/125/150/125 MHz, then apply recipes A0 B3 C3 H4.
//
// Run: npm run example:clkgen
import { FPGA_CMD_GET_HW_METRICS, FpgaClkgen, FpgaMgmt } from '../lib';
import { CL_MEM_PERF_AGFI } from './cl-mem-perf';
import { clocksLine } from './format';
import { chooseDevice, run, waitWhileBusy } from './support';

const SLOT = 0;

run(async () => {
  chooseDevice();
  await using mgmt = new FpgaMgmt();
  const clkgen = new FpgaClkgen();

  const { status } = await mgmt.describeLocalImage(SLOT, FPGA_CMD_GET_HW_METRICS);
  console.log(`FPGA Status ${status}`);

  console.log(`Loading AFI: ${CL_MEM_PERF_AGFI}`);
  await waitWhileBusy(mgmt, SLOT, await mgmt.loadLocalImage(SLOT, CL_MEM_PERF_AGFI));

  console.log(`Clock Information: ${clocksLine(await clkgen.getDynamic(SLOT))}`);

  console.log('Setting dynamic clock');
  await clkgen.setDynamic(SLOT, 125, 125, 150, 125, 0);
  console.log(`New Clock Information: ${clocksLine(await clkgen.getDynamic(SLOT))}`);

  console.log('Setting Recipe');
  // The recipes are listed in the HDK's Clock Recipes User Guide.
  await clkgen.setRecipe(SLOT, 0, 3, 3, 4, 0);
  console.log(`Clock Information after setting recipe: ${clocksLine(await clkgen.getDynamic(SLOT))}`);
});
