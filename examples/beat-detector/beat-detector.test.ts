// The driver against the CL model on the simulated device, with the batched
// register calls and with one call per access: bit for bit the host-side
// reference on random inputs, the ap_ctrl_hs protocol, latency in
// kernel cycles, and the errors of a hung kernel, a CL that does not respond
// and a failed register read.
import fc from 'fast-check';
import { FpgaError, mock, openSlot, type Slot } from '../../lib';
import { BeatDetector } from './driver';
import { DEFAULT_KERNEL_MHZ, type BeatDetectorCl } from './model';
import { loadNetwork } from './network';
import { referencePredict } from './reference';
import { AP_DONE, AP_IDLE, AP_READY, AP_START, LAYOUT } from './registers';
import { kernelClockMhz, loadSimulatedBeatDetector } from './simulated';
import { samples } from './synthetic';

const network = loadNetwork();
let slot: Slot;
let cl: BeatDetectorCl;
let detector: BeatDetector;

async function setUp(registerCalls: 'batched' | 'single'): Promise<void> {
  mock.reset({ virtualTime: true, loadTimeMs: 0 });
  slot = openSlot(0);
  cl = await loadSimulatedBeatDetector(slot);
  detector = BeatDetector.open(slot, { timeoutMs: 50, registerCalls });
}

afterEach(async () => {
  await detector.close();
  await slot.close();
});

// Values of every kind input_t meets: in range, on and between its steps,
// exactly half a step (where AP_RND rounds up), and far past ±32 (AP_SAT).
const feature = fc.oneof(
  fc.double({ min: -8, max: 8, noNaN: true }),
  fc.double({ min: -1e9, max: 1e9, noNaN: true }),
  fc.integer({ min: -40 * 1024, max: 40 * 1024 }).map((k) => k / 1024),
  fc.integer({ min: -33 * 1024, max: 33 * 1024 }).map((k) => (k + 0.5) / 1024),
  fc.constantFrom(32, -32, 31.9990234375, -32.0009765625, 0, -0),
);
const features = fc.array(feature, { minLength: 30, maxLength: 30 });

