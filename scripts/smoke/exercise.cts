// What every smoke program checks on the package it loaded: its native files come
// from SMOKE_NATIVE_DIR, the backend is the one the environment chose
// (AWS_FPGA_BACKEND, AWS_FPGA_SDK_LIBRARY), and a BAR of the simulated device can be
// attached, written and read back.
import * as assert from 'assert';
import * as path from 'path';
import type * as Fpga from 'aws-fpga';

export function exercise(fpga: typeof Fpga, program: string): void {
  assert.strictEqual(path.dirname(fpga.mockLibraryPath()), process.env.SMOKE_NATIVE_DIR);
  const bar = new fpga.FpgaPci().attach(0, fpga.APP_PF, 0);
  bar.poke(0x500, 0xcafef00d);
  assert.strictEqual(bar.peek(0x500), 0xcafef00d);
  bar.detach();
  const info = fpga.backendInfo();
  assert.strictEqual(info.backend, process.env.AWS_FPGA_BACKEND);
  assert.strictEqual(info.simulated, true);
  if (info.backend === 'sdk') assert.strictEqual(info.library, process.env.AWS_FPGA_SDK_LIBRARY);
  console.log(`${program}: ${info.backend} backend, ${info.library}: poke and peek agree`);
}
