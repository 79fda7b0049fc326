import { createAfiCommand } from './cli-create';
import { copyAfiCommand } from './cli-copy';
import { AFI_EXIT_CODES, afiIdOption, defineCommand, readableAfiIdOption, resolveAfiId, type AfiCliCommand } from './cli-define';
import { listAfisCommand } from './cli-list';
import { failedLogOptions, logsLocationOption, printAfiWithLog } from './cli-logs';
import { formatJson } from './cli-output';
import { waitForAfiCommand } from './cli-wait';
import { deleteAfi } from './delete';
import { describeAfi } from './describe';

export { CliUsageError, type AfiCliOption, type AfiCliOptions, type RawCliValues } from './cli-options';
export type { AfiCliStream } from './cli-output';
export { AFI_EXIT_CODES, type AfiCliCommand, type AfiCliInput, type AfiCliIo } from './cli-define';
export { copyAfiCommand, createAfiCommand, listAfisCommand, waitForAfiCommand };

export const describeAfiCommand = defineCommand({
  name: 'describe-afi',
  summary: 'Show the state and details of an AFI; for a failed one, the lines of its creation log with errors',
  options: { ...readableAfiIdOption, ...failedLogOptions },
  async run(values, io, aws) {
    logsLocationOption(values);
    const afi = await describeAfi(await resolveAfiId(values['afi-id'], aws), aws);
    await printAfiWithLog(afi, values, io, aws);
    return AFI_EXIT_CODES.ok;
  },
});

export const deleteAfiCommand = defineCommand({
  name: 'delete-afi',
  summary: 'Delete an AFI',
  options: afiIdOption('AFI id (afi-…)'),
  async run(values, io, aws) {
    const afiId = values['afi-id'];
    await deleteAfi(afiId, aws);
    io.stdout.write(values.json ? formatJson({ afiId, deleted: true }) : `Deleted ${afiId}\n`);
    return AFI_EXIT_CODES.ok;
  },
});

/** The AFI subcommands, for a CLI to register and to describe in its help. */
export const afiCliCommands: readonly AfiCliCommand[] = [
  createAfiCommand,
  describeAfiCommand,
  waitForAfiCommand,
  listAfisCommand,
  copyAfiCommand,
  deleteAfiCommand,
];
