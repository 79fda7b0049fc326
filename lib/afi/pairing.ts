import { clientRegion, withEc2, type AwsClientOptions } from './clients';
import { describeAllFpgaImages, fetchAfi } from './describe';
import { AfiNotFoundError } from './errors';
import { assertAfiId, assertAgfiId } from './ids';

/** The global id (agfi-…) that instances load, for a regional AFI id. */
export async function agfiIdFor(afiId: string, options: AwsClientOptions = {}): Promise<string> {
  assertAfiId(afiId);
  const afi = await withEc2(options, (session) => fetchAfi(session, afiId));
  return afi.agfiId;
}

/** The regional AFI id (afi-…) of a global AGFI id, in the client's region. */
export async function afiIdFor(agfiId: string, options: AwsClientOptions = {}): Promise<string> {
  assertAgfiId(agfiId);
  return withEc2(options, async (session) => {
    const images = await describeAllFpgaImages(session, {
      Filters: [{ Name: 'fpga-image-global-id', Values: [agfiId] }],
    });
    const afiId = images[0]?.FpgaImageId;
    if (afiId === undefined) throw new AfiNotFoundError(agfiId, await clientRegion(session.client));
    return afiId;
  });
}
