import { truncate } from 'node:fs/promises';
import { createAfi, describeAfi, isAfiId, isAgfiId, LOGS_LOCATION_TAG, MAX_TARBALL_BYTES } from '../lib/afi';
import { FAKE_CREDENTIALS, FAKE_REGION, fakeAwsOptions } from './fake-aws/clients';
import { useFakeAws } from './fake-aws/lifecycle';
import { DCP_BUCKET, LOGS, scratchDirectory, type ScratchDirectory } from './fake-aws/scenarios';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('createAfi', () => {
  // Jobs outlast the tests, so every AFI created here stays pending.
  const fake = useFakeAws({ jobDurationMs: 60_000 });
  let scratch: ScratchDirectory;

  beforeAll(async () => {
    scratch = await scratchDirectory();
  });
  afterAll(() => scratch.remove());

  it('uploads a local tarball to the given bucket and key, then creates the AFI from it', async () => {
    const content = Buffer.concat([Buffer.from('tarball header\n'), Buffer.alloc(256 * 1024, 7)]);
    const tarball = await scratch.file('design.Developer_CL.tar', content);
    const dcp = { bucket: DCP_BUCKET, key: 'builds/2024-06-01/design.tar', uploadFrom: tarball };

    const created = await createAfi({ ...fakeAwsOptions(fake()), name: 'cl_hello', description: 'hello world', dcp, logs: LOGS });

    expect(isAfiId(created.afiId) && isAgfiId(created.agfiId)).toBe(true);
    expect(fake().objects.get(DCP_BUCKET, 'builds/2024-06-01/design.tar')).toEqual(content);
    const [upload] = fake().s3.requests.slice(-1);
    expect(upload).toMatchObject({ method: 'PUT', scope: { accessKeyId: FAKE_CREDENTIALS.accessKeyId, region: FAKE_REGION } });
    const { params, scope } = fake().ec2.requestsFor('CreateFpgaImage').at(-1)!;
    expect(scope).toMatchObject({ accessKeyId: FAKE_CREDENTIALS.accessKeyId, region: FAKE_REGION });
    expect(params).toMatchObject({
      'InputStorageLocation.Bucket': DCP_BUCKET,
      'InputStorageLocation.Key': 'builds/2024-06-01/design.tar',
      'LogsStorageLocation.Bucket': LOGS.bucket,
      'LogsStorageLocation.Key': LOGS.prefix,
      Name: 'cl_hello',
      Description: 'hello world',
      'TagSpecification.1.ResourceType': 'fpga-image',
      'TagSpecification.1.Tag.1.Key': LOGS_LOCATION_TAG,
      'TagSpecification.1.Tag.1.Value': `s3://${LOGS.bucket}/${LOGS.prefix}`,
    });
    expect(params.ClientToken).toMatch(UUID);
  });

  it('creates an AFI from a tarball already in S3 without uploading', async () => {
    fake().objects.put(DCP_BUCKET, 'existing.tar', 'checkpoint');
    const uploadsBefore = fake().s3.requests.length;
    const created = await createAfi({ ...fakeAwsOptions(fake()), name: 'from-s3', dcp: { bucket: DCP_BUCKET, key: 'existing.tar' }, logs: LOGS });
    expect(fake().s3.requests).toHaveLength(uploadsBefore);
    expect(await describeAfi(created.afiId, fakeAwsOptions(fake()))).toMatchObject({ ...created, name: 'from-s3', state: 'pending' });
  });

  it('adds the caller\'s tags, and leaves out the logs tag when asked', async () => {
    fake().objects.put(DCP_BUCKET, 'tagged.tar', 'checkpoint');
    const { afiId } = await createAfi({
      ...fakeAwsOptions(fake()),
      name: 'tagged',
      dcp: { bucket: DCP_BUCKET, key: 'tagged.tar' },
      logs: LOGS,
      tags: { Project: 'hello', Owner: 'fpga-team' },
      tagLogsLocation: false,
    });
    const afi = await describeAfi(afiId, fakeAwsOptions(fake()));
    expect(afi.tags).toEqual({ Project: 'hello', Owner: 'fpga-team' });
    expect(afi.logs).toBeUndefined();
  });

  it('sends no tags at all when there are none to send', async () => {
    fake().objects.put(DCP_BUCKET, 'untagged.tar', 'checkpoint');
    await createAfi({ ...fakeAwsOptions(fake()), name: 'untagged', dcp: { bucket: DCP_BUCKET, key: 'untagged.tar' }, logs: LOGS, tagLogsLocation: false });
    const { params } = fake().ec2.requestsFor('CreateFpgaImage').at(-1)!;
    expect(Object.keys(params).filter((name) => name.startsWith('TagSpecification'))).toEqual([]);
  });

  it('is idempotent for a repeated client token', async () => {
    fake().objects.put(DCP_BUCKET, 'retry.tar', 'checkpoint');
    const request = { ...fakeAwsOptions(fake()), name: 'retry', dcp: { bucket: DCP_BUCKET, key: 'retry.tar' }, logs: LOGS, clientToken: 'build-42' };
    const first = await createAfi(request);
    expect(await createAfi(request)).toEqual(first);
    expect(fake().ec2.requestsFor('CreateFpgaImage').at(-1)!.params.ClientToken).toBe('build-42');
  });

  describe('argument checks, made before anything is sent', () => {
    const valid = () => ({ ...fakeAwsOptions(fake()), name: 'n', dcp: { bucket: DCP_BUCKET, key: 'k.tar' }, logs: LOGS });
    let requestsBefore: number;

    beforeEach(() => {
      requestsBefore = fake().ec2.requests.length + fake().s3.requests.length;
    });
    afterEach(() => {
      expect(fake().ec2.requests.length + fake().s3.requests.length).toBe(requestsBefore);
    });

    it.each([
      ['no options', undefined, TypeError, 'options must be an object'],
      ['no name', { name: undefined }, TypeError, 'name must be a non-empty string'],
      ['an empty name', { name: '' }, TypeError, 'name must be a non-empty string'],
      ['a non-string description', { description: 42 }, TypeError, 'description must be a string'],
      ['no dcp', { dcp: undefined }, TypeError, 'dcp must be an object'],
      ['an s3:// URL as bucket', { dcp: { bucket: 's3://bucket', key: 'k' } }, RangeError, 'dcp.bucket must be a bucket name'],
      ['no key', { dcp: { bucket: DCP_BUCKET } }, TypeError, 'dcp.key must be a non-empty string'],
      ['no logs', { logs: undefined }, TypeError, 'logs must be an object'],
      ['no logs prefix', { logs: { bucket: LOGS.bucket } }, TypeError, 'logs.prefix must be a non-empty string'],
      ['non-string tag values', { tags: { Project: 1 } }, TypeError, 'tags must map non-empty keys to strings'],
    ])('rejects %s', async (_case, change, errorType, message) => {
      const options = change === undefined ? undefined : { ...valid(), ...change };
      const error = await createAfi(options as never).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(errorType);
      expect((error as Error).message).toContain(message);
    });

    it('rejects a tarball that does not exist', async () => {
      const missing = `${scratch.path}/missing.tar`;
      const options = { ...valid(), dcp: { ...valid().dcp, uploadFrom: missing } };
      const error = await createAfi(options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toBe(`dcp.uploadFrom "${missing}" cannot be read: ENOENT`);
      expect((error as Error).cause).toMatchObject({ code: 'ENOENT' });
    });

    it('rejects a directory given as tarball', async () => {
      const options = { ...valid(), dcp: { ...valid().dcp, uploadFrom: scratch.path } };
      await expect(createAfi(options)).rejects.toThrow(new TypeError(`dcp.uploadFrom "${scratch.path}" is not a regular file`));
    });

    it('rejects an empty tarball', async () => {
      const empty = await scratch.file('empty.tar', '');
      await expect(createAfi({ ...valid(), dcp: { ...valid().dcp, uploadFrom: empty } })).rejects.toThrow(new RangeError(`dcp.uploadFrom "${empty}" is empty`));
    });

    it('rejects a tarball over the single-upload limit', async () => {
      const huge = await scratch.file('huge.tar', '');
      await truncate(huge, MAX_TARBALL_BYTES + 1); // sparse: no disk space used
      await expect(createAfi({ ...valid(), dcp: { ...valid().dcp, uploadFrom: huge } })).rejects.toThrow(/over the 5368709120-byte/);
    });
  });
});
