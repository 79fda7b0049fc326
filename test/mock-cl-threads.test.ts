// Who may run a CL model's JavaScript: only the thread that declared it. Also
// what a throwing hook does to its caller and to the device, and the device
// calls a hook may not make.
import * as path from 'path';
import { Worker } from 'worker_threads';
import { APP_PF, BURST_CAPABLE, ClHookError, FpgaError, FpgaMgmt, mock } from '../lib';
import { Bars, freshDevice, load, thrown } from './harness-support';

const ROOT = path.join(__dirname, '..');
const ALL_ONES = 0xffffffff;

let mgmt: FpgaMgmt;
const bars = new Bars();

beforeEach(() => {
  freshDevice();
  mgmt = new FpgaMgmt();
});

afterEach(async () => {
  bars.detachAll();
  await mgmt.close();
});

/**
 * Runs `body` in a worker thread (its own environment, the same simulated
 * device), with `native` the addon itself and `fpga` the compiled package;
 * resolves to what it returns.
 */
function inWorker<T>(body: string): Promise<T> {
  const source = `
    const { parentPort } = require('worker_threads');
    const native = require('node-gyp-build')(${JSON.stringify(ROOT)});
    const fpga = require(${JSON.stringify(path.join(ROOT, 'dist'))});
    fpga.configure({ backend: 'mock' });
    native.useMock();
    parentPort.postMessage((() => { ${body} })());`;
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(source, { eval: true });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`the worker exited with ${code}`)));
  });
}

async function oclTimeouts(): Promise<number> {
  return (await mgmt.describeLocalImage(0)).metrics!.oclSlaveTimeoutCount;
}

describe('the thread that declared a model', () => {
  it('runs its hooks; another thread gets no response where a hook is needed', async () => {
    let calls = 0;
    const agfi = mock.defineCl({
      bars: {
        app0: {
          registers: {
            0x10: { read: () => ++calls },
            0x14: { reset: 0x55 },
            0x18: { onWrite: () => calls++ },
          },
        },
      },
    });
    await load(mgmt, 0, agfi);
    const fromWorker = await inWorker<number[]>(`
      const bar = new fpga.FpgaPci().attach(0, fpga.APP_PF, 0);
      bar.poke(0x18, 1);
      bar.poke(0x1000, 7);
      const seen = [bar.peek(0x10), bar.peek(0x14), bar.peek(0x18), bar.peek(0x1000)];
      bar.detach();
      return seen;`);
    // The hooked register times out (all ones), plain registers and memory answer.
    expect(fromWorker).toEqual([ALL_ONES, 0x55, 0, 7]);
    expect(calls).toBe(0);
    expect(await oclTimeouts()).toBe(2);
    expect(bars.attach(0).peek(0x10)).toBe(1);
  });

  it('leaves a model whose environment has exited answering as a CL that does not respond', async () => {
    const agfi = 'agfi-0000000000000beef';
    await inWorker(`
      native.mockSetClDispatcher(() => 1);
      native.mockAddAfi({ afiId: '${agfi}' });
      native.mockSetClModel('${agfi}', [{ pf: 0, bar: 0, offset: 0x10, reset: 0, flags: 1 << 3 }], []);`);
    await load(mgmt, 0, agfi);
    expect(bars.attach(0).peek(0x10)).toBe(ALL_ONES);
    expect(await oclTimeouts()).toBe(1);
    freshDevice(); // releases the model
  });
});

