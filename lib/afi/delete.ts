import { clientRegion, withEc2, type AwsClientOptions } from './clients';
import { notFoundAsAfiError } from './ec2-errors';
import { assertAfiId } from './ids';

/** Deletes an AFI owned by this account; instances that already loaded it keep running it. */
export async function deleteAfi(afiId: string, options: AwsClientOptions = {}): Promise<void> {
  assertAfiId(afiId);
  await withEc2(options, async ({ client, sdk }) => {
    // EC2 answers true or an error, never false.
    await client.send(new sdk.DeleteFpgaImageCommand({ FpgaImageId: afiId })).catch(async (error: unknown) => {
      throw await notFoundAsAfiError(error, afiId, () => clientRegion(client));
    });
  });
}
