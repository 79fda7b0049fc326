/** Regional AFI id as returned by EC2 (`FpgaImageId`). */
const AFI_ID = /^afi-[0-9a-f]{17}$/;
/** Global AFI id used to load the image on an instance (`FpgaImageGlobalId`). */
const AGFI_ID = /^agfi-[0-9a-f]{17}$/;

export function isAfiId(value: unknown): value is string {
  return typeof value === 'string' && AFI_ID.test(value);
}

export function isAgfiId(value: unknown): value is string {
  return typeof value === 'string' && AGFI_ID.test(value);
}

export function assertAfiId(value: unknown, argument = 'afiId'): asserts value is string {
  if (typeof value !== 'string') {
    throw new TypeError(`${argument} must be a string like afi-0123456789abcdef0, got ${typeof value}`);
  }
  if (isAgfiId(value)) {
    throw new RangeError(`${argument} must be an AFI id (afi-…), got the AGFI id ${value}; afiIdFor() looks up the matching AFI id`);
  }
  if (!isAfiId(value)) {
    throw new RangeError(`${argument} must match afi- followed by 17 lowercase hex digits, got "${value}"`);
  }
}

export function assertAgfiId(value: unknown, argument = 'agfiId'): asserts value is string {
  if (typeof value !== 'string') {
    throw new TypeError(`${argument} must be a string like agfi-0123456789abcdef0, got ${typeof value}`);
  }
  if (isAfiId(value)) {
    throw new RangeError(`${argument} must be an AGFI id (agfi-…), got the AFI id ${value}; agfiIdFor() looks up the matching AGFI id`);
  }
  if (!isAgfiId(value)) {
    throw new RangeError(`${argument} must match agfi- followed by 17 lowercase hex digits, got "${value}"`);
  }
}
