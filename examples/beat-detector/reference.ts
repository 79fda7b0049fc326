// The host-side reference: the network computed on values, step by step as
// hls4ml's C++ (latency strategy) assigns them to their types. dense_latency
// casts each product to accum_t, starts each sum from the bias cast to
// accum_t, adds the products into it in accum_t, and casts the sum to the
// layer's result type; relu keeps positive values; sigmoid looks up its
// table at trunc(x * size / 16) + size / 2, clamped to the table.
import { fromRaw, quantise, toRaw } from './fixed-point';
import type { BeatNetwork, Layer } from './network';

export interface Prediction {
  /** The result register's raw result_t value. */
  raw: number;
  /** Its value: the probability of a beat. */
  probability: number;
}

function dense(network: BeatNetwork, layer: Layer, x: readonly number[]): number[] {
  const { weight, accum, result } = network.precision;
  const out: number[] = [];
  for (let j = 0; j < layer.outputs; j++) {
    let acc = quantise(accum, fromRaw(weight, layer.biases[j]));
    for (let i = 0; i < layer.inputs; i++) {
      const product = quantise(accum, x[i] * fromRaw(weight, layer.weights[i * layer.outputs + j]));
      acc = quantise(accum, acc + product);
    }
    out.push(quantise(result, acc));
  }
  return out;
}

function sigmoid(network: BeatNetwork, x: number): number {
  const size = network.sigmoidTable.length;
  const index = Math.min(size - 1, Math.max(0, Math.trunc((x * size) / 16) + size / 2));
  return quantise(network.precision.result, fromRaw(network.precision.table, network.sigmoidTable[index]));
}

/** The network's output for `features` (30 numbers), as the FPGA computes it. */
export function referencePredict(network: BeatNetwork, features: ArrayLike<number>): Prediction {
  const { input, result } = network.precision;
  let x = Array.from(features, (v) => quantise(input, v));
  for (const layer of network.layers) {
    const sums = dense(network, layer, x);
    x = layer.activation === 'relu' ? sums.map((v) => (v > 0 ? v : 0)) : sums.map((v) => sigmoid(network, v));
  }
  return { raw: toRaw(result, x[0]), probability: x[0] };
}
