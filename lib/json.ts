// Results carry 64-bit values as bigint, which JSON.stringify refuses. Each
// result object gets a hidden toJSON that writes bigints as decimal strings.

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = plain(item);
    return out;
  }
  return value;
}

// One function and one descriptor for every result: a closure per object
// would cost more than building the object.
function toJSON(this: object): unknown {
  return plain(this);
}
const TO_JSON: PropertyDescriptor = { value: toJSON };

/** Makes `JSON.stringify(value)` work, bigints becoming decimal strings; returns `value`. */
export function jsonSafe<T extends object>(value: T): T {
  return Object.defineProperty(value, 'toJSON', TO_JSON);
}
