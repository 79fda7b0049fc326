import type { AwsClientOptions } from './clients';
import {
  CliUsageError,
  readCliValues,
  secondsOption,
  type AfiCliOptions,
  type AfiCliValues,
  type RawCliValues,
} from './cli-options';
import { formatAfi, formatDuration, formatFields, formatJson, ProgressLine, type AfiCliStream } from './cli-output';
import { createAfi } from './create';
import { deleteAfi } from './delete';
import { describeAfi } from './describe';
import type { AfiDescription } from './description';
import { AfiFailedError } from './errors';
import { isAgfiId } from './ids';
import { afiIdFor } from './pairing';
import {
  DEFAULT_MAX_POLL_INTERVAL_MS,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_WAIT_TIMEOUT_MS,
  waitForAfi,
  type AfiWaitProgress,
} from './wait';

export { CliUsageError, type AfiCliOption, type AfiCliOptions, type RawCliValues } from './cli-options';
export type { AfiCliStream } from './cli-output';

/** Exit codes: 0 only when the command fully succeeded (for wait-for-afi: the AFI is available). */
export const AFI_EXIT_CODES = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

export interface AfiCliIo {
  readonly stdout: AfiCliStream;
  /** Errors, and wait-for-afi's progress line. */
  readonly stderr: AfiCliStream;
  /** Aborting (e.g. on SIGINT) stops the command, which then returns `interrupted`. */
  readonly signal?: AbortSignal;
  /** Client settings the command starts from; `--region` overrides the region. */
  readonly aws?: AwsClientOptions;
}

export interface AfiCliCommand {
  readonly name: string;
  readonly summary: string;
  readonly options: AfiCliOptions;
  run(values: RawCliValues, io: AfiCliIo): Promise<number>;
}

const commonOptions = {
  region: { type: 'string', valueName: 'region', description: 'AWS region (default: from the AWS environment and config)' },
  json: { type: 'boolean', description: 'Print the result as JSON' },
} as const satisfies AfiCliOptions;

function afiIdOption(description: string) {
  return { 'afi-id': { type: 'string', required: true, valueName: 'id', description } } as const satisfies AfiCliOptions;
}

/** Commands that only read accept the AGFI id people load with, and look up its AFI id. */
const readableAfiIdOption = afiIdOption('AFI id (afi-…), or AGFI id (agfi-…) to look up');

type CommandValues<O extends AfiCliOptions> = AfiCliValues<O & typeof commonOptions>;

function awsOptions(io: AfiCliIo, region: string | undefined): AwsClientOptions {
  return region === undefined ? (io.aws ?? {}) : { ...io.aws, region };
}

function exitCodeFor(command: string, error: unknown, io: AfiCliIo): number {
  const interrupted = io.signal?.aborted === true && error === io.signal.reason;
  io.stderr.write(`${command}: ${interrupted ? 'interrupted' : error instanceof Error ? error.message : String(error)}\n`);
  if (interrupted) return AFI_EXIT_CODES.interrupted;
  // The library reports bad arguments as TypeError and RangeError.
  const usage = error instanceof CliUsageError || error instanceof TypeError || error instanceof RangeError;
  return usage ? AFI_EXIT_CODES.usage : AFI_EXIT_CODES.failed;
}

function defineCommand<O extends AfiCliOptions>(
  name: string,
  summary: string,
  ownOptions: O,
  handler: (values: CommandValues<O>, io: AfiCliIo, aws: AwsClientOptions) => Promise<number>,
): AfiCliCommand {
  const options = { ...ownOptions, ...commonOptions };
  return {
    name,
    summary,
    options,
    async run(raw, io) {
      try {
        const values = readCliValues(options, raw);
        const common: AfiCliValues<typeof commonOptions> = values;
        return await handler(values, io, awsOptions(io, common.region));
      } catch (error) {
        return exitCodeFor(name, error, io);
      }
    },
  };
}

function resolveAfiId(id: string, aws: AwsClientOptions): Promise<string> {
  return isAgfiId(id) ? afiIdFor(id, aws) : Promise.resolve(id);
}

function printAfi(afi: AfiDescription, json: boolean, io: AfiCliIo): void {
  io.stdout.write(json ? formatJson(afi) : formatAfi(afi));
}

