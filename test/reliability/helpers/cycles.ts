// BAR handles by the thousand, in a fresh process with the garbage collector
// exposed: attached and detached, or dropped (with views) for the collector to
// detach. Reports the memory after each of ten rounds past a warm-up
// (collected), and how many of the SDK's handles are free at the end.
import { runNode } from '../../helpers/child';

const ROUNDS = 10;

export interface Memory {
  rss: number;
  external: number;
}

export interface CycleReport {
  cycles: number;
  dropped: number;
  /** process.memoryUsage() after each round, in bytes. */
  rounds: Memory[];
  freeHandles: number;
}

const script = (cycles: number, dropped: number) => `
  fpga.configure({ backend: 'mock' });
  fpga.mock.reset({ slots: 2 });
  const pci = new fpga.FpgaPci();
  const slot = fpga.openSlot(1);
  const BARS = [0, 2, 4];
  const nextTurn = () => new Promise((r) => setImmediate(r));
  const collect = async () => { for (let i = 0; i < 3; i++) { global.gc(); await nextTurn(); } };
  // In turns of 1000, as a program doing other work too would: the native memory
  // of what the collector takes is freed when the finalizers run, between turns.
  // Through FpgaPci and Slot.bar; every fourth with a view detached with it.
  async function cycle(n) {
    for (let i = 0; i < n; i++) {
      const bar = i % 3 === 0 ? slot.bar('app', BARS[i % 3]) : pci.attach(0, fpga.APP_PF, BARS[i % 3]);
      bar.poke(0, i);
      if (i % 4 === 0) new Uint32Array(bar.view(0, 16))[1] = i;
      bar.detach();
      if (i % 1000 === 999) await nextTurn();
    }
  }
  // Dropped in batches the SDK's 64 handles can hold; every fifth one leaves a view behind too.
  async function drop(n) {
    for (let done = 0; done < n; done += 50) {
      for (let j = 0; j < 50; j++) {
        const bar = pci.attach(0, fpga.APP_PF, BARS[j % 3]);
        bar.poke(0, j);
        if (j % 5 === 0) new Uint8Array(bar.view(0, 64))[0] = j;
      }
      await collect();
    }
  }
  function freeHandles() {
    const held = [];
    try { for (;;) held.push(pci.attach(1, fpga.APP_PF, 0)); } catch (e) { if (e.code !== 'ENOMEM') throw e; }
    for (const bar of held) bar.detach();
    slot.close();
    return held.length;
  }
  (async () => {
    // Warm-up, not measured: the heap, the JIT and the allocator grow to their working size.
    await cycle(${Math.min(cycles / 2, 500_000)});
    await drop(${Math.min(dropped / 10, 1_000)});
    const rounds = [];
    for (let round = 0; round < ${ROUNDS}; round++) {
      await cycle(${Math.ceil(cycles / ROUNDS)});
      await drop(${Math.ceil(dropped / ROUNDS)});
      await collect();
      const { rss, external } = process.memoryUsage();
      rounds.push({ rss, external });
    }
    console.log(JSON.stringify({ cycles: ${cycles}, dropped: ${dropped}, rounds, freeHandles: freeHandles() }));
  })();
`;

export function runCycles(cycles: number, dropped: number): CycleReport {
  const result = runNode(script(cycles, dropped), {}, ['--expose-gc']);
  if (result.status !== 0 || result.stderr !== '')
    throw new Error(`the cycles process failed (${result.status ?? result.signal}): ${result.stderr}`);
  return JSON.parse(result.stdout) as CycleReport;
}

/**
 * How much the highest value of `field` over the second half of the rounds
 * exceeds its highest over the first: memory that grows with the cycles
 * shows here, while the allocator's ups and downs stay below the first half's peak.
 */
export function growth(report: CycleReport, field: keyof Memory): number {
  const half = report.rounds.length / 2;
  const peak = (rounds: Memory[]) => Math.max(...rounds.map((m) => m[field]));
  return peak(report.rounds.slice(half)) - peak(report.rounds.slice(0, half));
}

/** The report as a line for the log. */
export function describeCycles(report: CycleReport): string {
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
  return (
    `${report.cycles} attach/detach cycles and ${report.dropped} handles dropped to the collector in ${report.rounds.length} rounds: ` +
    `RSS ${report.rounds.map((m) => (m.rss / 2 ** 20).toFixed(0)).join(' ')} MB (growth ${mb(growth(report, 'rss'))}), ` +
    `external growth ${mb(growth(report, 'external'))}, ${report.freeHandles} handles free`
  );
}
