// Runs a program of the package as a user would: a separate process, with the
// backend left to the program unless `env` says otherwise.
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
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

/**
 * `aws-fpga args...`: by default the command's simulated machine (--mock) is a
 * new one, in a state directory of its own removed afterwards; pass
 * AWS_FPGA_MOCK_STATE_DIR in `env` to share one between commands. `node`
 * replaces the Node arguments before the command's (the script and flags).
 */
export function awsFpga(args: readonly string[], env: NodeJS.ProcessEnv = {}, node: readonly string[] = [CLI]): ChildResult {
  if (env.AWS_FPGA_MOCK_STATE_DIR !== undefined) return spawnProgram(process.execPath, [...node, ...args], env);
  const stateDir = mkdtempSync(path.join(tmpdir(), 'aws-fpga-state-'));
  try {
    return spawnProgram(process.execPath, [...node, ...args], { ...env, AWS_FPGA_MOCK_STATE_DIR: stateDir });
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}
