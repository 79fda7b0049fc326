// What the beat detector's programs share: the device, and the service's options for it.
import { backendInfo, mock } from '../../lib';
import { chooseDevice } from '../support';
import { BEAT_DETECTOR_AGFI } from './model';
import type { ServiceOptions } from './service/http';

/** Slots of the simulated machine, as on an f2.48xlarge. */
export const SIMULATED_SLOTS = 8;

/**
 * Chooses the FPGA or the simulated device (saying which); on the simulated
 * device, SIMULATED_SLOTS slots whose loads take no time. Returns the service's
 * options: on the simulated device each worker declares the model and loads
 * its slot; on an F2 instance the slots must already hold the AFI
 * (BEAT_AGFI, default the example's id).
 */
export function setUp(simulate: ServiceOptions['simulate'] = {}): Omit<ServiceOptions, 'port'> {
  chooseDevice();
  const { backend, simulated, library } = backendInfo();
  // Virtual time: the workers' loads end at once, so the service starts in a second.
  if (simulated) mock.reset({ slots: SIMULATED_SLOTS, virtualTime: true, loadTimeMs: 0 });
  return {
    agfi: process.env.BEAT_AGFI ?? BEAT_DETECTOR_AGFI,
    backend,
    ...(backend === 'sdk' ? { sdkLibrary: library } : {}),
    ...(simulated ? { simulate } : {}),
  };
}

/** `--name=value` from the command line, as a number. */
export function numberArg(name: string, fallback: number): number {
  const given = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  if (given === undefined) return fallback;
  const value = Number(given.slice(name.length + 3));
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`--${name} must be a non-negative number, got ${given}`);
  return value;
}
