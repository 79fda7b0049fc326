// What the Python bindings leave to you: a typed driver for your CL
// (freq-counter.ts, card-memory.ts) with a unit test that runs anywhere
// (harness.test.ts, on the simulated device), and the same driver run here
// against the simulated device or the FPGA.
//
// Run: npm run example:harness
import { openSlot } from '../../lib';
import { CL_MEM_PERF_AGFI } from '../cl-mem-perf';
import { chooseDevice, run } from '../support';
import { CardMemory } from './card-memory';
import { FrequencyCounter, type ClockMeasurement } from './freq-counter';

const SLOT = 0;
const NEW_CLOCKS = { a: 125, b: 125, c: 150, hbm: 125 };
// A megabyte at 1 GiB into the card's memory.
const MEMORY_OFFSET = 2 ** 30;
const MEMORY_WORDS = 256 * 1024;

function printMeasurement(title: string, { hz }: ClockMeasurement): void {
  console.log(`\n${title}:`);
  for (const [name, value] of Object.entries(hz)) console.log(`  ${name.padEnd(13)} ${(value / 1e6).toFixed(4).padStart(9)} MHz`);
}

run(async () => {
  chooseDevice();
  await using slot = openSlot(SLOT);

  console.log(`Loading CL_MEM_PERF (${CL_MEM_PERF_AGFI}) into slot ${SLOT}`);
  await slot.load(CL_MEM_PERF_AGFI);

  const counter = new FrequencyCounter(slot.bar('app', 0));
  printMeasurement('Clocks as loaded', await counter.measure());
  await slot.setClockFrequencies(NEW_CLOCKS);
  printMeasurement(`Clocks after setClockFrequencies(${JSON.stringify(NEW_CLOCKS)})`, await counter.measure());

  const memory = new CardMemory(slot.bar('app', 4, { burst: true }));
  // Knuth's multiplicative hash: a pattern in which no two nearby words repeat.
  const words = Uint32Array.from({ length: MEMORY_WORDS }, (_, i) => Math.imul(i, 2654435761) >>> 0);
  memory.write(MEMORY_OFFSET, words);
  const back = memory.read(MEMORY_OFFSET, words.length);
  const mismatch = back.findIndex((word, i) => word !== words[i]);
  const where = `0x${MEMORY_OFFSET.toString(16)}`;
  if (mismatch === -1) {
    console.log(`\nCard memory: wrote ${words.byteLength} bytes at ${where} in one burst and read them back unchanged`);
  } else {
    throw new Error(`card memory at ${where}: word ${mismatch} read back differs from what was written`);
  }
});
