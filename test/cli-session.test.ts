// The aws-fpga subcommands run in this process, one after another on one
// simulated device: what a session on an F2 instance looks like, and the
// progress line of a terminal.
import { runCli } from '../lib/cli/run';
import { mock } from '../lib';
import { CapturedStream } from './fake-aws/streams';
import { MEM_PERF_AGFI, SDE_AGFI, realTimeDevice, simulated, virtualDevice } from './afis';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

interface Streams {
  tty?: boolean;
  signal?: AbortSignal;
  /** Called at each write to stderr. */
  onError?: (text: string) => void;
}

async function cli(args: string[], options: Streams = {}): Promise<Run> {
  const stdout = new CapturedStream(options.tty);
  const stderr = new CapturedStream(options.tty);
  stderr.onWrite = options.onError;
  const code = await runCli(args, { stdout, stderr, signal: options.signal });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const lines = (text: string) => text.split('\n').slice(0, -1);

beforeEach(() => virtualDevice());

describe('an image session', () => {
  test('load, describe with metrics, clear the AFI cache, clear', async () => {
    expect((await cli(['load-local-image', '-S', '0', '-I', SDE_AGFI])).code).toBe(0);

    const described = await cli(['describe-local-image', '-S', '0', '-M']);
    expect(described.code).toBe(0);
    const printed = lines(described.stdout);
    expect(printed[0]).toMatch(new RegExp(`^AFI {10}0 {7}${SDE_AGFI} {2}loaded {12}0 {8}ok {15}0 {7}0x[0-9a-f]{8}$`));
    expect(printed[1]).toBe('AFIDEVICE    0       0x1d0f      0xf002      0000:34:00.0');
    expect(printed.slice(-2)).toEqual(['Cached agfis:', `   ${SDE_AGFI}`]);
    expect(printed).toContain('   Last measured: 24 watts');

    // -L reports the cache, then empties it.
    expect(lines((await cli(['describe-local-image', '-S', '0', '-L'])).stdout).at(-1)).toBe(`   ${SDE_AGFI}`);
    expect(lines((await cli(['describe-local-image', '-S', '0', '-M'])).stdout).at(-1)).toBe('Cached agfis:');

    const cleared = await cli(['clear-local-image', '-S', '0']);
    expect(cleared.code).toBe(0);
    expect(lines(cleared.stdout)[0]).toMatch(/^AFI {10}0 {7}none {20}cleared {11}1 /);
    expect(lines(cleared.stdout)[1]).toBe('AFIDEVICE    0       0x1d0f      0x9048      0000:34:00.0');
  });

  test('-A returns while the slot is busy; -R shows the AFI\'s ids once it is loaded', async () => {
    expect(await cli(['load-local-image', '-S', '0', '-I', MEM_PERF_AGFI, '-A'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(lines((await cli(['describe-local-image', '-S', '0'])).stdout)[0]).toContain(`${MEM_PERF_AGFI}  busy `);
    mock.advanceTime(5000);
    // An asynchronous load leaves the app PF as the OS saw it until a rescan.
    expect(lines((await cli(['describe-local-image', '-S', '0'])).stdout)[1]).toContain('0x9048');
    expect(lines((await cli(['describe-local-image', '-S', '0', '-R'])).stdout)[1]).toContain('0xf004');
  });

  test('a power violation shows in the AFI line, with the long names widening their columns', async () => {
    await cli(['load-local-image', '-S', '0', '-I', SDE_AGFI]);
    simulated().mockPowerViolation(0);
    const { stdout } = await cli(['describe-local-image', '-S', '0']);
    expect(lines(stdout)[0]).toMatch(
      new RegExp(`^AFI {10}0 {7}${SDE_AGFI} {2}load-failed {10}7 {8}afi-power-violation {8}17 {7}0x[0-9a-f]{8}$`),
    );
  });

  test('a clear of a busy slot fails with busy', async () => {
    await cli(['load-local-image', '-S', '0', '-I', MEM_PERF_AGFI, '-A']);
    const { code, stderr } = await cli(['clear-local-image', '-S', '0']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Error: \(3\) busy\nThe slot is still busy/);
  });
});

describe('virtual switches', () => {
  test('the DIP switches read back as set; CL_MEM_PERF lights two LEDs', async () => {
    expect((await cli(['set-virtual-dip-switch', '-S', '0', '-D', '0101000011000000'])).code).toBe(0);
    expect((await cli(['get-virtual-dip-switch', '-S', '0'])).stdout).toBe(
      'FPGA slot id 0 has the following Virtual DIP Switches:\n0101-0000-1100-0000\n',
    );
    await cli(['load-local-image', '-S', '0', '-I', MEM_PERF_AGFI]);
    const { stdout } = await cli(['get-virtual-led', '-S', '0', '--json']);
    expect(JSON.parse(stdout)).toEqual({ slot: 0, value: 3, bits: '0000000000000011' });
  });
});

describe('clocks', () => {
  beforeEach(async () => {
    await cli(['load-local-image', '-S', '0', '-I', MEM_PERF_AGFI]);
  });

  test('describe-clkgen prints the SDK tool\'s tables', async () => {
    expect(await cli(['describe-clkgen', '-S', '0'])).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'Clock Group A Frequency (Mhz)',
        '| clk_extra_a1 | clk_extra_a2 | clk_extra_a3 |',
        '|--------------|--------------|--------------|',
        '|     125.00   |     375.00   |     500.00   |',
        '',
        'Clock Group B Frequency (Mhz)',
        '| clk_extra_b0 | clk_extra_b1 |',
        '|--------------|--------------|',
        '|     450.00   |     225.00   |',
        '',
        'Clock Group C Frequency (Mhz)',
        '| clk_extra_c0 | clk_extra_c1 |',
        '|--------------|--------------|',
        '|     300.00   |     400.00   |',
        '',
        'Clock Group HBM Frequency (Mhz)',
        '| clk_hbm_axi |',
        '|-------------|',
        '|    450.00   |',
        '',
        '',
      ].join('\n'),
    });
  });

  test('load-clkgen-recipe sets A0 B3 C3 H4 and prints the clocks now set', async () => {
    const { code, stdout } = await cli(['load-clkgen-recipe', '-S', '0', '-a', '0', '-b', '3', '-c', '3', '-m', '4', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      a: { a1: 62.5, a2: 187.5, a3: 250 },
      b: { b0: 250, b1: 62.5 },
      c: { c0: 200, c1: expect.closeTo(266.667, 3) },
      hbm: { axi: 400 },
    });
  });

  test('load-clkgen-recipe sets the default recipe for a group left out', async () => {
    const { stdout } = await cli(['load-clkgen-recipe', '-S', '0', '-a', '0']);
    expect(lines(stdout)[3]).toBe('|      62.50   |     187.50   |     250.00   |');
    expect(lines(stdout)[8]).toBe('|     450.00   |     225.00   |');
  });

  test('load-clkgen-dynamic sets the first clock of each group', async () => {
    const { code, stdout } = await cli(['load-clkgen-dynamic', '-S', '0', '-a', '125', '-b', '125', '-c', '150', '-m', '125']);
    expect(code).toBe(0);
    expect(lines(stdout)[8]).toMatch(/^\| {5}125\.00 {3}\|/);
    expect(lines(stdout)[13]).toMatch(/^\| {5}150\.00 {3}\|/);
    expect(lines(stdout)[18]).toBe('|    125.00   |');
  });

  test('an out-of-range recipe is refused before it reaches the SDK', async () => {
    const { code, stderr } = await cli(['load-clkgen-recipe', '-S', '0', '-b', '6']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^load-clkgen-recipe: b must be a recipe of clock group B .*0 to 5 \(B0-B5\), got 6\n/);
  });
});

describe('registers', () => {
  test('poke, then peek and dump what was written', async () => {
    expect((await cli(['poke', '-S', '0', '0x500', '0xdeadbeef'])).code).toBe(0);
    expect((await cli(['poke', '-S', '0', '0x50c', '7'])).code).toBe(0);
    expect((await cli(['peek', '-S', '0', '0x500'])).stdout).toBe('0xdeadbeef\n');
    expect((await cli(['dump', '-S', '0', '0x500', '16'])).stdout).toBe('0x00000500: deadbeef 00000000 00000000 00000007\n');
  });

  test('reads go through the design: CL_MEM_PERF\'s counters', async () => {
    await cli(['load-local-image', '-S', '0', '-I', MEM_PERF_AGFI]);
    expect((await cli(['peek', '-S', '0', '0x6f0'])).stdout).toBe('0xdeaddead\n');
  });
});

describe('waiting', () => {
  const LOAD = ['load-local-image', '-S', '0', '-I', MEM_PERF_AGFI];

  test('a terminal sees a progress line with the time elapsed, ended before the result', async () => {
    realTimeDevice(2300);
    const { code, stdout, stderr } = await cli(LOAD, { tty: true });
    expect(code).toBe(0);
    const update = `\\r\\x1b\\[2KLoading ${MEM_PERF_AGFI} into slot 0: 0:00:0[0-2] elapsed`;
    expect(stderr).toMatch(new RegExp(`^(${update}){2,}\\n$`));
    expect(stderr).toMatch(/^\r\x1b\[2KLoading .* 0:00:00 elapsed/);
    expect(stderr).toMatch(/0:00:0[12] elapsed\n$/);
    expect(stdout).toContain('loaded');
  });

  test('a pipe gets no progress line', async () => {
    realTimeDevice(100);
    expect((await cli(LOAD)).stderr).toBe('');
  });

  test('--sync-timeout reports the SDK\'s time-out on time; the command ends with the SDK\'s wait', async () => {
    realTimeDevice(1500);
    const started = Date.now();
    let reportedAfter = Infinity;
    const { code, stderr } = await cli([...LOAD, '--sync-timeout', '0.2'], {
      onError: () => (reportedAfter = Math.min(reportedAfter, Date.now() - started)),
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Error: \(-110\) Connection timed out\n/);
    expect(reportedAfter).toBeGreaterThanOrEqual(190);
    expect(reportedAfter).toBeLessThan(1000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
  });

  test('an interrupt ends the wait with exit code 130', async () => {
    realTimeDevice(1500);
    const interrupt = new AbortController();
    setTimeout(() => interrupt.abort(), 100);
    const { code, stdout, stderr } = await cli(LOAD, { signal: interrupt.signal });
    expect([code, stdout, stderr]).toEqual([130, '', 'load-local-image: interrupted\n']);
  });
});
