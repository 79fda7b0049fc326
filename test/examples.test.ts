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

/** The JSON object printed after `marker` (it ends with a `}` alone on a line). */
function jsonAfter(stdout: string, marker: string): Record<string, unknown> {
  const rest = stdout.slice(stdout.indexOf(marker) + marker.length);
  const start = rest.indexOf('{');
  return JSON.parse(rest.slice(start, rest.indexOf('\n}', start) + 2)) as Record<string, unknown>;
}

jest.setTimeout(EXAMPLE_TIMEOUT_MS);

test('example:mgmt, fpga_mgmt_example.py ported', () => {
  const stdout = runExample('mgmt');
  expect(stdout).toContain(`Loading AFI for SDE (Streaming Data Engine) CL Example: ${SDE_AGFI}\n`);
  expect(jsonAfter(stdout, 'Info ')).toMatchObject({ status: 'loaded', afiId: SDE_AGFI, metrics: { cachedAgfis: [SDE_AGFI] } });
  expect(stdout).toContain('Setting the dip switch at 32\nDip switch state: 32\n');
  expect(stdout).toContain(`Describing image before CLEAR_AFI_CACHE flag is set\nInfo ["${SDE_AGFI}"]\nInfo ["${SDE_AGFI}"]\n`);
  expect(stdout).toContain('Loading local image synchronously\n');
  const last = stdout.slice(stdout.lastIndexOf('Info {'));
  expect(jsonAfter(last, 'Info ')).toMatchObject({ status: 'loaded', afiId: SDE_AGFI, deviceIds: { deviceId: 0xf002 } });
});

test('example:clkgen, fpga_clkgen_example.py ported', () => {
  const stdout = runExample('clkgen');
  expect(stdout).toContain(`FPGA Status not-programmed\nLoading AFI: ${MEM_PERF_AGFI}\n`);
  expect(jsonAfter(stdout, 'Clock Information\n')).toEqual({
    a: { a1: 125, a2: 375, a3: 500 },
    b: { b0: 450, b1: 225 },
    c: { c0: 300, c1: 400 },
    hbm: { axi: 450 },
  });
  expect(jsonAfter(stdout, 'New Clock Information\n')).toMatchObject({ a: { a1: 125 }, b: { b0: 125 }, c: { c0: 150 }, hbm: { axi: 125 } });
  expect(jsonAfter(stdout, 'Clock Information after setting recipe\n')).toMatchObject({
    a: { a1: 62.5, a2: 187.5, a3: 250 },
    b: { b0: 250, b1: 62.5 },
    hbm: { axi: 400 },
  });
});

test('example:pci, fpga_pci_example.py ported', () => {
  const stdout = runExample('pci');
  expect(jsonAfter(stdout, 'Info ')).toMatchObject({ status: 'loaded', afiId: MEM_PERF_AGFI });
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
  expect(jsonAfter(stdout, 'Resource Map\n')).toMatchObject({ vendorId: 0x1d0f, dbdf: '0000:34:00.0' });
});

test('example:harness, a driver for CL_MEM_PERF', () => {
  const stdout = runExample('harness');
  expect(stdout).toMatch(/Clocks as loaded:\n(.*\n)*? {2}clk_extra_b0 +450\.0000 MHz\n/);
  expect(stdout).toMatch(/Clocks after setClockFrequencies\(.*\):\n(.*\n)*? {2}clk_extra_b0 +125\.0000 MHz\n/);
  expect(stdout).toContain('Card memory: wrote 1048576 bytes at 0x40000000 in one burst and read them back unchanged');
});

test('AWS_FPGA_BACKEND decides instead, when it is set', () => {
  const result = spawnProgram('npm', ['run', '--silent', 'example:clkgen'], { AWS_FPGA_BACKEND: 'mock' }, EXAMPLE_TIMEOUT_MS);
  expect(result.status).toBe(0);
  expect(result.stdout.split('\n')[0]).toBe('Running on the simulated F2 device (AWS_FPGA_BACKEND=mock).');
});
