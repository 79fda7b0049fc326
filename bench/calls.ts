// Per-call costs of the slower operations, against the same calls in C.
import { APP_PF, FpgaMgmt, FpgaPci, FPGA_CMD_GET_HW_METRICS } from '../dist';
import { Row } from './report';
import { median, nsPerOp } from './timing';

/** Median nanoseconds of `call()` awaited one after the other. */
async function awaitedNs(call: () => Promise<unknown>): Promise<number> {
  const runs: number[] = [];
  for (let sample = 0; sample < 7; sample++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < 500; i++) await call();
    runs.push(Number(process.hrtime.bigint() - start) / 500);
  }
  return median(runs);
}

export async function callRows(ops: number, c: Record<string, number>): Promise<Row[]> {
  const pci = new FpgaPci();
  const mgmt = new FpgaMgmt();
  const count = Math.max(100, Math.floor(ops / 20));
  const attach = nsPerOp(count, (n) => { for (let i = 0; i < n; i++) pci.attach(0, APP_PF, 0).detach(); });
  const spec = nsPerOp(count, (n) => { for (let i = 0; i < n; i++) pci.getSlotSpec(0); });
  // Device calls are Promises settled from the slot's thread: time sequential awaits.
  const describe = await awaitedNs(() => mgmt.describeLocalImage(0, FPGA_CMD_GET_HW_METRICS));
  // A call with a two-field result: mostly the round trip to the slot's thread.
  const vled = await awaitedNs(() => mgmt.getVledStatus(0));
  await mgmt.close();
  const us = (ns: number) => ns / 1000;
  return [
    { group: 'call', name: 'attach + detach', value: us(attach), unit: 'us/call', ratio: attach / c['attach+detach'], ratioTo: 'C' },
    { group: 'call', name: 'getSlotSpec', value: us(spec), unit: 'us/call', ratio: spec / c.getSlotSpec, ratioTo: 'C' },
    { group: 'call', name: 'describeLocalImage (awaited)', value: us(describe), unit: 'us/call', ratio: describe / c.describeLocalImage, ratioTo: 'C' },
    { group: 'call', name: 'getVledStatus (awaited)', value: us(vled), unit: 'us/call' },
    { group: 'C', name: 'attach + detach', value: us(c['attach+detach']), unit: 'us/call' },
    { group: 'C', name: 'getSlotSpec', value: us(c.getSlotSpec), unit: 'us/call' },
    { group: 'C', name: 'describeLocalImage', value: us(c.describeLocalImage), unit: 'us/call' },
  ];
}
