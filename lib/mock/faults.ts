// Fault injection: failures, busy slots, latency and denied attaches, each
// travelling the path a real failure would (the SDK call returns the code).
import { ready } from '../backend';
import * as check from '../validate';

/**
 * The operations failNext() can fail, and the calls each covers: PCI
 * (attach, detach, peek* and poke* of every width, writeBurst, memset,
 * getAddress and view, getSlotSpec and getAllSlotSpecs, getResourceMap,
 * rescan), management (describe, getStatus, load: every load call, clear:
 * both clear calls, getVled, setVdip, getVdip) and clkgen (clkgenGet:
 * getDynamic; clkgenSet: setRecipe and setDynamic).
 */
export const FAULT_OPS = [
  'attach',
  'detach',
  'peek',
  'poke',
  'writeBurst',
  'memset',
  'getAddress',
  'getSlotSpec',
  'getResourceMap',
  'rescan',
  'describe',
  'getStatus',
  'load',
  'clear',
  'getVled',
  'setVdip',
  'getVdip',
  'clkgenGet',
  'clkgenSet',
  'readBurst',
] as const;
export type FaultOp = (typeof FAULT_OPS)[number];

export interface FailNextOptions {
  /** How many calls fail (default 1); 0 cancels what is pending for the op and slot. */
  count?: number;
  /** Only calls on this slot (default: any slot; a slot's own faults are used first). */
  slot?: number;
}

export interface Latency {
  /** Added to each load command's answer, in ms. */
  loadMs?: number;
  /** Added to each clear command's answer. */
  clearMs?: number;
  /** Added to each describe, including getStatus and every poll of the sync calls. */
  describeMs?: number;
}

const ANY_SLOT = -1;

export function failNext(op: FaultOp, code: number, options: FailNextOptions = {}): void {
  if (!FAULT_OPS.includes(op)) throw new RangeError(`op must be one of ${FAULT_OPS.join(', ')}, got ${check.typeName(op)}`);
  check.integer('code', code, -0x80000000, 0x7fffffff);
  const given = check.object('options', options);
  check.knownKeys('options', given, ['count', 'slot']);
  const calls = given.count === undefined ? 1 : check.uint32('options.count', given.count);
  if (code === 0 && calls > 0) throw new RangeError('code must not be 0 (success is no fault)');
  const slot = given.slot === undefined ? ANY_SLOT : check.slot(given.slot, 'options.slot');
  ready().mockFailNext(op, slot, code, calls);
}

export function setSlotBusy(slot: number, busy = true): void {
  ready().mockSetBusy(check.slot(slot), check.boolean('busy', busy));
}

export function setLatency(latency: Latency): void {
  const given = check.object('latency', latency);
  check.knownKeys('latency', given, ['loadMs', 'clearMs', 'describeMs']);
  for (const key of Object.keys(given)) check.uint32(`latency.${key}`, given[key]);
  ready().mockSetLatency(given);
}

export function denyAttach(slot?: number, deny = true): void {
  const target = slot === undefined ? ANY_SLOT : check.slot(slot);
  ready().mockDenyAttach(target, check.boolean('deny', deny));
}
