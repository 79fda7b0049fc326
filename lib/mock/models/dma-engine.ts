// A DMA-like copy engine built with mock.defineCl: command registers on app
// PF BAR0 (OCL) move bytes within app PF BAR4 (PCIS) memory.
//
// Program SRC, DST (64-bit, as LO/HI halves) and LEN (bytes), then write
// START to CTRL. STATUS reads BUSY for `busyPolls` reads; the copy then
// happens and STATUS reads DONE. A request reaching past BAR4 or longer than
// `maxLength` sets ERROR at once and copies nothing. DONE and ERROR are
// write-1-to-clear (so is BUSY: clearing it abandons the copy); START while
// busy is ignored. COMPLETED counts copies done; ERRORS counts refused
// requests and clears when read.
import { CL_BARS } from '../bars';
import type { ClContext, ClDefinition } from '../cl-types';

export const DMA_ENGINE = {
  agfi: 'agfi-0d3a0000000000001',
  SRC_LO: 0x00,
  SRC_HI: 0x04,
  DST_LO: 0x08,
  DST_HI: 0x0c,
  LEN: 0x10,
  CTRL: 0x14,
  STATUS: 0x18,
  COMPLETED: 0x1c,
  ERRORS: 0x20,
  /** CTRL */
  START: 1 << 0,
  /** STATUS */
  BUSY: 1 << 0,
  DONE: 1 << 1,
  ERROR: 1 << 2,
} as const;

export interface DmaEngineOptions {
  agfi?: string;
  /** STATUS reads BUSY this many times after START (default 1). */
  busyPolls?: number;
  /** The longest copy accepted, in bytes (default 16 MiB). */
  maxLength?: number;
}

interface Copy {
  src: number;
  dst: number;
  length: number;
  pollsLeft: number;
}

const R = DMA_ENGINE;
const PCIS_BYTES = CL_BARS.app4.size;

const address = (cl: ClContext, lo: number, hi: number): number => cl.get(hi) * 2 ** 32 + cl.get(lo);

// memmove within BAR4: one window when the two overlap, else one each.
function move(cl: ClContext, { src, dst, length }: Copy): void {
  if (length === 0) return;
  if (Math.abs(dst - src) < length) {
    const low = Math.min(src, dst);
    cl.memory('app4', low, Math.abs(dst - src) + length).copyWithin(dst - low, src - low, src - low + length);
  } else {
    cl.memory('app4', dst, length).set(cl.memory('app4', src, length));
  }
}

export function dmaEngineCl(options: DmaEngineOptions = {}): ClDefinition {
  const { busyPolls = 1, maxLength = 16 * 1024 * 1024 } = options;
  // The copy each slot's engine is working on; meaningful while STATUS shows BUSY.
  const running = new Map<number, Copy>();

  const start = (value: number, cl: ClContext): void => {
    const status = cl.get(R.STATUS);
    if (!(value & R.START) || status & R.BUSY) return;
    const copy = { src: address(cl, R.SRC_LO, R.SRC_HI), dst: address(cl, R.DST_LO, R.DST_HI), length: cl.get(R.LEN), pollsLeft: busyPolls };
    const cleared = status & ~(R.DONE | R.ERROR);
    if (copy.length > maxLength || copy.src + copy.length > PCIS_BYTES || copy.dst + copy.length > PCIS_BYTES) {
      cl.set(R.STATUS, cleared | R.ERROR);
      cl.set(R.ERRORS, cl.get(R.ERRORS) + 1);
      return;
    }
    running.set(cl.slot, copy);
    cl.set(R.STATUS, cleared | R.BUSY);
  };

  const status = (cl: ClContext): number => {
    const value = cl.get(R.STATUS);
    const copy = running.get(cl.slot);
    if (!(value & R.BUSY) || copy === undefined) return value;
    if (copy.pollsLeft-- > 0) return value;
    move(cl, copy);
    running.delete(cl.slot);
    const done = (value & ~R.BUSY) | R.DONE;
    cl.set(R.STATUS, done);
    cl.set(R.COMPLETED, (cl.get(R.COMPLETED) + 1) >>> 0);
    return done;
  };

  return {
    agfi: options.agfi ?? R.agfi,
    pciIds: { deviceId: 0xf0d0 },
    powerWatts: 30,
    bars: {
      app0: {
        registers: {
          [R.SRC_LO]: {},
          [R.SRC_HI]: {},
          [R.DST_LO]: {},
          [R.DST_HI]: {},
          [R.LEN]: {},
          [R.CTRL]: { read: 0, onWrite: start },
          [R.STATUS]: { w1c: true, read: status },
          [R.COMPLETED]: { readOnly: true },
          [R.ERRORS]: { readOnly: true, clearOnRead: true },
        },
      },
    },
  };
}
