// Builds the C baseline with the addon's optimisation level (its SDK-style
// loops at -O0) and runs it: linked with the simulated device's sources, or
// with an SDK library given.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

// The compiled baselines of this process, by the library they link.
const built = new Map<string, string>();

function build(sdkLibrary?: string): string {
  const mockDir = path.join(ROOT, 'native', 'mock');
  const linked = sdkLibrary
    ? [sdkLibrary, `-Wl,-rpath,${path.dirname(sdkLibrary)}`]
    : fs.readdirSync(mockDir).filter((f) => f.endsWith('.cc')).map((f) => path.join(mockDir, f));
  const binary = path.join(ROOT, 'build', 'bench', sdkLibrary ? 'c_baseline_sdk' : 'c_baseline');
  fs.mkdirSync(path.dirname(binary), { recursive: true });
  const compiler = process.env.CXX ?? 'g++';
  // The SDK-style loops are built as the SDK builds: without optimisation.
  const sdkStyle = `${binary}-sdk-style.o`;
  execFileSync(process.env.CC ?? 'gcc', ['-O0', '-c', path.join(__dirname, 'sdk_style.c'), '-o', sdkStyle], { stdio: ['ignore', 'inherit', 'inherit'] });
  const sources = [path.join(__dirname, 'c_baseline.cc'), ...linked, sdkStyle];
  execFileSync(compiler, ['-O3', '-std=c++17', `-I${path.join(ROOT, 'native')}`, '-o', binary, ...sources, '-lpthread'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return binary;
}

/** Times the C baseline now (built once per process): nanoseconds per operation, by name. */
export function runCBaseline(ops: number, sdkLibrary?: string): Record<string, number> {
  const key = sdkLibrary ?? '';
  if (!built.has(key)) built.set(key, build(sdkLibrary));
  const output = execFileSync(built.get(key) as string, [String(ops)], { encoding: 'utf8', env: { ...process.env, AWS_FPGA_MOCK_VIRTUAL_TIME: '1' } });
  return JSON.parse(output) as Record<string, number>;
}
