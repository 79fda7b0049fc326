// The figures of the hls4ml guide's benchmark: mean, median, min, max and
// standard deviation of per-call latency, and throughput.

export interface LatencyStats {
  calls: number;
  meanUs: number;
  medianUs: number;
  minUs: number;
  maxUs: number;
  stdUs: number;
  /** Calls per second over the whole run. */
  throughput: number;
}

/** `samplesUs`: each call's latency in µs; `wallMs`: the run's wall time. */
export function latencyStats(samplesUs: readonly number[], wallMs: number): LatencyStats {
  const sorted = [...samplesUs].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = sorted.reduce((sum, v) => sum + v, 0) / n;
  const variance = sorted.reduce((sum, v) => sum + (v - mean) ** 2, 0) / n;
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return {
    calls: n,
    meanUs: mean,
    medianUs: median,
    minUs: sorted[0],
    maxUs: sorted[n - 1],
    stdUs: Math.sqrt(variance),
    throughput: n / (wallMs / 1000),
  };
}