export const createAfiCommand = defineCommand(
  'create-afi',
  'Create an AFI from a design checkpoint tarball, uploading it to S3 first when --dcp-tarball is given',
  {
    name: { type: 'string', required: true, valueName: 'name', description: 'Name of the AFI' },
    description: { type: 'string', valueName: 'text', description: 'Description of the AFI' },
    'dcp-tarball': { type: 'string', valueName: 'path', description: 'Local tarball to upload to --dcp-bucket/--dcp-key' },
    'dcp-bucket': { type: 'string', required: true, valueName: 'bucket', description: 'S3 bucket of the tarball' },
    'dcp-key': { type: 'string', required: true, valueName: 'key', description: 'S3 key of the tarball' },
    'logs-bucket': { type: 'string', valueName: 'bucket', description: 'S3 bucket for the creation logs (default: --dcp-bucket)' },
    'logs-prefix': { type: 'string', required: true, valueName: 'prefix', description: 'S3 key prefix for the creation logs' },
    'client-token': { type: 'string', valueName: 'token', description: 'Idempotency token, to retry a creation safely' },
  },
  async (values, io, aws) => {
    const created = await createAfi({
      ...aws,
      name: values.name,
      description: values.description,
      dcp: { bucket: values['dcp-bucket'], key: values['dcp-key'], uploadFrom: values['dcp-tarball'] },
      logs: { bucket: values['logs-bucket'] ?? values['dcp-bucket'], prefix: values['logs-prefix'] },
      clientToken: values['client-token'],
    });
    io.stdout.write(
      values.json ? formatJson(created) : formatFields([['AFI ID', created.afiId], ['AGFI ID', created.agfiId]]),
    );
    return AFI_EXIT_CODES.ok;
  },
);

export const describeAfiCommand = defineCommand(
  'describe-afi',
  'Show the state and details of an AFI',
  readableAfiIdOption,
  async (values, io, aws) => {
    printAfi(await describeAfi(await resolveAfiId(values['afi-id'], aws), aws), values.json, io);
    return AFI_EXIT_CODES.ok;
  },
);

export const waitForAfiCommand = defineCommand(
  'wait-for-afi',
  'Wait until an AFI is available; exits 0 only if it becomes available',
  {
    ...readableAfiIdOption,
    timeout: { type: 'string', valueName: 'seconds', description: `Give up after this long (default ${DEFAULT_WAIT_TIMEOUT_MS / 1000})` },
    interval: { type: 'string', valueName: 'seconds', description: `First delay between polls (default ${DEFAULT_POLL_INTERVAL_MS / 1000})` },
    'max-interval': { type: 'string', valueName: 'seconds', description: `Longest delay between polls (default ${DEFAULT_MAX_POLL_INTERVAL_MS / 1000})` },
  },
  async (values, io, aws) => {
    const timing = {
      timeoutMs: secondsOption(values.timeout, 'timeout'),
      intervalMs: secondsOption(values.interval, 'interval'),
      maxIntervalMs: secondsOption(values['max-interval'], 'max-interval'),
    };
    const afiId = await resolveAfiId(values['afi-id'], aws);
    const progress = new ProgressLine(io.stderr);
    const onProgress = ({ state, elapsedMs, attempt }: AfiWaitProgress) =>
      progress.update(`${afiId}: ${state}, ${formatDuration(elapsedMs)} elapsed, poll ${attempt}`);
    try {
      const afi = await waitForAfi(afiId, { ...aws, ...timing, signal: io.signal, onProgress }).finally(() => progress.end());
      printAfi(afi, values.json, io);
      return AFI_EXIT_CODES.ok;
    } catch (error) {
      // The final description says where the logs are, which is what a failed AFI needs next.
      if (error instanceof AfiFailedError) printAfi(error.afi, values.json, io);
      throw error;
    }
  },
);

export const deleteAfiCommand = defineCommand('delete-afi', 'Delete an AFI', afiIdOption('AFI id (afi-…)'), async (values, io, aws) => {
  const afiId = values['afi-id'];
  await deleteAfi(afiId, aws);
  io.stdout.write(values.json ? formatJson({ afiId, deleted: true }) : `Deleted ${afiId}\n`);
  return AFI_EXIT_CODES.ok;
});

/** The AFI subcommands, for a CLI to register and to describe in its help. */
export const afiCliCommands: readonly AfiCliCommand[] = [createAfiCommand, describeAfiCommand, waitForAfiCommand, deleteAfiCommand];
