import type { AwsClientOptions } from './clients';
import { CliUsageError, readCliValues, rejectUnknownOptions, type AfiCliOptions, type AfiCliValues, type RawCliValues } from './cli-options';
import { formatAfi, formatJson, type AfiCliStream } from './cli-output';
import type { AfiDescription } from './description';
import { isAgfiId } from './ids';
import { afiIdFor } from './pairing';

/** Exit codes: 0 only when the command fully succeeded (for wait-for-afi: the AFI is available). */
export const AFI_EXIT_CODES = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** Where answers to prompts come from; prompts are offered only when it is a terminal. */
export interface AfiCliInput extends NodeJS.ReadableStream {
  readonly isTTY?: boolean;
}

export interface AfiCliIo {
  readonly stdout: AfiCliStream;
  /** Errors, prompts, and wait-for-afi's progress line. */
  readonly stderr: AfiCliStream;
  /** Answers to create-afi's prompts, when it runs on a terminal. */
  readonly stdin?: AfiCliInput;
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

export const commonOptions = {
  region: { type: 'string', valueName: 'region', description: 'AWS region (default: from the AWS environment and config)' },
  json: { type: 'boolean', description: 'Print the result as JSON' },
} as const satisfies AfiCliOptions;

export function afiIdOption(description: string) {
  return { 'afi-id': { type: 'string', required: true, valueName: 'id', description } } as const satisfies AfiCliOptions;
}

/** Commands that only read accept the AGFI id people load with, and look up its AFI id. */
export const readableAfiIdOption = afiIdOption('AFI id (afi-…), or AGFI id (agfi-…) to look up');

export type CommandValues<O extends AfiCliOptions> = AfiCliValues<O & typeof commonOptions>;

export function awsOptions(io: AfiCliIo, region: string | undefined): AwsClientOptions {
  return region === undefined ? (io.aws ?? {}) : { ...io.aws, region };
}

function exitCodeFor(command: string, error: unknown, io: AfiCliIo, usageHint: string | undefined): number {
  const interrupted = io.signal?.aborted === true && error === io.signal.reason;
  io.stderr.write(`${command}: ${interrupted ? 'interrupted' : error instanceof Error ? error.message : String(error)}\n`);
  if (interrupted) return AFI_EXIT_CODES.interrupted;
  if (error instanceof CliUsageError && usageHint !== undefined) io.stderr.write(`${usageHint}\n`);
  // The library reports bad arguments as TypeError and RangeError.
  const usage = error instanceof CliUsageError || error instanceof TypeError || error instanceof RangeError;
  return usage ? AFI_EXIT_CODES.usage : AFI_EXIT_CODES.failed;
}

export interface CommandSpec<O extends AfiCliOptions> {
  readonly name: string;
  readonly summary: string;
  readonly options: O;
  /** Printed after a usage error, e.g. another way to give the values. */
  readonly usageHint?: string;
  /** Completes the raw values before they are checked, e.g. by asking on a terminal. */
  readonly complete?: (raw: RawCliValues, io: AfiCliIo) => Promise<RawCliValues>;
  readonly run: (values: CommandValues<O>, io: AfiCliIo, aws: AwsClientOptions) => Promise<number>;
}

export function defineCommand<O extends AfiCliOptions>(spec: CommandSpec<O>): AfiCliCommand {
  const options = { ...spec.options, ...commonOptions };
  return {
    name: spec.name,
    summary: spec.summary,
    options,
    async run(raw, io) {
      try {
        // A mistyped option is reported before any question is asked.
        rejectUnknownOptions(options, raw);
        const values = readCliValues(options, spec.complete === undefined ? raw : await spec.complete(raw, io));
        const common: AfiCliValues<typeof commonOptions> = values;
        return await spec.run(values, io, awsOptions(io, common.region));
      } catch (error) {
        return exitCodeFor(spec.name, error, io, spec.usageHint);
      }
    },
  };
}

export function resolveAfiId(id: string, aws: AwsClientOptions): Promise<string> {
  return isAgfiId(id) ? afiIdFor(id, aws) : Promise.resolve(id);
}

export function printAfi(afi: AfiDescription, json: boolean, io: AfiCliIo): void {
  io.stdout.write(json ? formatJson(afi) : formatAfi(afi));
}
