// What a subcommand of aws-fpga is, and how the device subcommands run: their
// common options, the choice of device, and the report of a failure. The
// option descriptions are those of the AFI subcommands (lib/afi/cli-options),
// with a short letter where the SDK's tools have one; both go to parseArgs as-is.
import { AFI_EXIT_CODES, type AfiCliIo } from '../afi/cli';
import { CliUsageError, readCliValues, type AfiCliOption, type AfiCliValues, type RawCliValues } from '../afi/cli-options';
import { formatJson, type AfiCliStream } from '../afi/cli-output';
import { FpgaError } from '../errors';
import { errorName } from '../names';
import type { FpgaMgmt } from '../mgmt';
import type { Slot } from '../slot';
import { deviceLibrary } from './library';
import { MockMachine, STATE_DIR_VARIABLE, mockStateDir, type MachineLocation } from './mock-machine';

/** The exit codes, shared with the AFI subcommands: 0 ok, 1 failed, 2 bad command line, 130 interrupted. */
export const EXIT = AFI_EXIT_CODES;

export type CliStream = AfiCliStream;

export interface CliIo extends AfiCliIo {
  readonly stdout: CliStream;
  /** Errors, and the progress line of a wait. */
  readonly stderr: CliStream;
}

export interface CliOption extends AfiCliOption {
  /** The one-letter form, as the SDK's tools spell it (`S` for -S). */
  readonly short?: string;
}

export type CliOptions = Readonly<Record<string, CliOption>>;

export interface CliPositional {
  readonly name: string;
  readonly description: string;
  readonly optional?: boolean;
}

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly options: CliOptions;
  readonly positionals: readonly CliPositional[];
  /** Options of the SDK's tools that this command refuses (as typed: '-D'), with the reason. */
  readonly refusedOptions?: Readonly<Record<string, string>>;
  run(values: RawCliValues, positionals: readonly string[], io: CliIo): Promise<number>;
}

/** What a device command prints: `text` in the SDK tools' layout, `json` under --json. */
export interface CommandOutput {
  readonly text: string;
  readonly json: unknown;
}

export const mockOption = {
  mock: {
    type: 'boolean',
    description: 'Use the simulated device instead of the FPGA: one machine that the --mock commands share (see reset-mock)',
  },
  'mock-state': {
    type: 'string',
    valueName: 'dir',
    description: `With --mock, where that machine is kept (default $${STATE_DIR_VARIABLE}, else $XDG_STATE_HOME/aws-fpga, else ~/.local/state/aws-fpga)`,
  },
} as const satisfies CliOptions;

const DEVICE_OPTIONS = {
  json: { type: 'boolean', description: 'Print the result as JSON' },
  ...mockOption,
} as const satisfies CliOptions;

type DeviceValues<O extends CliOptions> = AfiCliValues<O & typeof DEVICE_OPTIONS>;

export const helpHint = (command: string) => `Run 'aws-fpga ${command} --help' for its usage.\n`;

function errorJson(error: unknown): string {
  if (error instanceof FpgaError) {
    const { name, code, errno, call, slot, message } = error;
    return formatJson({ error: { name, code, errno, call, slot, message } });
  }
  return formatJson({ error: { name: error instanceof Error ? error.name : 'Error', message: String(error) } });
}

/** Reports `error` on stderr and returns the exit code for it. */
export function reportFailure(command: string, error: unknown, io: CliIo, json: boolean): number {
  if (io.signal?.aborted === true && error === io.signal.reason) {
    io.stderr.write(`${command}: interrupted\n`);
    return EXIT.interrupted;
  }
  // The library reports bad arguments as TypeError and RangeError.
  const usage = error instanceof CliUsageError || error instanceof TypeError || error instanceof RangeError;
  if (json) {
    io.stderr.write(errorJson(error));
  } else if (error instanceof FpgaError) {
    // The SDK tools' own report: the code, its name, then what to do about it.
    const why = error.detail === undefined ? (error.explanation ?? '') : `${error.detail}\n`;
    io.stderr.write(`Error: (${error.errno}) ${errorName(error.errno)}\n${why}`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`${command}: ${message}\n${usage ? helpHint(command) : ''}`);
  }
  return usage ? EXIT.usage : EXIT.failed;
}

