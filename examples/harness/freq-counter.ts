// A host-side driver for CL_MEM_PERF's clock frequency counters: write the
// command register, poll the status register without blocking the event
// loop, read the results. Everything goes over the app PF's BAR0 (OCL).
import { setTimeout as sleep } from 'timers/promises';
import type { BarHandle } from '../../lib';
import { CLOCK_NAMES, CTL_REG, CTL_RESET, CTL_START, FREQ_CTR_0, REF_FREQ_CTR, type ClockName } from '../cl-mem-perf';

export interface MeasureOptions {
  /** Pause between reads of the status register (default 100 ms). */
  pollMs?: number;
  /** Give up when the measurement has not finished after this long (default 3000 ms; it takes one second). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ClockMeasurement {
  /** The reference clock (clk_hbm_ref) as counted over the window, in Hz. */
  referenceHz: number;
  /** Every clock of the design, in Hz. */
  hz: Record<ClockName, number>;
}

export class FrequencyCounter {
  /** `ocl`: BAR0 of the app PF of a slot running CL_MEM_PERF. */
  constructor(private readonly ocl: BarHandle) {}

  /** Clears the counters, starts a measurement and resolves to its results. */
  async measure({ pollMs = 100, timeoutMs = 3000, signal }: MeasureOptions = {}): Promise<ClockMeasurement> {
    this.ocl.poke(CTL_REG, CTL_RESET);
    this.ocl.poke(CTL_REG, 0);
    this.ocl.poke(CTL_REG, CTL_START);
    const started = Date.now();
    while (this.ocl.peek(CTL_REG) !== 0) {
      if (Date.now() - started >= timeoutMs)
        throw new Error(`the frequency measurement did not finish within ${timeoutMs} ms (is CL_MEM_PERF loaded?)`);
      await sleep(pollMs, undefined, { signal });
    }
    const hz = Object.fromEntries(CLOCK_NAMES.map((name, i) => [name, this.ocl.peek(FREQ_CTR_0 + 4 * i)]));
    return { referenceHz: this.ocl.peek(REF_FREQ_CTR), hz: hz as Record<ClockName, number> };
  }
}
