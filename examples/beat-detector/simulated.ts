// The beat detector on the simulated device: declare its CL model on this
// thread, load it on a slot, and clock the model from the slot's clock A.
import { setTimeout as sleep } from 'timers/promises';
import { FpgaError, mock, type Slot } from '../../lib';
import { beatDetectorCl, type BeatDetectorCl, type BeatDetectorClOptions } from './model';

const POLL_MS = 10;
const LOAD_TIMEOUT_MS = 30_000;

/**
 * The kernel's clock, clk_extra_a1 (clock group A), in MHz. Read it again
 * after changing the slot's clocks.
 */
export async function kernelClockMhz(slot: Slot): Promise<number> {
  return (await slot.clocks()).a.a1;
}

async function loaded(slot: Slot, agfi: string): Promise<void> {
  const deadline = Date.now() + LOAD_TIMEOUT_MS;
  for (;;) {
    const info = await slot.describe();
    if (info.status === 'loaded' && info.afiId === agfi) return slot.rescan();
    if (info.status !== 'busy') throw new FpgaError('slot.load', info.statusQ || -1, slot.id, `the load of ${agfi} ended ${info.status}`);
    if (Date.now() > deadline) throw new FpgaError('slot.load', -110, slot.id, `${agfi} was not loaded after ${LOAD_TIMEOUT_MS} ms`);
    await sleep(POLL_MS);
  }
}

/**
 * Declares the model (its hooks run on the calling thread only), loads it on
 * `slot` and sets the model's clock from the slot's. A load takes the model
 * last declared for its AFI when it starts, so threads that load the same AFI
 * must take turns until `started` is called; the waits for the loads to end
 * can overlap.
 */
export async function loadSimulatedBeatDetector(
  slot: Slot,
  options: BeatDetectorClOptions = {},
  started: () => void = () => {},
): Promise<BeatDetectorCl> {
  const cl = beatDetectorCl(options);
  try {
    mock.defineCl(cl.definition);
    await slot.load(cl.agfi, { wait: false });
  } finally {
    started();
  }
  await loaded(slot, cl.agfi);
  cl.setClockMhz(slot.id, await kernelClockMhz(slot));
  return cl;
}
