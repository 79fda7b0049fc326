// The process ends while loads wait in the SDK, with BARs and views attached,
// a Slot open and a worker thread in the middle of calls: it exits as asked,
// with no signal and nothing on stderr (under test:asan and test:tsan, no sanitizer report).
import * as path from 'path';
import { runNode } from '../helpers/child';
import { SDE_AGFI } from '../afis';
import { DIST } from './helpers/workers';

const BUSY_WORKER = path.join(__dirname, 'workers', 'busy.js');

const setup = `
  const { Worker } = require('worker_threads');
  const agfi = ${JSON.stringify(SDE_AGFI)};
  fpga.mock.reset({ slots: 4, loadTimeMs: 300, clearTimeMs: 300, virtualTime: false });
  const pci = new fpga.FpgaPci();
  globalThis.kept = [pci.attach(0, fpga.APP_PF, 4), new Uint32Array(pci.attach(1, fpga.APP_PF, 0).view(0, 64))];
  const slot = fpga.openSlot(2);
  slot.bar('app', 0).poke(0, 1);
  new fpga.FpgaMgmt().loadLocalImageSyncFlags(0, agfi, 0, 60000, 5).then((d) => console.log('loaded', d.status));
  slot.load(agfi).then((d) => console.log('slot loaded', d.status));
`;
// Once the worker is busy and the loads have waited 50 ms, `end` runs.
const withWorker = (end: string) => `
  new Worker(${JSON.stringify(BUSY_WORKER)}, { workerData: { dist: ${JSON.stringify(DIST)}, slot: 3, agfi } })
    .once('message', () => {
      console.log('worker busy');
      setTimeout(() => { ${end} }, 50);
    });
`;

function run(script: string) {
  return runNode(setup + script, { AWS_FPGA_BACKEND: 'mock' });
}

test('process.exit() while loads wait and a worker is busy', () => {
  const result = run(withWorker('process.exit(3);'));
  expect(result).toMatchObject({ status: 3, signal: null, stderr: '' });
  expect(result.stdout).toBe('worker busy\n');
});

test('an uncaught exception while loads wait and a worker is busy', () => {
  const result = run(withWorker("throw new Error('the program failed');"));
  expect(result).toMatchObject({ status: 1, signal: null });
  expect(result.stderr).toContain('Error: the program failed');
  expect(result.stderr).not.toMatch(/Sanitizer|Aborted|core dumped/);
});

test('the event loop ending on its own waits for the loads, then exits', () => {
  const result = run('');
  expect(result).toMatchObject({ status: 0, signal: null, stderr: '' });
  expect(result.stdout.split('\n').sort()).toEqual(['', 'loaded loaded', 'slot loaded loaded']);
});
