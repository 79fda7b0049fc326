// The SDK tools' flags (checked against F2's fpga_local_cmd_parse.c) and the
// CLI's answers to a mistyped command line: what it refuses, and what it guesses.
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { awsFpga } from './helpers/spawn';
import { MEM_PERF_AGFI } from './afis';

const FAST = { AWS_FPGA_MOCK_LOAD_TIME_MS: '100', AWS_FPGA_MOCK_CLEAR_TIME_MS: '100' };
const mockCli = (...args: string[]) => awsFpga([...args, '--mock'], FAST);
const LOAD = ['load-local-image', '-S', '0', '-I', MEM_PERF_AGFI];

describe('-V and --version', () => {
  test.each(['describe-local-image', 'load-local-image', 'describe-clkgen', 'watch', 'describe-afi', 'reset-mock'])(
    '%s -V prints the version, as the SDK tools do, whatever else is missing',
    (name) => {
      expect(awsFpga([name, '-V'])).toMatchObject({ status: 0, stdout: expect.stringMatching(/^aws-fpga \d+\.\d+\.\d+\n$/) });
      expect(awsFpga([name, '--version']).stdout).toMatch(/^aws-fpga /);
    },
  );
});

describe('--request-timeout', () => {
  test.each([
    ['load-local-image', [...LOAD.slice(1)]],
    ['clear-local-image', ['-S', '0']],
    ['describe-local-image', ['-S', '0']],
    ['describe-local-image-slots', []],
  ])('%s takes 20 to 171798691 seconds, as the SDK tools do', (name, args) => {
    expect(mockCli(name, ...args, '--request-timeout', '20').status).toBe(0);
    expect(mockCli(name, ...args, '--request-timeout', '0xab').status).toBe(0);
    for (const bad of ['19', '171798692']) {
      const refused = mockCli(name, ...args, '--request-timeout', bad);
      expect(refused).toMatchObject({ status: 2, stdout: '' });
      expect(refused.stderr).toContain(`--request-timeout: the timeout must be between 20 and 171798691 seconds, got ${bad}`);
    }
  });

  test('the clock and switch commands do not take it, as in the SDK', () => {
    expect(mockCli('describe-clkgen', '-S', '0', '--request-timeout', '20').stderr).toContain('unknown option --request-timeout');
  });
});

describe('load-local-image flags', () => {
  test('-F asks the shell to reload, which F2 refuses with software-problem', () => {
    const { status, stderr } = mockCli(...LOAD, '-F');
    expect(status).toBe(1);
    expect(stderr).toMatch(/^Error: \(24\) software-problem\n/);
    expect(mockCli(...LOAD, '--force-shell-reload', '-A').stderr).toMatch(/^Error: \(24\) software-problem\n/);
  });

  test('-P prefetches without waiting: the slot stays as it was and the AFI is cached', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aws-fpga-prefetch-'));
    try {
      const shared = { ...FAST, AWS_FPGA_MOCK_STATE_DIR: dir };
      expect(awsFpga([...LOAD, '-P', '--mock'], shared)).toMatchObject({ status: 0, stdout: '' });
      const after = () => awsFpga(['describe-local-image', '-S', '0', '-M', '--mock'], shared).stdout;
      const deadline = Date.now() + 5000;
      while (!after().includes('Cached agfis:') && Date.now() < deadline);
      const described = after();
      expect(described).toMatch(/^AFI +0 +none +not-programmed/);
      expect(described).toMatch(/Cached agfis:\n +agfi-080817d089f3cd2ed\n/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each([
    ['-D', '-D (DRAM data retention) is not available on F2'],
    ['-a', "invalid option -- 'a': F2's fpga-load-local-image takes no clock recipes"],
    ['-c', "invalid option -- 'c'"],
  ])('%s, which F2 does not take, is refused with the usage', (flag, message) => {
    const { status, stdout, stderr } = mockCli(...LOAD, flag);
    expect([status, stdout]).toEqual([2, '']);
    expect(stderr).toContain(`load-local-image: ${message}`);
    expect(stderr).toContain('\nUsage: aws-fpga load-local-image -S <slot> -I <agfi> [options]\n');
  });

  test('--sync-timeout too long for the library names the flag typed', () => {
    const { status, stderr } = mockCli(...LOAD, '--sync-timeout', '1e99');
    expect(status).toBe(2);
    expect(stderr).toContain('load-local-image: --sync-timeout must be at most 2147483 seconds, got "1e99"');
    expect(stderr).not.toContain('timeoutMs');
  });
});

describe('mistyped command lines', () => {
  test.each([
    [['describe-local-imge', '-S', '0'], 'aws-fpga: unknown command "describe-local-imge" (did you mean describe-local-image?)'],
    [['fpga-load-local-image'], 'aws-fpga: unknown command "fpga-load-local-image" (did you mean load-local-image?'],
    [['clkgen'], 'aws-fpga: unknown command "clkgen"\n'],
    [['describe-local-image', '--fpga-imag-slot', '0'], 'describe-local-image: unknown option --fpga-imag-slot (did you mean --fpga-image-slot?)'],
    [['describe-local-image', '--metric'], 'unknown option --metric (did you mean --metrics?)'],
    [['describe-local-image', '-s', '0'], 'describe-local-image: unknown option -s (did you mean -S?)'],
    [['describe-local-image', '--frobnicate'], 'describe-local-image: unknown option --frobnicate\n'],
  ])('%j', (args, message) => {
    const { status, stderr } = awsFpga(args);
    expect(status).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).not.toContain("place it at the end of the command after '--'");
  });

  test('an unknown option is followed by the command\'s usage', () => {
    const { stderr } = awsFpga(['describe-clkgen', '--slot', '0']);
    expect(stderr).toMatch(/^describe-clkgen: unknown option --slot\n\nUsage: aws-fpga describe-clkgen -S <slot> \[options\]\n/);
    expect(stderr).toContain('-S, --fpga-image-slot <slot>');
  });
});
