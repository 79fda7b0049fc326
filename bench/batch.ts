// Many accesses in one crossing: batches of register accesses, and the
// low-latency inference shape (30 dwords in, start, poll the status, read the
// result) made access by access and batched, with the same accesses in C. The
// fixed cost of a burst is measured against poke.
import { APP_PF, FpgaPci } from '../dist';
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
  const rows: Row[] = [];

  const one = Uint32Array.of(1);
  const poke = nsPerOp(ops, (n) => { for (let i = 0; i < n; i++) ocl.poke(0x100, i); });
  const burst4 = nsPerOp(ops, (n) => { for (let i = 0; i < n; i++) ocl.writeBurst(0x100, one); });
  const fill4 = nsPerOp(ops, (n) => { for (let i = 0; i < n; i++) ocl.memset(0x100, 7, 1); });
  rows.push(
    withTarget({ group: 'fixed cost', name: 'writeBurst of 1 dword, over poke', value: burst4 - poke, unit: 'ns/call', ratio: burst4 - poke, ratioTo: 'ns over poke', absolute: true }, '<=', 30),
    withTarget({ group: 'fixed cost', name: 'memset of 1 dword, over poke', value: fill4 - poke, unit: 'ns/call', ratio: fill4 - poke, ratioTo: 'ns over poke', absolute: true }, '<=', 30),
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
  return rows;
}
