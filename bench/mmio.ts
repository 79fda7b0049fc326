// Register access: the N-API crossing floor, BarHandle and mirror calls, mapped
// views, and the same operations in C.
import { APP_PF, BarHandle, FpgaPci } from '../dist';
import { native } from '../dist/native';
import * as registers from '../dist/registers';
import { Row, withTarget } from './report';
import { consume, nsPerOp } from './timing';

const REG = 0x100;

type Access = (bar: BarHandle, pci: FpgaPci, n: number) => void;

// Each access in three call styles; `i` keeps written values changing.
const ACCESSES: Record<string, { handle: Access; mirror: Access }> = {
  peek: {
    handle: (b, _, n) => { let s = 0; for (let i = 0; i < n; i++) s ^= b.peek(REG); consume(s); },
    mirror: (b, p, n) => { let s = 0; for (let i = 0; i < n; i++) s ^= p.peek(b, REG); consume(s); },
  },
  poke: {
    handle: (b, _, n) => { for (let i = 0; i < n; i++) b.poke(REG, i); },
    mirror: (b, p, n) => { for (let i = 0; i < n; i++) p.poke(b, REG, i); },
  },
  peek8: {
    handle: (b, _, n) => { let s = 0; for (let i = 0; i < n; i++) s ^= b.peek8(REG); consume(s); },
    mirror: (b, p, n) => { let s = 0; for (let i = 0; i < n; i++) s ^= p.peek8(b, REG); consume(s); },
  },
  poke8: {
    handle: (b, _, n) => { for (let i = 0; i < n; i++) b.poke8(REG, i & 0xff); },
    mirror: (b, p, n) => { for (let i = 0; i < n; i++) p.poke8(b, REG, i & 0xff); },
  },
  peek64: {
    handle: (b, _, n) => { let s = 0n; for (let i = 0; i < n; i++) s ^= b.peek64(REG); consume(s); },
    mirror: (b, p, n) => { let s = 0n; for (let i = 0; i < n; i++) s ^= p.peek64(b, REG); consume(s); },
  },
  poke64: {
    handle: (b, _, n) => { for (let i = 0; i < n; i++) b.poke64(REG, i); },
    mirror: (b, p, n) => { for (let i = 0; i < n; i++) p.poke64(b, REG, i); },
  },
};

// The same accesses through a mapped view, the C operation each is compared
// with, and whether the view target applies. 64-bit registers are best read
// through a BigUint64Array; V8's DataView 64-bit accessors are much slower.
// The 64-bit value written is a bigint made once: BigInt(i) would time BigInt().
function viewAccesses(bar: BarHandle): [string, string, boolean, (n: number) => void][] {
  const words = new Uint32Array(bar.view(0, 4096));
  const wide = new BigUint64Array(bar.view(0, 4096));
  const data = new DataView(bar.view(0, 4096));
  const w = REG / 4;
  const value64 = 0x0123456789abcdefn;
  return [
    ['Uint32Array read', 'peek', true, (n) => { let s = 0; for (let i = 0; i < n; i++) s ^= words[w]; consume(s); }],
    ['Uint32Array write', 'poke', true, (n) => { for (let i = 0; i < n; i++) words[w] = i; }],
    ['BigUint64Array read', 'peek64', true, (n) => { let s = 0n; for (let i = 0; i < n; i++) s ^= wide[w / 2]; consume(s); }],
    ['BigUint64Array write', 'poke64', true, (n) => { for (let i = 0; i < n; i++) wide[w / 2] = value64; }],
    ['DataView getUint8', 'peek8', true, (n) => { let s = 0; for (let i = 0; i < n; i++) s ^= data.getUint8(REG); consume(s); }],
    ['DataView setUint8', 'poke8', true, (n) => { for (let i = 0; i < n; i++) data.setUint8(REG, i); }],
    ['DataView getUint32', 'peek', true, (n) => { let s = 0; for (let i = 0; i < n; i++) s ^= data.getUint32(REG, true); consume(s); }],
    ['DataView setUint32', 'poke', true, (n) => { for (let i = 0; i < n; i++) data.setUint32(REG, i, true); }],
    ['DataView getBigUint64', 'peek64', false, (n) => { let s = 0n; for (let i = 0; i < n; i++) s ^= data.getBigUint64(REG, true); consume(s); }],
    ['DataView setBigUint64', 'poke64', false, (n) => { for (let i = 0; i < n; i++) data.setBigUint64(REG, value64, true); }],
  ];
}

export function mmioRows(ops: number, c: Record<string, number>): Row[] {
  const pci = new FpgaPci();
  const bar = pci.attach(0, APP_PF, 0);
  const floor = nsPerOp(ops, (n) => { for (let i = 0; i < n; i++) registers.noop(0, REG, i); });
  const usual = nsPerOp(ops, (n) => { for (let i = 0; i < n; i++) native.noopWithArguments(0, REG, i); });
  const rows: Row[] = [
    { group: 'floor', name: 'no-op native call (bar, offset, value)', value: floor, unit: 'ns/op' },
    { group: 'no-op', name: 'the same as N-API arguments', value: usual, unit: 'ns/op', ratio: usual / floor, ratioTo: 'floor' },
  ];
  for (const [op, style] of Object.entries(ACCESSES)) {
    const handle = nsPerOp(ops, (n) => style.handle(bar, pci, n));
    const row: Row = { group: 'BarHandle', name: op, value: handle, unit: 'ns/op', ratio: handle / floor, ratioTo: 'floor' };
    if (op !== 'peek' && op !== 'poke') {
      rows.push(row);
      continue;
    }
    rows.push(
      withTarget(row, '<=', 1.5),
      withTarget({ ...row, name: `${op}, vs the N-API no-op`, ratio: handle / usual, ratioTo: 'no-op' }, '<=', 0.6),
    );
  }
  // Two BARs through the same call sites, as a program using OCL and PCIS does.
  const pcis = pci.attach(0, APP_PF, 4);
  const twoBars = nsPerOp(ops, (n) => { let s = 0; for (let i = 0; i < n; i++) s ^= bar.peek(REG) ^ pcis.peek(REG); consume(s); }) / 2;
  rows.push({ group: 'BarHandle', name: 'peek, BAR0 and BAR4 in turn', value: twoBars, unit: 'ns/op', ratio: twoBars / floor, ratioTo: 'floor' });
  pcis.detach();
  for (const [op, style] of Object.entries(ACCESSES)) {
    const mirror = nsPerOp(ops, (n) => style.mirror(bar, pci, n));
    rows.push({ group: 'FpgaPci', name: op, value: mirror, unit: 'ns/op', ratio: mirror / floor, ratioTo: 'floor' });
  }
  for (const [name, cOp, targeted, body] of viewAccesses(bar)) {
    const ns = nsPerOp(ops * 10, body);
    const row: Row = { group: 'view', name, value: ns, unit: 'ns/op', ratio: c[cOp] / ns, ratioTo: `speed vs C ${cOp}` };
    rows.push(targeted ? withTarget(row, '>=', 0.5) : row);
  }
  for (const op of Object.keys(ACCESSES))
    rows.push({ group: 'C', name: op, value: c[op], unit: 'ns/op', ratio: c[op] / floor, ratioTo: 'floor' });
  bar.detach();
  return rows;
}
