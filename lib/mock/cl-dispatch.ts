// The JavaScript end of CL models: every hook of every model declared here
// arrives at `dispatch`, synchronously, inside the access that needs it.
import type { NativeClDispatcher } from '../../types/native';
import { FpgaError } from '../errors';
import { hex } from './bars';
import type { CompiledCl } from './cl-compile';
import { registerKey, SlotClContext } from './cl-context';
import type { AccessWidth } from './cl-types';

// NativeHookKind values.
const READ_REGISTER = 0;
const WRITE_REGISTER = 1;
const READ_RANGE = 2;
const WRITE_RANGE = 3;
const EDEADLK = -35;

/**
 * A CL model's hook threw (or returned something unusable). Thrown to the
 * caller of the peek, poke, writeBurst or memset that ran the hook, with the
 * hook's error as `cause`; the access itself completed as for a CL that
 * failed (reads all ones) and the device stays consistent.
 */
export class ClHookError extends Error {
  override readonly name = 'ClHookError';
  readonly agfi: string;
  readonly slot: number;
  /** Which hook: e.g. "onWrite of register 0x10 on app0". */
  readonly hook: string;

  constructor(agfi: string, slot: number, hook: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const hint =
      cause instanceof FpgaError && cause.errno === EDEADLK
        ? ' (a hook may not call the device; use its ClContext argument)'
        : '';
    super(`CL model ${agfi} on slot ${slot}: ${hook} threw: ${reason}${hint}`, { cause });
    this.agfi = agfi;
    this.slot = slot;
    this.hook = hook;
  }
}

class DefinedModel {
  readonly compiled: CompiledCl;
  readonly #declared: ReadonlySet<string>;
  readonly #contexts = new Map<number, SlotClContext>();

  constructor(compiled: CompiledCl) {
    this.compiled = compiled;
    this.#declared = new Set(compiled.registers.map((r) => registerKey(r.bar, r.offset)));
  }

  context(slot: number): SlotClContext {
    let cl = this.#contexts.get(slot);
    if (cl === undefined) {
      cl = new SlotClContext(slot, this.compiled.agfi, this.#declared);
      this.#contexts.set(slot, cl);
    }
    return cl;
  }
}

const models = new Map<number, DefinedModel>();

export function registerModel(id: number, compiled: CompiledCl): void {
  models.set(id, new DefinedModel(compiled));
}

/** After a reset of the device, which forgot every model. */
export function forgetModels(): void {
  models.clear();
}

function uint32Result(value: unknown): number {
  if (typeof value !== 'number' || value >>> 0 !== value)
    throw new TypeError(`it returned ${String(value)}, not an integer from 0 to 0xffffffff`);
  return value;
}

function rangeResult(value: unknown, width: AccessWidth): number | bigint {
  if (width === 8) {
    if (typeof value === 'bigint' && value >= 0n && value < 2n ** 64n) return value;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
    throw new TypeError(`it returned ${String(value)}, not a 64-bit unsigned bigint or safe integer`);
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= 2 ** (8 * width))
    throw new TypeError(`it returned ${String(value)}, which does not fit ${width} byte(s)`);
  return value;
}

function run<T>(model: DefinedModel, slot: number, hook: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw new ClHookError(model.compiled.agfi, slot, hook, error);
  }
}

export const dispatch: NativeClDispatcher = (modelId, slot, kind, index, offset, width, value) => {
  const model = models.get(modelId);
  if (model === undefined)
    throw new Error(
      `CL model #${modelId} is unknown here: another copy of aws-fpga declared it (another jest module ` +
        'registry?); call mock.reset() and declare it again',
    );
  const cl = model.context(slot);
  const access = width as AccessWidth;
  if (kind === READ_REGISTER || kind === WRITE_REGISTER) {
    const register = model.compiled.registers[index];
    const where = `of register ${hex(register.offset)} on ${register.bar}`;
    if (kind === READ_REGISTER) return run(model, slot, `read ${where}`, () => uint32Result(register.read?.(cl)));
    return run(model, slot, `onWrite ${where}`, () => void register.onWrite?.(value as number, cl));
  }
  const range = model.compiled.ranges[index];
  const where = `of range ${hex(range.offset)}+${hex(range.length)} on ${range.bar} at ${hex(offset)} (${width} bytes)`;
  if (kind === READ_RANGE)
    return run(model, slot, `onRead ${where}`, () =>
      rangeResult(range.onRead ? range.onRead(offset, access, cl) : 0, access),
    );
  if (kind === WRITE_RANGE) return run(model, slot, `onWrite ${where}`, () => void range.onWrite?.(offset, value, access, cl));
  return undefined;
};
