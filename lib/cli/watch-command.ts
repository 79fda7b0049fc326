// The watch subcommand: `aws-fpga watch -S 0 [--interval ms] [--count n] [--json] [--mock]`
// prints one line per event of a slot watcher until interrupted (io.signal,
// SIGINT in the CLI) or after --count polls. It streams its output, so it is a
// plain command rather than a deviceCommand with one result.
import { CliUsageError, readCliValues, type RawCliValues } from '../afi/cli-options';
import { DEFAULT_WATCH_INTERVAL_MS } from '../defaults';
import { formatWatchEvent, formatWatchEventJson } from '../watch/format';
import { slotArgument, unsignedArgument } from './arguments';
import type { ImageDescription } from '../describe';
import type { FpgaMgmt } from '../mgmt';
import type { CallOptions } from '../slot-queue';
import { EXIT, machineLocation, mockOption, reportFailure, useDevice, type CliCommand, type CliIo, type CliOptions } from './command';
import { refreshMachine, type MachineLocation } from './mock-machine';
import { deviceLibrary } from './library';
import { slotOption } from './options';

// setTimeout's longest delay.
const MAX_INTERVAL_MS = 0x7fffffff;

export const WATCH_OPTIONS = {
  ...slotOption,
  interval: { type: 'string', valueName: 'ms', description: `Pause between polls in ms (default ${DEFAULT_WATCH_INTERVAL_MS})` },
  count: { type: 'string', valueName: 'n', description: 'Stop after n polls (default: when interrupted)' },
  json: { type: 'boolean', description: 'Print each event as one line of JSON' },
  ...mockOption,
} as const satisfies CliOptions;

function pollCount(text: string): number {
  const count = unsignedArgument('--count', text);
  if (count === 0) throw new CliUsageError('--count must be at least 1');
  return count;
}

/** An FpgaMgmt whose every describe first reads the simulated machine's state, as other commands left it. */
function refreshingMgmt(location: MachineLocation, io: CliIo): FpgaMgmt {
  class RefreshingMgmt extends deviceLibrary().FpgaMgmt {
    override async describeLocalImage(slot: number, flags?: number, options?: CallOptions): Promise<ImageDescription> {
      await refreshMachine(location, { stderr: io.stderr, signal: options?.signal });
      return super.describeLocalImage(slot, flags, options);
    }
  }
  return new RefreshingMgmt();
}

/** Runs `watch`; resolves to 0 once it stopped (after --count polls or io.signal), 1 or 2 when it cannot start. */
async function runWatch(raw: RawCliValues, io: CliIo): Promise<number> {
  try {
    const values = readCliValues(WATCH_OPTIONS, raw);
    const slot = slotArgument(values['fpga-image-slot']);
    const { interval, count, json } = values;
    const intervalMs = interval === undefined ? undefined : unsignedArgument('--interval', interval, MAX_INTERVAL_MS);
    const polls = count === undefined ? undefined : pollCount(count);
    // The simulated machine is only read here, and its lock held only for each read.
    (await useDevice(values, io))?.release();
    // A slot this instance does not have fails here, not at every poll.
    const { FpgaPci, watchSlot } = deviceLibrary();
    new FpgaPci().getSlotSpec(slot);
    const format = json ? formatWatchEventJson : formatWatchEvent;
    const location = machineLocation(values);
    const mgmt = location === undefined ? undefined : refreshingMgmt(location, io);
    try {
      for await (const event of watchSlot(slot, { intervalMs, polls, signal: io.signal, mgmt })) io.stdout.write(format(event));
    } finally {
      await mgmt?.close();
    }
    return EXIT.ok;
  } catch (error) {
    return reportFailure('watch', error, io, raw.json === true);
  }
}

export const watchCommand: CliCommand = {
  name: 'watch',
  summary: "Watch a slot's health: status, power and the design's timeouts and PCIM errors, one line per event",
  options: WATCH_OPTIONS,
  positionals: [],
  run: (values, _positionals, io) => runWatch(values, io),
};
