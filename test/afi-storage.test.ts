import { AwsPermissionError, createAfi, LOGS_PLACEHOLDER, prepareAfiStorage } from '../lib/afi';
import { fakeAwsOptions } from './fake-aws/clients';
import { useFakeAws } from './fake-aws/lifecycle';
import { scratchDirectory } from './fake-aws/scenarios';

describe('prepareAfiStorage', () => {
  const fake = useFakeAws({ jobDurationMs: 60_000 });

  it('creates the buckets in the region, naming it outside us-east-1, and the logs folder placeholder', async () => {
    const result = await prepareAfiStorage({
      ...fakeAwsOptions(fake(), 'eu-west-2'),
      buckets: ['new-dcp-bucket'],
      logs: { bucket: 'new-logs-bucket', prefix: 'cl_sde/logs' },
    });

    expect(result).toEqual({ createdBuckets: ['new-dcp-bucket', 'new-logs-bucket'], placeholderKey: `cl_sde/logs/${LOGS_PLACEHOLDER}` });
    expect(fake().objects.buckets.get('new-dcp-bucket')).toBe('eu-west-2');
    expect(fake().objects.buckets.get('new-logs-bucket')).toBe('eu-west-2');
    expect(fake().objects.get('new-logs-bucket', `cl_sde/logs/${LOGS_PLACEHOLDER}`)).toEqual(Buffer.alloc(0));
  });

  it('sends no location in us-east-1, where S3 refuses one', async () => {
    await prepareAfiStorage({ ...fakeAwsOptions(fake(), 'us-east-1'), logs: { bucket: 'east-bucket', prefix: 'logs/' } });
    expect(fake().objects.buckets.get('east-bucket')).toBe('us-east-1');
  });

  it('keeps buckets this account has and a logs folder with something in it', async () => {
    const logs = { bucket: 'kept-bucket', prefix: 'logs/' };
    const first = await prepareAfiStorage({ ...fakeAwsOptions(fake()), buckets: ['kept-bucket'], logs });
    const puts = fake().s3.requestsFor('PUT').length;
    const second = await prepareAfiStorage({ ...fakeAwsOptions(fake()), buckets: ['kept-bucket'], logs });
    expect(first).toEqual({ createdBuckets: ['kept-bucket'], placeholderKey: `logs/${LOGS_PLACEHOLDER}` });
    expect(second).toEqual({ createdBuckets: [], placeholderKey: undefined });
    // HeadBucket finds it: no CreateBucket, no second placeholder.
    expect(fake().s3.requestsFor('PUT').slice(puts)).toEqual([]);
  });

  it('does not report a bucket it already had in us-east-1 as created, where S3 answers its creation with success', async () => {
    const east = fakeAwsOptions(fake(), 'us-east-1');
    const logs = { bucket: 'east-kept', prefix: 'logs/' };
    expect((await prepareAfiStorage({ ...east, logs })).createdBuckets).toEqual(['east-kept']);
    const creations = fake().s3.requestsFor('PUT', '').length;
    expect(await prepareAfiStorage({ ...east, logs })).toEqual({ createdBuckets: [], placeholderKey: undefined });
    // Nor is it created again, which in us-east-1 would reset its ACL.
    expect(fake().s3.requestsFor('PUT', '')).toHaveLength(creations);
  });

  it('finds a bucket of another region through the redirect, and leaves it be', async () => {
    fake().objects.buckets.set('west-kept', 'us-west-2');
    const requests = fake().s3.requests.length;
    const logs = { bucket: 'west-kept', prefix: 'l/' };
    expect(await prepareAfiStorage({ ...fakeAwsOptions(fake(), 'eu-west-2'), logs })).toMatchObject({ createdBuckets: [] });
    expect(fake().s3.requests.slice(requests, requests + 2).map(({ method, scope }) => `${method} ${scope.region}`)).toEqual([
      'HEAD eu-west-2',
      'HEAD us-west-2',
    ]);
    expect(fake().s3.requestsFor('PUT', '').filter((request) => request.bucket === 'west-kept')).toEqual([]);
  });

  it('asks S3 to create a bucket it may not list, and reports it created only when it was not there', async () => {
    // In us-east-1, CreateBucket succeeds for this account's own bucket: only HeadBucket's 404 makes it new.
    fake().objects.buckets.set('east-unlisted', 'us-east-1');
    fake().s3.unlistedBuckets.add('east-unlisted');
    const east = fakeAwsOptions(fake(), 'us-east-1');
    const creations = fake().s3.requestsFor('PUT', '').length;
    const prepared = await prepareAfiStorage({ ...east, buckets: ['east-unlisted', 'east-new'], logs: { bucket: 'east-logs', prefix: 'l/' } });
    expect(prepared.createdBuckets).toEqual(['east-new', 'east-logs']);
    expect(fake().s3.requestsFor('PUT', '').slice(creations).map((request) => request.bucket)).toEqual(['east-unlisted', 'east-new', 'east-logs']);
  });

  it('says so when another account has the name, or when creating is denied', async () => {
    fake().s3.foreignBuckets.add('taken-name');
    await expect(prepareAfiStorage({ ...fakeAwsOptions(fake()), logs: { bucket: 'taken-name', prefix: 'l/' } })).rejects.toThrow(
      'the bucket name taken-name is taken by another AWS account; choose another name',
    );
    fake().s3.deniedBuckets.add('forbidden-bucket');
    const error = await prepareAfiStorage({ ...fakeAwsOptions(fake()), logs: { bucket: 'forbidden-bucket', prefix: 'l/' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsPermissionError);
    expect((error as Error).message).toMatch(/^s3:CreateBucket on s3:\/\/forbidden-bucket was denied\. Allow the identity s3:CreateBucket on it/);
  });

  it('checks bucket names before calling S3', async () => {
    const requests = fake().s3.requests.length;
    await expect(prepareAfiStorage({ ...fakeAwsOptions(fake()), buckets: ['s3://x'], logs: { bucket: 'b', prefix: 'l/' } })).rejects.toThrow(
      new RangeError('buckets[0] must be a bucket name without "s3://" or "/", got "s3://x"'),
    );
    expect(fake().s3.requests).toHaveLength(requests);
  });
});

describe('createAfi with createBuckets', () => {
  const fake = useFakeAws({ jobDurationMs: 60_000, buckets: [] });

  it('makes the buckets and the logs folder before uploading the tarball and creating the AFI', async () => {
    const scratch = await scratchDirectory();
    try {
      const uploadFrom = await scratch.file('cl.tar', 'checkpoint');
      const created = await createAfi({
        ...fakeAwsOptions(fake()),
        name: 'fresh',
        dcp: { bucket: 'fresh-dcp', key: 'cl/cl.tar', uploadFrom },
        logs: { bucket: 'fresh-logs', prefix: 'cl/logs/' },
        createBuckets: true,
      });
      expect(created.storage).toEqual({ createdBuckets: ['fresh-dcp', 'fresh-logs'], placeholderKey: `cl/logs/${LOGS_PLACEHOLDER}` });
      expect(fake().objects.get('fresh-dcp', 'cl/cl.tar')?.toString()).toBe('checkpoint');
      expect(fake().s3.requests.map(({ method, bucket, key }) => `${method} ${bucket}/${key}`)).toEqual([
        'HEAD fresh-dcp/',
        'PUT fresh-dcp/',
        'HEAD fresh-logs/',
        'PUT fresh-logs/',
        'GET fresh-logs/',
        `PUT fresh-logs/cl/logs/${LOGS_PLACEHOLDER}`,
        'PUT fresh-dcp/cl/cl.tar',
      ]);
    } finally {
      await scratch.remove();
    }
  });
});
