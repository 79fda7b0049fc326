// The access trace: what it records of each access, its cap, and the paths
// it sees (any thread) and does not (mapped views).
import * as path from 'path';
import { Worker } from 'worker_threads';
import { APP_PF, BURST_CAPABLE, MGMT_PF, mock } from '../lib';
import { Bars, freshDevice, thrown } from './harness-support';

const bars = new Bars();

beforeEach(() => freshDevice(2));
afterEach(() => bars.detachAll());

describe('the trace', () => {
  it('records every kind of access with its slot, PF, BAR, offset, width and value', () => {
    const ocl = bars.attach(1);
    const pcis = bars.attach(0, APP_PF, 4, BURST_CAPABLE);
    const sda = bars.attach(0, MGMT_PF, 4);
    ocl.poke(0x10, 0xabcd);
    mock.startTrace();
    ocl.peek(0x10);
    ocl.poke8(0x13, 0x7f);
    sda.poke64(0x20, 1n << 63n);
    sda.peek64(0x20);
    pcis.writeBurst(0x1000, [1, 2, 3]);
    pcis.memset(0x2000, 0xee, 16);
    expect(mock.trace()).toEqual([
      { op: 'peek', slot: 1, pf: 0, bar: 0, offset: 0x10, width: 4, value: 0xabcd },
      { op: 'poke', slot: 1, pf: 0, bar: 0, offset: 0x13, width: 1, value: 0x7f },
      { op: 'poke', slot: 0, pf: 1, bar: 4, offset: 0x20, width: 8, value: 1n << 63n },
      { op: 'peek', slot: 0, pf: 1, bar: 4, offset: 0x20, width: 8, value: 1n << 63n },
      { op: 'writeBurst', slot: 0, pf: 0, bar: 4, offset: 0x1000, width: 4, dwords: 3 },
      { op: 'memset', slot: 0, pf: 0, bar: 4, offset: 0x2000, width: 4, value: 0xee, dwords: 16 },
    ]);
    expect(mock.traceDropped()).toBe(0);
  });

  it('records a failed access with the code it returned', () => {
    const ocl = bars.attach(0);
    mock.startTrace();
    mock.failNext('poke', -5);
    thrown(() => ocl.poke(0x4, 9));
    expect(mock.trace()).toEqual([{ op: 'poke', slot: 0, pf: 0, bar: 0, offset: 4, width: 4, value: 9, error: -5 }]);
  });

  it('keeps the first `limit` accesses and counts the rest', () => {
    const ocl = bars.attach(0);
    mock.startTrace({ limit: 2 });
    for (let i = 0; i < 5; i++) ocl.poke(4 * i, i);
    expect(mock.trace().map((e) => e.value)).toEqual([0, 1]);
    expect(mock.traceDropped()).toBe(3);
    mock.startTrace({ limit: 2 }); // starts over
    expect([mock.trace(), mock.traceDropped()]).toEqual([[], 0]);
  });

  it('stops recording, and keeps what it has until the next start or reset', () => {
    const ocl = bars.attach(0);
    mock.startTrace();
    ocl.peek(0);
    mock.stopTrace();
    ocl.peek(4);
    expect(mock.trace()).toHaveLength(1);
    freshDevice();
    expect(mock.trace()).toEqual([]);
  });

  it('does not see accesses through a mapped view', () => {
    const ocl = bars.attach(0);
    mock.startTrace();
    new Uint32Array(ocl.view(0, 16))[1] = 5;
    expect(mock.trace()).toEqual([]);
  });

  it('sees accesses from other threads', async () => {
    mock.startTrace();
    await new Promise<void>((resolve, reject) => {
      const worker = new Worker(
        `const fpga = require(${JSON.stringify(path.join(__dirname, '..', 'dist'))});
         fpga.configure({ backend: 'mock' });
         const bar = new fpga.FpgaPci().attach(0, fpga.MGMT_PF, 4);
         bar.poke(0x40, 3);
         bar.detach();`,
        { eval: true },
      );
      worker.once('error', reject);
      worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
    });
    expect(mock.trace()).toEqual([{ op: 'poke', slot: 0, pf: 1, bar: 4, offset: 0x40, width: 4, value: 3 }]);
  });

  it('checks its limit', () => {
    expect(thrown(() => mock.startTrace({ limit: 0 }))).toBeInstanceOf(RangeError);
    expect(thrown(() => mock.startTrace({ limit: 1_000_001 }))).toBeInstanceOf(RangeError);
    expect(thrown(() => mock.startTrace({ size: 3 } as never))).toBeInstanceOf(TypeError);
  });
});
