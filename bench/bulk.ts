// Bulk transfers over app BAR4: writeBurst from a Uint32Array and from a plain
// array, and memset, for 4 B to 16 MiB, against the same calls in C.
import { APP_PF, BURST_CAPABLE, FpgaPci } from '../dist';
import { Row, withTarget } from './report';
import { nsPerOp } from './timing';

export const SIZES = [4, 64, 1024, 65536, 1 << 20, 16 << 20];
const MiB = 1 << 20;

const label = (bytes: number) => (bytes >= MiB ? `${bytes / MiB} MiB` : bytes >= 1024 ? `${bytes / 1024} KiB` : `${bytes} B`);

// Enough calls per sample to move about 256 MiB, capped for the small sizes.
const callsFor = (bytes: number, ops: number) => Math.max(4, Math.min(ops, Math.floor((256 * MiB) / bytes)));

export function bulkRows(ops: number, c: Record<string, number>): Row[] {
  const bar = new FpgaPci().attach(0, APP_PF, 4, BURST_CAPABLE);
  const rows: Row[] = [];
  for (const bytes of SIZES) {
    const words = new Uint32Array(bytes / 4).fill(0x5a5a5a5a);
    const plain = Array.from(words);
    const calls = callsFor(bytes, ops);
    const typed = nsPerOp(calls, (n) => { for (let i = 0; i < n; i++) bar.writeBurst(0, words); });
    const fromArray = nsPerOp(Math.max(4, calls / 4), (n) => { for (let i = 0; i < n; i++) bar.writeBurst(0, plain); });
    const fill = nsPerOp(calls, (n) => { for (let i = 0; i < n; i++) bar.memset(0, 0xa5a5a5a5, bytes / 4); });
    const speed = (ns: number) => (bytes / ns) * 1e9;
    const cBurst = c[`writeBurst:${bytes}`];
    const cMemset = c[`memset:${bytes}`];
    const at1MiB = bytes === MiB;
    const burstRow: Row = { group: 'writeBurst Uint32Array', name: label(bytes), value: speed(typed), unit: 'B/s', ratio: cBurst / typed, ratioTo: 'speed vs C' };
    const memsetRow: Row = { group: 'memset', name: label(bytes), value: speed(fill), unit: 'B/s', ratio: cMemset / fill, ratioTo: 'speed vs C' };
    const plainRow: Row = { group: 'writeBurst array', name: label(bytes), value: speed(fromArray), unit: 'B/s', ratio: fromArray / typed, ratioTo: 'time vs Uint32Array' };
    rows.push(
      at1MiB ? withTarget(burstRow, '>=', 0.8) : burstRow,
      at1MiB ? withTarget(plainRow, '<=', 3) : plainRow,
      at1MiB ? withTarget(memsetRow, '>=', 0.8) : memsetRow,
      { group: 'C writeBurst', name: label(bytes), value: speed(cBurst), unit: 'B/s' },
      { group: 'C memset', name: label(bytes), value: speed(cMemset), unit: 'B/s' },
    );
    if (bytes === SIZES[0])
      rows.push(
        { group: 'fixed cost', name: 'writeBurst call (4 B)', value: typed, unit: 'ns/call', ratio: typed / cBurst, ratioTo: 'C' },
        { group: 'fixed cost', name: 'memset call (4 B)', value: fill, unit: 'ns/call', ratio: fill / cMemset, ratioTo: 'C' },
      );
  }
  bar.detach();
  return rows;
}
