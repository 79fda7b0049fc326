// Synthetic onset features for the example: 10 steps × 3 features (low-band
// energy, mid-band energy, spectral flux, each standardised), with a beat
// when a low-band onset lands in the last two steps. Seeded, so every run
// (training, the demo, the benchmarks) sees the same data.

/** A seeded uniform generator in [0, 1) (mulberry32). */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

export interface Sample {
  features: Float32Array;
  beat: boolean;
}

const STEPS = 10;
const LOW = 0;
const MID = 1;
const FLUX = 2;

function onset(x: Float32Array, step: number, low: number, mid: number, flux: number): void {
  x[3 * step + LOW] += low;
  x[3 * step + MID] += mid;
  x[3 * step + FLUX] += flux;
  if (step + 1 < STEPS) x[3 * (step + 1) + LOW] += low / 2; // the decay of a kick
}

/** One sample: half are beats; the others are noise, an older onset, or a hi-hat. */
export function sample(rand: () => number): Sample {
  const x = new Float32Array(3 * STEPS);
  for (let i = 0; i < x.length; i++) x[i] = 0.35 * gaussian(rand);
  const beat = rand() < 0.5;
  const strength = 1.5 + rand() * 1.5;
  if (beat) onset(x, STEPS - 1 - Math.floor(rand() * 2), strength, 0.4 * strength, 0.9 * strength);
  else {
    const kind = rand();
    if (kind < 0.4) onset(x, Math.floor(rand() * (STEPS - 3)), strength, 0.4 * strength, 0.9 * strength);
    else if (kind < 0.7) onset(x, STEPS - 1, 0.2 * strength, strength, 0.6 * strength);
  }
  return { features: x, beat };
}

export function samples(count: number, seed: number): Sample[] {
  const rand = random(seed);
  return Array.from({ length: count }, () => sample(rand));
}
