import type { AwsClientOptions } from '../../lib/afi';
import type { FakeAws } from './server';

export const FAKE_REGION = 'us-west-2';
export const FAKE_CREDENTIALS = { accessKeyId: 'AKIDFAKEAFITESTS', secretAccessKey: 'fake-secret-key' };

/** Client options that point the library at the fake; one attempt, so that throttling reaches the library. */
export function fakeAwsOptions(fake: FakeAws, region = FAKE_REGION): AwsClientOptions {
  return { region, endpoint: fake.endpoint, credentials: FAKE_CREDENTIALS, maxAttempts: 1 };
}
