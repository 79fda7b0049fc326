// Help text: the list of subcommands, and each one's usage and options.
import type { CliCommand, CliOption } from './command';

export interface CommandGroup {
  readonly title: string;
  readonly commands: readonly CliCommand[];
}

type Row = readonly [string, string];

const widest = (rows: readonly Row[]) => Math.max(...rows.map(([left]) => left.length)) + 2;
const indent = (rows: readonly Row[], width = widest(rows)) =>
  rows.map(([left, right]) => `  ${left.padEnd(width)}${right}\n`).join('');

const valueOf = (option: CliOption) => (option.type === 'string' ? ` <${option.valueName ?? 'value'}>` : '');

// `-S, --fpga-image-slot <slot>` in the option list.
function optionLabel(name: string, option: CliOption): string {
  const flags = option.short === undefined ? `    --${name}` : `-${option.short}, --${name}`;
  return flags + valueOf(option);
}

// `-S <slot>` in the usage line.
function usageFlag(name: string, option: CliOption): string {
  return (option.short === undefined ? `--${name}` : `-${option.short}`) + valueOf(option);
}

/** `aws-fpga --help`. */
export function programHelp(groups: readonly CommandGroup[]): string {
  const rows = groups.map(({ commands }) => commands.map((command): Row => [command.name, command.summary]));
  const width = widest(rows.flat());
  const sections = groups.map(({ title }, i) => `${title}:\n${indent(rows[i], width)}`);
  return (
    'Usage: aws-fpga <command> [options]\n\n' +
    'The AWS FPGA SDK management tools (fpga-describe-local-image and the rest, without\n' +
    "the fpga- prefix), register access, and AFI creation, for EC2 F2 instances.\n\n" +
    `${sections.join('\n')}\n` +
    "Run 'aws-fpga <command> --help' for a command's options. The device commands take\n" +
    '--json for JSON output and --mock for the simulated device.\n'
  );
}

/** `aws-fpga <command> --help`. */
export function commandHelp(command: CliCommand): string {
  const options = Object.entries(command.options);
  const required = options.filter(([, option]) => option.required === true).map(([name, option]) => usageFlag(name, option));
  const positionals = command.positionals.map(({ name, optional }) => (optional === true ? `[${name}]` : `<${name}>`));
  const usage = ['aws-fpga', command.name, ...required, '[options]', ...positionals];
  const rows: Row[] = [
    ...command.positionals.map(({ name, description }): Row => [name, description]),
    ...options.map(([name, option]): Row => [
      optionLabel(name, option),
      option.required === true ? `${option.description} (required)` : option.description,
    ]),
    ['-h, --help', 'Show this help'],
    ['-V, --version', 'Show the version of aws-fpga'],
  ];
  return `Usage: ${usage.join(' ')}\n\n${command.summary}.\n\n${indent(rows)}`;
}
