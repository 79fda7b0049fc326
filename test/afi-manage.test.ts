import { AfiNotFoundError, afiIdFor, agfiIdFor, copyAfi, deleteAfi, describeAfi, isAfiId, waitForAfi } from '../lib/afi';
import { FAKE_REGION, fakeAwsOptions } from './fake-aws/clients';
import { useFakeAws } from './fake-aws/lifecycle';
import { createFakeAfi } from './fake-aws/scenarios';

const DESTINATION = 'eu-west-1';

describe('deleteAfi', () => {
  const fake = useFakeAws();

  it('deletes an AFI, which can then no longer be described', async () => {
    const { afiId } = await createFakeAfi(fake(), fakeAwsOptions(fake()));
    await deleteAfi(afiId, fakeAwsOptions(fake()));
    expect(fake().ec2.requestsFor('DeleteFpgaImage').at(-1)!.params.FpgaImageId).toBe(afiId);
    await expect(describeAfi(afiId, fakeAwsOptions(fake()))).rejects.toBeInstanceOf(AfiNotFoundError);
  });

  it('rejects with AfiNotFoundError for an AFI that does not exist', async () => {
    await expect(deleteAfi('afi-0000000000000000a', fakeAwsOptions(fake()))).rejects.toMatchObject({
      name: 'AfiNotFoundError',
      id: 'afi-0000000000000000a',
      region: FAKE_REGION,
    });
  });
});

describe('copyAfi', () => {
  const fake = useFakeAws({ jobDurationMs: 10 });

  it('copies into the destination region, keeping the AGFI id', async () => {
    const source = await createFakeAfi(fake(), fakeAwsOptions(fake()), { name: 'original' });
    const copy = await copyAfi({
      ...fakeAwsOptions(fake(), DESTINATION),
      sourceAfiId: source.afiId,
      sourceRegion: FAKE_REGION,
      description: 'copied for Europe',
    });

    expect(isAfiId(copy.afiId)).toBe(true);
    expect(copy.afiId).not.toBe(source.afiId);
    const request = fake().ec2.requestsFor('CopyFpgaImage').at(-1)!;
    expect(request.scope.region).toBe(DESTINATION);
    expect(request.params).toMatchObject({ SourceFpgaImageId: source.afiId, SourceRegion: FAKE_REGION });
    const copied = await waitForAfi(copy.afiId, { ...fakeAwsOptions(fake(), DESTINATION), intervalMs: 5 });
    expect(copied).toMatchObject({ agfiId: source.agfiId, name: 'original', description: 'copied for Europe' });
  });

  it('names the copy when asked and is idempotent for a repeated client token', async () => {
    const source = await createFakeAfi(fake(), fakeAwsOptions(fake()));
    const request = { ...fakeAwsOptions(fake(), DESTINATION), sourceAfiId: source.afiId, sourceRegion: FAKE_REGION, name: 'eu-copy', clientToken: 'copy-1' };
    const first = await copyAfi(request);
    expect(await copyAfi(request)).toEqual(first);
    expect((await describeAfi(first.afiId, fakeAwsOptions(fake(), DESTINATION))).name).toBe('eu-copy');
  });

  it('reports a missing source in the source region', async () => {
    const error = await copyAfi({ ...fakeAwsOptions(fake(), DESTINATION), sourceAfiId: 'afi-0000000000000000b', sourceRegion: 'us-east-1' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AfiNotFoundError);
    expect((error as Error).message).toBe('afi-0000000000000000b was not found in region us-east-1');
  });
});

describe('AFI and AGFI id pairing', () => {
  const fake = useFakeAws();

  it('finds the AGFI id of an AFI id and back', async () => {
    const { afiId, agfiId } = await createFakeAfi(fake(), fakeAwsOptions(fake()));
    expect(await agfiIdFor(afiId, fakeAwsOptions(fake()))).toBe(agfiId);
    expect(await afiIdFor(agfiId, fakeAwsOptions(fake()))).toBe(afiId);
    expect(fake().ec2.requestsFor('DescribeFpgaImages').at(-1)!.params).toMatchObject({
      'Filter.1.Name': 'fpga-image-global-id',
      'Filter.1.Value.1': agfiId,
    });
  });

  it('finds the regional AFI id of a copied AGFI in each region', async () => {
    const { afiId, agfiId } = await createFakeAfi(fake(), fakeAwsOptions(fake()));
    const copy = await copyAfi({ ...fakeAwsOptions(fake(), DESTINATION), sourceAfiId: afiId, sourceRegion: FAKE_REGION });
    expect(await afiIdFor(agfiId, fakeAwsOptions(fake(), DESTINATION))).toBe(copy.afiId);
    expect(await afiIdFor(agfiId, fakeAwsOptions(fake()))).toBe(afiId);
  });

  it('rejects an AGFI id unknown in the region', async () => {
    await expect(afiIdFor('agfi-0123456789abcdef0', fakeAwsOptions(fake(), 'sa-east-1'))).rejects.toMatchObject({
      name: 'AfiNotFoundError',
      message: 'agfi-0123456789abcdef0 was not found in region sa-east-1',
    });
  });

  it('rejects an AFI id unknown in the region', async () => {
    await expect(agfiIdFor('afi-0123456789abcdef0', fakeAwsOptions(fake()))).rejects.toBeInstanceOf(AfiNotFoundError);
  });
});
