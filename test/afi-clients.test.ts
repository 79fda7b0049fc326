import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { createAfi, describeAfi } from '../lib/afi';
import { FAKE_CREDENTIALS, fakeAwsOptions } from './fake-aws/clients';
import { useFakeAws } from './fake-aws/lifecycle';
import { createFakeAfi, DCP_BUCKET, LOGS, scratchDirectory } from './fake-aws/scenarios';

describe('AWS clients', () => {
  const fake = useFakeAws({ jobDurationMs: 60_000 });
  afterEach(() => jest.restoreAllMocks());

  it('are made per call from the options and destroyed afterwards', async () => {
    const { afiId } = await createFakeAfi(fake(), fakeAwsOptions(fake()));
    const destroy = jest.spyOn(EC2Client.prototype, 'destroy');
    await describeAfi(afiId, fakeAwsOptions(fake()));
    expect(destroy).toHaveBeenCalledTimes(1);
  });

  it('given by the caller are used as they are, ahead of region and endpoint, and left open', async () => {
    const scratch = await scratchDirectory();
    const clientConfig = { endpoint: fake().endpoint, credentials: FAKE_CREDENTIALS, maxAttempts: 1 };
    const ec2Client = new EC2Client({ ...clientConfig, region: 'ca-central-1' });
    const s3Client = new S3Client({ ...clientConfig, region: 'ca-central-1', forcePathStyle: true });
    const destroys = [jest.spyOn(ec2Client, 'destroy'), jest.spyOn(s3Client, 'destroy')];
    try {
      const options = { region: 'us-west-2', endpoint: 'http://127.0.0.1:9', ec2Client, s3Client };
      const uploadFrom = await scratch.file('own-clients.tar', 'checkpoint');
      const { afiId } = await createAfi({ ...options, name: 'own', dcp: { bucket: DCP_BUCKET, key: 'own.tar', uploadFrom }, logs: LOGS });
      expect((await describeAfi(afiId, options)).name).toBe('own');

      expect(fake().s3.requests.at(-1)!.scope.region).toBe('ca-central-1');
      expect(fake().ec2.requests.slice(-2).map((request) => request.scope.region)).toEqual(['ca-central-1', 'ca-central-1']);
      destroys.forEach((destroy) => expect(destroy).not.toHaveBeenCalled());
    } finally {
      ec2Client.destroy();
      s3Client.destroy();
      await scratch.remove();
    }
  });
});
