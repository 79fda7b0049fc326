// docs/cli-walkthrough.md as a user runs it: each sh block in a shell, every
// aws-fpga in a process of its own, on one simulated machine kept between them.
import { spawnSync } from 'child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { ROOT } from './helpers/child';
import { codeBlocks } from './helpers/doc-blocks';
import { CLI } from './helpers/spawn';

const PAGE = path.join(ROOT, 'docs', 'cli-walkthrough.md');
const BLOCKS = codeBlocks(PAGE, 'sh', 'run');

let work: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'aws-fpga-walkthrough-'));
  const bin = path.join(work, 'bin');
  mkdirSync(bin);
  // `aws-fpga` as npm installs it: the built command on PATH.
  const shim = path.join(bin, 'aws-fpga');
  writeFileSync(shim, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} "$@"\n`);
  chmodSync(shim, 0o755);
  env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, AWS_FPGA_MOCK_STATE_DIR: path.join(work, 'state') };
  for (const name of ['AWS_FPGA_BACKEND', 'AWS_FPGA_MOCK_SLOTS', 'AWS_FPGA_MOCK_LOAD_TIME_MS', 'AWS_FPGA_MOCK_CLEAR_TIME_MS']) delete env[name];
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs block `index` of the page; resolves to its output once it succeeded. */
function runBlock(index: number): string {
  const result = spawnSync('sh', ['-e', '-c', BLOCKS[index]], { cwd: work, env, encoding: 'utf8', timeout: 60_000 });
  expect({ block: BLOCKS[index], status: result.status, stderr: result.stderr }).toEqual({
    block: BLOCKS[index],
    status: 0,
    stderr: expect.any(String),
  });
  return result.stdout;
}

// The blocks run in page order: each test takes the machine as the last left it.
describe('the CLI walk-through', () => {
  test('the page has the blocks this test knows', () => {
    expect(BLOCKS.map((block) => /aws-fpga (\S+)/.exec(block)?.[1])).toEqual([
      'reset-mock',
      'describe-local-image-slots',
      'load-local-image',
      'describe-clkgen',
      'set-virtual-dip-switch',
      'watch',
      'clear-local-image',
    ]);
  });

  test('a new machine, its slot empty', () => {
    expect(runBlock(0)).toMatch(/: 1 slot, all empty; loads take 1000 ms, clears 500 ms\n$/);
    expect(runBlock(1)).toMatch(/^AFI +0 +none +not-programmed +3 /m);
  });

  test('a load, seen by the next command', () => {
    const lines = runBlock(2).split('\n');
    expect(lines[0]).toMatch(/^AFI +0 +agfi-080817d089f3cd2ed +loaded +0 /);
    expect(lines[2]).toMatch(/^AFI +0 +agfi-080817d089f3cd2ed +loaded +0 /);
  });

  test('the clocks of the loaded AFI, set by one command and read by the next', () => {
    const output = runBlock(3);
    const firstA1 = (text: string) => /\| clk_extra_a1 \|[^\n]*\n[^\n]*\n\| +([\d.]+) /.exec(text)?.[1];
    const [before, setting, after] = output.split(/(?=^Clock Group A)/m).filter((part) => part.startsWith('Clock Group A'));
    expect(firstA1(before)).toBe('125.00');
    expect(firstA1(setting)).toBe('15.63');
    expect(firstA1(after)).toBe('15.63');
  });

  test('the virtual DIP switches set, and the LEDs the design drives', () => {
    expect(runBlock(4)).toBe(
      'FPGA slot id 0 has the following Virtual DIP Switches:\n0000-0000-0000-1010\n' +
        'FPGA slot id 0 have the following Virtual LED:\n0000-0000-0000-0011\n',
    );
  });

  test('watch sees the clear and the load other processes make', () => {
    const statuses = runBlock(5)
      .split('\n')
      .filter((line) => / slot 0 +status /.test(line))
      .map((line) => line.replace(/^\S+ +slot 0 +status +/, ''));
    expect(statuses).toEqual([
      'loaded agfi-080817d089f3cd2ed',
      'loaded agfi-080817d089f3cd2ed → cleared',
      'cleared → busy agfi-0925b211f5a81b071',
      'busy agfi-0925b211f5a81b071 → loaded agfi-0925b211f5a81b071',
    ]);
  });

  test('the slot cleared', () => {
    expect(runBlock(6).match(/^AFI +0 +none +cleared +1 /gm)).toHaveLength(2);
  });
});
