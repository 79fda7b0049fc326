// The device side of the library, loaded by the first command that touches a
// slot. It brings in the native addon, so that --help, --version and the AFI
// commands, which never reach a slot, run without a native build.
import type { NativeModule } from '../../types/native';

type DeviceLibrary = typeof import('../index');

let loaded: DeviceLibrary | undefined;

/** The library's device API (openSlot, configure, FpgaMgmt...), loading the addon on first use. */
export function deviceLibrary(): DeviceLibrary {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('../index') as DeviceLibrary;
  return loaded;
}

/** The addon itself, for what only the CLI uses: the simulated machine's state and its lock. */
export function nativeAddon(): NativeModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../native') as typeof import('../native')).native;
}
