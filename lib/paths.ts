// Where the package's native files are. node-gyp-build chooses the addon (build/Release
// in a source tree, prebuilds/<platform>-<arch> in an installed package); the simulated
// device's standalone library is built, and shipped, in the same directory.
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const MOCK_LIBRARY = 'libfpga_mgmt_mock.so';

/**
 * The path of the simulated device built as a standalone shared library: it exports the
 * SDK's C functions and has the SDK's soname, `libfpga_mgmt.so.1`. Point
 * `AWS_FPGA_SDK_LIBRARY` at it to run the `sdk` backend without an FPGA, or use it in
 * place of the SDK library under C programs.
 *
 * @returns the absolute path of `libfpga_mgmt_mock.so`, beside the addon in use
 * @throws Error when the addon's directory has no such library
 */
export function mockLibraryPath(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const addon: string = require('node-gyp-build').path(ROOT);
  const library = path.join(path.dirname(addon), MOCK_LIBRARY);
  if (!fs.existsSync(library))
    throw new Error(`aws-fpga: the simulated-device library is not beside the addon (${addon}); expected ${library}`);
  return library;
}