describe('a hook that throws', () => {
  it('reaches the caller as ClHookError, with the device still consistent', async () => {
    const agfi = mock.defineCl({
      bars: {
        app0: {
          registers: {
            0x0: {
              onWrite: (v) => {
                if (v === 13) throw new Error('unlucky');
              },
            },
            0x4: { read: () => 0x1234 },
          },
        },
      },
    });
    await load(mgmt, 0, agfi);
    const ocl = bars.attach(0);
    const error = thrown(() => ocl.poke(0x0, 13));
    expect(error).toBeInstanceOf(ClHookError);
    expect(error).toMatchObject({ agfi, slot: 0, hook: 'onWrite of register 0x0 on app0' });
    expect(error.message).toMatch(/unlucky/);
    expect((error.cause as Error).message).toBe('unlucky');
    expect(ocl.peek(0x0)).toBe(13); // stored before the hook ran
    expect(ocl.peek(0x4)).toBe(0x1234);
    expect(await oclTimeouts()).toBe(0);
  });

  it('stops the hooks of the rest of a burst, whose reads answer all ones', async () => {
    const seen: number[] = [];
    const agfi = mock.defineCl({
      bars: {
        app0: {
          ranges: [
            {
              offset: 0x100,
              length: 0x10,
              onWrite: (_, v) => {
                seen.push(v as number);
                if (v === 2) throw new RangeError('full');
              },
            },
          ],
        },
      },
    });
    await load(mgmt, 0, agfi);
    const ocl = bars.attach(0);
    expect(thrown(() => ocl.writeBurst(0x100, [1, 2, 3, 4]))).toBeInstanceOf(ClHookError);
    expect(seen).toEqual([1, 2]);
    ocl.writeBurst(0x100, [5]);
    expect(seen).toEqual([1, 2, 5]);
  });

  it('reports a read hook returning something that is not a register value', async () => {
    const agfi = mock.defineCl({ bars: { app0: { registers: { 0x0: { read: () => -1 } }, ranges: [{ offset: 8, length: 8, onRead: () => 256 }] } } });
    await load(mgmt, 0, agfi);
    const ocl = bars.attach(0);
    expect(thrown(() => ocl.peek(0x0)).message).toMatch(/read of register 0x0 on app0 threw: it returned -1/);
    expect(thrown(() => ocl.peek8(0x8)).message).toMatch(/does not fit 1 byte/);
  });
});

describe('inside a hook', () => {
  it('refuses device calls, which could wait for the slot the hook holds', async () => {
    const errors: Error[] = [];
    const ocl = bars.attach(0);
    const agfi = mock.defineCl({
      bars: {
        app0: {
          registers: {
            0x0: {
              onWrite: () => {
                errors.push(thrown(() => ocl.peek(0x100)), thrown(() => mock.reset()), thrown(() => mock.setSlotBusy(0)));
              },
            },
            0x4: { onWrite: () => ocl.peek(0x100) },
          },
        },
      },
    });
    await load(mgmt, 0, agfi);
    ocl.poke(0x0, 1);
    expect(errors.map((e) => (e as FpgaError).code)).toEqual(['EDEADLK', 'EDEADLK', 'EDEADLK']);
    const error = thrown(() => ocl.poke(0x4, 1));
    expect(error.message).toMatch(/peek failed on slot 0: .*a hook may not call the device; use its ClContext argument/);
  });

  it('leaves the access that ran it intact when it tries accesses of its own', async () => {
    const ocl = bars.attach(0);
    const pcis = bars.attach(0, APP_PF, 4, BURST_CAPABLE);
    const written: number[] = [];
    const refused: string[] = [];
    const refuse = (access: () => unknown) => refused.push((thrown(access) as FpgaError).code ?? 'none');
    const agfi = mock.defineCl({
      bars: {
        app0: {
          registers: {
            0x20: {
              read: () => {
                refuse(() => ocl.peek(0x100));
                refuse(() => ocl.poke(0x104, 7));
                return 0x1234;
              },
            },
          },
        },
        app4: {
          ranges: [
            {
              offset: 0x1000,
              length: 0x100,
              onRead: () => 0,
              onWrite: (_, value) => {
                written.push(Number(value));
                refuse(() => pcis.writeBurst(0x2000, [9, 9, 9, 9]));
              },
            },
          ],
        },
      },
    });
    await load(mgmt, 0, agfi);
    expect(ocl.peek(0x20)).toBe(0x1234);
    pcis.writeBurst(0x1000, [1, 2, 3, 4]);
    expect(written).toEqual([1, 2, 3, 4]);
    expect(refused).toEqual(Array(6).fill('EDEADLK'));
  });
});

