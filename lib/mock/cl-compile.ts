// Checks a CL definition and turns it into the device's tables (registers
// with their behaviour flags, ranges) and the JavaScript hooks each entry calls.
import type { NativeClRange, NativeClRegister, NativeMockAfi } from '../../types/native';
import * as check from '../validate';
import { CL_BAR_NAMES, CL_BARS, clOffset, hex, type ClBar } from './bars';
import type { ClContext, ClDefinition, RangeDefinition } from './cl-types';
import { afiId } from './device-controls';

// AWS_FPGA_MOCK_REG_* (native/mock/control.h).
const READ_ONLY = 1 << 0;
const WRITE_1_TO_CLEAR = 1 << 1;
const CLEAR_ON_READ = 1 << 2;
const READ_HOOK = 1 << 3;
const WRITE_HOOK = 1 << 4;

// AWS_CLK_GEN decodes mgmt PF BAR4 from here to its end.
const CLKGEN_WINDOW = 0x50000;
// cl_hello_world's ids.
const DEFAULT_IDS = { vendorId: 0x1d0f, deviceId: 0xf000, subsystemVendorId: 0xfedc, subsystemDeviceId: 0x1d51 };

export interface CompiledRegister {
  bar: ClBar;
  offset: number;
  read?: (cl: ClContext) => number;
  onWrite?: (value: number, cl: ClContext) => void;
}

export interface CompiledRange extends Required<Pick<RangeDefinition, 'offset' | 'length'>> {
  bar: ClBar;
  onRead?: RangeDefinition['onRead'];
  onWrite?: RangeDefinition['onWrite'];
}

export interface CompiledCl {
  agfi: string;
  afi: NativeMockAfi;
  /** In the order of the device's tables: a hook's index is its entry's. */
  registers: CompiledRegister[];
  ranges: CompiledRange[];
  nativeRegisters: NativeClRegister[];
  nativeRanges: NativeClRange[];
}

const DEFINITION_KEYS = ['agfi', 'pciIds', 'powerWatts', 'hasClkgen', 'bars'];
const BAR_KEYS = ['registers', 'ranges'];
const REGISTER_KEYS = ['reset', 'read', 'readOnly', 'w1c', 'clearOnRead', 'onWrite'];
const RANGE_KEYS = ['offset', 'length', 'onRead', 'onWrite'];
const ID_KEYS = Object.keys(DEFAULT_IDS);

let madeUpIds = 0;

/** A made-up AFI id, for a model defined without one. */
function madeUpAgfi(): string {
  madeUpIds++;
  return `agfi-0c1${madeUpIds.toString(16).padStart(14, '0')}`;
}

function optionalFunction<T>(name: string, value: unknown): T | undefined {
  if (value !== undefined && typeof value !== 'function')
    throw new TypeError(`${name} must be a function, got ${check.typeName(value)}`);
  return value as T | undefined;
}

const optionalFlag = (name: string, value: unknown): boolean => value !== undefined && check.boolean(name, value);

function pciIds(value: unknown): typeof DEFAULT_IDS {
  if (value === undefined) return DEFAULT_IDS;
  const given = check.object('definition.pciIds', value);
  check.knownKeys('definition.pciIds', given, ID_KEYS);
  const ids = { ...DEFAULT_IDS };
  for (const key of ID_KEYS as (keyof typeof DEFAULT_IDS)[])
    if (given[key] !== undefined) ids[key] = check.integer(`definition.pciIds.${key}`, given[key], 0, 0xffff);
  return ids;
}

function compileRegister(name: string, bar: ClBar, offset: number, value: unknown) {
  const given = check.object(name, value);
  check.knownKeys(name, given, REGISTER_KEYS);
  let flags = 0;
  let reset = given.reset === undefined ? 0 : check.uint32(`${name}.reset`, given.reset);
  let read: CompiledRegister['read'];
  if (typeof given.read === 'number') {
    if (given.reset !== undefined) throw new TypeError(`${name}: give read (a constant) or reset, not both`);
    reset = check.uint32(`${name}.read`, given.read);
    flags |= READ_ONLY;
  } else {
    read = optionalFunction<CompiledRegister['read']>(`${name}.read`, given.read);
    if (read) flags |= READ_HOOK;
  }
  if (optionalFlag(`${name}.readOnly`, given.readOnly)) flags |= READ_ONLY;
  if (optionalFlag(`${name}.w1c`, given.w1c)) flags |= WRITE_1_TO_CLEAR;
  if (optionalFlag(`${name}.clearOnRead`, given.clearOnRead)) flags |= CLEAR_ON_READ;
  const onWrite = optionalFunction<CompiledRegister['onWrite']>(`${name}.onWrite`, given.onWrite);
  if (onWrite) flags |= WRITE_HOOK;
  if (flags & READ_ONLY && flags & WRITE_1_TO_CLEAR)
    throw new TypeError(`${name}: a read-only register cannot be write-1-to-clear`);
  if (flags & READ_HOOK && flags & CLEAR_ON_READ)
    throw new TypeError(`${name}: clearOnRead clears the stored value, which a read function replaces`);
  const { pf, bar: barNumber } = CL_BARS[bar];
  return {
    native: { pf, bar: barNumber, offset, reset, flags },
    hooks: { bar, offset, read, onWrite },
  };
}

