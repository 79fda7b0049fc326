// Each example run as `npm run example:<name>` on a machine without the SDK:
// it must choose the simulated device itself, say so first, and finish.
import { NO_SDK, spawnProgram } from './helpers/spawn';
import { MEM_PERF_AGFI, SDE_AGFI } from './afis';

const EXAMPLE_TIMEOUT_MS = 60_000;

function runExample(name: string, env: NodeJS.ProcessEnv = { AWS_FPGA_SDK_LIBRARY: NO_SDK }) {
  const result = spawnProgram('npm', ['run', '--silent', `example:${name}`], env, EXAMPLE_TIMEOUT_MS);
  expect({ status: result.status, errors: result.stderr.split('\n').filter((line) => /error/i.test(line)) }).toEqual({
    status: 0,
    errors: [],
  });
  expect(result.stdout.split('\n')[0]).toBe('Running on the simulated F2 device (the AWS FPGA SDK library could not be loaded).');
  return result.stdout;
}

/** The text after `label` up to the end of its line. */
function lineAfter(stdout: string, label: string): string {
  const start = stdout.indexOf(label);
  expect(start).toBeGreaterThanOrEqual(0);
  return stdout.slice(start + label.length, stdout.indexOf('\n', start));
}

/** Each example prints a few lines per step, not whole structures. */
function expectConcise(stdout: string, maxLines: number): void {
  const lines = stdout.trimEnd().split('\n');
  expect(lines.length).toBeLessThanOrEqual(maxLines);
  expect(lines.filter((line) => /^\s*[{}[\]]\s*$|^\s*"\w+": /.test(line))).toEqual([]);
}

jest.setTimeout(EXAMPLE_TIMEOUT_MS);

test('example:mgmt, fpga_mgmt_example.py ported', () => {
  const stdout = runExample('mgmt');
  expectConcise(stdout, 15);
  const loaded = `loaded (ok), ${SDE_AGFI}, AFI ids 1d0f:f002, shell 0x10212415, 24 W, cached ${SDE_AGFI}`;
  expect(stdout).toContain(`Loading AFI for SDE (Streaming Data Engine) CL Example: ${SDE_AGFI}\nInfo: ${loaded}\n`);
  expect(stdout).toContain('Setting the dip switch at 32\nDip switch state: 32\n');
  expect(stdout).toContain(`Describing image before CLEAR_AFI_CACHE flag is set\nInfo ["${SDE_AGFI}"]\nInfo ["${SDE_AGFI}"]\n`);
  expect(stdout.endsWith(`Loading local image synchronously\nInfo: ${loaded}\n`)).toBe(true);
});

test('example:clkgen, fpga_clkgen_example.py ported', () => {
  const stdout = runExample('clkgen');
  expectConcise(stdout, 10);
  expect(stdout).toContain(`FPGA Status not-programmed\nLoading AFI: ${MEM_PERF_AGFI}\n`);
  expect(lineAfter(stdout, 'Clock Information: ')).toBe('A a1 125 a2 375 a3 500 | B b0 450 b1 225 | C c0 300 c1 400 | HBM axi 450 (MHz)');
  expect(lineAfter(stdout, 'New Clock Information: ')).toMatch(/^A a1 125 .*\| B b0 125 .*\| C c0 150 .*\| HBM axi 125 \(MHz\)$/);
  expect(lineAfter(stdout, 'Clock Information after setting recipe: ')).toMatch(
    /^A a1 62\.5 a2 187\.5 a3 250 \| B b0 250 b1 62\.5 \| C .* \| HBM axi 400 \(MHz\)$/,
  );
});

test('example:pci, fpga_pci_example.py ported', () => {
  const stdout = runExample('pci');
  expectConcise(stdout, 20);
  expect(lineAfter(stdout, 'Info: ')).toMatch(new RegExp(`^loaded \\(ok\\), ${MEM_PERF_AGFI}, AFI ids 1d0f:f004, `));
  expect(stdout).toContain('Reference Frequency: 100000000 Hz\n');
  expect(stdout).toContain(
    [
      'Clock Frequencies:',
      'clk_main_a0: 250.0000 MHz',
      'clk_extra_a1: 125.0000 MHz',
      'clk_extra_a2: 375.0000 MHz',
      'clk_extra_a3: 500.0000 MHz',
      'clk_extra_b0: 450.0000 MHz',
      'clk_extra_b1: 225.0000 MHz',
      'clk_extra_c0: 300.0000 MHz',
      'clk_extra_c1: 400.0000 MHz',
      'clk_hbm_axi: 450.0000 MHz',
      'clk_hbm_ref: 100.0000 MHz',
    ].join('\n'),
  );
  // The load did not rescan the app PF (as in the Python example), so it still shows the shell's ids.
  expect(lineAfter(stdout, 'Resource Map: ')).toBe(
    '0000:34:00.0 1d0f:9048 (subsystem 1d0f:9048), BAR0 64 MiB, BAR2 64 KiB, BAR4 128 GiB burstable',
  );
});

test('example:harness, a driver for CL_MEM_PERF', () => {
  const stdout = runExample('harness');
  expectConcise(stdout, 30);
  expect(stdout).toMatch(/Clocks as loaded:\n(.*\n)*? {2}clk_extra_b0 +450\.0000 MHz\n/);
  expect(stdout).toMatch(/Clocks after setClockFrequencies\(.*\):\n(.*\n)*? {2}clk_extra_b0 +125\.0000 MHz\n/);
  expect(stdout).toContain('Card memory: wrote 1048576 bytes at 0x40000000 in one burst and read them back unchanged');
});

test('example:beat, the beat detector driver and its service', () => {
  const stdout = runExample('beat');
  expectConcise(stdout, 12);
  expect(stdout).toMatch(/^Driver on slot 0: \d+\/500 synthetic samples right, 500\/500 equal to the reference$/m);
  expect(stdout).toMatch(/^Service on http:\/\/127\.0\.0\.1:\d+: 8 slots in rotation$/m);
  expect(stdout.match(/^POST \/predict -> 200 beat (true|false), probability [\d.]+ \(expected \1\)$/gm)).toHaveLength(4);
  expect(stdout).toContain('POST /predict with 2 features -> 400 "features" must hold 30 numbers (10 steps × 3 features), got 2\n');
  expect(lineAfter(stdout, 'GET /health -> ')).toBe(`ok, slots ${[0, 1, 2, 3, 4, 5, 6, 7].map((s) => `${s}:12 W`).join(' ')}`);
});

test('AWS_FPGA_BACKEND decides instead, when it is set', () => {
  const result = spawnProgram('npm', ['run', '--silent', 'example:clkgen'], { AWS_FPGA_BACKEND: 'mock' }, EXAMPLE_TIMEOUT_MS);
  expect(result.status).toBe(0);
  expect(result.stdout.split('\n')[0]).toBe('Running on the simulated F2 device (AWS_FPGA_BACKEND=mock).');
});
