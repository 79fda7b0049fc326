// Many accesses in one crossing: reads of BAR4 with readBurst against a copy
// out of a view, and the low-latency inference shape (30 dwords in, start,
// poll the status, read the result) made access by access and batched, with
// the same accesses in C. The fixed cost of a burst is measured against poke.
import { APP_PF, BURST_CAPABLE, FpgaPci } from '../dist';
import { native } from '../dist/native';
import { Row, withTarget } from './report';
import { consume, nsPerOp } from './timing';

const INPUTS = 30;
const START = 0x00;
const STATUS = 0x04;
const RESULT = 0x08;
const FIRST_INPUT = 0x10;

export function batchRows(ops: number, c: Record<string, number>): Row[] {
  const pci = new FpgaPci();
  const ocl = pci.attach(0, APP_PF, 0);
  const pcis = pci.attach(0, APP_PF, 4, BURST_CAPABLE);
  const rows: Row[] = [];

  const one = Uint32Array.of(1);
  const poke = nsPerOp(ops, (n) => { for (let i = 0; i < n; i++) ocl.poke(0x100, i); });
  const burst4 = nsPerOp(ops, (n) => { for (let i = 0; i < n; i++) ocl.writeBurst(0x100, one); });
  const fill4 = nsPerOp(ops, (n) => { for (let i = 0; i < n; i++) ocl.memset(0x100, 7, 1); });
  rows.push(
    withTarget({ group: 'fixed cost', name: 'writeBurst of 1 dword, over poke', value: burst4 - poke, unit: 'ns/call', ratio: burst4 - poke, ratioTo: 'ns over poke' }, '<=', 30),
    withTarget({ group: 'fixed cost', name: 'memset of 1 dword, over poke', value: fill4 - poke, unit: 'ns/call', ratio: fill4 - poke, ratioTo: 'ns over poke' }, '<=', 30),
  );

  for (const bytes of [4096, 1 << 20]) {
    const out = new Uint32Array(bytes / 4);
    const view = new Uint32Array(pcis.view(0, bytes));
    const calls = Math.max(8, Math.floor((64 << 20) / bytes));
    const read = nsPerOp(calls, (n) => { for (let i = 0; i < n; i++) pcis.readBurst(0, out); });
    const copy = nsPerOp(calls, (n) => { for (let i = 0; i < n; i++) out.set(view); });
    const label = bytes >= 1 << 20 ? '1 MiB' : '4 KiB';
    rows.push(
      { group: 'readBurst', name: label, value: (bytes / read) * 1e9, unit: 'B/s', ratio: copy / read, ratioTo: 'speed vs view copy' },
      { group: 'view copy (Uint32Array.set)', name: label, value: (bytes / copy) * 1e9, unit: 'B/s' },
    );
  }

  // Loads and stores reaching the mapping per KiB, from the widths used: a peek
  // loop makes 256; on the SDK backend a burst on a burst-capable BAR makes
  // 1 KiB over the width its kernel moves per access.
  const { readBytes, writeBytes } = native.registers.burstWidths;
  rows.push(
    withTarget({ group: 'MMIO loads per KiB', name: `readBurst, burst-capable BAR (${readBytes}-byte loads)`, value: 1024 / readBytes, unit: 'loads', ratio: 1024 / readBytes / 256, ratioTo: 'a peek loop (256)' }, '<=', 1 / 8),
    { group: 'MMIO stores per KiB', name: `writeBurst, burst-capable BAR (${writeBytes}-byte stores)`, value: 1024 / writeBytes, unit: 'stores', ratio: 1024 / writeBytes / 256, ratioTo: 'a poke loop (256)' },
    { group: 'MMIO loads per KiB', name: 'readBurst, BAR0 and other uncached BARs (32-bit)', value: 256, unit: 'loads', ratio: 1, ratioTo: 'a peek loop (256)' },
  );

  // A batch of 64 register accesses, per access, against C's.
  const offsets64 = Uint32Array.from({ length: 64 }, (_, i) => 0x200 + 4 * i);
  const values64 = new Uint32Array(64);
  const batchOps = Math.max(1000, ops / 64);
  const peek64 = nsPerOp(batchOps, (n) => { for (let i = 0; i < n; i++) ocl.peekMany(offsets64, values64); }) / 64;
  const poke64 = nsPerOp(batchOps, (n) => { for (let i = 0; i < n; i++) ocl.pokeMany(offsets64, values64); }) / 64;
  rows.push(
    withTarget({ group: 'batch of 64', name: 'peekMany, per access', value: peek64, unit: 'ns/access', ratio: peek64 / c.peek, ratioTo: 'C fpga_pci_peek' }, '<=', 2),
    withTarget({ group: 'batch of 64', name: 'pokeMany, per access', value: poke64, unit: 'ns/access', ratio: poke64 / c.poke, ratioTo: 'C fpga_pci_poke' }, '<=', 2),
  );

  // The inference shape: the status register reads "done" at once.
  ocl.poke(STATUS, 1);
  const inputs = Uint32Array.from({ length: INPUTS }, (_, i) => i);
  const offsets = Uint32Array.from({ length: INPUTS }, (_, i) => FIRST_INPUT + 4 * i);
  const sequenceOps = Math.max(1000, ops / 20);
  const single = nsPerOp(sequenceOps, (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < INPUTS; j++) ocl.poke(offsets[j], inputs[j]);
      ocl.poke(START, 1);
      while ((ocl.peek(STATUS) & 1) === 0);
      s ^= ocl.peek(RESULT);
    }
    consume(s);
  });
  const batched = nsPerOp(sequenceOps, (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      ocl.pokeMany(offsets, inputs);
      ocl.poke(START, 1);
      ocl.poll(STATUS, { mask: 1, equals: 1 });
      s ^= ocl.peek(RESULT);
    }
    consume(s);
  });
  const cSequence = (INPUTS + 1) * c.poke + 2 * c.peek;
  rows.push(
    { group: 'inference sequence', name: '31 pokes, poll, peek: one call each', value: single, unit: 'ns/seq', ratio: single / cSequence, ratioTo: 'C' },
    { group: 'inference sequence', name: 'pokeMany, poke, poll, peek', value: batched, unit: 'ns/seq', ratio: batched / cSequence, ratioTo: 'C' },
    { group: 'inference sequence', name: 'C: 31 fpga_pci_poke, 2 fpga_pci_peek', value: cSequence, unit: 'ns/seq' },
  );
  ocl.detach();
  pcis.detach();
  return rows;
}
