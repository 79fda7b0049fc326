// Runs a script in a fresh Node process against the built package (dist/), for
// what one process cannot show: backend choice, exit behaviour, finalizers.
import { spawnSync } from 'child_process';
import * as path from 'path';
import { mockLibraryPath } from '../../lib/paths';

export const ROOT = path.join(__dirname, '..', '..');
/** The simulated device's standalone library beside the addon in use (build-asan's or build-tsan's under test:asan or test:tsan). */
export const MOCK_LIBRARY = mockLibraryPath();

export interface ChildResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runNode(script: string, env: NodeJS.ProcessEnv = {}, nodeFlags: string[] = []): ChildResult {
  const preamble = `const fpga = require(${JSON.stringify(path.join(ROOT, 'dist'))});\n`;
  const childEnv: NodeJS.ProcessEnv = { ...process.env, AWS_FPGA_BACKEND: undefined, AWS_FPGA_SDK_LIBRARY: undefined, ...env };
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
  const result = spawnSync(process.execPath, [...nodeFlags, '-e', preamble + script], {
    env: childEnv,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}
