// The access trace: the PCI accesses programs make, recorded by the device.
import { ready } from '../backend';
import * as check from '../validate';

export type TraceOp = 'peek' | 'poke' | 'writeBurst' | 'memset' | 'readBurst';

export interface TraceEntry {
  op: TraceOp;
  slot: number;
  pf: number;
  bar: number;
  offset: number;
  /** Bytes per access: 1, 4 or 8 (4 for writeBurst and memset). */
  width: 1 | 4 | 8;
  /** peek: the value read; poke: written; memset: the fill value (bigint for 8-byte accesses). Absent for writeBurst. */
  value?: number | bigint;
  /** writeBurst, readBurst and memset: their length in dwords. */
  dwords?: number;
  /** What the call returned instead of succeeding (an injected fault), when it failed. */
  error?: number;
}

export interface StartTraceOptions {
  /** Entries kept (default 10 000, at most 1 000 000); later accesses are only counted. */
  limit?: number;
}

export const DEFAULT_TRACE_LIMIT = 10_000;
export const MAX_TRACE_LIMIT = 1_000_000;

// aws_fpga_mock_trace_entry (native/mock/control.h), 40 bytes; native/mock_trace.cc checks the layout.
const ENTRY_BYTES = 40;
// Its op field: values of aws_fpga_mock_op.
const OPS: Record<number, TraceOp> = { 2: 'peek', 3: 'poke', 4: 'writeBurst', 5: 'memset', 19: 'readBurst' };

function decode(data: DataView, at: number): TraceEntry {
  const op = OPS[data.getUint16(at + 28, true)];
  const width = data.getUint8(at + 33) as 1 | 4 | 8;
  const entry: TraceEntry = {
    op,
    slot: data.getUint8(at + 30),
    pf: data.getUint8(at + 31),
    bar: data.getUint8(at + 32),
    offset: Number(data.getBigUint64(at, true)),
    width,
  };
  const value = data.getBigUint64(at + 8, true);
  const burst = op === 'writeBurst' || op === 'readBurst';
  if (!burst) entry.value = width === 8 ? value : Number(value);
  if (burst || op === 'memset') entry.dwords = Number(data.getBigUint64(at + 16, true));
  const result = data.getInt32(at + 24, true);
  if (result !== 0) entry.error = result;
  return entry;
}

export function startTrace(options: StartTraceOptions = {}): void {
  const given = check.object('options', options);
  check.knownKeys('options', given, ['limit']);
  const limit = given.limit === undefined ? DEFAULT_TRACE_LIMIT : check.integer('options.limit', given.limit, 1, MAX_TRACE_LIMIT);
  ready().mockStartTrace(limit);
}

export function stopTrace(): void {
  ready().mockStopTrace();
}

export function trace(): TraceEntry[] {
  const { entries, count } = ready().mockReadTrace(true);
  const data = new DataView(entries);
  return Array.from({ length: count }, (_, i) => decode(data, i * ENTRY_BYTES));
}

export function traceDropped(): number {
  return ready().mockReadTrace(false).dropped;
}
