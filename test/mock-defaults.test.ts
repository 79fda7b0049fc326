// The simulated device's defaults as docs/simulated-device.md and MockResetOptions
// state them: how long loads and clears take, and which AFIs the catalog holds.
import { FpgaError, mock, openSlot, listSlots, type Slot } from '../lib';
import { spawnProgram } from './helpers/spawn';
import { MEM_PERF_AGFI, SDE_AGFI, UNKNOWN_AGFI } from './afis';

// A waited load or clear that changes the app PF's ids pauses this long before the rescan.
const RESCAN_PAUSE_MS = 500;
// Virtual time also moves by the SDK's polls, 2 ms apart.
const POLL_MS = 2;

let slot: Slot;

afterEach(() => slot?.close());

/** How much device time `call` takes, in virtual time with every other option at its default. */
async function deviceTime(call: () => Promise<unknown>): Promise<number> {
  const before = mock.now();
  await call();
  return mock.now() - before;
}

test('with no options: one slot, loads 4 s and clears 2 s, plus the rescan pause when waited', async () => {
  mock.reset({ virtualTime: true });
  expect(listSlots()).toHaveLength(1);
  slot = openSlot(0);
  const load = await deviceTime(() => slot.load(SDE_AGFI));
  expect(load).toBeGreaterThanOrEqual(4000 + RESCAN_PAUSE_MS);
  expect(load).toBeLessThanOrEqual(4000 + RESCAN_PAUSE_MS + POLL_MS);
  const clear = await deviceTime(() => slot.clear());
  expect(clear).toBeGreaterThanOrEqual(2000 + RESCAN_PAUSE_MS);
  expect(clear).toBeLessThanOrEqual(2000 + RESCAN_PAUSE_MS + POLL_MS);
});

test('options left out take their defaults, not the values of the reset before', async () => {
  mock.reset({ slots: 3, loadTimeMs: 10, virtualTime: true });
  mock.reset({ virtualTime: true });
  expect(listSlots()).toHaveLength(1);
  slot = openSlot(0);
  expect(await deviceTime(() => slot.load(SDE_AGFI))).toBeGreaterThanOrEqual(4000);
});

test('the catalog holds the two built-in AFIs, and those added since the reset', async () => {
  mock.reset({ virtualTime: true, loadTimeMs: 10 });
  slot = openSlot(0);
  for (const agfi of [SDE_AGFI, MEM_PERF_AGFI]) expect(await slot.load(agfi)).toMatchObject({ status: 'loaded', afiId: agfi });
  await expect(slot.load(UNKNOWN_AGFI)).rejects.toThrow(FpgaError);
  mock.addAfi({ afiId: UNKNOWN_AGFI });
  expect(await slot.load(UNKNOWN_AGFI)).toMatchObject({ status: 'loaded', afiId: UNKNOWN_AGFI });
  mock.reset({ virtualTime: true, loadTimeMs: 10 });
  await expect(slot.load(UNKNOWN_AGFI)).rejects.toThrow(/invalid-afi-id/);
});

test('a new process takes its settings from AWS_FPGA_MOCK_*', () => {
  const program = [
    "const fpga = require('./dist');",
    "fpga.configure({ backend: 'mock' });",
    'console.log(fpga.listSlots().length);',
  ].join('\n');
  const result = spawnProgram(process.execPath, ['-e', program], { AWS_FPGA_MOCK_SLOTS: '4' });
  expect(result.stdout).toBe('4\n');
});
