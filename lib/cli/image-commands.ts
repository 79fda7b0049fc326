// The image subcommands, after fpga-describe-local-image,
// fpga-describe-local-image-slots, fpga-load-local-image and
// fpga-clear-local-image.
import { CliUsageError, secondsOption } from '../afi/cli-options';
import { FPGA_CMD_FORCE_SHELL_RELOAD, FPGA_CMD_PREFETCH } from '../constants';
import { DEFAULT_WAIT_TIMEOUT_MS } from '../defaults';
import type { ImageDescription } from '../describe';
import type { WaitOptions } from '../slot';
import { slotArgument, unsignedArgument } from './arguments';
import { deviceCommand, type CliIo, type CommandOutput, type DeviceContext } from './command';
import { formatImage, formatSlotDevices } from './format';
import { deviceLibrary } from './library';
import { headersOption, slotOption } from './options';
import { withProgress } from './progress';

// The SDK's tools send each mailbox command with this many retries 40 ms
// apart (20 s) unless --request-timeout says otherwise, and refuse less.
const REQUEST_DELAY_MS = 40;
const REQUEST_RETRIES = 500;
const UINT32_MAX = 0xffffffff;
const REQUEST_TIMEOUT_RANGE = [
  (REQUEST_RETRIES * REQUEST_DELAY_MS) / 1000,
  Math.floor((UINT32_MAX * REQUEST_DELAY_MS) / 1000),
] as const;
// The SDK tools' polling of a synchronous load or clear, every 2 ms.
const SDK_SYNC_DELAY_MS = 2;
// The longest wait the library takes (setTimeout's longest delay), in ms.
const MAX_WAIT_MS = 0x7fffffff;

const requestTimeoutOption = {
  'request-timeout': {
    type: 'string',
    valueName: 'seconds',
    description: `How long the shell may take to answer each command, ${REQUEST_TIMEOUT_RANGE[0]} to ${REQUEST_TIMEOUT_RANGE[1]} (default ${REQUEST_TIMEOUT_RANGE[0]})`,
  },
} as const;

/** --request-timeout: the SDK tools' retries for the mailbox commands, set before the first one. */
function applyRequestTimeout(text: string | undefined, context: DeviceContext): void {
  if (text === undefined) return;
  const [least, most] = REQUEST_TIMEOUT_RANGE;
  const seconds = unsignedArgument('--request-timeout', text, Number.MAX_SAFE_INTEGER);
  if (seconds < least || seconds > most)
    throw new CliUsageError(`--request-timeout: the timeout must be between ${least} and ${most} seconds, got ${text}`);
  const mgmt = context.mgmt();
  mgmt.setCmdTimeout(Math.min(UINT32_MAX, Math.floor((seconds * 1000) / REQUEST_DELAY_MS)));
  mgmt.setCmdDelayMsec(REQUEST_DELAY_MS);
}

/** --sync-timeout in ms, at most what the library waits. */
function syncTimeoutMs(text: string | undefined): number | undefined {
  const ms = secondsOption(text, 'sync-timeout');
  if (ms === undefined) return undefined;
  if (ms > MAX_WAIT_MS) throw new CliUsageError(`--sync-timeout must be at most ${Math.floor(MAX_WAIT_MS / 1000)} seconds, got "${text}"`);
  return Math.ceil(ms);
}

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
  ...requestTimeoutOption,
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
  const timeoutMs = syncTimeoutMs(values['sync-timeout']);
  if (values.async) return { text: '', json: await change({ wait: false, signal: io.signal }) };
  const info = await withProgress(io.stderr, label, () => change({ timeoutMs, signal: io.signal }));
  return { text: formatImage(slot, info, values.headers, false), json: info };
}

