// Loads the compiled addon (a prebuild or the local build) once per environment.
import * as path from 'path';
import type { NativeModule } from '../types/native';
import { FPGA_ERR_UNRESPONSIVE, FPGA_SLOT_MAX } from './constants';
import { FpgaError } from './errors';

function loadAddon(): NativeModule {
  const root = path.join(__dirname, '..');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('node-gyp-build')(root) as NativeModule;
  } catch (error) {
    throw new Error(
      `aws-fpga: the native addon could not be loaded (${(error as Error).message}). ` +
        'Reinstall the package so that a prebuilt binary is found or the addon is built ' +
        '(building needs python3, make and a C++ compiler): npm rebuild aws-fpga',
    );
  }
}

export const native: NativeModule = loadAddon();

// How to give the simulated device more slots, for the absent-slot message.
let moreSlots = 'mock.reset({ slots: 8 }) or AWS_FPGA_MOCK_SLOTS=8';

/** @internal The CLI's simulated machine gets more slots another way. */
export function setMoreSlotsHint(hint: string): void {
  moreSlots = hint;
}

// The SDK answers unresponsive for a slot the instance does not have; say so,
// and which slots it has.
function absentSlot(code: number, slot: number): string | undefined {
  if (code !== FPGA_ERR_UNRESPONSIVE || slot < 0) return undefined;
  let present: number;
  try {
    present = native.getAllSlotSpecs(FPGA_SLOT_MAX).length;
  } catch {
    return undefined;
  }
  if (slot < present) return undefined;
  const have = present === 0 ? 'no FPGA slots' : present === 1 ? 'only slot 0' : `slots 0 to ${present - 1}`;
  const more = native.backend()?.simulated ? `; the simulated device gets more with ${moreSlots}` : '';
  return `this instance has no slot ${slot}: it has ${have}${more}`;
}

native.setErrorFactory((call, code, slot, detail) => new FpgaError(call, code, slot, detail ?? absentSlot(code, slot)));
