// The AFI subcommands of lib/afi/cli (create-afi, describe-afi, wait-for-afi,
// list-afis, copy-afi, delete-afi) as aws-fpga subcommands. They take no positionals and report
// their own failures.
import { afiCliCommands } from '../afi/cli';
import type { CliCommand } from './command';

export const afiCommands: readonly CliCommand[] = afiCliCommands.map((command) => ({
  name: command.name,
  summary: command.summary,
  options: command.options,
  positionals: [],
  run: (values, _positionals, io) => command.run(values, io),
}));
