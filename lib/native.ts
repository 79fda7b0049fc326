// Loads the compiled addon (a prebuild or the local build) once per environment.
import * as path from 'path';
import type { NativeModule } from '../types/native';
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
native.setErrorFactory((op, code, slot) => new FpgaError(op, code, slot));
