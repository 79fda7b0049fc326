import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { withS3, type AwsClientOptions } from './clients';
import type { S3ObjectLocation } from './s3-location';

/** The largest object a single PutObject accepts. */
export const MAX_TARBALL_BYTES = 5 * 1024 ** 3;

/** Checks that the local tarball can be uploaded in one PutObject and returns its size. */
export async function tarballSize(path: string, argument: string): Promise<number> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new TypeError(`${argument} "${path}" cannot be read: ${error.code ?? error.message}`, { cause: error });
  });
  if (!info.isFile()) throw new TypeError(`${argument} "${path}" is not a regular file`);
  if (info.size === 0) throw new RangeError(`${argument} "${path}" is empty`);
  if (info.size > MAX_TARBALL_BYTES) {
    throw new RangeError(`${argument} "${path}" is ${info.size} bytes, over the ${MAX_TARBALL_BYTES}-byte single upload limit`);
  }
  return info.size;
}

/** Streams the tarball to S3 so that large checkpoints are never held in memory. */
export async function uploadTarball(
  path: string,
  size: number,
  target: S3ObjectLocation,
  options: AwsClientOptions,
): Promise<void> {
  await withS3(options, async ({ client, sdk }) => {
    await client.send(
      new sdk.PutObjectCommand({
        Bucket: target.bucket,
        Key: target.key,
        Body: createReadStream(path),
        ContentLength: size,
        ContentType: 'application/x-tar',
      }),
    );
  });
}
