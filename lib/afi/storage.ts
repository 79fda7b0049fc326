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
  /** The buckets this call created: names S3 did not know before. The others already existed. */
  readonly createdBuckets: readonly string[];
  /** The placeholder's key, when the logs folder was empty and got one. */
  readonly placeholderKey?: string;
}

/** S3's answer for a bucket this account already has, in any region but us-east-1. */
const ALREADY_OWNED = 'BucketAlreadyOwnedByYou';
const NOT_FOUND = 404;

/**
 * Whether `bucket` is there before anything is created: HeadBucket answers 200 for a
 * bucket this identity may list (in another region too: the client follows the redirect),
 * 404 for a name nobody has, and 403 for one it cannot see (another account's, or one it
 * may not list).
 */
async function headBucket({ client, sdk }: S3Session, bucket: string): Promise<'listed' | 'missing' | 'unseen'> {
  try {
    await client.send(new sdk.HeadBucketCommand({ Bucket: bucket }));
    return 'listed';
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === undefined) throw error;
    return status === NOT_FOUND ? 'missing' : 'unseen';
  }
}

/** Creates `bucket` unless it exists; true when this call created it. */
async function createBucket(session: S3Session, bucket: string, region: string): Promise<boolean> {
  // Creating a bucket the account has answers success in us-east-1 (and resets its ACL there),
  // so whether it existed is asked first.
  const before = await headBucket(session, bucket);
  if (before === 'listed') return false;
  // us-east-1 is S3's default location and must not be named.
  const configuration = region === 'us-east-1' ? undefined : { LocationConstraint: region as never };
  try {
    await explainDenied(
      () => session.client.send(new session.sdk.CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: configuration })),
      's3:CreateBucket',
      `s3://${bucket}`,
      ['s3:CreateBucket'],
    );
    return before === 'missing';
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
    [`s3:PutObject on ${formatS3Url(logs.bucket, folder)}*`],
  );
  return key;
}

/**
 * Creates the buckets an AFI needs, in the client's region, unless they exist,
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
