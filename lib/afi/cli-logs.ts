import type { AwsClientOptions } from './clients';
import { CliUsageError, type AfiCliOptions } from './cli-options';
import type { AfiCliIo } from './cli-define';
import { formatAfi, formatJson } from './cli-output';
import type { AfiDescription } from './description';
import { fetchAfiLog, logsFolder, type AfiLog } from './logs';
import { formatS3Url, parseS3PrefixUrl, type S3PrefixLocation } from './s3-location';

/** More error lines than this are counted, not printed (--logs-full prints them all). */
const MAX_ERROR_LINES = 40;
/** A log without an error line is shown by its end, where a failure is told. */
const TAIL_LINES = 20;

export const failedLogOptions = {
  logs: {
    type: 'string',
    valueName: 's3-url',
    description: "Where a failed AFI's creation logs are, s3://bucket/prefix/ (default: from the AFI's logs tag)",
  },
  'logs-full': { type: 'boolean', description: 'For a failed AFI, print its whole log rather than the lines with errors' },
} as const satisfies AfiCliOptions;

export interface FailedLogValues {
  readonly logs: string | undefined;
  readonly 'logs-full': boolean;
}

/** --logs as a location; checked before any AWS call. */
export function logsLocationOption(values: FailedLogValues): S3PrefixLocation | undefined {
  if (values.logs === undefined) return undefined;
  const location = parseS3PrefixUrl(values.logs);
  if (location === undefined) throw new CliUsageError(`--logs must be an S3 URL like s3://bucket/logs/, got "${values.logs}"`);
  return location;
}

interface LogReport {
  readonly log?: AfiLog;
  /** Why there is no log to show. */
  readonly note?: string;
}

async function readFailedLog(afi: AfiDescription, logs: S3PrefixLocation | undefined, aws: AwsClientOptions, signal?: AbortSignal): Promise<LogReport> {
  const location = logs ?? afi.logs;
  if (location === undefined) {
    return { note: `the logs location of ${afi.afiId} is not known; pass --logs s3://bucket/prefix/ as given when it was created` };
  }
  const where = formatS3Url(location.bucket, logsFolder(location.prefix));
  try {
    const log = await fetchAfiLog(afi, { ...aws, logs: location, signal });
    return log === undefined ? { note: `no log under ${where} yet` } : { log };
  } catch (error) {
    signal?.throwIfAborted();
    return { note: `could not read the log under ${where}: ${(error as Error).message}` };
  }
}

function logLines(log: AfiLog, full: boolean): string {
  if (full) return log.text.endsWith('\n') || log.text === '' ? log.text : `${log.text}\n`;
  if (log.errorLines.length === 0) {
    const tail = log.text.trimEnd().split('\n').slice(-TAIL_LINES);
    return `No line carries an error; the last ${tail.length}:\n${tail.map((line) => `  ${line}\n`).join('')}`;
  }
  const shown = log.errorLines.slice(0, MAX_ERROR_LINES).map((line) => `  ${line}\n`).join('');
  const more = log.errorLines.length - MAX_ERROR_LINES;
  return more > 0 ? `${shown}  … ${more} more lines with errors (--logs-full prints the whole log)\n` : shown;
}

function jsonLog(log: AfiLog, full: boolean) {
  const { bucket, key, lastModified, errorLines, text } = log;
  return { bucket, key, lastModified, errorLines, ...(full ? { text } : {}) };
}

/**
 * Prints an AFI, and for a failed one also the newest creation log's error lines (all of
 * the log with --logs-full); a log that cannot be read is noted on stderr.
 */
export async function printAfiWithLog(
  afi: AfiDescription,
  values: FailedLogValues & { readonly json: boolean },
  io: AfiCliIo,
  aws: AwsClientOptions,
): Promise<void> {
  const full = values['logs-full'];
  const report = afi.state === 'failed' ? await readFailedLog(afi, logsLocationOption(values), aws, io.signal) : {};
  const { log, note } = report;
  if (values.json) {
    io.stdout.write(formatJson(log === undefined ? afi : { ...afi, log: jsonLog(log, full) }));
  } else {
    const modified = log?.lastModified === undefined ? '' : ` (${log.lastModified.toISOString()})`;
    io.stdout.write(formatAfi(afi) + (log === undefined ? '' : `Log ${formatS3Url(log.bucket, log.key)}${modified}:\n${logLines(log, full)}`));
  }
  if (note !== undefined) io.stderr.write(`${afi.afiId}: ${note}\n`);
}
