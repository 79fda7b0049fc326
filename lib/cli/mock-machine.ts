// The simulated machine the --mock commands share. Its state lives in a file
// between commands; a lock on a second file lets one command at a time use
// it: a command holds the lock from reading the state to writing it back,
// and watch takes it only for each read.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { setTimeout as delay } from 'timers/promises';
import type { CliStream } from './command';
import { deviceLibrary, nativeAddon } from './library';

/** The environment variable naming the state directory (the --mock-state flag wins over it). */
export const STATE_DIR_VARIABLE = 'AWS_FPGA_MOCK_STATE_DIR';
export const STATE_FILE = 'mock-device.state';
const LOCK_FILE = 'mock-device.lock';
const LOCK_POLL_MS = 50;
// A wait this long is reported, with the process that holds the machine.
const LOCK_NOTICE_MS = 1000;

/** Where the machine lives: --mock-state, else $AWS_FPGA_MOCK_STATE_DIR, else $XDG_STATE_HOME/aws-fpga or ~/.local/state/aws-fpga. */
export function mockStateDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag !== undefined) return path.resolve(flag);
  const own = env[STATE_DIR_VARIABLE];
  if (own !== undefined && own !== '') return path.resolve(own);
  // The XDG base directory spec ignores a relative XDG_STATE_HOME.
  const xdg = env.XDG_STATE_HOME;
  const base = xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.local', 'state');
  return path.join(base, 'aws-fpga');
}

export interface MachineIo {
  readonly stderr: CliStream;
  readonly signal?: AbortSignal;
}

/** The state file cannot be used; the message names it and the way out. */
export class MockStateError extends Error {
  override readonly name = 'MockStateError';
}

/** The machine's directory, as a command uses it: `dir`, and the flag that chose it, for messages. */
export interface MachineLocation {
  readonly dir: string;
  /** --mock-state as given, to repeat in the reset hint. */
  readonly flag?: string;
}

// The built-in simulated device, chosen now unless this process already has it.
function useSimulatedDevice(): void {
  const current = nativeAddon().backend();
  if (current === null) deviceLibrary().configure({ backend: 'mock' });
  else if (!current.simulated || current.backend !== 'mock')
    throw new Error(`--mock: this process already uses ${current.library}, not the built-in simulated device`);
  deviceLibrary().backendInfo();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('../native') as typeof import('../native')).setMoreSlotsHint('aws-fpga reset-mock --slots 8');
}

function holder(lockPath: string): string {
  const pid = fs.readFileSync(lockPath, 'utf8').trim();
  return /^\d+$/.test(pid) ? ` (process ${pid})` : '';
}

async function lock(location: MachineLocation, io: MachineIo): Promise<number> {
  fs.mkdirSync(location.dir, { recursive: true });
  const lockPath = path.join(location.dir, LOCK_FILE);
  const fd = fs.openSync(lockPath, 'a+');
  try {
    const started = Date.now();
    let told = false;
    while (!nativeAddon().tryLockFile(fd)) {
      if (!told && Date.now() - started >= LOCK_NOTICE_MS) {
        io.stderr.write(`Waiting for another aws-fpga command${holder(lockPath)} to finish with the simulated device in ${location.dir}\n`);
        told = true;
      }
      // An interrupt ends the wait as it would the command.
      await delay(LOCK_POLL_MS, undefined, { signal: io.signal }).catch((error: unknown) => {
        throw io.signal?.aborted === true ? io.signal.reason : error;
      });
    }
    // For the message of the next process to wait.
    fs.ftruncateSync(fd);
    fs.writeSync(fd, `${process.pid}\n`);
    return fd;
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
}

function resetHint(location: MachineLocation): string {
  const flag = location.flag === undefined ? '' : ` --mock-state ${location.flag}`;
  return `To start again from a new simulated device, run 'aws-fpga reset-mock${flag}' (it replaces the file).`;
}

/** Puts the in-process simulated device in the saved state, if there is one. */
function restore(location: MachineLocation): void {
  const file = path.join(location.dir, STATE_FILE);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // a new machine
    throw error;
  }
  try {
    nativeAddon().mockRestoreState(bytes);
  } catch (error) {
    throw new MockStateError(`the simulated device's state in ${file} cannot be used: ${(error as Error).message}.\n${resetHint(location)}`);
  }
}

/** A machine held by this process: the simulated device in use is the saved one until release(). */
export class MockMachine {
  #fd: number | undefined;

  private constructor(
    readonly location: MachineLocation,
    fd: number,
  ) {
    this.#fd = fd;
  }

  /**
   * Chooses the simulated device, waits for the machine's lock and restores
   * its state. `fresh` skips the restore: the caller resets the device.
   */
  static async take(location: MachineLocation, io: MachineIo, fresh = false): Promise<MockMachine> {
    useSimulatedDevice();
    const fd = await lock(location, io);
    const machine = new MockMachine(location, fd);
    try {
      if (!fresh) restore(location);
    } catch (error) {
      machine.release();
      throw error;
    }
    return machine;
  }

  /** Writes the device's state back, whole or not at all (a new file renamed over the old). */
  save(): void {
    const file = path.join(this.location.dir, STATE_FILE);
    const partial = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(partial, nativeAddon().mockSaveState());
    fs.renameSync(partial, file);
  }

  /** Lets the next command have the machine. Idempotent. */
  release(): void {
    if (this.#fd === undefined) return;
    fs.closeSync(this.#fd);
    this.#fd = undefined;
  }
}

/** Brings the in-process device up to the machine's saved state, holding the lock only meanwhile (watch). */
export async function refreshMachine(location: MachineLocation, io: MachineIo): Promise<void> {
  const fd = await lock(location, io);
  try {
    restore(location);
  } finally {
    fs.closeSync(fd);
  }
}
