// ap_fixed<W,I,Q,O> as Vivado HLS defines it, on the host: a value is a signed
// W-bit integer scaled by 2^-(W-I). Conversions follow the type's quantisation
// mode Q (AP_TRN: toward minus infinity; AP_RND: to nearest, halves toward plus
// infinity) and overflow mode O (AP_WRAP: keep the low W bits; AP_SAT: clamp).
// Arithmetic here is on doubles, which hold every value these types produce
// exactly (products of a 16-bit and an 8-bit value need 24 bits).

export type Quantisation = 'AP_TRN' | 'AP_RND';
export type Overflow = 'AP_WRAP' | 'AP_SAT';

export interface FixedType {
  /** The text it was parsed from, e.g. 'ap_fixed<16,6,AP_RND,AP_SAT>'. */
  readonly name: string;
  /** Total bits W. */
  readonly width: number;
  /** Integer bits I, sign included. */
  readonly integer: number;
  /** Fractional bits, W - I. */
  readonly fraction: number;
  readonly quantisation: Quantisation;
  readonly overflow: Overflow;
  /** The smallest and largest raw (integer) values. */
  readonly minRaw: number;
  readonly maxRaw: number;
}

const TYPE = /^ap_fixed<\s*(\d+)\s*,\s*(-?\d+)\s*(?:,\s*(AP_TRN|AP_RND)\s*(?:,\s*(AP_WRAP|AP_SAT)\s*)?)?>$/;

/** Parses 'ap_fixed<W,I>' (HLS's defaults: AP_TRN, AP_WRAP) or 'ap_fixed<W,I,Q,O>'. */
export function fixedType(name: string): FixedType {
  const match = TYPE.exec(name);
  if (match === null)
    throw new RangeError(
      `'${name}' is not an ap_fixed type this example handles: write ap_fixed<W,I> or ap_fixed<W,I,Q,O> ` +
        'with Q AP_TRN or AP_RND and O AP_WRAP or AP_SAT',
    );
  const width = Number(match[1]);
  const integer = Number(match[2]);
  if (width < 1 || width > 32 || integer > width)
    throw new RangeError(`'${name}': W must be 1 to 32 and I at most W, got W=${width}, I=${integer}`);
  return {
    name,
    width,
    integer,
    fraction: width - integer,
    quantisation: (match[3] as Quantisation | undefined) ?? 'AP_TRN',
    overflow: (match[4] as Overflow | undefined) ?? 'AP_WRAP',
    minRaw: -(2 ** (width - 1)),
    maxRaw: 2 ** (width - 1) - 1,
  };
}

/** `n` (an integer) reduced into the type's raw range, as its low W bits read signed. */
function wrap(type: FixedType, n: number): number {
  const span = 2 ** type.width;
  const low = (((n - type.minRaw) % span) + span) % span;
  return low + type.minRaw;
}

/**
 * A function giving the raw integer the type holds after a value is assigned
 * to it: made once per type, for loops that convert many values.
 */
export function rawConverter(type: FixedType): (value: number) => number {
  const scale = 2 ** type.fraction;
  const half = type.quantisation === 'AP_RND' ? 0.5 : 0;
  const { minRaw, maxRaw } = type;
  if (type.overflow === 'AP_SAT')
    return (value) => {
      const n = Math.floor(value * scale + half);
      return n < minRaw ? minRaw : n > maxRaw ? maxRaw : n;
    };
  return (value) => wrap(type, Math.floor(value * scale + half));
}

const converters = new WeakMap<FixedType, (value: number) => number>();

/** The raw integer the type holds after `value` is assigned to it. */
export function toRaw(type: FixedType, value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`${type.name} cannot hold ${value}`);
  let convert = converters.get(type);
  if (convert === undefined) converters.set(type, (convert = rawConverter(type)));
  return convert(value);
}

/** The value of a raw integer of the type. */
export function fromRaw(type: FixedType, raw: number): number {
  return raw / 2 ** type.fraction;
}

/** `value` assigned to the type, as the value it then holds. */
export function quantise(type: FixedType, value: number): number {
  return fromRaw(type, toRaw(type, value));
}