type MockValues = AfiCliValues<typeof mockOption>;

/** The machine --mock and --mock-state choose, or undefined for the FPGA. */
export function machineLocation(values: MockValues): MachineLocation | undefined {
  const flag = values['mock-state'];
  if (!values.mock) {
    if (flag !== undefined) throw new CliUsageError('--mock-state is for the simulated device: add --mock');
    return undefined;
  }
  return { dir: mockStateDir(flag), flag };
}

/**
 * Chooses the device: with --mock the shared simulated machine, held (locked
 * and restored) until the caller releases it; else the SDK's library, which must load.
 */
export async function useDevice(values: MockValues, io: CliIo): Promise<MockMachine | undefined> {
  const location = machineLocation(values);
  if (location !== undefined) return MockMachine.take(location, io);
  try {
    deviceLibrary().backendInfo();
  } catch (error) {
    throw new Error(`${(error as Error).message}\nFor the simulated device, pass --mock.`);
  }
  return undefined;
}

/** What a device command's action gets besides its values: the streams, and slots to open. */
export interface DeviceContext {
  readonly io: CliIo;
  /**
   * Opens a slot for the action. It is closed once the output or the failure
   * is reported: after a time-out or an interrupt the SDK may still be waiting,
   * and the report should not wait for it.
   */
  openSlot(id: number): Slot;
  /** The SDK's management calls, for what Slot leaves out (load flags, the command timeout); closed as the slots are. */
  mgmt(): FpgaMgmt;
}

async function closeAll(opened: readonly (Slot | FpgaMgmt)[]): Promise<void> {
  await Promise.all(opened.map((each) => each.close()));
}

/**
 * A subcommand that talks to the FPGA (or, with --mock, the simulated device).
 * `action` returns what to print; a failure is reported with its SDK name.
 */
export function deviceCommand<O extends CliOptions>(spec: {
  name: string;
  summary: string;
  options: O;
  positionals?: readonly CliPositional[];
  refusedOptions?: CliCommand['refusedOptions'];
  action(values: DeviceValues<O>, positionals: readonly string[], context: DeviceContext): Promise<CommandOutput>;
}): CliCommand {
  const options = { ...spec.options, ...DEVICE_OPTIONS };
  return {
    name: spec.name,
    summary: spec.summary,
    options,
    positionals: spec.positionals ?? [],
    refusedOptions: spec.refusedOptions,
    async run(raw, positionals, io) {
      const json = raw.json === true;
      const opened: (Slot | FpgaMgmt)[] = [];
      let mgmt: FpgaMgmt | undefined;
      const context: DeviceContext = {
        io,
        openSlot(id) {
          const slot = deviceLibrary().openSlot(id);
          opened.push(slot);
          return slot;
        },
        mgmt() {
          if (mgmt === undefined) opened.push((mgmt = new (deviceLibrary().FpgaMgmt)()));
          return mgmt;
        },
      };
      let code: number;
      let machine: MockMachine | undefined;
      try {
        const values: DeviceValues<O> = readCliValues(options, raw);
        machine = await useDevice(values, io);
        const output = await spec.action(values, positionals, context);
        io.stdout.write(json ? formatJson(output.json) : output.text);
        code = EXIT.ok;
      } catch (error) {
        code = reportFailure(spec.name, error, io, json);
      }
      try {
        await closeAll(opened);
        // A failed command may have changed the device too (a load begun, then timed out).
        machine?.save();
      } catch (error) {
        code = reportFailure(spec.name, error, io, json);
      } finally {
        machine?.release();
      }
      return code;
    },
  };
}
