import { FpgaClkgen, FpgaMgmt, FPGA_CMD_FORCE_SHELL_RELOAD } from '../../lib';
import { rejection } from '../harness-support';
import { contractDevice, LOADABLE_AGFI } from './device';

let mgmt: FpgaMgmt;
const clkgen = new FpgaClkgen();
// The slot's state before anything is loaded: the emulated shell starts cleared.
const EMPTY = ['cleared', 'not-programmed'];

beforeAll(contractDevice);
beforeEach(() => {
  mgmt = new FpgaMgmt();
});
afterEach(() => mgmt.close());

test('load and clear, waiting: the slot reports the AFI, then nothing', async () => {
  expect(await mgmt.loadLocalImageSyncFlags(0, LOADABLE_AGFI)).toMatchObject({ status: 'loaded', afiId: LOADABLE_AGFI });
  expect(await mgmt.describeLocalImage(0)).toMatchObject({ status: 'loaded', afiId: LOADABLE_AGFI });
  expect((await mgmt.clearLocalImageSync(0)).status).toBe('cleared');
});

// Which load flags F2 refuses is the FPGA service's decision, which the
// emulated shell does not model; mgmt.test.ts holds the simulated device to it.
test('describe ignores flag bits it does not pass on', async () => {
  expect(EMPTY).toContain((await mgmt.describeLocalImage(0, FPGA_CMD_FORCE_SHELL_RELOAD | 0x4000_0000)).status);
});

test('the virtual DIP switches read back as set', async () => {
  await mgmt.setVdip(0, 0xa5a5);
  expect(await mgmt.getVdipStatus(0)).toBe(0xa5a5);
  await mgmt.setVdip(0, 0);
});

test('a design without AWS_CLK_GEN: clkgen-ip-not-found', async () => {
  expect(await rejection(clkgen.getDynamic(0))).toMatchObject({ errno: 29, code: 'clkgen-ip-not-found', call: 'clkgen.getDynamic' });
});

// Which handle the SDK's own failed range check detaches depends on its stack
// (clkgen.test.ts holds the simulated device to the case seen: the mailbox).
test('an out-of-range clock never reaches the SDK, so the mailbox survives it', async () => {
  await mgmt.describeLocalImage(0);
  await expect(clkgen.setRecipe(0, 3, 0, 0, 0)).rejects.toThrow(RangeError);
  await expect(clkgen.setDynamic(0, 86, 100, 100, 100)).rejects.toThrow(RangeError);
  expect(EMPTY).toContain((await mgmt.describeLocalImage(0)).status);
});
