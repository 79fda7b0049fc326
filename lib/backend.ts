// Which implementation of the SDK's C API this process talks to: the SDK
// library on an F2 instance, or the simulated device. Chosen once, at first use.
import * as path from 'path';
import type { NativeBackendInfo, NativeModule } from '../types/native';
import { native } from './native';
import * as check from './validate';

export type BackendChoice = 'auto' | 'sdk' | 'mock';

export interface ConfigureOptions {
  /** 'sdk' loads libfpga_mgmt.so.1, 'mock' uses the simulated device, 'auto' (default) means 'sdk'. */
  backend?: BackendChoice;
  /** An explicit path to the SDK library; wins over every other place. */
  sdkLibrary?: string;
}

export interface BackendInfo {
  backend: 'sdk' | 'mock';
  /** The library file loaded, or a description of the built-in simulated device. */
  library: string;
  /** True when the backend is a simulated device (built in, or its standalone library). */
  simulated: boolean;
}

const CHOICES: readonly BackendChoice[] = ['auto', 'sdk', 'mock'];
const LIBRARY = 'libfpga_mgmt.so.1';
// Where sdk_setup.sh installs the library, in its order of preference.
const INSTALL_DIRS = ['/usr/local/lib64', '/usr/local/lib', '/usr/lib64', '/usr/lib'];

let configured: ConfigureOptions = {};

/**
 * Chooses the backend before first use. The environment variables
 * AWS_FPGA_BACKEND and AWS_FPGA_SDK_LIBRARY do the same; options given here win.
 */
export function configure(options: ConfigureOptions): void {
  const given = check.object('options', options);
  check.knownKeys('options', given, ['backend', 'sdkLibrary']);
  if (given.backend !== undefined) choice(given.backend, 'options.backend');
  if (given.sdkLibrary !== undefined) check.string('options.sdkLibrary', given.sdkLibrary);
  const current = native.backend();
  if (current !== null)
    throw new Error(`aws-fpga: configure() must be called before first use; the ${current.backend} backend is already in use`);
  configured = { ...configured, ...(given as ConfigureOptions) };
}

function choice(value: unknown, name: string): BackendChoice {
  if (!CHOICES.includes(value as BackendChoice))
    throw new RangeError(`${name} must be one of ${CHOICES.join(', ')}, got ${String(value)}`);
  return value as BackendChoice;
}

/** The libraries tried in order: an explicit path alone, or the usual places. */
export function sdkCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const explicit = configured.sdkLibrary ?? env.AWS_FPGA_SDK_LIBRARY;
  if (explicit) return [explicit];
  const candidates = [LIBRARY, ...INSTALL_DIRS.map((dir) => path.join(dir, LIBRARY))];
  if (env.SDK_DIR) {
    const so = path.join(env.SDK_DIR, 'userspace', 'lib', 'so');
    candidates.push(path.join(so, LIBRARY), path.join(so, 'libfpga_mgmt.so'));
  }
  return candidates;
}

function choose(): NativeBackendInfo {
  const wanted = configured.backend ?? choice(process.env.AWS_FPGA_BACKEND ?? 'auto', 'AWS_FPGA_BACKEND');
  if (wanted === 'mock') return native.useMock();
  try {
    return native.useSdk(sdkCandidates());
  } catch (error) {
    const remedies = [
      'install the AWS FPGA SDK on the F2 instance (source sdk_setup.sh from the aws-fpga repository), ' +
        'or point AWS_FPGA_SDK_LIBRARY (or configure({ sdkLibrary })) at libfpga_mgmt.so.1',
    ];
    if (wanted === 'auto')
      remedies.push("or use the simulated device: AWS_FPGA_BACKEND=mock, or configure({ backend: 'mock' })");
    throw new Error(
      `aws-fpga: the AWS FPGA SDK library could not be loaded. Tried:\n${(error as Error).message}` +
        `To fix: ${remedies.join('; ')}.`,
    );
  }
}

// The backend once chosen: it never changes for the life of the environment,
// so the per-call check need not ask the addon (which builds an object).
let inUse: NativeBackendInfo | null = null;

/** The backend in use, choosing it now if nothing has yet. */
export function backendInfo(): BackendInfo {
  inUse ??= native.backend() ?? choose();
  return { ...inUse } as BackendInfo;
}

/** The native module with a backend chosen (choosing it on first use). */
export function ready(): NativeModule {
  if (inUse === null) backendInfo();
  return native;
}

/** 'sdk' or 'mock': which backend this process talks to. */
export function backend(): 'sdk' | 'mock' {
  return backendInfo().backend;
}
