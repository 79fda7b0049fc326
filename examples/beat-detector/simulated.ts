// The beat detector on the simulated device: declare its CL model on this
// thread, load it on a slot, and clock the model from the slot's clock A.
import { mock, type Slot } from '../../lib';
import { beatDetectorCl, type BeatDetectorCl, type BeatDetectorClOptions } from './model';

/**
 * The kernel's clock, clk_extra_a1 (clock group A), in MHz. Read it again
 * after changing the slot's clocks.
 */
export async function kernelClockMhz(slot: Slot): Promise<number> {
  return (await slot.clocks()).a.a1;
}

/**
 * Declares the model (its hooks run on the calling thread only), loads it on
 * `slot` and sets the model's clock from the slot's. Loads on several
 * threads must take turns: a load takes the model last declared for the AFI.
 */
export async function loadSimulatedBeatDetector(slot: Slot, options: BeatDetectorClOptions = {}): Promise<BeatDetectorCl> {
  const cl = beatDetectorCl(options);
  mock.defineCl(cl.definition);
  await slot.load(cl.agfi);
  cl.setClockMhz(slot.id, await kernelClockMhz(slot));
  return cl;
}
