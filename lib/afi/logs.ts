import type { _Object } from '@aws-sdk/client-s3';
import { explainDenied } from './aws-setup';
import { withS3, type AwsClientOptions, type S3Session } from './clients';
import type { AfiDescription } from './description';
import { formatS3Url, requireS3Prefix, type S3PrefixLocation } from './s3-location';
import { requireObject } from './validate';

/** The file the AFI guide puts in a new logs folder so that it exists; it is no log. */
export const LOGS_PLACEHOLDER = 'LOGS_FILES_GO_HERE.txt';

/**
 * Lines that carry an error: Vivado's ERROR, CRITICAL WARNING and FATAL messages, `Error:`,
 * and the FPGA image service's codes such as `DCP_NOT_FOUND:` or `INACCESSIBLE_INPUT:`.
 */
const ERROR_LINE = /\b(?:ERROR|FATAL|CRITICAL WARNING)\b|\bError:|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+:/;

export interface AfiLog {
  readonly bucket: string;
  readonly key: string;
  readonly lastModified?: Date;
  /** The whole log. */
  readonly text: string;
  /** The lines of `text` that carry an error, in order. */
  readonly errorLines: readonly string[];
}

export interface FetchAfiLogOptions extends AwsClientOptions {
  /** Where to look instead of the AFI's `logs` (known from createAfi's logs tag). */
  readonly logs?: S3PrefixLocation;
  readonly signal?: AbortSignal;
}

export function errorLinesOf(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => ERROR_LINE.test(line));
}

/** The folder EC2 writes into, as a key prefix ending in `/`. */
export function logsFolder(prefix: string): string {
  return prefix.endsWith('/') ? prefix : `${prefix}/`;
}

/** What reading the logs in `logs` takes: listing the bucket, and reading the folder's objects. */
function readPermissions(logs: S3PrefixLocation): string[] {
  return [`s3:ListBucket on the bucket ${logs.bucket}`, `s3:GetObject on ${formatS3Url(logs.bucket, logsFolder(logs.prefix))}*`];
}

async function listLogObjects({ client, sdk }: S3Session, logs: S3PrefixLocation, signal?: AbortSignal): Promise<_Object[]> {
  const objects: _Object[] = [];
  let token: string | undefined;
  do {
    const request = { Bucket: logs.bucket, Prefix: logsFolder(logs.prefix), ContinuationToken: token };
    const page = await explainDenied(
      () => client.send(new sdk.ListObjectsV2Command(request), { abortSignal: signal }),
      's3:ListBucket',
      formatS3Url(logs.bucket, request.Prefix),
      readPermissions(logs),
    );
    objects.push(...(page.Contents ?? []));
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return objects;
}

const newest = (a: _Object, b: _Object) => (b.LastModified?.getTime() ?? 0) - (a.LastModified?.getTime() ?? 0);

/**
 * The log to read among the folder's objects: folder markers and the placeholder are no logs;
 * objects naming the AFI are preferred (a folder may serve many AFIs), then `.log` files, then the newest.
 */
export function chooseLog(objects: readonly _Object[], afiId: string | undefined): _Object | undefined {
  const logs = objects.filter(({ Key }) => Key !== undefined && !Key.endsWith('/') && !Key.endsWith(`/${LOGS_PLACEHOLDER}`));
  const narrow = (candidates: _Object[], keep: (key: string) => boolean) => {
    const kept = candidates.filter(({ Key }) => keep(Key!));
    return kept.length > 0 ? kept : candidates;
  };
  const mine = afiId === undefined ? logs : narrow(logs, (key) => key.includes(afiId));
  return narrow(mine, (key) => key.endsWith('.log')).sort(newest)[0];
}

function logsLocationOf(afi: Pick<AfiDescription, 'afiId' | 'logs'>, options: FetchAfiLogOptions): S3PrefixLocation {
  if (options.logs !== undefined) return requireS3Prefix(options.logs, 'options.logs');
  if (afi.logs === undefined) {
    throw new TypeError(
      `the logs location of ${afi.afiId} is not known (it is tagged only on AFIs made by createAfi); ` +
        'pass options.logs, { bucket, prefix }, as given to CreateFpgaImage',
    );
  }
  return afi.logs;
}

/**
 * Reads the newest creation log of an AFI from its logs location in S3, for the reason a
 * failed AFI failed. Resolves to undefined when the folder has no log yet.
 */
export async function fetchAfiLog(
  afi: Pick<AfiDescription, 'afiId' | 'logs'>,
  options: FetchAfiLogOptions = {},
): Promise<AfiLog | undefined> {
  requireObject(afi, 'afi');
  const logs = logsLocationOf(afi, options);
  return withS3(options, async (session) => {
    const chosen = chooseLog(await listLogObjects(session, logs, options.signal), afi.afiId);
    if (chosen === undefined) return undefined;
    const key = chosen.Key!;
    const object = await explainDenied(
      () => session.client.send(new session.sdk.GetObjectCommand({ Bucket: logs.bucket, Key: key }), { abortSignal: options.signal }),
      's3:GetObject',
      formatS3Url(logs.bucket, key),
      readPermissions(logs),
    );
    const text = (await object.Body?.transformToString('utf8')) ?? '';
    return { bucket: logs.bucket, key, lastModified: chosen.LastModified, text, errorLines: errorLinesOf(text) };
  });
}
