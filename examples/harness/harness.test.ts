// The harness's driver tested against CL_MEM_PERF on the simulated device:
// no FPGA, no SDK, part of `npm test`.
import { mock, openSlot, type Slot } from '../../lib';
import { CL_MEM_PERF_AGFI } from '../cl-mem-perf';
import { CardMemory } from './card-memory';
import { FrequencyCounter } from './freq-counter';

const MHZ = 1e6;
const FAST = { pollMs: 1 };

let slot: Slot;

beforeEach(() => {
  // Virtual time: a load ends as soon as the SDK's wait polls, and a
  // measurement at its third status read, so the tests take no real time.
  mock.reset({ virtualTime: true });
  slot = openSlot(0);
});

afterEach(() => slot.close());

describe('FrequencyCounter', () => {
  it('measures every clock of CL_MEM_PERF as loaded', async () => {
    await slot.load(CL_MEM_PERF_AGFI);
    const measured = await new FrequencyCounter(slot.bar('app', 0)).measure(FAST);
    expect(measured.referenceHz).toBe(100 * MHZ);
    expect(measured.hz).toEqual({
      clk_main_a0: 250 * MHZ,
      clk_extra_a1: 125 * MHZ,
      clk_extra_a2: 375 * MHZ,
      clk_extra_a3: 500 * MHZ,
      clk_extra_b0: 450 * MHZ,
      clk_extra_b1: 225 * MHZ,
      clk_extra_c0: 300 * MHZ,
      clk_extra_c1: 400 * MHZ,
      clk_hbm_axi: 450 * MHZ,
      clk_hbm_ref: 100 * MHZ,
    });
  });

  it('measures the clocks the host set', async () => {
    await slot.load(CL_MEM_PERF_AGFI);
    await slot.setClockFrequencies({ b: 125, c: 150 });
    const { hz } = await new FrequencyCounter(slot.bar('app', 0)).measure(FAST);
    expect(hz).toMatchObject({ clk_main_a0: 250 * MHZ, clk_extra_b0: 125 * MHZ, clk_extra_c0: 150 * MHZ });
  });

  it('gives up when no design answers', async () => {
    // Nothing loaded: BAR0 is plain memory, so CTL_REG keeps reading back the start bit.
    const counter = new FrequencyCounter(slot.bar('app', 0));
    await expect(counter.measure({ pollMs: 1, timeoutMs: 20 })).rejects.toThrow('did not finish within 20 ms');
  });

  it('stops polling when aborted', async () => {
    const counter = new FrequencyCounter(slot.bar('app', 0));
    const controller = new AbortController();
    const measuring = counter.measure({ pollMs: 5, timeoutMs: 60_000, signal: controller.signal });
    controller.abort();
    await expect(measuring).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('CardMemory', () => {
  it('reads back a burst written past 4 GiB', async () => {
    const memory = new CardMemory(slot.bar('app', 4, { burst: true }));
    const words = Uint32Array.from({ length: 1024 }, (_, i) => Math.imul(i + 1, 2654435761) >>> 0);
    memory.write(5 * 2 ** 30, words);
    expect(memory.read(5 * 2 ** 30, words.length)).toEqual(words);
    expect(memory.read(5 * 2 ** 30 + words.byteLength, 1)).toEqual(new Uint32Array([0]));
  });

  it('needs BAR4 mapped for bursts', () => {
    expect(() => new CardMemory(slot.bar('app', 4))).toThrow(RangeError);
  });
});
