// What a CL model declares, and what its hooks get to work with.
import type { AfiDeviceIds } from '../describe';
import type { ClBar } from './bars';

/** The CL's side of the slot it runs on, passed to every hook. */
export interface ClContext {
  /** The slot the AFI is loaded on (each slot runs its own copy of the registers). */
  readonly slot: number;
  readonly agfi: string;
  /** A declared register's stored value, without side effects (no hooks, no clear-on-read). */
  get(offset: number, bar?: ClBar): number;
  /** Sets a declared register's stored value, whatever the host may do (read-only included). */
  set(offset: number, value: number, bar?: ClBar): void;
  /** Drives the 16 virtual LEDs (bit i = LED i). */
  setLeds(value: number): void;
  /** The 16 virtual DIP switches, as the host last set them. */
  dipSwitches(): number;
  /** Counts PCIM transactions in the slot's metrics, as if the CL had issued them. */
  addPcimTraffic(reads: number, writes: number): void;
  /**
   * The BAR memory under the model, [offset, offset + length): plain bytes, no
   * registers, hooks or trace (at most 4 GiB per window).
   */
  memory(bar: ClBar, offset: number, length: number): Uint8Array;
}

/**
 * A 32-bit register. Without options it is plain storage. Accesses of 1 or 8
 * bytes are split into the 32-bit registers they touch.
 */
export interface RegisterDefinition {
  /** The value the register takes when the AFI loads (default 0). */
  reset?: number;
  /**
   * A number: the register always reads it (read-only). A function: reads
   * return what it returns, instead of the stored value.
   */
  read?: number | ((cl: ClContext) => number);
  /** Host writes leave the stored value alone (the model may still `cl.set` it). */
  readOnly?: boolean;
  /** Write-1-to-clear: each 1 the host writes clears that bit. */
  w1c?: boolean;
  /** A host read returns the value, then clears it. */
  clearOnRead?: boolean;
  /**
   * Called after each host write, once the value is stored, with the 32 bits
   * written (for a 1-byte write, the other bytes as stored; for w1c, the bits
   * to clear).
   */
  onWrite?: (value: number, cl: ClContext) => void;
}

/** 1 (peek8/poke8), 4 (peek/poke, and every dword of writeBurst and memset) or 8 (peek64/poke64). */
export type AccessWidth = 1 | 4 | 8;

/** A window whose every access goes to its hooks; offset and length multiples of 8. */
export interface RangeDefinition {
  offset: number;
  length: number;
  /**
   * The value an access reads: a number (an 8-byte read may also return a
   * bigint). `offset` is the BAR offset. Default: reads 0.
   */
  onRead?: (offset: number, width: AccessWidth, cl: ClContext) => number | bigint;
  /** An access's value: a bigint for 8-byte writes. Default: writes are dropped. */
  onWrite?: (offset: number, value: number | bigint, width: AccessWidth, cl: ClContext) => void;
}

export interface ClBarDefinition {
  /** Registers by BAR offset (a multiple of 4). */
  registers?: Record<number, RegisterDefinition>;
  ranges?: RangeDefinition[];
}

export interface ClDefinition {
  /** The AFI the model answers for (`agfi-0` and 16 hex digits); default: a new made-up id. */
  agfi?: string;
  /** The app PF's ids while it is loaded; each defaults to cl_hello_world's (0x1d0f, 0xf000, 0xfedc, 0x1d51). */
  pciIds?: Partial<AfiDeviceIds>;
  /** Vccint draw while loaded, in watts (default 0). */
  powerWatts?: number;
  /** Carries AWS_CLK_GEN on mgmt PF BAR4 from 0x50000, which registers there must stay below. */
  hasClkgen?: boolean;
  /** Registers and ranges on app PF BAR0, app PF BAR4 and mgmt PF BAR4. */
  bars: Partial<Record<ClBar, ClBarDefinition>>;
}
