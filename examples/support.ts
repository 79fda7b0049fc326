// What the examples share: choosing the device, waiting out a busy slot, and
// running main(). The library never falls back to the simulated device by
// itself; an example does, explicitly, and says so in its first line of output.
// (In your own project, import from 'aws-fpga' rather than '../lib'.)
import { setTimeout as sleep } from 'timers/promises';
import { FPGA_CMD_GET_HW_METRICS, backendInfo, configure, mock, type FpgaMgmt, type ImageDescription } from '../lib';

// Loads and clears on the simulated device take this long: long enough to see
// the slot busy, short enough for the examples to finish in seconds.
const SIMULATED_LOAD_MS = 1000;
const SIMULATED_CLEAR_MS = 500;
const POLL_MS = 100;

function sdkLoads(): boolean {
  try {
    configure({ backend: 'sdk' });
    backendInfo();
    return true;
  } catch {
    return false;
  }
}

/**
 * Uses the FPGA through the AWS FPGA SDK when its library loads, and the
 * simulated device otherwise (AWS_FPGA_BACKEND, when set, decides instead),
 * then prints which one as the first line of output.
 */
export function chooseDevice(): void {
  const fallBack = process.env.AWS_FPGA_BACKEND === undefined && !sdkLoads();
  if (fallBack) configure({ backend: 'mock' });
  const { backend, simulated, library } = backendInfo();
  if (simulated) {
    // The simulated device is built in, or its standalone library stands in for the SDK's.
    const why = fallBack ? 'the AWS FPGA SDK library could not be loaded' : backend === 'mock' ? 'AWS_FPGA_BACKEND=mock' : library;
    console.log(`Running on the simulated F2 device (${why}).`);
    mock.reset({ loadTimeMs: SIMULATED_LOAD_MS, clearTimeMs: SIMULATED_CLEAR_MS });
  } else {
    console.log(`Running on the FPGA through the AWS FPGA SDK (${library}).`);
  }
}

/**
 * Polls describe until the slot is no longer busy, as the Python examples do
 * (they poll without pausing; this pauses POLL_MS between polls).
 */
export async function waitWhileBusy(mgmt: FpgaMgmt, slot: number, info: ImageDescription): Promise<ImageDescription> {
  while (info.status === 'busy') {
    await sleep(POLL_MS);
    info = await mgmt.describeLocalImage(slot, FPGA_CMD_GET_HW_METRICS);
  }
  return info;
}

/** Runs an example's main(), reporting a failure the way a command-line tool does. */
export function run(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exitCode = 1;
  });
}
