import { Ec2Error } from './ec2-error';

/** Form-encoded EC2 query parameters, with the protocol's `Name.N` / `Name.N.Member` list encoding. */
export class QueryParams {
  constructor(
    private readonly params: URLSearchParams,
    private readonly prefix = '',
  ) {}

  static parse(body: string): QueryParams {
    return new QueryParams(new URLSearchParams(body));
  }

  optional(name: string): string | undefined {
    return this.params.get(this.prefix + name) ?? undefined;
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined) {
      throw new Ec2Error(400, 'MissingParameter', `The request must contain the parameter ${this.prefix}${name}`);
    }
    return value;
  }

  /** The members of a structure, e.g. `InputStorageLocation.Bucket` via `.struct('InputStorageLocation')`. */
  struct(name: string): QueryParams {
    return new QueryParams(this.params, `${this.prefix}${name}.`);
  }

  /** `Name.1`, `Name.2`, … as a list of structures. */
  structList(name: string): QueryParams[] {
    const list: QueryParams[] = [];
    for (let index = 1; this.hasKeysUnder(`${name}.${index}.`); index += 1) list.push(this.struct(`${name}.${index}`));
    return list;
  }

  /** `Name.1`, `Name.2`, … as a list of strings. */
  stringList(name: string): string[] {
    const list: string[] = [];
    for (let index = 1; ; index += 1) {
      const value = this.optional(`${name}.${index}`);
      if (value === undefined) return list;
      list.push(value);
    }
  }

  /** Every parameter, for the request log. */
  entries(): Record<string, string> {
    return Object.fromEntries(this.params);
  }

  private hasKeysUnder(name: string): boolean {
    const full = this.prefix + name;
    return [...this.params.keys()].some((key) => key.startsWith(full));
  }
}
