// The BARs a CL model can put registers on: the interfaces into the CL.
import { APP_PF, MGMT_PF } from '../constants';
import * as check from '../validate';

/** `app0`: app PF BAR0 (OCL, AXI-Lite); `app4`: app PF BAR4 (PCIS); `mgmt4`: mgmt PF BAR4 (SDA). */
export type ClBar = 'app0' | 'app4' | 'mgmt4';

export interface ClBarInfo {
  pf: number;
  bar: number;
  /** Bytes; every BAR is far below 2^53. */
  size: number;
}

const MiB = 1024 * 1024;

export const CL_BARS: Readonly<Record<ClBar, ClBarInfo>> = {
  app0: { pf: APP_PF, bar: 0, size: 64 * MiB },
  app4: { pf: APP_PF, bar: 4, size: 128 * 1024 * MiB },
  mgmt4: { pf: MGMT_PF, bar: 4, size: 4 * MiB },
};

export const CL_BAR_NAMES = Object.keys(CL_BARS) as ClBar[];

export function clBar(name: string, value: unknown): ClBar {
  if (!CL_BAR_NAMES.includes(value as ClBar))
    throw new RangeError(`${name} must be one of ${CL_BAR_NAMES.join(', ')}, got ${check.typeName(value)}`);
  return value as ClBar;
}

/** An offset into `bar`: an integer, aligned to `align`, with `length` bytes inside the BAR. */
export function clOffset(name: string, value: unknown, bar: ClBar, align: number, length: number): number {
  const offset = check.integer(name, value, 0, Number.MAX_SAFE_INTEGER);
  if (offset % align !== 0) throw new RangeError(`${name} (0x${offset.toString(16)}) must be a multiple of ${align}`);
  if (offset + length > CL_BARS[bar].size)
    throw new RangeError(`${name} (0x${offset.toString(16)}) lies outside ${bar} (${CL_BARS[bar].size} bytes)`);
  return offset;
}

export const hex = (n: number): string => `0x${n.toString(16)}`;
