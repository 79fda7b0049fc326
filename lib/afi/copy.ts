import { randomUUID } from 'node:crypto';
import { withEc2, type AwsClientOptions } from './clients';
import { notFoundAsAfiError } from './ec2-errors';
import { requireResultField } from './ec2-results';
import { assertAfiId } from './ids';
import { optionalString, requireNonEmptyString, requireObject } from './validate';

/** `region` (or the given EC2 client's region) is the destination. */
export interface CopyAfiOptions extends AwsClientOptions {
  readonly sourceAfiId: string;
  readonly sourceRegion: string;
  /** Defaults to the source AFI's name. */
  readonly name?: string;
  readonly description?: string;
  /** Makes retries of the same copy idempotent; a fresh token is used when omitted. */
  readonly clientToken?: string;
}

export interface CopiedAfi {
  /** The new AFI's id in the destination region (`region`, or the client's region); its AGFI id is unchanged. */
  readonly afiId: string;
}

/** Copies an AFI from `sourceRegion` into the destination region; the copy starts out pending. */
export async function copyAfi(options: CopyAfiOptions): Promise<CopiedAfi> {
  requireObject(options, 'options');
  assertAfiId(options.sourceAfiId, 'sourceAfiId');
  const sourceRegion = requireNonEmptyString(options.sourceRegion, 'sourceRegion');
  const request = {
    SourceFpgaImageId: options.sourceAfiId,
    SourceRegion: sourceRegion,
    Name: optionalString(options.name, 'name'),
    Description: optionalString(options.description, 'description'),
    ClientToken: optionalString(options.clientToken, 'clientToken') ?? randomUUID(),
  };
  return withEc2(options, async ({ client, sdk }) => {
    const result = await client.send(new sdk.CopyFpgaImageCommand(request)).catch(async (error: unknown) => {
      throw await notFoundAsAfiError(error, request.SourceFpgaImageId, () => sourceRegion);
    });
    return { afiId: requireResultField(result.FpgaImageId, 'fpgaImageId') };
  });
}
