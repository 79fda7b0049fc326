import { requireBucketName, requireNonEmptyString, requireObject } from './validate';

/** One S3 object, such as the design checkpoint tarball. */
export interface S3ObjectLocation {
  readonly bucket: string;
  readonly key: string;
}

/** A folder-like key prefix, such as where EC2 writes the AFI creation logs. */
export interface S3PrefixLocation {
  readonly bucket: string;
  readonly prefix: string;
}

export function requireS3Object(value: unknown, argument: string): S3ObjectLocation {
  requireObject(value, argument);
  const { bucket, key } = value as Partial<S3ObjectLocation>;
  return { bucket: requireBucketName(bucket, `${argument}.bucket`), key: requireNonEmptyString(key, `${argument}.key`) };
}

export function requireS3Prefix(value: unknown, argument: string): S3PrefixLocation {
  requireObject(value, argument);
  const { bucket, prefix } = value as Partial<S3PrefixLocation>;
  return { bucket: requireBucketName(bucket, `${argument}.bucket`), prefix: requireNonEmptyString(prefix, `${argument}.prefix`) };
}

export function formatS3Url(bucket: string, keyOrPrefix: string): string {
  return `s3://${bucket}/${keyOrPrefix}`;
}

export function parseS3PrefixUrl(url: string): S3PrefixLocation | undefined {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(url);
  return match === null ? undefined : { bucket: match[1], prefix: match[2] };
}
