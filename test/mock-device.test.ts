// Builds the C tests under test/native (plain C11 programs written against the
// SDK's API) against the standalone simulated device, and runs each one. A
// program fails on a non-zero exit; it prints "<n> checks, <m> failed" and a
// line per failed check. A first-line comment "env: KEY=VALUE ..." gives a
// program its environment.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';

const run = promisify(execFile);

const ROOT = path.join(__dirname, '..');
const SOURCES = path.join(__dirname, 'native');
const LIBRARY = path.join(ROOT, 'build', 'Release', 'libfpga_mgmt_mock.so');
const PROGRAMS = fs
  .readdirSync(SOURCES)
  .filter((file) => file.endsWith('.c'))
  .map((file) => path.basename(file, '.c'))
  .sort();

let workDir = '';
const summaries: string[] = [];

// The environment a program asks for on its first line.
function programEnv(name: string): Record<string, string> {
  const firstLine = fs.readFileSync(path.join(SOURCES, `${name}.c`), 'utf8').split('\n', 1)[0];
  const match = /env:\s*(.*?)\s*(\*\/)?$/.exec(firstLine);
  if (!match) return {};
  return Object.fromEntries(match[1].split(/\s+/).map((pair) => pair.split('=') as [string, string]));
}

// The parent's environment without the simulated device's settings.
function baseEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_FPGA_MOCK_')));
}

beforeAll(async () => {
  if (!fs.existsSync(LIBRARY)) throw new Error(`${LIBRARY} is missing: build it first (npx node-gyp rebuild)`);
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-fpga-native-'));
  // The library under either name it may carry as its soname.
  for (const name of ['libfpga_mgmt.so.1', 'libfpga_mgmt_mock.so']) fs.symlinkSync(LIBRARY, path.join(workDir, name));
  await Promise.all(
    PROGRAMS.map((name) =>
      run('cc', [
        '-std=c11',
        '-Wall',
        '-Wextra',
        '-Werror',
        '-pthread',
        `-I${path.join(ROOT, 'native')}`,
        path.join(SOURCES, `${name}.c`),
        '-o',
        path.join(workDir, name),
        `-L${workDir}`,
        '-lfpga_mgmt_mock',
        `-Wl,-rpath,${workDir}`,
        '-lm',
      ]),
    ),
  );
}, 120_000);

afterAll(() => {
  if (summaries.length > 0) console.log(`C tests of the simulated device:\n${summaries.join('\n')}`);
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

describe('the simulated device, from C', () => {
  it('has C tests', () => {
    expect(PROGRAMS.length).toBeGreaterThan(0);
  });

  it.each(PROGRAMS)('%s', async (name) => {
    let stdout: string;
    try {
      ({ stdout } = await run(path.join(workDir, name), [], {
        env: { ...baseEnv(), ...programEnv(name) },
        timeout: 60_000,
      }));
    } catch (error) {
      const failed = error as { code?: number; signal?: string; stdout?: string; stderr?: string };
      throw new Error(
        `${name} exited with ${failed.signal ?? failed.code}:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`,
      );
    }
    const counts = /^(\d+) checks, (\d+) failed$/m.exec(stdout);
    expect(counts).not.toBeNull();
    expect(stdout).not.toMatch(/^FAILED/m);
    expect(Number(counts![2])).toBe(0);
    summaries.push(`  ${name}: ${counts![0]}`);
  });
});
