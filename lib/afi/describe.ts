import type { DescribeFpgaImagesRequest, Filter, FpgaImage } from '@aws-sdk/client-ec2';
import { clientRegion, withEc2, type AwsClientOptions, type Ec2Session } from './clients';
import { toAfiDescription, type AfiDescription } from './description';
import { notFoundAsAfiError } from './ec2-errors';
import { AfiNotFoundError } from './errors';
import { assertAfiId } from './ids';
import { requireObject, requireStringList } from './validate';

export interface ListAfisOptions extends AwsClientOptions {
  /**
   * Account ids or aliases (`self`, `amazon`, `aws-marketplace`). Defaults to `['self']`;
   * an empty array lists every AFI the account can see, shared and public ones included.
   */
  readonly owners?: readonly string[];
  /** EC2 filters by name, e.g. `{ state: 'available', 'tag:Project': ['a', 'b'] }`. */
  readonly filters?: Readonly<Record<string, string | readonly string[]>>;
}

/** Every page of a DescribeFpgaImages query, in order. */
export async function describeAllFpgaImages(
  { client, sdk }: Ec2Session,
  request: DescribeFpgaImagesRequest,
  signal?: AbortSignal,
): Promise<FpgaImage[]> {
  const images: FpgaImage[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new sdk.DescribeFpgaImagesCommand({ ...request, NextToken: nextToken }), {
      abortSignal: signal,
    });
    images.push(...(page.FpgaImages ?? []));
    nextToken = page.NextToken;
  } while (nextToken !== undefined && nextToken !== '');
  return images;
}

/** Describes one AFI with an open session; an empty answer counts as not found, like EC2's not-found error. */
export async function fetchAfi(session: Ec2Session, afiId: string, signal?: AbortSignal): Promise<AfiDescription> {
  const images = await describeAllFpgaImages(session, { FpgaImageIds: [afiId] }, signal).catch(async (error: unknown) => {
    throw await notFoundAsAfiError(error, afiId, () => clientRegion(session.client));
  });
  const image = images.find((candidate) => candidate.FpgaImageId === afiId);
  if (image === undefined) throw new AfiNotFoundError(afiId, await clientRegion(session.client));
  return toAfiDescription(image);
}

export async function describeAfi(afiId: string, options: AwsClientOptions = {}): Promise<AfiDescription> {
  assertAfiId(afiId);
  return withEc2(options, (session) => fetchAfi(session, afiId));
}

function toEc2Filters(filters: ListAfisOptions['filters']): Filter[] {
  requireObject(filters, 'filters');
  return Object.entries(filters).map(([name, values]) => ({
    Name: name,
    Values: [...requireStringList(typeof values === 'string' ? [values] : values, `filters["${name}"]`)],
  }));
}

export async function listAfis(options: ListAfisOptions = {}): Promise<AfiDescription[]> {
  const owners = requireStringList(options.owners ?? ['self'], 'owners');
  const request: DescribeFpgaImagesRequest = {
    Owners: owners.length === 0 ? undefined : [...owners],
    Filters: options.filters === undefined ? undefined : toEc2Filters(options.filters),
  };
  const images = await withEc2(options, (session) => describeAllFpgaImages(session, request));
  return images.map(toAfiDescription);
}
