// Runs a program of the package as a user would: a separate process, with the
// backend left to the program unless `env` says otherwise.
import { spawnSync } from 'child_process';
import * as path from 'path';
import { ROOT, type ChildResult } from './child';

/** The built command-line tool (npm run build:ts, which `npm test` runs first). */
export const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');

/** A path where no SDK library is, to make the SDK backend fail to load. */
export const NO_SDK = path.join(ROOT, 'no-such-dir', 'libfpga_mgmt.so.1');

export function spawnProgram(file: string, args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): ChildResult {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, AWS_FPGA_BACKEND: undefined, AWS_FPGA_SDK_LIBRARY: undefined, ...env };
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
  const result = spawnSync(file, args, { cwd: ROOT, env: childEnv, encoding: 'utf8', timeout: timeoutMs });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** `aws-fpga args...` */
export function awsFpga(args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildResult {
  return spawnProgram(process.execPath, [CLI, ...args], env);
}
