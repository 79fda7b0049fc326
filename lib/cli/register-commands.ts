// Register work on any BAR: peek, poke and dump 32-bit words. The SDK's tools
// have no such commands; these take its -S and add --pf and --bar.
import { CliUsageError } from '../afi/cli-options';
import type { BarHandle } from '../pci';
import { pfArgument, slotArgument, unsignedArgument } from './arguments';
import { deviceCommand, type CliPositional, type DeviceContext } from './command';
import { formatDump, formatWord } from './format';
import { slotOption } from './options';

const DEFAULT_DUMP_BYTES = 256;
// Every word is a separate read: a longer dump is better done with a program.
const MAX_DUMP_BYTES = 1 << 20;

const barOptions = {
  ...slotOption,
  pf: { type: 'string', valueName: 'pf', description: 'The physical function: app (default) or mgmt' },
  bar: { type: 'string', valueName: 'bar', description: 'The BAR: 0 (default), 2 or 4' },
} as const;

const offsetArgument: CliPositional = { name: 'offset', description: 'Byte offset in the BAR, decimal or 0x hex, 4-byte aligned' };

interface BarValues {
  'fpga-image-slot': string;
  pf: string | undefined;
  bar: string | undefined;
}

/** Attaches the BAR the options name (detached when the command ends). */
function attachBar(values: BarValues, context: DeviceContext): BarHandle {
  const slot = context.openSlot(slotArgument(values['fpga-image-slot']));
  return slot.bar(pfArgument(values.pf ?? 'app'), unsignedArgument('--bar', values.bar ?? '0'));
}

const where = (bar: BarHandle, offset: number) => ({ slot: bar.slot, pf: bar.pf, bar: bar.bar, offset });

export const peek = deviceCommand({
  name: 'peek',
  summary: 'Read a 32-bit register of a BAR',
  options: barOptions,
  positionals: [offsetArgument],
  async action(values, [offsetText], context) {
    const offset = unsignedArgument('offset', offsetText);
    const bar = attachBar(values, context);
    const value = bar.peek(offset);
    return { text: formatWord(value), json: { ...where(bar, offset), value } };
  },
});

export const poke = deviceCommand({
  name: 'poke',
  summary: 'Write a 32-bit register of a BAR',
  options: barOptions,
  positionals: [offsetArgument, { name: 'value', description: 'The 32-bit value, decimal or 0x hex' }],
  async action(values, [offsetText, valueText], context) {
    const offset = unsignedArgument('offset', offsetText);
    const value = unsignedArgument('value', valueText, 0xffffffff);
    const bar = attachBar(values, context);
    bar.poke(offset, value);
    return { text: '', json: { ...where(bar, offset), value } };
  },
});

export const dump = deviceCommand({
  name: 'dump',
  summary: 'Read a range of a BAR as 32-bit words, four to a line',
  options: barOptions,
  positionals: [
    offsetArgument,
    { name: 'length', optional: true, description: `Bytes to read, a multiple of 4 (default ${DEFAULT_DUMP_BYTES})` },
  ],
  async action(values, [offsetText, lengthText], context) {
    const offset = unsignedArgument('offset', offsetText);
    const length = lengthText === undefined ? DEFAULT_DUMP_BYTES : unsignedArgument('length', lengthText, MAX_DUMP_BYTES);
    if (length % 4 !== 0) throw new CliUsageError(`length must be a multiple of 4, got ${length}`);
    const bar = attachBar(values, context);
    // Word by word through peek, as a driver reads: the design's registers
    // answer each read (a mapped view would bypass them on the simulated device).
    const words = Uint32Array.from({ length: length / 4 }, (_, i) => bar.peek(offset + 4 * i));
    return { text: formatDump(offset, words), json: { ...where(bar, offset), words: Array.from(words) } };
  },
});

export const registerCommands = [peek, poke, dump];
