import { randomUUID } from 'node:crypto';
import type { CreateFpgaImageRequest } from '@aws-sdk/client-ec2';
import { withEc2, type AwsClientOptions } from './clients';
import { LOGS_LOCATION_TAG } from './description';
import { requireResultField } from './ec2-results';
import { prepareAfiStorage, type PreparedAfiStorage } from './storage';
import { formatS3Url, requireS3Object, requireS3Prefix, type S3ObjectLocation, type S3PrefixLocation } from './s3-location';
import { tarballSize, uploadTarball } from './upload';
import { optionalString, requireNonEmptyString, requireObject, requireStringRecord } from './validate';

/** Where the design checkpoint tarball is in S3, and optionally the local file to upload there first. */
export interface DcpLocation extends S3ObjectLocation {
  /** Local path of the tarball (e.g. `build/checkpoints/to_aws/*.Developer_CL.tar`), uploaded to bucket/key. */
  readonly uploadFrom?: string;
}

export interface CreateAfiOptions extends AwsClientOptions {
  readonly name: string;
  readonly description?: string;
  readonly dcp: DcpLocation;
  /** Where EC2 writes the creation logs, the place to look when the AFI fails. */
  readonly logs: S3PrefixLocation;
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Also tag the AFI with the logs location (tag `aws-fpga:logs-location`), so that
   * describeAfi can report it; EC2 does not. Default true. Tagging needs `ec2:CreateTags`.
   */
  readonly tagLogsLocation?: boolean;
  /** Makes retries of the same creation idempotent; a fresh token is used when omitted. */
  readonly clientToken?: string;
  /**
   * First create the checkpoint and logs buckets (in `region`) where this account has none
   * of those names, and put a placeholder file in an empty logs folder (prepareAfiStorage).
   */
  readonly createBuckets?: boolean;
}

export interface CreatedAfi {
  /** Regional id, for describing, waiting on, copying and deleting the AFI. */
  readonly afiId: string;
  /** Global id, for loading the AFI on an instance. */
  readonly agfiId: string;
  /** What `createBuckets` did; absent without it. */
  readonly storage?: PreparedAfiStorage;
}

function tagsFor(options: CreateAfiOptions, logs: S3PrefixLocation): Record<string, string> {
  const userTags = options.tags === undefined ? {} : requireStringRecord(options.tags, 'tags');
  const logsTag: Record<string, string> =
    options.tagLogsLocation === false ? {} : { [LOGS_LOCATION_TAG]: formatS3Url(logs.bucket, logs.prefix) };
  return { ...logsTag, ...userTags };
}

function createRequest(options: CreateAfiOptions, dcp: S3ObjectLocation, logs: S3PrefixLocation): CreateFpgaImageRequest {
  const tags = Object.entries(tagsFor(options, logs));
  return {
    InputStorageLocation: { Bucket: dcp.bucket, Key: dcp.key },
    LogsStorageLocation: { Bucket: logs.bucket, Key: logs.prefix },
    Name: requireNonEmptyString(options.name, 'name'),
    Description: optionalString(options.description, 'description'),
    ClientToken: optionalString(options.clientToken, 'clientToken') ?? randomUUID(),
    TagSpecifications:
      tags.length === 0 ? undefined : [{ ResourceType: 'fpga-image', Tags: tags.map(([Key, Value]) => ({ Key, Value })) }],
  };
}

/**
 * Starts generating an AFI from a design checkpoint tarball, uploading it to S3 first when
 * `dcp.uploadFrom` is given. Generation takes hours; follow it with waitForAfi.
 */
export async function createAfi(options: CreateAfiOptions): Promise<CreatedAfi> {
  requireObject(options, 'options');
  const dcp = requireS3Object(options.dcp, 'dcp');
  const logs = requireS3Prefix(options.logs, 'logs');
  const request = createRequest(options, dcp, logs);
  const uploadFrom = optionalString(options.dcp.uploadFrom, 'dcp.uploadFrom');
  // The tarball is checked before any bucket is made for it.
  const size = uploadFrom === undefined ? undefined : await tarballSize(uploadFrom, 'dcp.uploadFrom');
  const storage = options.createBuckets === true ? await prepareAfiStorage({ ...options, buckets: [dcp.bucket], logs }) : undefined;
  if (uploadFrom !== undefined) await uploadTarball(uploadFrom, size!, dcp, options);
  return withEc2(options, async ({ client, sdk }) => {
    const result = await client.send(new sdk.CreateFpgaImageCommand(request));
    return {
      afiId: requireResultField(result.FpgaImageId, 'fpgaImageId'),
      agfiId: requireResultField(result.FpgaImageGlobalId, 'fpgaImageGlobalId'),
      ...(storage === undefined ? {} : { storage }),
    };
  });
}
