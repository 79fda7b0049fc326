// writeBurst's plain arrays: checked and copied into a Uint32Array that is
// reused from call to call, since allocating one per call costs more than the
// copy. A call made while the last one is still in use (from a CL model's
// hook) gets a fresh array.
import * as check from './validate';

const KEPT_WORDS = 1 << 20; // a reused array holds at most 4 MiB

let spare: Uint32Array | undefined;

/** The number of dwords in `data`, which must be array-like. */
export function wordCount(data: unknown): number {
  const length = (data as ArrayLike<unknown> | null)?.length;
  if (typeof data !== 'object' || data === null || typeof length !== 'number')
    throw new TypeError(`data must be a Uint32Array or an array of numbers, got ${check.typeName(data)}`);
  return check.integer('data.length', length, 0, Number.MAX_SAFE_INTEGER);
}

/** The first `count` dwords of `data` in a Uint32Array (maybe longer); give it back with `releaseWords`. */
export function borrowWords(data: ArrayLike<number>, count: number): Uint32Array {
  const words = spare !== undefined && spare.length >= count ? spare : new Uint32Array(capacity(count));
  spare = undefined;
  // Four at a time: V8 does not unroll loops, and the loop's own overhead is as
  // large as the check and the copy.
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const a = data[i];
    const b = data[i + 1];
    const c = data[i + 2];
    const d = data[i + 3];
    if (!(isDword(a) && isDword(b) && isDword(c) && isDword(d))) break;
    words[i] = a;
    words[i + 1] = b;
    words[i + 2] = c;
    words[i + 3] = d;
  }
  for (; i < count; i++) {
    const value = data[i];
    if (!isDword(value)) check.uint32(`data[${i}]`, value);
    words[i] = value;
  }
  return words;
}

function isDword(value: unknown): value is number {
  return typeof value === 'number' && value >>> 0 === value;
}

export function releaseWords(words: Uint32Array): void {
  if (words.length <= KEPT_WORDS && (spare === undefined || spare.length < words.length)) spare = words;
}

// Grows by powers of two, so that a sequence of growing writes allocates few arrays.
function capacity(count: number): number {
  return count <= KEPT_WORDS ? 2 ** Math.ceil(Math.log2(Math.max(count, 1))) : count;
}
