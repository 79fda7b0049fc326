// reset-mock: gives the --mock commands a new simulated machine, every slot
// empty, replacing the saved one (readable or not).
import { readCliValues, type RawCliValues } from '../afi/cli-options';
import { unsignedArgument } from './arguments';
import { EXIT, mockOption, reportFailure, type CliCommand, type CliIo, type CliOptions } from './command';
import { nativeAddon, deviceLibrary } from './library';
import { MockMachine, mockStateDir } from './mock-machine';

// How many slots an F2 instance has at most.
const MAX_SLOTS = 8;

export const RESET_OPTIONS = {
  slots: { type: 'string', valueName: 'n', description: `Slots of the new machine, 1 to ${MAX_SLOTS} (default $AWS_FPGA_MOCK_SLOTS, else 1)` },
  'load-time': {
    type: 'string',
    valueName: 'ms',
    description: 'How long a load keeps a slot busy (default $AWS_FPGA_MOCK_LOAD_TIME_MS, else the simulated device\'s own)',
  },
  'clear-time': {
    type: 'string',
    valueName: 'ms',
    description: 'How long a clear keeps a slot busy (default $AWS_FPGA_MOCK_CLEAR_TIME_MS, else the simulated device\'s own)',
  },
  // --mock is taken, as by the other commands, though this one is always about the simulated device.
  ...mockOption,
} as const satisfies CliOptions;

async function runReset(raw: RawCliValues, io: CliIo): Promise<number> {
  try {
    const values = readCliValues(RESET_OPTIONS, raw);
    const flag = values['mock-state'];
    const slots = values.slots === undefined ? undefined : unsignedArgument('--slots', values.slots, MAX_SLOTS);
    if (slots === 0) throw new RangeError('--slots must be at least 1, got 0');
    const loadTimeMs = values['load-time'] === undefined ? undefined : unsignedArgument('--load-time', values['load-time'], 0xffffffff);
    const clearTimeMs = values['clear-time'] === undefined ? undefined : unsignedArgument('--clear-time', values['clear-time'], 0xffffffff);
    const location = { dir: mockStateDir(flag), flag };
    // The saved state is not read: it may be what cannot be read.
    const machine = await MockMachine.take(location, io, true);
    try {
      const startup = nativeAddon().mockStartupOptions();
      const options = {
        ...startup,
        ...(slots === undefined ? {} : { slots }),
        ...(loadTimeMs === undefined ? {} : { loadTimeMs }),
        ...(clearTimeMs === undefined ? {} : { clearTimeMs }),
      };
      deviceLibrary().mock.reset(options);
      machine.save();
      io.stdout.write(
        `New simulated device in ${location.dir}: ${options.slots} slot${options.slots === 1 ? '' : 's'}, all empty; ` +
          `loads take ${options.loadTimeMs} ms, clears ${options.clearTimeMs} ms\n`,
      );
    } finally {
      machine.release();
    }
    return EXIT.ok;
  } catch (error) {
    return reportFailure('reset-mock', error, io, false);
  }
}

export const resetMockCommand: CliCommand = {
  name: 'reset-mock',
  summary: 'Start the --mock commands over on a new simulated device, every slot empty',
  options: RESET_OPTIONS,
  positionals: [],
  run: (values, _positionals, io) => runReset(values, io),
};
