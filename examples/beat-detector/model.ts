// A CL model of the beat detector for the simulated device: the HLS kernel's
// s_axilite slave (ap_ctrl_hs) on app PF BAR0, computing the network the way
// the synthesised datapath does, on raw two's-complement integers (shifts that
// drop fraction bits toward minus infinity, wrap-around to the type's width),
// and finishing a modelled number of kernel clock cycles after ap_start.
import type { ClContext, ClDefinition, RegisterDefinition } from '../../lib';
import type { FixedType } from './fixed-point';
import { INPUTS, loadNetwork, type BeatNetwork, type Layer } from './network';
import {
  AP_DONE,
  AP_IDLE,
  AP_READY,
  AP_START,
  AUTO_RESTART,
  IRQ_DONE,
  IRQ_READY,
  LAYOUT,
} from './registers';

/** The AFI id the example's model answers for. */
export const BEAT_DETECTOR_AGFI = 'agfi-0bea7de7ec7000001';

/**
 * Cycles from ap_start to ap_done: about 15 to read x's 30 elements through
 * the two ports of the adapter's RAM, and about 30 for the three dense layers
 * (latency strategy, reuse factor 1: a multiplier stage and an adder tree per
 * layer), the activations and the write of y. An estimate: set the figure of
 * your own csynth report ("Latency (cycles)").
 */
export const DEFAULT_LATENCY_CYCLES = 45;

/** clk_extra_a1 as the simulated device loads a design with a clock generator. */
export const DEFAULT_KERNEL_MHZ = 125;

export interface BeatDetectorClOptions {
  agfi?: string;
  network?: BeatNetwork;
  latencyCycles?: number;
  /** Every slot's kernel clock until setClockMhz() says otherwise. */
  clockMhz?: number;
}

/**
 * The model's per-slot state, kept in JavaScript: each register the host
 * reads is answered by a read hook from here, with no call back into the
 * device (ClContext.get and set cost far more than the hook itself).
 */
interface Kernel {
  running: boolean;
  hung: boolean;
  doneAtMs: number;
  /** AP_DONE and AP_READY, until the host reads the control register. */
  pending: number;
  autoRestart: number;
  gie: number;
  ier: number;
  isr: number;
  result: number;
  resultValid: number;
  ns: number;
  starts: number;
}

// A word of BAR memory the model keeps set while its state is current: a load
// zeroes BAR memory, so a zero here means the slot was loaded again.
const LOADED_MARK = 0x800;

const wrapTo = (width: number, v: number): number => (v << (32 - width)) >> (32 - width);

/** A cast between types whose target drops fraction bits by truncation and wraps (AP_TRN, AP_WRAP). */
function caster(from: number, to: FixedType): (raw: number) => number {
  if (to.quantisation !== 'AP_TRN' || to.overflow !== 'AP_WRAP')
    throw new RangeError(`the model's datapath casts to ${to.name} as AP_TRN, AP_WRAP only (hls4ml's default modes)`);
  const shift = from - to.fraction;
  if (shift >= 0) return (raw) => wrapTo(to.width, raw >> shift);
  return (raw) => wrapTo(to.width, raw << -shift);
}

/** The datapath: raw x in, raw y out, with its buffers allocated once. */
function datapath(network: BeatNetwork): (x: Int32Array) => number {
  const { weight, accum, result, table } = network.precision;
  const buffers = network.layers.map((layer) => new Int32Array(layer.outputs));
  const toResult = caster(accum.fraction, result);
  const tableToResult = caster(table.fraction, result);
  const size = network.sigmoidTable.length;
  // index = trunc(x * size / 16) + size / 2, with x = raw / 2^F
  const indexScale = size / 2 ** (result.fraction + 4);
  const layers = network.layers.map((layer: Layer, n) => {
    const inFraction = n === 0 ? network.precision.input.fraction : result.fraction;
    return { layer, product: caster(inFraction + weight.fraction, accum), bias: caster(weight.fraction, accum), out: buffers[n] };
  });
  return (x) => {
    let input = x;
    for (const { layer, product, bias, out } of layers) {
      const { inputs, outputs, weights, biases } = layer;
      for (let j = 0; j < outputs; j++) {
        let acc = bias(biases[j]);
        for (let i = 0; i < inputs; i++) acc = wrapTo(accum.width, acc + product(input[i] * weights[i * outputs + j]));
        const y = toResult(acc);
        if (layer.activation === 'relu') out[j] = y > 0 ? y : 0;
        else {
          const index = Math.min(size - 1, Math.max(0, Math.trunc(y * indexScale) + size / 2));
          out[j] = tableToResult(network.sigmoidTable[index]);
        }
      }
      input = out;
    }
    return input[0];
  };
}

export interface BeatDetectorCl {
  readonly agfi: string;
  /** For mock.defineCl(). */
  readonly definition: ClDefinition;
  /** The kernel clock of `slot` (clk_extra_a1), which sets how long a run takes. */
  setClockMhz(slot: number, mhz: number): void;
  /** The cycles from ap_start to ap_done, on every slot. */
  setLatencyCycles(cycles: number): void;
  /** A hung kernel: started, it never raises ap_done (a CL fault, for tests). */
  hang(slot: number, hung?: boolean): void;
  /** How many runs the kernel of `slot` has started. */
  starts(slot: number): number;
}