function compileRange(name: string, bar: ClBar, value: unknown): CompiledRange {
  const given = check.object(name, value);
  check.knownKeys(name, given, RANGE_KEYS);
  const length = check.integer(`${name}.length`, given.length, 1, CL_BARS[bar].size);
  if (length % 8 !== 0) throw new RangeError(`${name}.length (${length}) must be a multiple of 8`);
  return {
    bar,
    offset: clOffset(`${name}.offset`, given.offset, bar, 8, length),
    length,
    onRead: optionalFunction<RangeDefinition['onRead']>(`${name}.onRead`, given.onRead),
    onWrite: optionalFunction<RangeDefinition['onWrite']>(`${name}.onWrite`, given.onWrite),
  };
}

function checkClkgenWindow(name: string, bar: ClBar, end: number, hasClkgen: boolean): void {
  if (hasClkgen && bar === 'mgmt4' && end > CLKGEN_WINDOW)
    throw new RangeError(`${name} overlaps AWS_CLK_GEN (mgmt4 from ${hex(CLKGEN_WINDOW)}), which hasClkgen puts there`);
}

/** Checks `definition` and builds the device's tables and the hooks. */
export function compileCl(definition: ClDefinition): CompiledCl {
  const given = check.object('definition', definition);
  check.knownKeys('definition', given, DEFINITION_KEYS);
  const agfi = given.agfi === undefined ? madeUpAgfi() : afiId('definition.agfi', given.agfi);
  const hasClkgen = optionalFlag('definition.hasClkgen', given.hasClkgen);
  const powerWatts = given.powerWatts === undefined ? 0 : check.uint32('definition.powerWatts', given.powerWatts);
  const bars = check.object('definition.bars', given.bars);
  check.knownKeys('definition.bars', bars, CL_BAR_NAMES);
  const compiled: CompiledCl = {
    agfi,
    afi: { afiId: agfi, ...pciIds(given.pciIds), powerWatts, hasClkgen },
    registers: [],
    ranges: [],
    nativeRegisters: [],
    nativeRanges: [],
  };
  for (const bar of CL_BAR_NAMES) {
    if (bars[bar] === undefined) continue;
    const barDefinition = check.object(`bars.${bar}`, bars[bar]);
    check.knownKeys(`bars.${bar}`, barDefinition, BAR_KEYS);
    const ranges = barDefinition.ranges ?? [];
    if (!Array.isArray(ranges)) throw new TypeError(`bars.${bar}.ranges must be an array, got ${check.typeName(ranges)}`);
    const barRanges = ranges.map((range, i) => compileRange(`bars.${bar}.ranges[${i}]`, bar, range));
    barRanges.forEach((range, i) => {
      checkClkgenWindow(`bars.${bar}.ranges[${i}]`, bar, range.offset + range.length, hasClkgen);
      const other = barRanges.findIndex((r, j) => j < i && r.offset < range.offset + range.length && range.offset < r.offset + r.length);
      if (other >= 0) throw new RangeError(`bars.${bar}.ranges[${i}] overlaps bars.${bar}.ranges[${other}]`);
    });
    const registers = check.object(`bars.${bar}.registers`, barDefinition.registers ?? {});
    for (const [key, definitionOfRegister] of Object.entries(registers)) {
      const name = `bars.${bar}.registers[${key}]`;
      const offset = clOffset(`${name} offset`, Number(key), bar, 4, 4);
      checkClkgenWindow(name, bar, offset + 4, hasClkgen);
      if (barRanges.some((r) => offset >= r.offset && offset < r.offset + r.length))
        throw new RangeError(`${name} (${hex(offset)}) lies inside a range of ${bar}`);
      const { native, hooks } = compileRegister(name, bar, offset, definitionOfRegister);
      compiled.nativeRegisters.push(native);
      compiled.registers.push(hooks);
    }
    for (const range of barRanges) {
      const { pf, bar: barNumber } = CL_BARS[bar];
      compiled.nativeRanges.push({ pf, bar: barNumber, offset: range.offset, length: range.length });
      compiled.ranges.push(range);
    }
  }
  return compiled;
}
