import { Ec2Error } from './ec2-error';
import { FAKE_ACCOUNT_ID, type FakeFpgaImage, type FakeImageState } from './fpga-images';

type Matcher = (image: FakeFpgaImage, state: FakeImageState) => boolean;

/** The value a DescribeFpgaImages filter compares, for the filters the fake supports. */
function filteredValue(name: string): ((image: FakeFpgaImage, state: FakeImageState) => string | undefined) | undefined {
  if (name.startsWith('tag:')) return (image) => image.tags[name.slice('tag:'.length)];
  const values: Record<string, (image: FakeFpgaImage, state: FakeImageState) => string | undefined> = {
    'fpga-image-id': (image) => image.afiId,
    'fpga-image-global-id': (image) => image.agfiId,
    name: (image) => image.name,
    state: (_image, state) => state.code,
  };
  return values[name];
}

/** An image matches a filter when one of the filter's values equals its value. */
export function filterMatcher(name: string, values: readonly string[]): Matcher {
  const valueOf = filteredValue(name);
  if (valueOf === undefined) throw new Ec2Error(400, 'InvalidParameterValue', `The filter '${name}' is invalid`);
  return (image, state) => {
    const value = valueOf(image, state);
    return value !== undefined && values.includes(value);
  };
}

/** The fake has one account; `self` and its id match its images, no other owner does. */
export function ownersMatcher(owners: readonly string[]): Matcher {
  const ownedHere = owners.length === 0 || owners.some((owner) => owner === 'self' || owner === FAKE_ACCOUNT_ID);
  return () => ownedHere;
}
