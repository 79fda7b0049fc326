// Trains the example's network (30 → Dense 16 ReLU → Dense 8 ReLU → Dense 1
// sigmoid) on synthetic onsets in floating point and writes weights.json.
// The file holds the trained values; network.ts quantises them as the FPGA
// holds them. Its accuracy in floating point and in the FPGA's fixed point is
// printed.
//
// Run: npm run example:beat:train
import { writeFileSync } from 'fs';
import { loadNetwork, WEIGHTS_FILE } from './network';
import { referencePredict } from './reference';
import { random, samples, type Sample } from './synthetic';

const SIZES = [30, 16, 8, 1];
const EPOCHS = 40;
// Then epochs whose forward pass uses the weights as weight_t rounds them
// (quantisation-aware: the gradient still updates the unrounded values).
const QUANTISED_EPOCHS = 20;
const STEP = 2 ** -5;
const RATE = 0.02;
const SEED = 7;
// weight_t is ap_fixed<8,3>: keep trained values inside its range.
const LIMIT = 3.9;
const LOGIT_LIMIT = 7;

interface Dense {
  w: Float64Array; // w[i * out + j]
  b: Float64Array;
  inputs: number;
  outputs: number;
}

function init(rand: () => number): Dense[] {
  return SIZES.slice(1).map((outputs, n) => {
    const inputs = SIZES[n];
    const scale = Math.sqrt(2 / inputs);
    const w = Float64Array.from({ length: inputs * outputs }, () => (rand() * 2 - 1) * scale);
    return { w, b: new Float64Array(outputs), inputs, outputs };
  });
}

const rounded = (v: number, quantised: boolean): number => (quantised ? Math.round(v / STEP) * STEP : v);

// The last forward pass's output before its sigmoid.
let logit = 0;

function forward(layers: Dense[], x: ArrayLike<number>, quantised = false): Float64Array[] {
  const activations = [Float64Array.from(x)];
  layers.forEach((layer, n) => {
    const input = activations[n];
    const out = new Float64Array(layer.outputs);
    for (let j = 0; j < layer.outputs; j++) {
      let sum = rounded(layer.b[j], quantised);
      for (let i = 0; i < layer.inputs; i++) sum += input[i] * rounded(layer.w[i * layer.outputs + j], quantised);
      if (n === layers.length - 1) logit = sum;
      out[j] = n === layers.length - 1 ? 1 / (1 + Math.exp(-sum)) : Math.max(0, sum);
    }
    activations.push(out);
  });
  return activations;
}

/** One step of stochastic gradient descent on the cross-entropy of one sample. */
function learn(layers: Dense[], { features, beat }: Sample, quantised: boolean): void {
  const a = forward(layers, features, quantised);
  // Cross-entropy, plus a penalty on logits past the sigmoid table's ±8, which
  // would wrap around in accum_t (±32) if they grew far enough.
  const excess = Math.abs(logit) > LOGIT_LIMIT ? logit - Math.sign(logit) * LOGIT_LIMIT : 0;
  let delta = Float64Array.of(a[a.length - 1][0] - (beat ? 1 : 0) + 0.5 * excess);
  for (let n = layers.length - 1; n >= 0; n--) {
    const layer = layers[n];
    const input = a[n];
    const back = new Float64Array(layer.inputs);
    for (let i = 0; i < layer.inputs; i++)
      for (let j = 0; j < layer.outputs; j++) {
        const k = i * layer.outputs + j;
        back[i] += rounded(layer.w[k], quantised) * delta[j];
        layer.w[k] = Math.max(-LIMIT, Math.min(LIMIT, layer.w[k] - RATE * delta[j] * input[i]));
      }
    for (let j = 0; j < layer.outputs; j++) layer.b[j] = Math.max(-LIMIT, Math.min(LIMIT, layer.b[j] - RATE * delta[j]));
    if (n > 0) delta = back.map((g, i) => (input[i] > 0 ? g : 0));
  }
}

const accuracy = (data: Sample[], p: (x: Float32Array) => number): number =>
  data.filter((s) => p(s.features) >= 0.5 === s.beat).length / data.length;

function main(): void {
  const rand = random(SEED);
  const train = samples(4000, SEED + 1);
  const test = samples(1000, SEED + 2);
  const layers = init(rand);
  for (let epoch = 0; epoch < EPOCHS + QUANTISED_EPOCHS; epoch++) for (const s of train) learn(layers, s, epoch >= EPOCHS);
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  const file = {
    description: 'Beat detector: 10 steps x 3 onset features -> beat probability; trained by train.ts on synthetic data',
    precision: {
      input: 'ap_fixed<16,6,AP_RND,AP_SAT>',
      weight: 'ap_fixed<8,3,AP_RND,AP_SAT>',
      accum: 'ap_fixed<16,6>',
      result: 'ap_fixed<16,6>',
      table: 'ap_fixed<18,8>',
    },
    sigmoidTableSize: 1024,
    layers: layers.map((layer, n) => ({
      name: `fc${n + 1}`,
      activation: n === layers.length - 1 ? 'sigmoid' : 'relu',
      kernel: Array.from({ length: layer.inputs }, (_, i) =>
        Array.from(layer.w.subarray(i * layer.outputs, (i + 1) * layer.outputs), round),
      ),
      bias: Array.from(layer.b, round),
    })),
  };
  writeFileSync(WEIGHTS_FILE, `${JSON.stringify(file)}\n`);
  const network = loadNetwork();
  const float = accuracy(test, (x) => forward(layers, x, true)[SIZES.length - 1][0]);
  const fixed = accuracy(test, (x) => referencePredict(network, x).probability);
  console.log(`wrote ${WEIGHTS_FILE}`);
  console.log(`test accuracy: ${(100 * float).toFixed(1)} % with the weights rounded in floating point, ${(100 * fixed).toFixed(1)} % in the FPGA's fixed point`);
}

main();
