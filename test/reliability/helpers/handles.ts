// The SDK's table of BAR handles: 64 in all, shared by every thread of the process.
import { APP_PF, FpgaError, type BarHandle, type FpgaPci } from '../../../lib';

export const SDK_HANDLES = 64;

/** How many handles are free: attaches slot 0's BAR0 until the SDK runs out, then detaches them. */
export function freeHandles(pci: FpgaPci): number {
  const held: BarHandle[] = [];
  try {
    for (;;) held.push(pci.attach(0, APP_PF, 0));
  } catch (error) {
    if (!(error instanceof FpgaError && error.code === 'ENOMEM')) throw error;
  } finally {
    for (const handle of held) handle.detach();
  }
  return held.length;
}