export const describeLocalImage = deviceCommand({
  name: 'describe-local-image',
  summary: 'Show the status of the FPGA image in a slot, and its metrics',
  options: {
    ...slotOption,
    ...headersOption,
    ...requestTimeoutOption,
    metrics: { type: 'boolean', short: 'M', description: 'Include the hardware metrics' },
    'clear-metrics': { type: 'boolean', short: 'C', description: 'Include the hardware metrics, then zero the counters' },
    'clear-cache': { type: 'boolean', short: 'L', description: 'Include the hardware metrics, then empty the AFI cache' },
    rescan: { type: 'boolean', short: 'R', description: "Rescan the app PF first, so that the OS sees the AFI's PCI ids" },
  },
  async action(values, _positionals, context) {
    const { io, openSlot } = context;
    const id = slotArgument(values['fpga-image-slot']);
    applyRequestTimeout(values['request-timeout'], context);
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
    // Accepted as the SDK's tool accepts it; listing the slots sends no command.
    ...requestTimeoutOption,
    'show-mbox': { type: 'boolean', short: 'M', description: "Also list each slot's management (mailbox) PF" },
  },
  async action(values, _positionals, context) {
    applyRequestTimeout(values['request-timeout'], context);
    const slots = deviceLibrary().listSlots();
    const text = slots.map(({ slot, app, mgmt }) => formatSlotDevices(slot, app, mgmt, values.headers, values['show-mbox']));
    return { text: text.join(''), json: slots };
  },
});

// F1's load took clock recipes (-a, -b, -c); F2's takes none and sets them apart.
const F1_RECIPE = (letter: string) =>
  `invalid option -- '${letter}': F2's fpga-load-local-image takes no clock recipes; once the AFI is loaded, set them with load-clkgen-recipe`;

export const loadLocalImage = deviceCommand({
  name: 'load-local-image',
  summary: 'Load an AFI into a slot and wait until it is loaded',
  options: {
    ...slotOption,
    'fpga-image-id': { type: 'string', short: 'I', required: true, valueName: 'agfi', description: 'The AFI to load, by its global id (agfi-...)' },
    ...waitOptions,
    ...headersOption,
    'force-shell-reload': {
      type: 'boolean',
      short: 'F',
      description: 'Reload the shell too (F2 refuses it: software-problem, 24)',
    },
    'prefetch-image': {
      type: 'boolean',
      short: 'P',
      description: "Only bring the AFI into the slot's AFI cache, for a faster load later; implies -A",
    },
  },
  refusedOptions: {
    '-D': "-D (DRAM data retention) is not available on F2, whose fpga-load-local-image refuses it too",
    '-a': F1_RECIPE('a'),
    '-b': F1_RECIPE('b'),
    '-c': F1_RECIPE('c'),
  },
  async action(values, _positionals, context) {
    const { io, openSlot } = context;
    const id = slotArgument(values['fpga-image-slot']);
    const agfi = values['fpga-image-id'];
    applyRequestTimeout(values['request-timeout'], context);
    const flags = (values['force-shell-reload'] ? FPGA_CMD_FORCE_SHELL_RELOAD : 0) | (values['prefetch-image'] ? FPGA_CMD_PREFETCH : 0);
    // As in the SDK's tool, a prefetch does not wait.
    const wait = { ...values, async: values.async || values['prefetch-image'] };
    const label = `Loading ${agfi} into slot ${id}`;
    if (flags === 0) {
      const slot = openSlot(id);
      return changeImage(id, label, wait, io, (options) => slot.load(agfi, options));
    }
    // Slot.load takes no flags: the SDK's calls that do.
    const mgmt = context.mgmt();
    return changeImage(id, label, wait, io, ({ wait: waiting, timeoutMs = DEFAULT_WAIT_TIMEOUT_MS, signal }) =>
      waiting === false
        ? mgmt.loadLocalImageFlags(id, agfi, flags, { signal })
        : mgmt.loadLocalImageSyncFlags(id, agfi, flags, Math.ceil(timeoutMs / SDK_SYNC_DELAY_MS), SDK_SYNC_DELAY_MS, { signal }),
    );
  },
});

export const clearLocalImage = deviceCommand({
  name: 'clear-local-image',
  summary: 'Clear the FPGA image of a slot and wait until it is cleared',
  options: { ...slotOption, ...waitOptions, ...headersOption },
  async action(values, _positionals, context) {
    const { io, openSlot } = context;
    const id = slotArgument(values['fpga-image-slot']);
    applyRequestTimeout(values['request-timeout'], context);
    const slot = openSlot(id);
    return changeImage(id, `Clearing slot ${id}`, values, io, (options) => slot.clear(options));
  },
});

export const imageCommands = [describeLocalImage, describeLocalImageSlots, loadLocalImage, clearLocalImage];
