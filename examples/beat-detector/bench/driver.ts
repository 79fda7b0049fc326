// npm run bench:beat: the driver on the simulated device.
//  1. The hls4ml guide's report: 1000 predict() calls against the CL model at
//     its modelled latency (DEFAULT_LATENCY_CYCLES at clk_extra_a1), each timed.
//  2. Host-side cost per predict with the model latency set to zero. predict()
//     runs against a CL whose registers answer at once with no model code;
//     the simulated device still spends time on every access to a slot that
//     runs a declared CL (more than the package does), so that time, measured
//     as the same four register calls on that slot less the same calls on
//     plain BAR memory, is taken out. Also predict() against the full model at
//     zero cycles, which adds the model's JavaScript (its datapath, the hooks).
import { configure, mock, openSlot, type Slot } from '../../../lib';
import { printTable, withTarget, type Row } from '../../../bench/report';
import { consume, nsPerOp } from '../../../bench/timing';
import { BeatDetector } from '../driver';
import { DEFAULT_KERNEL_MHZ, DEFAULT_LATENCY_CYCLES } from '../model';
import { AP_DONE, AP_IDLE, LAYOUT } from '../registers';
import { loadSimulatedBeatDetector } from '../simulated';
import { samples } from '../synthetic';
import { latencyStats } from './stats';

const CALLS = 1000;
const OPS = process.argv.includes('--quick') ? 20_000 : 200_000;
const HOST_TARGET_NS = 300;
const inputs = samples(256, 31).map((s) => s.features);

/** A CL that is always done, with y in plain storage: no JavaScript runs for any access. */
async function loadInstantCl(slot: Slot): Promise<void> {
  const agfi = mock.defineCl({
    agfi: 'agfi-0bea7de7ec7000002',
    bars: { app0: { registers: { [LAYOUT.ctrl]: { read: AP_DONE | AP_IDLE }, [LAYOUT.result]: { reset: 0x3ff } } } },
  });
  await slot.load(agfi);
}

function guideReport(detector: BeatDetector): Row[] {
  for (let i = 0; i < 200; i++) detector.predict(inputs[i % inputs.length]); // warm up
  const us: number[] = [];
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    consume(detector.predict(inputs[i % inputs.length]));
    us.push((performance.now() - t) * 1000);
  }
  const s = latencyStats(us, performance.now() - started);
  const group = `driver, model latency ${DEFAULT_LATENCY_CYCLES} cycles at ${DEFAULT_KERNEL_MHZ} MHz`;
  return [
    ...(['meanUs', 'medianUs', 'minUs', 'maxUs', 'stdUs'] as const).map((key) => ({
      group,
      name: `${key.slice(0, -2)} of ${CALLS} predict() calls`,
      value: s[key],
      unit: 'µs',
    })),
    { group, name: 'throughput', value: s.throughput, unit: 'predict/s' },
  ];
}

/** The driver's register calls alone: x's burst, ap_start, one poll, y. */
function registerCalls(slot: Slot): number {
  const bar = slot.bar('app', 0);
  const words = new Uint32Array(15);
  const ns = nsPerOp(OPS, (n) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      bar.writeBurst(LAYOUT.input, words);
      bar.poke(LAYOUT.ctrl, 1);
      sum += bar.peek(LAYOUT.ctrl) + bar.peek(LAYOUT.result);
    }
    consume(sum);
  });
  bar.detach();
  return ns;
}

const perPredict = (detector: BeatDetector) =>
  nsPerOp(OPS, (n) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += detector.predictRaw(inputs[i & 255]);
    consume(sum);
  });

async function main(): Promise<void> {
  configure({ backend: 'mock' });
  mock.reset({ virtualTime: true, loadTimeMs: 0 });
  const slot = openSlot(0);
  const plain = registerCalls(slot); // nothing loaded: plain BAR memory
  const cl = await loadSimulatedBeatDetector(slot);
  let detector = BeatDetector.open(slot);
  const rows = guideReport(detector);

  cl.setLatencyCycles(0);
  const model = perPredict(detector);
  await detector.close();

  await loadInstantCl(slot);
  detector = BeatDetector.open(slot);
  const total = perPredict(detector);
  await detector.close();
  const simulated = registerCalls(slot) - plain;
  const host = total - simulated;
  await slot.close();

  const group = 'host-side cost, model latency 0';
  rows.push(
    { group, name: 'predict(), CL answering with no model code', value: total, unit: 'ns' },
    { group, name: 'of which the simulated device handling a declared CL', value: simulated, unit: 'ns' },
    withTarget({ group, name: 'host side: the driver and its register calls', value: host, unit: 'ns', ratio: host / HOST_TARGET_NS, ratioTo: `${HOST_TARGET_NS} ns` }, '<=', 1),
    { group, name: 'register calls alone, plain BAR memory', value: plain, unit: 'ns', ratio: plain / host, ratioTo: 'host side' },
    { group, name: 'predict(), CL model at 0 cycles', value: model, unit: 'ns', ratio: model / total, ratioTo: 'no model code' },
  );
  printTable(rows, `beat detector driver, simulated device, Node ${process.version}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
