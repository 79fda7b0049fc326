// npm run bench:beat: the driver on the simulated device.
//  1. The hls4ml guide's report: 1000 predict() calls against the CL model at
//     its modelled latency (DEFAULT_LATENCY_CYCLES at clk_extra_a1), each timed,
//     with the batched register calls.
//  2. Host-side cost per predict with the model latency set to zero: the
//     driver's conversion of the features, timed alone, plus its register
//     calls timed on plain BAR memory. For comparison, predict() against a CL
//     whose registers answer at once with no model code (the simulated device
//     spends more on each access to a slot running a declared CL than the
//     package does: the same register calls on that slot show how much), and
//     against the full model at zero cycles, which adds the model's
//     JavaScript (its datapath, the hooks).
//     Each with the batched register calls and with one call per access.
import { configure, mock, openSlot, type Slot } from '../../../lib';
import { printTable, withTarget, type Row } from '../../../bench/report';
import { consume, nsPerOp } from '../../../bench/timing';
import { BeatDetector, encode } from '../driver';
import { rawConverter } from '../fixed-point';
import { loadNetwork } from '../network';
import { DEFAULT_KERNEL_MHZ, DEFAULT_LATENCY_CYCLES } from '../model';
import { AP_DONE, AP_IDLE, AP_START, LAYOUT } from '../registers';
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

type Calls = 'batched' | 'single';

/**
 * The driver's register calls alone for a kernel done at the first read: x
 * and ap_start, one read of the control register, y.
 */
function registerCalls(slot: Slot, calls: Calls): number {
  const bar = slot.bar('app', 0);
  const words = new Uint32Array(16).fill(AP_START);
  const x = words.subarray(0, 15);
  const offsets = Uint32Array.from({ length: 16 }, (_, n) => (n < 15 ? LAYOUT.input + 4 * n : LAYOUT.ctrl));
  const ns = nsPerOp(OPS, (n) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      if (calls === 'single') {
        bar.writeBurst(LAYOUT.input, x);
        bar.poke(LAYOUT.ctrl, AP_START);
        sum += bar.peek(LAYOUT.ctrl);
      } else {
        bar.pokeMany(offsets, words);
        sum += bar.peek(LAYOUT.ctrl);
      }
      sum += bar.peek(LAYOUT.result);
    }
    consume(sum);
  });
  bar.detach();
  return ns;
}

/** One peek: how fast this machine runs the package's register path right now. */
function onePeek(slot: Slot): number {
  const bar = slot.bar('app', 0);
  const ns = nsPerOp(OPS * 10, (n) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += bar.peek(LAYOUT.result);
    consume(sum);
  });
  bar.detach();
  return ns;
}

function perPredict(slot: Slot, registerCalls: Calls): number {
  const detector = BeatDetector.open(slot, { registerCalls });
  const ns = nsPerOp(OPS, (n) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += detector.predictRaw(inputs[i & 255]);
    consume(sum);
  });
  void detector.close();
  return ns;
}

async function main(): Promise<void> {
  // First, before other code shares the conversion's call sites.
  const words = new Uint32Array(16);
  const toRaw = rawConverter(loadNetwork().precision.input);
  const conversion = nsPerOp(OPS, (n) => {
    for (let i = 0; i < n; i++) encode(inputs[i & 255], words, toRaw);
    consume(words[7]);
  });

  configure({ backend: 'mock' });
  mock.reset({ virtualTime: true, loadTimeMs: 0 });
  const slot = openSlot(0);
  const CALLS: Calls[] = ['single', 'batched'];
  const plain = Object.fromEntries(CALLS.map((c) => [c, registerCalls(slot, c)])); // nothing loaded: plain BAR memory
  const peek = onePeek(slot);

  const cl = await loadSimulatedBeatDetector(slot);
  const detector = BeatDetector.open(slot);
  const rows = guideReport(detector);
  rows.push(
    { group: 'host-side cost, model latency 0', name: 'one peek, plain BAR memory (to compare with docs/performance.md)', value: peek, unit: 'ns' },
    { group: 'host-side cost, model latency 0', name: 'the conversion of 30 features (JavaScript alone)', value: conversion, unit: 'ns' },
  );
  await detector.close();
  cl.setLatencyCycles(0);
  const model = Object.fromEntries(CALLS.map((c) => [c, perPredict(slot, c)]));

  await loadInstantCl(slot);
  for (const calls of CALLS) {
    const host = conversion + plain[calls];
    const total = perPredict(slot, calls);
    const onCl = registerCalls(slot, calls);
    const group = `host-side cost, model latency 0, ${calls} register calls`;
    rows.push(
      { group, name: 'register calls alone, plain BAR memory', value: plain[calls], unit: 'ns' },
      withTarget({ group, name: 'host side: conversion + register calls', value: host, unit: 'ns', ratio: host / HOST_TARGET_NS, ratioTo: `${HOST_TARGET_NS} ns` }, '<=', 1),
      { group, name: 'register calls alone, on a slot running a CL', value: onCl, unit: 'ns', ratio: onCl / plain[calls], ratioTo: 'plain memory' },
      { group, name: 'predict(), CL answering with no model code', value: total, unit: 'ns', ratio: total / host, ratioTo: 'host side' },
      { group, name: 'predict(), CL model at 0 cycles', value: model[calls], unit: 'ns', ratio: model[calls] / total, ratioTo: 'no model code' },
    );
  }
  await slot.close();
  printTable(rows, `beat detector driver, simulated device, Node ${process.version}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
