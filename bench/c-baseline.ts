// Builds the C baseline from the project's own sources (the simulated device
// and the SDK ABI header) with the addon's optimisation level, and runs it.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

export function runCBaseline(ops: number): Record<string, number> {
  const mockDir = path.join(ROOT, 'native', 'mock');
  const sources = [
    path.join(__dirname, 'c_baseline.cc'),
    ...fs.readdirSync(mockDir).filter((f) => f.endsWith('.cc')).map((f) => path.join(mockDir, f)),
  ];
  const binary = path.join(ROOT, 'build', 'bench', 'c_baseline');
  fs.mkdirSync(path.dirname(binary), { recursive: true });
  const compiler = process.env.CXX ?? 'g++';
  execFileSync(compiler, ['-O3', '-std=c++17', `-I${path.join(ROOT, 'native')}`, '-o', binary, ...sources, '-lpthread'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const output = execFileSync(binary, [String(ops)], { encoding: 'utf8', env: { ...process.env, AWS_FPGA_MOCK_VIRTUAL_TIME: '1' } });
  return JSON.parse(output) as Record<string, number>;
}
