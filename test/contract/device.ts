// The contract suite runs against whichever backend the process chose: the
// simulated device under `npm test`, the real SDK library (on a fake F2 sysfs
// tree with an emulated mailbox) under `npm run test:real-sdk`. It uses no
// control of the simulated device beyond making its loads as quick as the
// emulator's.
import { backendInfo, mock } from '../../lib';

export const simulated = (): boolean => backendInfo().simulated;

/** A device with one slot, in its starting state, whose loads and clears take a fraction of a second. */
export function contractDevice(): void {
  if (simulated()) mock.reset({ slots: 1, loadTimeMs: 300, clearTimeMs: 100 });
}

/** An AGFI of the right form; the emulated shell loads any, the simulated device knows this one. */
export const LOADABLE_AGFI = 'agfi-0925b211f5a81b071';
