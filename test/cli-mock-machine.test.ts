// The simulated machine the --mock commands share: where it is kept, what a
// damaged state file gives, and two commands at once.
import { spawn } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { CLI, awsFpga } from './helpers/spawn';
import { MEM_PERF_AGFI, SDE_AGFI } from './afis';

const STATE = 'mock-device.state';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'aws-fpga-machine-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const inDir = (...args: string[]) => awsFpga([...args, '--mock'], { AWS_FPGA_MOCK_STATE_DIR: dir });
const describeSlot = () => inDir('describe-local-image', '-S', '0').stdout.split('\n')[0];

describe('where the machine is kept', () => {
  const load = (env: NodeJS.ProcessEnv, ...flags: string[]) =>
    awsFpga(['load-local-image', '-S', '0', '-I', SDE_AGFI, '-A', '--mock', ...flags], { AWS_FPGA_MOCK_STATE_DIR: '', ...env });

  test('$XDG_STATE_HOME/aws-fpga, else ~/.local/state/aws-fpga', () => {
    expect(load({ XDG_STATE_HOME: path.join(dir, 'xdg'), HOME: path.join(dir, 'home') }).status).toBe(0);
    expect(existsSync(path.join(dir, 'xdg', 'aws-fpga', STATE))).toBe(true);
    // A relative XDG_STATE_HOME is ignored, as the XDG spec says.
    expect(load({ XDG_STATE_HOME: 'relative', HOME: path.join(dir, 'home') }).status).toBe(0);
    expect(existsSync(path.join(dir, 'home', '.local', 'state', 'aws-fpga', STATE))).toBe(true);
  });

  test('$AWS_FPGA_MOCK_STATE_DIR wins over those, and --mock-state over it', () => {
    const home = { XDG_STATE_HOME: path.join(dir, 'xdg'), HOME: path.join(dir, 'home') };
    expect(load({ ...home, AWS_FPGA_MOCK_STATE_DIR: path.join(dir, 'env') }).status).toBe(0);
    expect(load({ ...home, AWS_FPGA_MOCK_STATE_DIR: path.join(dir, 'env') }, '--mock-state', path.join(dir, 'flag')).status).toBe(0);
    expect(existsSync(path.join(dir, 'env', STATE))).toBe(true);
    expect(existsSync(path.join(dir, 'flag', STATE))).toBe(true);
    expect(existsSync(path.join(dir, 'xdg'))).toBe(false);
  });
});

describe('the machine between commands', () => {
  test('keeps BAR memory written with poke, and the switches', () => {
    expect(inDir('poke', '-S', '0', '0x100', '0xcafe').status).toBe(0);
    expect(inDir('peek', '-S', '0', '0x100').stdout).toBe('0x0000cafe\n');
    expect(inDir('set-virtual-dip-switch', '-S', '0', '-D', '1000000000000001').status).toBe(0);
    expect(inDir('get-virtual-dip-switch', '-S', '0').stdout).toContain('1000-0000-0000-0001');
  });

  test('an -A load goes on while no command runs', () => {
    // Long enough that the next command, a process of its own, starts well within it.
    const loadMs = 4000;
    expect(inDir('reset-mock', '--load-time', String(loadMs)).status).toBe(0);
    expect(inDir('load-local-image', '-S', '0', '-I', SDE_AGFI, '-A').status).toBe(0);
    expect(describeSlot()).toMatch(/ busy /);
    // No process runs the device meanwhile: the load began before this pause, so it is over after it.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, loadMs);
    expect(describeSlot()).toMatch(/ agfi-0925b211f5a81b071 +loaded /);
  });

  test('reset-mock starts over with the slots asked for', () => {
    expect(inDir('load-local-image', '-S', '0', '-I', MEM_PERF_AGFI, '-A').status).toBe(0);
    expect(awsFpga(['reset-mock', '--slots', '3'], { AWS_FPGA_MOCK_STATE_DIR: dir }).stdout).toContain(': 3 slots, all empty');
    expect(describeSlot()).toMatch(/ none +not-programmed /);
    expect(inDir('describe-local-image-slots').stdout.match(/^AFIDEVICE/gm)).toHaveLength(3);
  });
});

