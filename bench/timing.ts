// Timing helpers: every figure is the median of several samples, so that one
// noisy sample on a busy two-core machine does not move the result.

export const SAMPLES = 7;

/** Median nanoseconds per operation of `body(ops)`, which performs `ops` operations. */
export function nsPerOp(ops: number, body: (ops: number) => void, samples = SAMPLES): number {
  body(Math.min(ops, 10_000)); // warm up: let V8 optimise the loop before timing it
  const runs: number[] = [];
  for (let s = 0; s < samples; s++) {
    const start = process.hrtime.bigint();
    body(ops);
    runs.push(Number(process.hrtime.bigint() - start) / ops);
  }
  return median(runs);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

let sink = 0;
/** Keeps a sample's result alive so that V8 cannot drop the work that made it. */
export function consume(value: number | bigint): void {
  sink ^= typeof value === 'bigint' ? Number(value & 0xffn) : value;
  if (sink === 0.5) console.log(sink);
}
