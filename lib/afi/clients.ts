import type { EC2Client, EC2ClientConfig } from '@aws-sdk/client-ec2';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SNSClient } from '@aws-sdk/client-sns';
import { explainSetupError, withoutNodeVersionWarning } from './aws-setup';
import { loadEc2Sdk, loadS3Sdk, loadSnsSdk, type Ec2Module, type S3Module, type SnsModule } from './sdk';

/**
 * How to reach AWS. Everything is optional: region and credentials come from the SDK's
 * default provider chain (environment, shared config files, instance metadata, …).
 */
export interface AwsClientOptions {
  readonly region?: string;
  /**
   * One endpoint serving EC2, S3 and SNS, as local emulators do; S3 is then addressed
   * path-style. To send the services to different endpoints, pass your own clients.
   */
  readonly endpoint?: string;
  readonly credentials?: EC2ClientConfig['credentials'];
  /** Attempts per request, including the SDK's own retries (SDK default: 3). */
  readonly maxAttempts?: number;
  /** Used as given and left open; region, endpoint, credentials and maxAttempts are then ignored for EC2. */
  readonly ec2Client?: EC2Client;
  /** Used as given and left open; region, endpoint, credentials and maxAttempts are then ignored for S3. */
  readonly s3Client?: S3Client;
  /** Used as given and left open; region, endpoint, credentials and maxAttempts are then ignored for SNS. */
  readonly snsClient?: SNSClient;
}

interface Session<Client, Sdk> {
  readonly client: Client;
  readonly sdk: Sdk;
}

export type Ec2Session = Session<EC2Client, Ec2Module>;
export type S3Session = Session<S3Client, S3Module>;
export type SnsSession = Session<SNSClient, SnsModule>;

function sharedConfig(options: AwsClientOptions) {
  const { region, endpoint, credentials, maxAttempts } = options;
  return { region, endpoint, credentials, maxAttempts };
}

/**
 * Runs `use` with the caller's client, or with one made for this call (without the SDK's
 * Node.js version notice) and destroyed afterwards. Missing credentials or region come out
 * as an AwsSetupError that says what to set.
 */
async function withClient<Client extends { destroy(): void }, Sdk, T>(
  sdk: Sdk,
  given: Client | undefined,
  make: () => Client,
  use: (session: Session<Client, Sdk>) => Promise<T>,
): Promise<T> {
  const client = given ?? withoutNodeVersionWarning(make);
  try {
    return await use({ client, sdk });
  } catch (error) {
    throw explainSetupError(error);
  } finally {
    if (given === undefined) client.destroy();
  }
}

export function withEc2<T>(options: AwsClientOptions, use: (session: Ec2Session) => Promise<T>): Promise<T> {
  const sdk = loadEc2Sdk();
  return withClient(sdk, options.ec2Client, () => new sdk.EC2Client(sharedConfig(options)), use);
}

export function withS3<T>(options: AwsClientOptions, use: (session: S3Session) => Promise<T>): Promise<T> {
  const sdk = loadS3Sdk();
  const make = () =>
    new sdk.S3Client({
      ...sharedConfig(options),
      forcePathStyle: options.endpoint !== undefined,
      // The checkpoint bucket need not be in the region where the AFI is created.
      followRegionRedirects: true,
    });
  return withClient(sdk, options.s3Client, make, use);
}

export function withSns<T>(options: AwsClientOptions, use: (session: SnsSession) => Promise<T>): Promise<T> {
  const sdk = loadSnsSdk();
  return withClient(sdk, options.snsClient, () => new sdk.SNSClient(sharedConfig(options)), use);
}

/** The region a client sends to, for error messages. */
export async function clientRegion(client: { config: { region(): Promise<string> } }): Promise<string> {
  return client.config.region();
}