describe('a hook that pulls the ground from under a burst', () => {
  // A register model on every dword of app BAR0 0x0-0x3c, so a burst there runs
  // a hook per dword; `seen` collects what each one was written.
  let seen: number[];
  const perDword = (onWrite: (offset: number) => void) =>
    mock.defineCl({
      bars: {
        app0: {
          registers: Object.fromEntries(
            Array.from({ length: 16 }, (_, i) => [i * 4, { onWrite: (value: number) => (seen.push(value), onWrite(i * 4)) }]),
          ),
        },
      },
    });
  beforeEach(() => {
    seen = [];
  });

  it('writes the data it was given when the hook shrinks the source buffer', async () => {
    const resizable = new (ArrayBuffer as unknown as new (n: number, o: object) => ArrayBuffer & { resize(n: number): void })(64, {
      maxByteLength: 64,
    });
    const data = new Uint32Array(resizable);
    data.set(Array.from({ length: 16 }, (_, i) => 0x100 + i));
    await load(mgmt, 0, perDword((offset) => offset === 8 && resizable.resize(0)));
    bars.attach(0).writeBurst(0, data, 16);
    expect(seen).toEqual(Array.from({ length: 16 }, (_, i) => 0x100 + i));
  });

  it('stops where a hook detached the BAR: EINVAL, and nothing written through the released handle', async () => {
    let victim = bars.attach(0);
    await load(mgmt, 0, perDword((offset) => offset === 12 && victim.detach()));
    for (const [call, access] of [
      ['bar.writeBurst', () => victim.writeBurst(0, new Uint32Array(16).fill(7))],
      ['bar.memset', () => victim.memset(0, 7, 16)],
    ] as const) {
      seen = [];
      victim = bars.attach(0);
      expect(thrown(access)).toMatchObject({ name: 'FpgaError', code: 'EINVAL', call });
      expect(seen).toEqual([7, 7, 7, 7]);
    }
  });
});

describe('reads and batches a CL model sees', () => {
  // A range of app BAR0 whose reads answer their offset, logged in order.
  let reads: number[];
  let onRead: (offset: number) => void;
  const counterCl = () =>
    mock.defineCl({
      bars: {
        app0: {
          ranges: [{ offset: 0x100, length: 0x100, onRead: (offset: number) => (reads.push(offset), onRead(offset), 0x1000 + offset) }],
        },
      },
    });
  beforeEach(() => {
    reads = [];
    onRead = () => {};
  });

  it('readBurst reads each dword through the model, in order, and traces one access', async () => {
    await load(mgmt, 0, counterCl());
    const ocl = bars.attach(0);
    mock.startTrace();
    expect(Array.from(ocl.readBurst(0x100, 4))).toEqual([0x1100, 0x1104, 0x1108, 0x110c]);
    expect(reads).toEqual([0x100, 0x104, 0x108, 0x10c]);
    expect(mock.trace()).toEqual([{ op: 'readBurst', slot: 0, pf: 0, bar: 0, offset: 0x100, width: 4, dwords: 4 }]);
    expect(Array.from(ocl.peekMany([0x108, 0x100]))).toEqual([0x1108, 0x1100]);
    expect(reads.slice(4)).toEqual([0x108, 0x100]);
  });

  it('a hook that detaches the BAR, or shrinks the array read into, ends the call with a clear error', async () => {
    await load(mgmt, 0, counterCl());
    let ocl = bars.attach(0);
    onRead = (offset) => offset === 0x104 && ocl.detach();
    expect(thrown(() => ocl.readBurst(0x100, 4))).toMatchObject({ code: 'EINVAL', call: 'bar.readBurst' });
    ocl = bars.attach(0);
    expect(thrown(() => ocl.peekMany([0x100, 0x104, 0x108]))).toMatchObject({ code: 'EINVAL', call: 'bar.peekMany' });
    ocl = bars.attach(0);
    expect(thrown(() => ocl.poll(0x104, { equals: 0 }))).toMatchObject({ code: 'EINVAL', call: 'bar.poll' });
    ocl = bars.attach(0);
    const resizable = new (ArrayBuffer as unknown as new (n: number, o: object) => ArrayBuffer & { resize(n: number): void })(16, {
      maxByteLength: 16,
    });
    onRead = (offset) => offset === 0x104 && resizable.resize(0);
    expect(thrown(() => ocl.readBurst(0x100, new Uint32Array(resizable), 4)).message).toMatch(/out was shrunk or detached/);
  });
});
