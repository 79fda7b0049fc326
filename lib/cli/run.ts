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
import { switchCommands } from './switch-commands';
import { watchCommand } from './watch-command';

const GROUPS: readonly CommandGroup[] = [
  { title: 'FPGA images', commands: imageCommands },
  { title: 'Virtual LEDs and DIP switches', commands: switchCommands },
  { title: 'Clocks', commands: clockCommands },
  { title: 'Registers', commands: registerCommands },
  { title: 'Health', commands: [watchCommand] },
  { title: 'Simulated device (--mock)', commands: [resetMockCommand] },
  { title: 'AFIs (need the AWS SDK clients @aws-sdk/client-ec2 and @aws-sdk/client-s3)', commands: afiCommands },
];
const COMMANDS = GROUPS.flatMap((group) => group.commands);
const HELP = { type: 'boolean', short: 'h' } as const;

function version(): string {
  // Two levels up from lib/cli or dist/cli alike.
  const manifest = fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}

function usageError(io: CliIo, message: string, hint: string): number {
  io.stderr.write(`${message}\n${hint}`);
  return EXIT.usage;
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
    const problem = name === undefined ? 'aws-fpga: a command is needed' : `aws-fpga: unknown command "${name}"`;
    return usageError(io, problem, "Run 'aws-fpga --help' for the list of commands.\n");
  }
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...command.options, help: HELP }, allowPositionals: true, strict: true });
  } catch (error) {
    return usageError(io, `${command.name}: ${(error as Error).message}`, helpHint(command.name));
  }
  const { help, ...values } = parsed.values;
  if (help === true) {
    io.stdout.write(commandHelp(command));
    return EXIT.ok;
  }
  const problem = positionalsProblem(command, parsed.positionals);
  if (problem !== undefined) return usageError(io, `${command.name}: ${problem}`, helpHint(command.name));
  return command.run(values, parsed.positionals, io);
}
