// Bulk transfers over app BAR4 (burst-capable) for 4 KiB to 16 MiB: writeBurst
// from a Uint32Array and from a plain array, memset and readBurst, against the
// same bytes moved through a view of the BAR in this process (memcpy and
// memset: Uint32Array.prototype.set and Uint8Array.prototype.fill, between the
// same buffers and so the same caches) and in C by the SDK's own kind of loop
// (32-bit stores built at -O0), and the MMIO accesses each path makes per KiB.
import { APP_PF, BURST_CAPABLE, FpgaPci } from '../dist';
import { native } from '../dist/native';
import { Row, withTarget } from './report';
import { nsPerOp } from './timing';

const MiB = 1 << 20;
const SIZES = [4096, 65536, MiB, 16 * MiB];

const label = (bytes: number) => (bytes >= MiB ? `${bytes / MiB} MiB` : `${bytes / 1024} KiB`);

// Enough calls per sample to move about 256 MiB.
const callsFor = (bytes: number, ops: number) => Math.max(4, Math.min(ops, Math.floor((256 * MiB) / bytes)));

// A row with its target where the issue sets one: at 1 MiB.
const at1MiB = (bytes: number, row: Row, op: '<=' | '>=', limit: number) => (bytes === MiB ? withTarget(row, op, limit) : row);

/** The C baseline's names of the SDK's kind of loops, and how to call them. */
export interface SdkLoops {
  write: string;
  fill: string;
  label: string;
}

// On the simulated device: bench/sdk_style.c, built as the SDK is built.
const SDK_STYLE: SdkLoops = { write: 'sdkStyleWrite', fill: 'sdkStyleFill', label: 'SDK-style -O0 loop' };

export function bulkRows(ops: number, c: Record<string, number>, loops: SdkLoops = SDK_STYLE): Row[] {
  const bar = new FpgaPci().attach(0, APP_PF, 4, BURST_CAPABLE);
  const rows: Row[] = [];
  for (const bytes of SIZES) {
    const words = new Uint32Array(bytes / 4).fill(0x5a5a5a5a);
    const out = new Uint32Array(bytes / 4);
    const plain = Array.from(words);
    const calls = callsFor(bytes, ops);
    const write = nsPerOp(calls, (n) => { for (let i = 0; i < n; i++) bar.writeBurst(0, words); });
    const fromArray = nsPerOp(Math.max(4, calls / 4), (n) => { for (let i = 0; i < n; i++) bar.writeBurst(0, plain); });
    const fill = nsPerOp(calls, (n) => { for (let i = 0; i < n; i++) bar.memset(0, 0xa5a5a5a5, bytes / 4); });
    const read = nsPerOp(calls, (n) => { for (let i = 0; i < n; i++) bar.readBurst(0, out); });
    const view = new Uint32Array(bar.view(0, bytes));
    const viewBytes = new Uint8Array(view.buffer, view.byteOffset, bytes);
    const copyIn = nsPerOp(calls, (n) => { for (let i = 0; i < n; i++) view.set(words); });
    const copyOut = nsPerOp(calls, (n) => { for (let i = 0; i < n; i++) out.set(view); });
    const memsetBytes = nsPerOp(calls, (n) => { for (let i = 0; i < n; i++) viewBytes.fill(0xa5); });
    const at = `:${bytes}`;
    const speed = (ns: number) => (bytes / ns) * 1e9;
    const size = label(bytes);
    rows.push(
      at1MiB(bytes, { group: 'writeBurst', name: size, value: speed(write), unit: 'B/s', ratio: copyIn / write, ratioTo: 'speed vs memcpy' }, '>=', 0.9),
      at1MiB(bytes, { group: 'writeBurst', name: `${size}, vs SDK loop`, value: speed(write), unit: 'B/s', ratio: c[`${loops.write}${at}`] / write, ratioTo: 'speed vs SDK loop' }, '>=', 4),
      at1MiB(bytes, { group: 'writeBurst array', name: size, value: speed(fromArray), unit: 'B/s', ratio: fromArray / write, ratioTo: 'time vs Uint32Array' }, '<=', 3),
      at1MiB(bytes, { group: 'memset', name: size, value: speed(fill), unit: 'B/s', ratio: memsetBytes / fill, ratioTo: 'speed vs memset' }, '>=', 0.9),
      at1MiB(bytes, { group: 'memset', name: `${size}, vs SDK loop`, value: speed(fill), unit: 'B/s', ratio: c[`${loops.fill}${at}`] / fill, ratioTo: 'speed vs SDK loop' }, '>=', 4),
      at1MiB(bytes, { group: 'readBurst', name: size, value: speed(read), unit: 'B/s', ratio: copyOut / read, ratioTo: 'speed vs memcpy' }, '>=', 0.8),
      { group: 'memcpy into a view (Uint32Array.set)', name: size, value: speed(copyIn), unit: 'B/s' },
      { group: 'memcpy out of a view (Uint32Array.set)', name: size, value: speed(copyOut), unit: 'B/s' },
      { group: 'memset of a view (Uint8Array.fill)', name: size, value: speed(memsetBytes), unit: 'B/s' },
      { group: `${loops.label}, write`, name: size, value: speed(c[`${loops.write}${at}`]), unit: 'B/s' },
      { group: `${loops.label}, fill`, name: size, value: speed(c[`${loops.fill}${at}`]), unit: 'B/s' },
    );
  }
  bar.detach();
  return [...rows, ...accessRows()];
}

// Loads and stores reaching the mapping per KiB, from the widths used: a peek
// or poke loop makes 256, as do the SDK's loops; on the SDK backend a burst on
// a burst-capable BAR makes 1 KiB over the width its kernel moves per access.
function accessRows(): Row[] {
  const { readBytes, writeBytes } = native.registers.burstWidths;
  const perKiB = (group: string, name: string, bytes: number, unit: string, loop: string): Row => ({
    group, name, value: 1024 / bytes, unit, ratio: 1024 / bytes / 256, ratioTo: `a ${loop} loop (256)`,
  });
  return [
    withTarget(perKiB('MMIO loads per KiB', `readBurst, burst-capable BAR (${readBytes}-byte loads)`, readBytes, 'loads', 'peek'), '<=', 1 / 8),
    perKiB('MMIO stores per KiB', `writeBurst and memset, burst-capable BAR (${writeBytes}-byte stores)`, writeBytes, 'stores', 'poke'),
    perKiB('MMIO stores per KiB', "the SDK's fpga_pci_write_burst and fpga_pci_memset (32-bit)", 4, 'stores', 'poke'),
    perKiB('MMIO accesses per KiB', 'any burst on BAR0 and other uncached BARs (32-bit)', 4, 'accesses', 'peek or poke'),
  ];
}
