// The promises of docs/safety.md that a caller's own objects could break: an
// abort signal whose listeners or getters misbehave, an array whose element
// getter detaches the BAR, typed arrays that are not 32-bit words.
import { APP_PF, FpgaMgmt, FpgaPci, openSlot } from '../lib';
import { freshDevice, thrown } from './harness-support';

let mgmt: FpgaMgmt;

beforeEach(() => {
  freshDevice();
  mgmt = new FpgaMgmt();
});
afterEach(() => mgmt.close());

describe('an aborted call never resolves as a success', () => {
  // A listener added before the call's own that stops the others from running.
  function stoppingSignal(): { controller: AbortController; signal: AbortSignal } {
    const controller = new AbortController();
    controller.signal.addEventListener('abort', (event) => event.stopImmediatePropagation());
    return { controller, signal: controller.signal };
  }

  it('rejects with the reason when an earlier listener stops the abort event', async () => {
    await mgmt.setVdip(0, 0);
    const { controller, signal } = stoppingSignal();
    const busy = mgmt.describeLocalImage(0);
    const calls = [mgmt.setVdip(0, 0xff, { signal }), mgmt.getVdipStatus(0, { signal }), mgmt.describeLocalImage(0, 0, { signal })];
    controller.abort(new Error('stop'));
    await busy;
    for (const call of calls) await expect(call).rejects.toThrow('stop');
    expect(await mgmt.getVdipStatus(0)).toBe(0);
  });

  it('uses the signal itself, not getters put on the object', async () => {
    const controller = new AbortController();
    const signal = controller.signal;
    Object.defineProperty(signal, 'reason', { get: () => { throw new Error('a getter that throws'); } });
    Object.defineProperty(signal, 'aborted', { get: () => false });
    const reason = new Error('the real reason');
    controller.abort(reason);
    await expect(mgmt.describeLocalImage(0, 0, { signal })).rejects.toBe(reason);
  });

  it('refuses a look-alike of AbortSignal', async () => {
    const fake = Object.create(AbortSignal.prototype) as AbortSignal;
    await expect(mgmt.describeLocalImage(0, 0, { signal: fake })).rejects.toThrow(TypeError);
  });
});

describe('errors of the right class', () => {
  it('a BAR detached while writeBurst copies a plain array: FpgaError EINVAL', () => {
    const bar = new FpgaPci().attach(0, APP_PF, 0);
    const data = [1, 2, 3];
    Object.defineProperty(data, 1, { get: () => (bar.detach(), 2) });
    expect(thrown(() => bar.writeBurst(0, data))).toMatchObject({ name: 'FpgaError', code: 'EINVAL', call: 'bar.writeBurst' });
  });

  it('a closed Slot: FpgaError EINVAL naming the call', async () => {
    const slot = openSlot(0);
    await slot.close();
    await expect(slot.vled()).rejects.toMatchObject({ name: 'FpgaError', code: 'EINVAL', call: 'slot.vled' });
  });
});

describe('writeBurst takes 32-bit words', () => {
  it.each([new Uint8Array(8), new Int32Array(2), new Float64Array(1), new DataView(new ArrayBuffer(8))])(
    'refuses a %p, saying how to view bytes as words',
    (data) => {
      const bar = new FpgaPci().attach(0, APP_PF, 0);
      const error = thrown(() => bar.writeBurst(0, data as never));
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toMatch(/new Uint32Array\(bytes\.buffer, bytes\.byteOffset, bytes\.byteLength \/ 4\)/);
      expect(bar.peek(0)).toBe(0);
      bar.detach();
    },
  );
});

describe('argument errors quote the value', () => {
  it.each([
    [undefined, 'slot must be a number, got undefined'],
    ['0', 'slot must be a number, got the string "0"'],
    [1n, 'slot must be a number, got the bigint 1n'],
    [9, 'slot must be an integer from 0 to 7, got 9'],
  ])('openSlot(%p)', (slot, message) => {
    expect(() => openSlot(slot as never)).toThrow(message);
  });
});