describe.each(['batched', 'single'] as const)('with %s register calls', (registerCalls) => {
  beforeEach(() => setUp(registerCalls));

  describe('BeatDetector.predict', () => {
    it('equals the fixed-point reference bit for bit on random inputs', () => {
      fc.assert(
        fc.property(features, (x) => {
          expect(detector.predictRaw(x)).toBe(referencePredict(network, x).raw);
        }),
        { numRuns: 400 },
      );
    });

    it('takes Float32Arrays, and detects the beats of the synthetic data', () => {
      const data = samples(200, 99);
      const correct = data.filter(({ features: x, beat }) => {
        const p = detector.predict(x);
        expect(p).toBe(referencePredict(network, x).probability);
        return p >= 0.5 === beat;
      });
      expect(correct.length).toBeGreaterThanOrEqual(190);
    });

    it('saturates inputs past the range of ap_fixed<16,6>', () => {
      const big = Array.from({ length: 30 }, (_, i) => (i % 2 ? 1e12 : -1e12));
      const clamped = Array.from({ length: 30 }, (_, i) => (i % 2 ? 31.9990234375 : -32));
      expect(detector.predictRaw(big)).toBe(detector.predictRaw(clamped));
    });

    it('predicts a batch in order', () => {
      const data = samples(5, 3).map((s) => s.features);
      expect(Array.from(detector.predictBatch(data))).toEqual(data.map((x) => detector.predict(x)));
    });

    it('writes x, starts, polls ap_done and reads y', () => {
      mock.startTrace();
      detector.predict(samples(1, 1)[0].features);
      const trace = mock.trace().map(({ op, offset, dwords }) => [op, offset, dwords]);
      const writes =
        registerCalls === 'single'
          ? [['writeBurst', LAYOUT.input, 15]]
          : Array.from({ length: 15 }, (_, n) => ['poke', LAYOUT.input + 4 * n, undefined]);
      expect(trace.slice(0, writes.length)).toEqual(writes);
      const polls = trace.slice(writes.length + 1, -1);
      expect(trace[writes.length]).toEqual(['poke', LAYOUT.ctrl, undefined]);
      expect(polls.length).toBeGreaterThanOrEqual(1);
      expect(polls.every(([op, offset]) => op === 'peek' && offset === LAYOUT.ctrl)).toBe(true);
      expect(trace.at(-1)).toEqual(['peek', LAYOUT.result, undefined]);
    });

    it('refuses a vector of the wrong length, or a feature that is not a finite number', () => {
      expect(() => detector.predict(new Float32Array(29))).toThrow(
        new TypeError('beatDetector.predict: features must be 30 numbers (10 steps × 3 features), got 29 elements'),
      );
      const x = Array.from({ length: 30 }, () => 0);
      x[7] = NaN;
      expect(() => detector.predict(x)).toThrow(new TypeError('beatDetector.predict: features[7] must be a finite number, got NaN'));
      expect(() => detector.predict(undefined as never)).toThrow(TypeError);
    });
  });

  describe('the kernel latency', () => {
    // Lower bounds only: a busy machine can only make a run take longer.
    it('is the modelled cycles at the slot clock', async () => {
      await detector.close();
      detector = BeatDetector.open(slot, { timeoutMs: 1000, registerCalls });
      cl.setLatencyCycles(250_000); // 2 ms at 125 MHz
      const x = samples(1, 5)[0].features;
      let started = performance.now();
      detector.predict(x);
      expect(performance.now() - started).toBeGreaterThanOrEqual(2);
      cl.setClockMhz(slot.id, 25); // five times slower: 10 ms
      started = performance.now();
      detector.predict(x);
      expect(performance.now() - started).toBeGreaterThanOrEqual(10);
    });

    it('follows clock group A (clk_extra_a1) as the slot sets it', async () => {
      expect(await kernelClockMhz(slot)).toBe(DEFAULT_KERNEL_MHZ);
      await slot.setClockFrequencies({ a: 100 });
      cl.setClockMhz(slot.id, await kernelClockMhz(slot));
      cl.setLatencyCycles(200_000); // 2 ms at 100 MHz, 1.6 ms at 125
      await detector.close();
      detector = BeatDetector.open(slot, { timeoutMs: 1000, registerCalls });
      const started = performance.now();
      detector.predict(samples(1, 5)[0].features);
      expect(performance.now() - started).toBeGreaterThanOrEqual(2);
    });
  });

  describe('errors', () => {
    const x = samples(1, 2)[0].features;

    it('a hung kernel: FpgaError ETIMEDOUT after timeoutMs', () => {
      cl.hang(slot.id);
      const started = performance.now();
      const error = (() => {
        try {
          detector.predict(x);
        } catch (e) {
          return e;
        }
      })() as FpgaError;
      expect(performance.now() - started).toBeGreaterThanOrEqual(50);
      expect(error).toBeInstanceOf(FpgaError);
      expect(error).toMatchObject({ name: 'FpgaError', code: 'ETIMEDOUT', errno: -110, call: 'beatDetector.predict', slot: 0 });
      expect(error.message).toMatch(/ap_done did not rise within 50 ms: the kernel is hung/);
      cl.hang(slot.id, false);
      expect(detector.predictRaw(x)).toBe(referencePredict(network, x).raw);
    });

    it('a CL that does not respond: FpgaError EIO naming the control register', () => {
      mock.powerViolation(slot.id);
      expect(() => detector.predict(x)).toThrow(
        expect.objectContaining({ name: 'FpgaError', code: 'EIO', call: 'beatDetector.predict', slot: 0 }),
      );
      expect(() => detector.predict(x)).toThrow(/control register \(0x0\) read 0xffffffff/);
    });

    it('a register read that fails: the FpgaError of the read', () => {
      mock.failNext('peek', -5);
      expect(() => detector.predict(x)).toThrow(expect.objectContaining({ name: 'FpgaError', code: 'EIO', call: 'bar.peek' }));
    });
  });

});

describe('the CL model', () => {
  beforeEach(() => setUp('batched'));

  it('follows ap_ctrl_hs: idle, started, done cleared on read, y_ap_vld, ISR toggled on write', () => {
    const ocl = slot.bar('app', 0);
    expect(ocl.peek(LAYOUT.ctrl)).toBe(AP_IDLE);
    cl.hang(slot.id);
    ocl.poke(LAYOUT.ier, 0xff);
    expect(ocl.peek(LAYOUT.ier)).toBe(3);
    ocl.poke(LAYOUT.ctrl, AP_START);
    expect(ocl.peek(LAYOUT.ctrl)).toBe(AP_START);
    expect(ocl.peek(LAYOUT.resultValid)).toBe(0);
    cl.hang(slot.id, false);
    expect(ocl.peek(LAYOUT.ctrl)).toBe(AP_DONE | AP_IDLE | AP_READY);
    expect(ocl.peek(LAYOUT.ctrl)).toBe(AP_IDLE);
    expect(ocl.peek(LAYOUT.resultValid)).toBe(1);
    expect(ocl.peek(LAYOUT.resultValid)).toBe(0);
    expect(ocl.peek(LAYOUT.isr)).toBe(3);
    ocl.poke(LAYOUT.isr, 1);
    expect(ocl.peek(LAYOUT.isr)).toBe(2);
    expect(cl.starts(slot.id)).toBe(1);
    ocl.detach();
  });
});
