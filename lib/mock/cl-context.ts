// The CL's side of its slot, as a model's hooks see it (ClContext).
import { ready } from '../backend';
import * as check from '../validate';
import { CL_BARS, clBar, clOffset, hex, type ClBar, type ClBarInfo } from './bars';
import type { ClContext } from './cl-types';

const MAX_WINDOW = 2 ** 32;

export class SlotClContext implements ClContext {
  readonly slot: number;
  readonly agfi: string;
  readonly #declared: ReadonlySet<string>;

  /** `declared`: the model's registers, as registerKey(bar, offset). */
  constructor(slot: number, agfi: string, declared: ReadonlySet<string>) {
    this.slot = slot;
    this.agfi = agfi;
    this.#declared = declared;
  }

  get(offset: number, bar: ClBar = 'app0'): number {
    const { pf, bar: number } = this.#register('get', offset, bar);
    return ready().mockClGetRegister(this.slot, pf, number, offset);
  }

  set(offset: number, value: number, bar: ClBar = 'app0'): void {
    const { pf, bar: number } = this.#register('set', offset, bar);
    ready().mockClSetRegister(this.slot, pf, number, offset, check.uint32('value', value));
  }

  setLeds(value: number): void {
    ready().mockClSetLeds(this.slot, check.integer('value', value, 0, 0xffff));
  }

  dipSwitches(): number {
    return ready().mockClGetVdip(this.slot);
  }

  addPcimTraffic(reads: number, writes: number): void {
    const count = (name: string, n: unknown) => check.integer(name, n, 0, Number.MAX_SAFE_INTEGER);
    ready().mockAddPcimTraffic(this.slot, count('reads', reads), count('writes', writes));
  }

  memory(bar: ClBar, offset: number, length: number): Uint8Array {
    const info = CL_BARS[clBar('bar', bar)];
    check.integer('length', length, 0, MAX_WINDOW);
    clOffset('offset', offset, bar, 1, length);
    return new Uint8Array(ready().mockClMemory(this.slot, info.pf, info.bar, offset, length));
  }

  #register(method: string, offset: number, bar: ClBar): ClBarInfo {
    clBar('bar', bar);
    if (!this.#declared.has(registerKey(bar, offset)))
      throw new RangeError(`cl.${method}: the model declares no register at ${hex(Number(offset))} of ${bar}`);
    return CL_BARS[bar];
  }
}

export const registerKey = (bar: ClBar, offset: number): string => `${bar}:${offset}`;
