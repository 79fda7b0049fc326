/** Argument checks shared by the AFI functions; messages name the offending argument. */

export function requireObject(value: unknown, argument: string): asserts value is object {
  if (typeof value !== 'object' || value === null) {
    throw new TypeError(`${argument} must be an object`);
  }
}

export function requireNonEmptyString(value: unknown, argument: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`${argument} must be a non-empty string`);
  }
  return value;
}

export function optionalString(value: unknown, argument: string): string | undefined {
  if (value !== undefined && typeof value !== 'string') {
    throw new TypeError(`${argument} must be a string when given`);
  }
  return value;
}

/** Bucket names only: `s3://` URLs and paths are a common mix-up with keys. */
export function requireBucketName(value: unknown, argument: string): string {
  const bucket = requireNonEmptyString(value, argument);
  if (bucket.includes('/')) {
    throw new RangeError(`${argument} must be a bucket name without "s3://" or "/", got "${bucket}"`);
  }
  return bucket;
}

export function requireStringList(value: unknown, argument: string): readonly string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item.length > 0)) {
    throw new TypeError(`${argument} must be an array of non-empty strings`);
  }
  return value;
}

export function requireStringRecord(value: unknown, argument: string): Readonly<Record<string, string>> {
  requireObject(value, argument);
  for (const [key, item] of Object.entries(value)) {
    if (key.length === 0 || typeof item !== 'string') {
      throw new TypeError(`${argument} must map non-empty keys to strings (bad entry "${key}")`);
    }
  }
  return value as Record<string, string>;
}

export function requirePositiveDuration(value: unknown, argument: string, allowInfinity = false): number {
  const valid = typeof value === 'number' && value > 0 && (Number.isFinite(value) || (allowInfinity && value === Infinity));
  if (!valid) {
    const accepted = allowInfinity ? 'a positive number of milliseconds or Infinity' : 'a positive, finite number of milliseconds';
    throw new RangeError(`${argument} must be ${accepted}, got ${String(value)}`);
  }
  return value;
}