/**
 * The beat detector as a CL model. Declare it with mock.defineCl(cl.definition)
 * on the thread that will drive the slot: only that thread runs its hooks.
 */
export function beatDetectorCl(options: BeatDetectorClOptions = {}): BeatDetectorCl {
  const network = options.network ?? loadNetwork();
  if (network.precision.input.width !== 16 || network.precision.result.width > 16)
    throw new RangeError('the register map packs 16-bit elements: input and result types must be 16 bits wide or less');
  const compute = datapath(network);
  const x = new Int32Array(INPUTS);
  let cycles = options.latencyCycles ?? DEFAULT_LATENCY_CYCLES;
  const defaultMhz = options.clockMhz ?? DEFAULT_KERNEL_MHZ;
  const kernels = new Map<number, Kernel>();
  const inputs = new Map<number, Uint32Array>();

  // A load resets the CL; the clock, the fault set by hang() and the count stay.
  const fresh = (ns: number, starts: number, hung: boolean): Kernel => ({
    running: false,
    hung,
    doneAtMs: 0,
    pending: 0,
    autoRestart: 0,
    gie: 0,
    ier: 0,
    isr: 0,
    result: 0,
    resultValid: 0,
    ns,
    starts,
  });
  const kernel = (slot: number): Kernel => {
    let k = kernels.get(slot);
    if (k === undefined) kernels.set(slot, (k = fresh(1000 / defaultMhz, 0, false)));
    return k;
  };
  // x's words are plain BAR memory, which host writes reach without a hook.
  const memory = (cl: ClContext): Uint32Array => {
    let w = inputs.get(cl.slot);
    if (w === undefined) {
      const bytes = cl.memory('app0', LAYOUT.input, LOADED_MARK + 4 - LAYOUT.input);
      w = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
      inputs.set(cl.slot, w);
    }
    return w;
  };
  const mark = (LOADED_MARK - LAYOUT.input) / 4;

  const finish = (k: Kernel): void => {
    k.running = false;
    k.pending = AP_DONE | AP_READY;
    k.resultValid = 1;
    k.isr |= k.ier & (IRQ_DONE | IRQ_READY);
  };
  // The kernel's state at the time of a host access.
  const settle = (cl: ClContext): Kernel => {
    let k = kernel(cl.slot);
    const w = memory(cl);
    if (w[mark] === 0) {
      kernels.set(cl.slot, (k = fresh(k.ns, k.starts, k.hung)));
      w[mark] = 1;
    }
    if (k.running && !k.hung && performance.now() >= k.doneAtMs) finish(k);
    return k;
  };
  const start = (cl: ClContext, k: Kernel): void => {
    const w = memory(cl);
    for (let n = 0; n < INPUTS / 2; n++) {
      x[2 * n] = (w[n] << 16) >> 16;
      x[2 * n + 1] = w[n] >> 16;
    }
    k.result = compute(x) & 0xffff;
    k.running = true;
    k.starts++;
    k.doneAtMs = performance.now() + (cycles * k.ns) / 1e6;
    if (cycles === 0 && !k.hung) finish(k);
  };

  const registers: Record<number, RegisterDefinition> = {
    [LAYOUT.ctrl]: {
      read: (cl) => {
        const k = settle(cl);
        const value = (k.running ? AP_START : AP_IDLE) | k.pending | k.autoRestart;
        k.pending = 0; // ap_done and ap_ready clear on read
        return value;
      },
      onWrite: (value, cl) => {
        const k = settle(cl);
        k.autoRestart = value & AUTO_RESTART;
        if (value & AP_START && !k.running) start(cl, k);
      },
    },
    [LAYOUT.gie]: {
      read: (cl) => settle(cl).gie,
      onWrite: (value, cl) => void (settle(cl).gie = value & 1),
    },
    [LAYOUT.ier]: {
      read: (cl) => settle(cl).ier,
      onWrite: (value, cl) => void (settle(cl).ier = value & (IRQ_DONE | IRQ_READY)),
    },
    [LAYOUT.isr]: {
      read: (cl) => settle(cl).isr,
      onWrite: (value, cl) => void (settle(cl).isr ^= value & (IRQ_DONE | IRQ_READY)), // toggle on write
    },
    [LAYOUT.result]: { read: (cl) => settle(cl).result },
    [LAYOUT.resultValid]: {
      read: (cl) => {
        const k = settle(cl);
        const value = k.resultValid;
        k.resultValid = 0; // y_ap_vld clears on read
        return value;
      },
    },
  };

  const agfi = options.agfi ?? BEAT_DETECTOR_AGFI;
  return {
    agfi,
    definition: {
      agfi,
      pciIds: { deviceId: 0xbea7 },
      powerWatts: 12,
      hasClkgen: true,
      bars: { app0: { registers } },
    },
    setClockMhz(slot, mhz) {
      if (!(mhz > 0)) throw new RangeError(`the kernel clock must be above 0 MHz, got ${mhz}`);
      kernel(slot).ns = 1000 / mhz;
    },
    setLatencyCycles(n) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`latency must be a whole number of cycles, got ${n}`);
      cycles = n;
    },
    hang(slot, hung = true) {
      kernel(slot).hung = hung;
    },
    starts: (slot) => kernel(slot).starts,
  };
}
