// Declares a CL model with the simulated device.
import { ready } from '../backend';
import { compileCl } from './cl-compile';
import { dispatch, registerModel } from './cl-dispatch';
import type { ClDefinition } from './cl-types';

/**
 * Adds the model's AFI to the simulated catalog (with its PCI ids, power and
 * clock generator) and gives it the model; returns the AFI id.
 */
export function defineCl(definition: ClDefinition): string {
  const compiled = compileCl(definition);
  const native = ready();
  // This copy of the package answers the hooks of every model from now on.
  native.mockSetClDispatcher(dispatch);
  native.mockAddAfi(compiled.afi);
  registerModel(native.mockSetClModel(compiled.agfi, compiled.nativeRegisters, compiled.nativeRanges), compiled);
  return compiled.agfi;
}
