// The beat detector's network as the FPGA holds it: layer sizes, the ap_fixed
// types of each quantity, the quantised weights and biases, and the sigmoid
// lookup table, read from weights.json. Both the CL model and the host-side
// reference take their constants from here; each computes in its own way.
import { readFileSync } from 'fs';
import * as path from 'path';
import { fixedType, toRaw, type FixedType } from './fixed-point';

export const WEIGHTS_FILE = path.join(__dirname, 'weights.json');

/** 10 time steps × 3 features, time-major: x[3 * step + feature]. */
export const INPUTS = 30;

export type Activation = 'relu' | 'sigmoid';

export interface Precision {
  /** The input array's elements (what the host writes). */
  input: FixedType;
  /** Weights and biases (weight_t, bias_t). */
  weight: FixedType;
  /** Products and sums inside a dense layer (accum_t). */
  accum: FixedType;
  /** Every layer's output, and the result the host reads (result_t). */
  result: FixedType;
  /** The sigmoid lookup table's entries (table_t). */
  table: FixedType;
}

export interface Layer {
  name: string;
  inputs: number;
  outputs: number;
  activation: Activation;
  /** Raw weight_t values, input-major as hls4ml stores them: w[i * outputs + j]. */
  weights: Int32Array;
  /** Raw bias_t values. */
  biases: Int32Array;
}

export interface BeatNetwork {
  precision: Precision;
  layers: Layer[];
  /** Raw table_t values: sigmoid at 16 * (i - size/2) / size, for i in [0, size). */
  sigmoidTable: Int32Array;
}

// What the example's data must say; anything else is refused by name.
interface WeightsFile {
  precision: Record<keyof Precision, string>;
  sigmoidTableSize: number;
  layers: { name: string; activation: Activation; kernel: number[][]; bias: number[] }[];
}

/**
 * hls4ml's sigmoid table (nnet_activation.h, init_sigmoid_table): entry i is
 * 1 / (1 + exp(-x)) at x = 16 * (i - size/2) / size, exp taken in single
 * precision (its float argument picks std::exp(float)), stored into table_t.
 */
export function sigmoidTable(size: number, table: FixedType): Int32Array {
  const entries = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const x = Math.fround((16 * (i - size / 2)) / size);
    const denominator = Math.fround(1 + Math.fround(Math.exp(-x)));
    entries[i] = toRaw(table, 1 / denominator);
  }
  return entries;
}

function numbers(name: string, value: unknown, length: number): number[] {
  if (!Array.isArray(value) || value.length !== length || !value.every((v) => typeof v === 'number' && Number.isFinite(v)))
    throw new TypeError(`${name} must be an array of ${length} finite numbers`);
  return value;
}

function layerOf(file: WeightsFile, index: number, inputs: number, weight: FixedType): Layer {
  const given = file.layers[index];
  const name = `layers[${index}]`;
  if (given.activation !== 'relu' && given.activation !== 'sigmoid')
    throw new RangeError(`${name}.activation must be 'relu' or 'sigmoid', got ${String(given.activation)}`);
  if (!Array.isArray(given.kernel) || given.kernel.length !== inputs)
    throw new TypeError(`${name}.kernel must have one row per input (${inputs} rows)`);
  const outputs = Array.isArray(given.bias) ? given.bias.length : 0;
  if (outputs === 0) throw new TypeError(`${name}.bias must be a non-empty array of numbers`);
  const weights = new Int32Array(inputs * outputs);
  given.kernel.forEach((row, i) =>
    numbers(`${name}.kernel[${i}]`, row, outputs).forEach((w, j) => (weights[i * outputs + j] = toRaw(weight, w))),
  );
  const biases = Int32Array.from(numbers(`${name}.bias`, given.bias, outputs), (b) => toRaw(weight, b));
  return { name: String(given.name), inputs, outputs, activation: given.activation, weights, biases };
}

/** The network in `file` (default: the example's weights.json), quantised by its precision. */
export function loadNetwork(file: string = WEIGHTS_FILE): BeatNetwork {
  const data = JSON.parse(readFileSync(file, 'utf8')) as WeightsFile;
  const p = data.precision;
  const precision: Precision = {
    input: fixedType(p.input),
    weight: fixedType(p.weight),
    accum: fixedType(p.accum),
    result: fixedType(p.result),
    table: fixedType(p.table),
  };
  const layers: Layer[] = [];
  for (let i = 0, inputs = INPUTS; i < data.layers.length; i++) {
    layers.push(layerOf(data, i, inputs, precision.weight));
    inputs = layers[i].outputs;
  }
  const last = layers[layers.length - 1];
  if (last === undefined || last.outputs !== 1 || last.activation !== 'sigmoid')
    throw new RangeError(`${file}: the last layer must have one output and a sigmoid`);
  return { precision, layers, sigmoidTable: sigmoidTable(data.sigmoidTableSize, precision.table) };
}
