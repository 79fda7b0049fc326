// FpgaMgmt.close() while its calls are in flight on every slot, some waiting
// in the SDK: each call ends as it would have without close; close resolves
// once all have left the device; calls after it are refused with FpgaError;
// another FpgaMgmt keeps the SDK open, and the last close closes it.
import fc from 'fast-check';
import { setImmediate as nextTurn, setTimeout as delay } from 'timers/promises';
import { FpgaError, FpgaMgmt, FpgaPci, mock } from '../../lib';
import { SDE_AGFI } from '../afis';
import { sessionClosed } from './helpers/session';
import { runOnSlots, slotCall } from './helpers/slot-calls';

const SLOTS = 8;
const FPGA_ERR_AFI_CMD_BUSY = 3;

test('close() with calls in flight waits for them, then refuses more', async () => {
  mock.reset({ slots: SLOTS, loadTimeMs: 30, clearTimeMs: 30, virtualTime: false });
  // The AFI loaded shows the app PF's own ids, so the sync calls need no rescan (500 ms each).
  const { app } = new FpgaPci().getSlotSpec(0);
  const { vendorId, deviceId, subsystemVendorId, subsystemDeviceId } = app;
  mock.addAfi({ afiId: SDE_AGFI, vendorId, deviceId, subsystemVendorId, subsystemDeviceId });
  const other = new FpgaMgmt();
  let rounds = 0;
  let calls = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.array(slotCall, { minLength: 1, maxLength: 6 }), { minLength: SLOTS, maxLength: SLOTS }),
      fc.nat(20),
      async (plan, closeAfterMs) => {
        const mgmt = new FpgaMgmt();
        let allSettled = false;
        const running = runOnSlots(mgmt, plan).then((settled) => {
          allSettled = true;
          return settled;
        });
        await delay(closeAfterMs);
        const closing = mgmt.close();
        expect(mgmt.close()).toBe(closing);
        await expect(mgmt.describeLocalImage(0)).rejects.toThrow(FpgaError);
        await closing;
        // Every call has left the device: what is left of its settling needs no more turns of the event loop.
        await nextTurn();
        expect(allSettled).toBe(true);
        // Nothing but a load or clear overlapping another on its slot was refused.
        for (const outcome of (await running).flat()) expect(outcome.code ?? FPGA_ERR_AFI_CMD_BUSY).toBe(FPGA_ERR_AFI_CMD_BUSY);
        await expect(other.getStatus(0)).resolves.toBeDefined();
        rounds++;
        calls += plan.flat().length;
      },
    ),
    { numRuns: 12 },
  );
  await other.close();
  expect(await sessionClosed()).toBe(true);
  console.log(`close: ${rounds} FpgaMgmt closed with ${calls} calls in flight on 8 slots`);
}, 60_000);
