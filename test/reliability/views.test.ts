// Views outlive nothing they should not: detaching a BAR empties every view
// made from it, through every kind of access, and a later mapping (even one
// given the same SDK handle number) is never reachable through an old view.
import { APP_PF, BURST_CAPABLE, FpgaError, FpgaPci, mock } from '../../lib';
import { runNode } from '../helpers/child';

const pci = new FpgaPci();

beforeEach(() => mock.reset({ slots: 1 }));

test('a BAR detached while views exist: every view and array over it is empty, and stays so', () => {
  const bar = pci.attach(0, APP_PF, 4, BURST_CAPABLE);
  bar.writeBurst(0, new Uint32Array([1, 2, 3, 4]));
  const views = [bar.view(0, 16), bar.view(4096, 8), bar.view(0, 0), bar.getAddress(64n << 30n, 4096).buffer];
  const words = new Uint32Array(views[0]);
  const bytes = new Uint8Array(views[1]);
  const data = new DataView(views[0]);
  expect([...words]).toEqual([1, 2, 3, 4]);

  bar.detach();

  expect(views.map((view) => view.byteLength)).toEqual([0, 0, 0, 0]);
  expect([words.length, bytes.length, words[0], bytes[0]]).toEqual([0, 0, undefined, undefined]);
  words[0] = 99;
  expect(words[0]).toBeUndefined();
  expect(() => data.getUint32(0)).toThrow(TypeError);
  expect(() => new Uint32Array(views[0], 0, 1)).toThrow(TypeError);
  expect(() => bar.view(0, 16)).toThrow(FpgaError);

  // The next mapping may get the same handle number; the old views must not reach it.
  const next = pci.attach(0, APP_PF, 4, BURST_CAPABLE);
  next.poke(0, 0xabcd);
  expect([views[0].byteLength, words[0]]).toEqual([0, undefined]);
  expect(new Uint32Array(next.view(0, 4))[0]).toBe(0xabcd);
  next.detach();
});

test('data taken from a view of the same BAR, or of a detached one, is written safely', () => {
  const bar = pci.attach(0, APP_PF, 0);
  bar.writeBurst(0, [1, 2, 3, 4, 5, 6, 7, 8]);
  // Source and destination overlap (the sanitizers would report a copy that
  // cannot take it). A short burst reads its source first:
  bar.writeBurst(4, new Uint32Array(bar.view(0, 16)));
  expect(new Uint32Array(bar.view(0, 24))).toEqual(new Uint32Array([1, 1, 2, 3, 4, 6]));
  // A long one is copied forwards a dword at a time, as the SDK does, so the first dword repeats.
  bar.writeBurst(0, Uint32Array.from({ length: 101 }, (_, i) => i + 1));
  bar.writeBurst(4, new Uint32Array(bar.view(0, 400)));
  expect(Array.from(new Uint32Array(bar.view(0, 404)))).toEqual([1, ...new Array(100).fill(1)]);
  const stale = new Uint32Array(bar.view(0, 16));
  bar.detach();
  const other = pci.attach(0, APP_PF, 0);
  other.writeBurst(0, stale);
  expect(() => other.writeBurst(0, stale, 4)).toThrow(RangeError);
  other.detach();
});

// Every way a view's memory can leave the ArrayBuffer the addon made: none
// reaches the BAR after detach(), and the memory stays mapped (harmlessly)
// for as long as any buffer can reach it, through collections.
test.each(['transfer', 'transferToFixedLength', 'structuredClone', 'postMessage'])(
  'a view moved out with %s reaches nothing of the BAR after detach()',
  (route) => {
    // transfer() is on by default from Node 21, behind a flag on Node 20.
    const flags = typeof (ArrayBuffer.prototype as { transfer?: unknown }).transfer === 'function' ? [] : ['--harmony-rab-gsab-transfer'];
    const script = `
      fpga.configure({ backend: 'mock' });
      const pci = new fpga.FpgaPci();
      const moveOut = {
        transfer: (view) => view.transfer(),
        transferToFixedLength: (view) => view.transferToFixedLength(),
        structuredClone: (view) => structuredClone(view, { transfer: [view] }),
        postMessage: (view) => {
          const { port1, port2 } = new MessageChannel();
          let moved;
          port2.onmessage = (event) => { moved = event.data; };
          port1.postMessage(view, [view]);
          return () => { port1.close(); port2.close(); return moved; };
        },
      }[${JSON.stringify(route)}];
      (async () => {
        const bar = pci.attach(0, fpga.APP_PF, 0);
        bar.poke(0, 0x11111111);
        const view = bar.view(0, 4096);
        let moved = moveOut(view);
        if (typeof moved === 'function') { await new Promise((r) => setTimeout(r, 50)); moved = moved(); }
        const escaped = new Uint32Array(moved);
        const before = escaped[0];
        bar.detach();
        for (let i = 0; i < 3; i++) { global.gc(); await new Promise((r) => setImmediate(r)); }
        escaped[0] = 0x33333333;
        escaped[1023] = 0x44444444;
        const check = pci.attach(0, fpga.APP_PF, 0);
        console.log(JSON.stringify({ before, length: escaped.length, bar: [check.peek(0), check.peek(4092)] }));
        check.detach();
      })();
    `;
    const result = runNode(script, {}, ['--expose-gc', ...flags]);
    expect(result.stderr).toBe('');
    const { before, length, bar } = JSON.parse(result.stdout) as { before: number; length: number; bar: number[] };
    expect(bar).toEqual([0x11111111, 0]);
    // A copy (structuredClone, postMessage on Node 20) or the moved memory: either way, 1024 words read 0x11111111 first.
    expect([before, length]).toEqual([0x11111111, 1024]);
  },
);
