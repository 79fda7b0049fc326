// aws-fpga's dispatcher: finds the subcommand, parses its options with
// node:util parseArgs, answers --help and --version, and runs it.
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { afiCommands } from './afi-commands';
import { clockCommands } from './clock-commands';
import { EXIT, helpHint, type CliCommand, type CliIo } from './command';
import { commandHelp, programHelp, type CommandGroup } from './help';
import { imageCommands } from './image-commands';
import { resetMockCommand } from './mock-commands';
import { registerCommands } from './register-commands';
import { didYouMean } from './suggest';
import { switchCommands } from './switch-commands';
import { watchCommand } from './watch-command';

const GROUPS: readonly CommandGroup[] = [
  { title: 'FPGA images', commands: imageCommands },
  { title: 'Virtual LEDs and DIP switches', commands: switchCommands },
  { title: 'Clocks', commands: clockCommands },
  { title: 'Registers', commands: registerCommands },
  { title: 'Health', commands: [watchCommand] },
  { title: 'Simulated device (--mock)', commands: [resetMockCommand] },
  { title: 'AFIs (need the AWS SDK clients @aws-sdk/client-ec2 and @aws-sdk/client-s3; e-mail notices @aws-sdk/client-sns)', commands: afiCommands },
];
const COMMANDS = GROUPS.flatMap((group) => group.commands);
const HELP = { type: 'boolean', short: 'h' } as const;
// As the SDK's tools do, every command answers -V.
const VERSION = { type: 'boolean', short: 'V' } as const;
// The SDK's tools are named fpga-<command>.
const SDK_PREFIX = 'fpga-';

function version(): string {
  // Two levels up from lib/cli or dist/cli alike.
  const manifest = fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}

function usageError(io: CliIo, message: string, hint: string): number {
  io.stderr.write(`${message}\n${hint}`);
  return EXIT.usage;
}

function unknownCommand(name: string): string {
  const known = COMMANDS.map((command) => command.name);
  const bare = name.startsWith(SDK_PREFIX) ? name.slice(SDK_PREFIX.length) : name;
  if (known.includes(bare)) return `aws-fpga: unknown command "${name}" (did you mean ${bare}? The SDK's fpga- prefix is left out)`;
  return `aws-fpga: unknown command "${name}"${didYouMean(bare, known)}`;
}

// The option parseArgs did not know, as typed ('--fpga-imag-slot', '-x').
function unknownOption(error: Error): string | undefined {
  if ((error as NodeJS.ErrnoException).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return undefined;
  return /'([^']+)'/.exec(error.message)?.[1];
}

// Why parseArgs refused the command line, in the command's terms.
function parseProblem(command: CliCommand, error: Error): string {
  const option = unknownOption(error);
  if (option === undefined) return error.message;
  const refused = command.refusedOptions?.[option];
  if (refused !== undefined) return refused;
  const options = Object.entries({ ...command.options, help: HELP, version: VERSION });
  // A one-letter option may only differ in case (-s for -S); a long one may be misspelt.
  const candidates = option.startsWith('--')
    ? options.map(([long]) => `--${long}`)
    : options.flatMap(([, { short }]) => (short !== undefined && short.toLowerCase() === option.slice(1).toLowerCase() ? [`-${short}`] : []));
  return `unknown option ${option}${didYouMean(option, candidates)}`;
}

function positionalsProblem(command: CliCommand, given: readonly string[]): string | undefined {
  const least = command.positionals.filter((positional) => positional.optional !== true).length;
  const most = command.positionals.length;
  if (given.length >= least && given.length <= most) return undefined;
  if (most === 0) return `takes no arguments, got "${given.join(' ')}"`;
  const names = command.positionals.map(({ name }) => name).join(' ');
  const count = least === most ? String(least) : `${least} to ${most}`;
  return `expects ${count} argument${most === 1 ? '' : 's'} (${names}), got ${given.length}`;
}

/** Runs the command line `argv` (without node and the script) and resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(programHelp(GROUPS));
    return EXIT.ok;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`aws-fpga ${version()}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) {
    const problem = name === undefined ? 'aws-fpga: a command is needed' : unknownCommand(name);
    return usageError(io, problem, "Run 'aws-fpga --help' for the list of commands.\n");
  }
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...command.options, help: HELP, version: VERSION }, allowPositionals: true, strict: true });
  } catch (error) {
    // The command's usage follows, as the SDK's tools print theirs.
    return usageError(io, `${command.name}: ${parseProblem(command, error as Error)}`, `\n${commandHelp(command)}`);
  }
  const { help, version: showVersion, ...values } = parsed.values;
  if (help === true) {
    io.stdout.write(commandHelp(command));
    return EXIT.ok;
  }
  if (showVersion === true) {
    io.stdout.write(`aws-fpga ${version()}\n`);
    return EXIT.ok;
  }
  const problem = positionalsProblem(command, parsed.positionals);
  if (problem !== undefined) return usageError(io, `${command.name}: ${problem}`, helpHint(command.name));
  return command.run(values, parsed.positionals, io);
}
