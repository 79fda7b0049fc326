/**
 * Option descriptions for the AFI subcommands. Each entry is keyed by its long name and is
 * shaped so that `node:util` parseArgs accepts it as-is; parseArgs' `values` are then what
 * the commands take.
 */
export interface AfiCliOption {
  readonly type: 'string' | 'boolean';
  readonly description: string;
  readonly required?: boolean;
  /** Placeholder for the value in help text, e.g. `seconds`. */
  readonly valueName?: string;
}

export type AfiCliOptions = Readonly<Record<string, AfiCliOption>>;

/** Option values as an argument parser produces them, keyed by long option name. */
export type RawCliValues = Readonly<Record<string, string | boolean | readonly (string | boolean)[] | undefined>>;

export type AfiCliValues<O extends AfiCliOptions> = {
  readonly [K in keyof O]: O[K]['type'] extends 'boolean' ? boolean : O[K]['required'] extends true ? string : string | undefined;
};

/** The command line itself is wrong: unknown, missing or malformed options. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

function readOne(name: string, option: AfiCliOption, value: RawCliValues[string]): string | boolean | undefined {
  if (value === undefined) {
    if (option.required === true) throw new CliUsageError(`--${name} is required`);
    return option.type === 'boolean' ? false : undefined;
  }
  if (Array.isArray(value)) throw new CliUsageError(`--${name} may be given only once`);
  if (typeof value !== option.type) {
    throw new CliUsageError(option.type === 'boolean' ? `--${name} takes no value` : `--${name} needs a value`);
  }
  return value as string | boolean;
}

export function rejectUnknownOptions(options: AfiCliOptions, raw: RawCliValues): void {
  const unknown = Object.keys(raw).find((name) => !Object.hasOwn(options, name));
  if (unknown !== undefined) throw new CliUsageError(`unknown option --${unknown}`);
}

/** Checks parsed values against the option descriptions and types them accordingly. */
export function readCliValues<O extends AfiCliOptions>(options: O, raw: RawCliValues): AfiCliValues<O> {
  rejectUnknownOptions(options, raw);
  const values = Object.fromEntries(Object.entries(options).map(([name, option]) => [name, readOne(name, option, raw[name])]));
  return values as AfiCliValues<O>;
}

/** A command-line duration in seconds, as milliseconds for the library. */
export function secondsOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
    throw new CliUsageError(`--${name} must be a positive number of seconds, got "${value}"`);
  }
  return seconds * 1000;
}
