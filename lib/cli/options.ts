// Options several subcommands share, named as in the SDK's tools.
import type { CliOptions } from './command';

export const slotOption = {
  'fpga-image-slot': { type: 'string', short: 'S', required: true, valueName: 'slot', description: 'The slot of the FPGA, 0 to 7' },
} as const satisfies CliOptions;

export const headersOption = {
  headers: { type: 'boolean', short: 'H', description: 'Print column headers' },
} as const satisfies CliOptions;
