import type { EC2Client, EC2ClientConfig } from '@aws-sdk/client-ec2';
import type { S3Client } from '@aws-sdk/client-s3';
import { loadEc2Sdk, loadS3Sdk, type Ec2Module, type S3Module } from './sdk';

/**
 * How to reach AWS. Everything is optional: region and credentials come from the SDK's
 * default provider chain (environment, shared config files, instance metadata, …).
 */
export interface AwsClientOptions {
  readonly region?: string;
  /**
   * One endpoint serving both EC2 and S3, as local emulators do; S3 is then addressed
   * path-style. To send the two services to different endpoints, pass your own clients.
   */
  readonly endpoint?: string;
  readonly credentials?: EC2ClientConfig['credentials'];
  /** Attempts per request, including the SDK's own retries (SDK default: 3). */
  readonly maxAttempts?: number;
  /** Used as given and left open; region, endpoint, credentials and maxAttempts are then ignored for EC2. */
  readonly ec2Client?: EC2Client;
  /** Used as given and left open; region, endpoint, credentials and maxAttempts are then ignored for S3. */
  readonly s3Client?: S3Client;
}

export interface Ec2Session {
  readonly client: EC2Client;
  readonly sdk: Ec2Module;
}

export interface S3Session {
  readonly client: S3Client;
  readonly sdk: S3Module;
}

function sharedConfig(options: AwsClientOptions) {
  const { region, endpoint, credentials, maxAttempts } = options;
  return { region, endpoint, credentials, maxAttempts };
}

/** Runs `use` with the caller's EC2 client, or with one made for this call and destroyed afterwards. */
export async function withEc2<T>(options: AwsClientOptions, use: (session: Ec2Session) => Promise<T>): Promise<T> {
  const sdk = loadEc2Sdk();
  const owned = options.ec2Client === undefined;
  const client = options.ec2Client ?? new sdk.EC2Client(sharedConfig(options));
  try {
    return await use({ client, sdk });
  } finally {
    if (owned) client.destroy();
  }
}

/** Runs `use` with the caller's S3 client, or with one made for this call and destroyed afterwards. */
export async function withS3<T>(options: AwsClientOptions, use: (session: S3Session) => Promise<T>): Promise<T> {
  const sdk = loadS3Sdk();
  const owned = options.s3Client === undefined;
  const client =
    options.s3Client ??
    new sdk.S3Client({
      ...sharedConfig(options),
      forcePathStyle: options.endpoint !== undefined,
      // The checkpoint bucket need not be in the region where the AFI is created.
      followRegionRedirects: true,
    });
  try {
    return await use({ client, sdk });
  } finally {
    if (owned) client.destroy();
  }
}

/** The region a client sends to, for error messages. */
export async function clientRegion(client: EC2Client): Promise<string> {
  return client.config.region();
}
