// The image subcommands, after fpga-describe-local-image,
// fpga-describe-local-image-slots, fpga-load-local-image and
// fpga-clear-local-image.
import { secondsOption } from '../afi/cli-options';
import type { ImageDescription } from '../describe';
import { DEFAULT_WAIT_TIMEOUT_MS } from '../defaults';
import type { WaitOptions } from '../slot';
import { slotArgument } from './arguments';
import { deviceCommand, type CliIo, type CommandOutput } from './command';
import { formatImage, formatSlotDevices } from './format';
import { deviceLibrary } from './library';
import { headersOption, slotOption } from './options';
import { withProgress } from './progress';

const waitOptions = {
  async: {
    type: 'boolean',
    short: 'A',
    description: 'Return once the command is accepted; poll describe-local-image for the result',
  },
  'sync-timeout': {
    type: 'string',
    valueName: 'seconds',
    description: `How long the slot may stay busy before the command fails (default ${DEFAULT_WAIT_TIMEOUT_MS / 1000})`,
  },
} as const;

interface WaitValues {
  async: boolean;
  'sync-timeout': string | undefined;
  headers: boolean;
}

/**
 * Runs a load or clear: without -A it waits (showing progress on a terminal)
 * and prints the image as fpga-describe-local-image does; with -A it prints
 * nothing, as the SDK's tools do, or describe's answer under --json.
 */
async function changeImage(
  slot: number,
  label: string,
  values: WaitValues,
  io: CliIo,
  change: (options: WaitOptions) => Promise<ImageDescription>,
): Promise<CommandOutput> {
  if (values.async) return { text: '', json: await change({ wait: false, signal: io.signal }) };
  const ms = secondsOption(values['sync-timeout'], 'sync-timeout');
  const timeoutMs = ms === undefined ? undefined : Math.ceil(ms);
  const info = await withProgress(io.stderr, label, () => change({ timeoutMs, signal: io.signal }));
  return { text: formatImage(slot, info, values.headers, false), json: info };
}

export const describeLocalImage = deviceCommand({
  name: 'describe-local-image',
  summary: 'Show the status of the FPGA image in a slot, and its metrics',
  options: {
    ...slotOption,
    ...headersOption,
    metrics: { type: 'boolean', short: 'M', description: 'Include the hardware metrics' },
    'clear-metrics': { type: 'boolean', short: 'C', description: 'Include the hardware metrics, then zero the counters' },
    'clear-cache': { type: 'boolean', short: 'L', description: 'Include the hardware metrics, then empty the AFI cache' },
    rescan: { type: 'boolean', short: 'R', description: "Rescan the app PF first, so that the OS sees the AFI's PCI ids" },
  },
  async action(values, _positionals, { io, openSlot }) {
    const id = slotArgument(values['fpga-image-slot']);
    const slot = openSlot(id);
    if (values.rescan) slot.rescan();
    const info = await slot.describe({
      metrics: values.metrics,
      clearMetrics: values['clear-metrics'],
      clearAfiCache: values['clear-cache'],
      signal: io.signal,
    });
    return { text: formatImage(id, info, values.headers, true), json: info };
  },
});

export const describeLocalImageSlots = deviceCommand({
  name: 'describe-local-image-slots',
  summary: "List the FPGA slots of this instance with their app PF's PCI ids and address",
  options: {
    ...headersOption,
    'show-mbox': { type: 'boolean', short: 'M', description: "Also list each slot's management (mailbox) PF" },
  },
  async action(values) {
    const slots = deviceLibrary().listSlots();
    const text = slots.map(({ slot, app, mgmt }) => formatSlotDevices(slot, app, mgmt, values.headers, values['show-mbox']));
    return { text: text.join(''), json: slots };
  },
});

export const loadLocalImage = deviceCommand({
  name: 'load-local-image',
  summary: 'Load an AFI into a slot and wait until it is loaded',
  options: {
    ...slotOption,
    'fpga-image-id': { type: 'string', short: 'I', required: true, valueName: 'agfi', description: 'The AFI to load, by its global id (agfi-...)' },
    ...waitOptions,
    ...headersOption,
  },
  async action(values, _positionals, { io, openSlot }) {
    const id = slotArgument(values['fpga-image-slot']);
    const agfi = values['fpga-image-id'];
    const slot = openSlot(id);
    return changeImage(id, `Loading ${agfi} into slot ${id}`, values, io, (options) => slot.load(agfi, options));
  },
});

export const clearLocalImage = deviceCommand({
  name: 'clear-local-image',
  summary: 'Clear the FPGA image of a slot and wait until it is cleared',
  options: { ...slotOption, ...waitOptions, ...headersOption },
  async action(values, _positionals, { io, openSlot }) {
    const id = slotArgument(values['fpga-image-slot']);
    const slot = openSlot(id);
    return changeImage(id, `Clearing slot ${id}`, values, io, (options) => slot.clear(options));
  },
});

export const imageCommands = [describeLocalImage, describeLocalImageSlots, loadLocalImage, clearLocalImage];
