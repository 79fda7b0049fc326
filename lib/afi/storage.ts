import { explainDenied } from './aws-setup';
import { clientRegion, withS3, type AwsClientOptions, type S3Session } from './clients';
import { LOGS_PLACEHOLDER, logsFolder } from './logs';
import { formatS3Url, requireS3Prefix, type S3PrefixLocation } from './s3-location';
import { requireBucketName, requireObject } from './validate';

export interface PrepareAfiStorageOptions extends AwsClientOptions {
  /** Buckets to have besides the logs bucket, such as the checkpoint's. */
  readonly buckets?: readonly string[];
  /** The logs folder, given a placeholder file when it has nothing in it yet. */
  readonly logs: S3PrefixLocation;
}

export interface PreparedAfiStorage {
  /** The buckets this call created; the others already were this account's. */
  readonly createdBuckets: readonly string[];
  /** The placeholder's key, when the logs folder was empty and got one. */
  readonly placeholderKey?: string;
}

/** S3's answer for a bucket this account already has, in any region but us-east-1. */
const ALREADY_OWNED = 'BucketAlreadyOwnedByYou';

async function createBucket({ client, sdk }: S3Session, bucket: string, region: string): Promise<boolean> {
  // us-east-1 is S3's default location and must not be named.
  const configuration = region === 'us-east-1' ? undefined : { LocationConstraint: region as never };
  try {
    await explainDenied(
      () => client.send(new sdk.CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: configuration })),
      's3:CreateBucket',
      `s3://${bucket}`,
      ['s3:CreateBucket'],
    );
    return true;
  } catch (error) {
    if ((error as Error).name === ALREADY_OWNED) return false;
    if ((error as Error).name === 'BucketAlreadyExists') {
      throw new Error(`the bucket name ${bucket} is taken by another AWS account; choose another name`, { cause: error });
    }
    throw error;
  }
}

async function ensureLogsFolder({ client, sdk }: S3Session, logs: S3PrefixLocation): Promise<string | undefined> {
  const folder = logsFolder(logs.prefix);
  const listed = await explainDenied(
    () => client.send(new sdk.ListObjectsV2Command({ Bucket: logs.bucket, Prefix: folder, MaxKeys: 1 })),
    's3:ListBucket',
    `s3://${logs.bucket}`,
    ['s3:ListBucket'],
  );
  if ((listed.KeyCount ?? listed.Contents?.length ?? 0) > 0) return undefined;
  const key = `${folder}${LOGS_PLACEHOLDER}`;
  await explainDenied(
    () => client.send(new sdk.PutObjectCommand({ Bucket: logs.bucket, Key: key, Body: '', ContentLength: 0, ContentType: 'text/plain' })),
    's3:PutObject',
    formatS3Url(logs.bucket, key),
    ['s3:PutObject on the logs folder'],
  );
  return key;
}

/**
 * Creates the buckets an AFI needs, in the client's region, unless this account has them,
 * and gives an empty logs folder its placeholder file, as the AFI guide's manual steps do.
 */
export async function prepareAfiStorage(options: PrepareAfiStorageOptions): Promise<PreparedAfiStorage> {
  requireObject(options, 'options');
  const logs = requireS3Prefix(options.logs, 'logs');
  const others = options.buckets ?? [];
  if (!Array.isArray(others)) throw new TypeError('buckets must be an array of bucket names when given');
  const named = others.map((bucket: unknown, index) => requireBucketName(bucket, `buckets[${index}]`));
  const buckets = [...new Set([...named, logs.bucket])];
  return withS3(options, async (session) => {
    const region = await clientRegion(session.client);
    const createdBuckets: string[] = [];
    for (const bucket of buckets) if (await createBucket(session, bucket, region)) createdBuckets.push(bucket);
    return { createdBuckets, placeholderKey: await ensureLogsFolder(session, logs) };
  });
}
