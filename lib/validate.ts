// Argument checks shared by every API: TypeError for a wrong type, RangeError
// for a wrong value, each naming the argument. They run before any native call.

/** A value as an error message quotes it: its type, and its value when short. */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    case 'bigint':
      return `the bigint ${value}n`;
    case 'function':
      return 'a function';
    case 'symbol':
      return `the symbol ${String(value)}`;
    case 'object':
      return 'an object';
    default:
      return `the ${typeof value} ${String(value)}`;
  }
}

/** An integer number in [min, max]. */
export function integer(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${typeName(value)}`);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  return value;
}

export function uint32(name: string, value: unknown): number {
  return integer(name, value, 0, 0xffffffff);
}

/** A 64-bit unsigned value given as a bigint or a safe-integer number. */
export function uint64(name: string, value: unknown): bigint | number {
  if (typeof value === 'bigint') {
    if (value < 0n || value > 0xffffffffffffffffn)
      throw new RangeError(`${name} must fit in 64 bits unsigned, got ${value}`);
    return value;
  }
  return integer(name, value, 0, Number.MAX_SAFE_INTEGER);
}

export function boolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${name} must be a boolean, got ${typeName(value)}`);
  return value;
}

export function string(name: string, value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string, got ${typeName(value)}`);
  return value;
}

export function object(name: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TypeError(`${name} must be an object, got ${typeName(value)}`);
  return value as Record<string, unknown>;
}

/** Rejects option names the caller may have misspelt. */
export function knownKeys(name: string, options: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(options))
    if (!allowed.includes(key)) throw new TypeError(`${name} has no option '${key}' (expected ${allowed.join(', ')})`);
}

export const slot = (value: unknown, name = 'slot'): number => integer(name, value, 0, 7);