describe('a state file that cannot be used', () => {
  const corrupt = (change: (bytes: Buffer) => Buffer) => {
    expect(inDir('set-virtual-dip-switch', '-S', '0', '-D', '0000000000000001').status).toBe(0);
    const file = path.join(dir, STATE);
    writeFileSync(file, change(readFileSync(file)));
    return file;
  };

  test.each([
    ['one byte changed', (b: Buffer) => Buffer.from(b).fill(b[60] ^ 1, 60, 61), 'its checksum does not match its contents'],
    ['cut short', (b: Buffer) => b.subarray(0, b.length - 10), /it is (\d+) bytes long, (\d+) expected/],
    ['another file', () => Buffer.from('{"slots": 1}\n'), "it is not a simulated device's state"],
    ['empty', () => Buffer.alloc(0), "it is not a simulated device's state"],
    ['another format version', (b: Buffer) => Buffer.from(b).fill(9, 8, 9), 'it is in format version 9; this build reads version 1'],
  ])('%s: the command says which file and how to start over, and leaves the file alone', (_what, change, reason) => {
    const file = corrupt(change);
    const before = readFileSync(file);
    const { status, stdout, stderr } = inDir('describe-local-image', '-S', '0');
    expect([status, stdout]).toEqual([1, '']);
    const problem = `describe-local-image: the simulated device's state in ${file} cannot be used: `;
    if (typeof reason === 'string') expect(stderr).toContain(problem + reason);
    else expect(stderr.replace(problem, '')).toMatch(new RegExp(`^${reason.source}`));
    expect(stderr).toContain("To start again from a new simulated device, run 'aws-fpga reset-mock' (it replaces the file).");
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(readFileSync(file).equals(before)).toBe(true);
    // reset-mock does not read it, and replaces it.
    expect(awsFpga(['reset-mock'], { AWS_FPGA_MOCK_STATE_DIR: dir }).status).toBe(0);
    expect(describeSlot()).toMatch(/ none +not-programmed /);
  });

  test('the reset hint repeats --mock-state', () => {
    const other = path.join(dir, 'other');
    expect(awsFpga(['reset-mock', '--mock-state', other]).status).toBe(0);
    writeFileSync(path.join(other, STATE), 'nonsense');
    const { stderr } = awsFpga(['describe-local-image', '-S', '0', '--mock', '--mock-state', other]);
    expect(stderr).toContain(`run 'aws-fpga reset-mock --mock-state ${other}'`);
  });
});

describe('two commands at once', () => {
  test('the second waits for the first, and finds the machine as the first left it', async () => {
    expect(inDir('reset-mock', '--load-time', '1500').status).toBe(0);
    const env = { ...process.env, AWS_FPGA_MOCK_STATE_DIR: dir };
    // A synchronous load holds the machine for its whole run.
    const loading = spawn(process.execPath, [CLI, 'load-local-image', '-S', '0', '-I', MEM_PERF_AGFI, '--mock'], { env });
    const loaded = new Promise<number | null>((resolve) => loading.on('exit', resolve));
    // Once it holds the lock, its pid is in the lock file.
    const lockFile = path.join(dir, 'mock-device.lock');
    while (!(existsSync(lockFile) && readFileSync(lockFile, 'utf8').trim() === String(loading.pid))) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const waiting = awsFpga(['describe-local-image', '-S', '0', '--mock'], { AWS_FPGA_MOCK_STATE_DIR: dir });
    expect(await loaded).toBe(0);
    expect(waiting.status).toBe(0);
    expect(waiting.stdout).toMatch(/^AFI +0 +agfi-080817d089f3cd2ed +loaded /);
    expect(waiting.stderr).toContain(`Waiting for another aws-fpga command (process ${loading.pid}) to finish with the simulated device in ${dir}`);
  });
});
