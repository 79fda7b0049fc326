import { AfiNotFoundError, createAfi, describeAfi, isAfiId, isAgfiId, listAfis, LOGS_LOCATION_TAG } from '../lib/afi';
import { FAKE_REGION, fakeAwsOptions } from './fake-aws/clients';
import { FAKE_ACCOUNT_ID } from './fake-aws/fpga-images';
import { useFakeAws } from './fake-aws/lifecycle';
import { createFakeAfi, DCP_BUCKET, jobsFinished, LOGS } from './fake-aws/scenarios';

const JOB_MS = 30;

describe('describeAfi of a pending AFI', () => {
  const slowFake = useFakeAws({ jobDurationMs: 60_000 });

  it('describes it without the details only a built image has', async () => {
    const { afiId, agfiId } = await createFakeAfi(slowFake(), fakeAwsOptions(slowFake()), { name: 'pending-one' });
    const afi = await describeAfi(afiId, fakeAwsOptions(slowFake()));
    expect(afi).toMatchObject({ afiId, agfiId, state: 'pending', name: 'pending-one', ownerId: FAKE_ACCOUNT_ID, public: false });
    expect(afi.stateMessage).toBeUndefined();
    expect(afi.pciIds).toBeUndefined();
    expect(afi.createdAt).toBeInstanceOf(Date);
    expect(Date.now() - afi.createdAt!.getTime()).toBeLessThan(60_000);
  });
});

describe('describeAfi', () => {
  const fake = useFakeAws({ jobDurationMs: JOB_MS });

  it('describes an available AFI with its shell version, PCI ids, logs location and tags', async () => {
    const { afiId } = await createFakeAfi(fake(), fakeAwsOptions(fake()));
    await jobsFinished(JOB_MS);
    const afi = await describeAfi(afiId, fakeAwsOptions(fake()));
    expect(afi.state).toBe('available');
    expect(afi.shellVersion).toMatch(/^0x[0-9a-f]{8}$/);
    expect(afi.pciIds).toEqual({ vendorId: '0x1d0f', deviceId: '0xf000', subsystemVendorId: '0xfedd', subsystemId: '0x1d51' });
    expect(afi.logs).toEqual(LOGS);
    expect(afi.tags).toEqual({ [LOGS_LOCATION_TAG]: `s3://${LOGS.bucket}/${LOGS.prefix}` });
    expect(afi.updatedAt!.getTime()).toBeGreaterThanOrEqual(afi.createdAt!.getTime() + JOB_MS);
  });

  it('describes a failed AFI with the failure reason', async () => {
    const { afiId } = await createFakeAfi(fake(), fakeAwsOptions(fake()), { failureReason: 'DRC violations in the CL' });
    await jobsFinished(JOB_MS);
    expect(await describeAfi(afiId, fakeAwsOptions(fake()))).toMatchObject({ state: 'failed', stateMessage: 'DRC violations in the CL' });
  });

  it('describes an AFI whose checkpoint is missing from S3 as failed', async () => {
    const { afiId } = await createAfi({
      ...fakeAwsOptions(fake()),
      name: 'lost',
      dcp: { bucket: DCP_BUCKET, key: 'never-uploaded.tar' },
      logs: LOGS,
    });
    await jobsFinished(JOB_MS);
    const afi = await describeAfi(afiId, fakeAwsOptions(fake()));
    expect(afi.state).toBe('failed');
    expect(afi.stateMessage).toContain(`s3://${DCP_BUCKET}/never-uploaded.tar`);
  });

  it('describes an unavailable AFI', async () => {
    const { afiId } = await createFakeAfi(fake(), fakeAwsOptions(fake()));
    fake().images.force(afiId, { code: 'unavailable' });
    expect((await describeAfi(afiId, fakeAwsOptions(fake()))).state).toBe('unavailable');
  });

  it('rejects an unknown AFI id with AfiNotFoundError naming the id and region', async () => {
    const missing = 'afi-0123456789abcdef0';
    const error = await describeAfi(missing, fakeAwsOptions(fake())).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AfiNotFoundError);
    expect(error).toMatchObject({ id: missing, region: FAKE_REGION, name: 'AfiNotFoundError' });
    expect((error as Error).message).toBe(`${missing} was not found in region ${FAKE_REGION}`);
    expect((error as Error).cause).toMatchObject({ name: 'InvalidFpgaImageID.NotFound' });
  });

  it('only sees AFIs of the region asked', async () => {
    const { afiId } = await createFakeAfi(fake(), fakeAwsOptions(fake()));
    await expect(describeAfi(afiId, fakeAwsOptions(fake(), 'eu-west-1'))).rejects.toMatchObject({ region: 'eu-west-1' });
  });
});

describe('listAfis', () => {
  const fake = useFakeAws({ jobDurationMs: JOB_MS, pageSize: 2 });
  const region = 'ap-southeast-2';
  const created: string[] = [];

  beforeAll(async () => {
    for (const name of ['alpha', 'beta', 'gamma', 'delta', 'epsilon']) {
      created.push((await createFakeAfi(fake(), fakeAwsOptions(fake(), region), { name })).afiId);
    }
    await jobsFinished(JOB_MS);
  });

  it('follows NextToken through every page', async () => {
    const before = fake().ec2.requestsFor('DescribeFpgaImages').length;
    const afis = await listAfis(fakeAwsOptions(fake(), region));
    expect(afis.map((afi) => afi.afiId)).toEqual(created);
    const pages = fake().ec2.requestsFor('DescribeFpgaImages').slice(before);
    expect(pages.map((page) => page.params.NextToken)).toEqual([undefined, '2', '4']);
  });

  it('lists the caller\'s own AFIs by default and every visible one for an empty owner list', async () => {
    await listAfis(fakeAwsOptions(fake(), region));
    expect(fake().ec2.requestsFor('DescribeFpgaImages').at(-1)!.params['Owner.1']).toBe('self');
    expect(await listAfis({ ...fakeAwsOptions(fake(), region), owners: [] })).toHaveLength(created.length);
    expect(fake().ec2.requestsFor('DescribeFpgaImages').at(-1)!.params['Owner.1']).toBeUndefined();
  });

  it('passes owners through', async () => {
    expect(await listAfis({ ...fakeAwsOptions(fake(), region), owners: ['amazon'] })).toEqual([]);
    expect(await listAfis({ ...fakeAwsOptions(fake(), region), owners: [FAKE_ACCOUNT_ID] })).toHaveLength(created.length);
  });

  it('passes filters with one or several values', async () => {
    const one = await listAfis({ ...fakeAwsOptions(fake(), region), filters: { name: 'gamma' } });
    expect(one.map((afi) => afi.name)).toEqual(['gamma']);
    const several = await listAfis({ ...fakeAwsOptions(fake(), region), filters: { name: ['alpha', 'delta'], state: 'available' } });
    expect(several.map((afi) => afi.name).sort()).toEqual(['alpha', 'delta']);
    expect(await listAfis({ ...fakeAwsOptions(fake(), region), filters: { name: 'alpha', state: 'failed' } })).toEqual([]);
  });

  it('returns typed descriptions', async () => {
    const [first] = await listAfis(fakeAwsOptions(fake(), region));
    expect(isAfiId(first.afiId) && isAgfiId(first.agfiId)).toBe(true);
    expect(first.state).toBe('available');
  });

  it('surfaces EC2 errors such as an unknown filter', async () => {
    await expect(listAfis({ ...fakeAwsOptions(fake(), region), filters: { colour: 'blue' } })).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: "The filter 'colour' is invalid",
    });
  });
});
