// An ES module user: named imports work, and both entry points give the very objects
// require() gives (one copy of the package's state, not two).
import * as assert from 'assert';
import { createRequire } from 'module';
import { FpgaPci } from 'aws-fpga';
import * as fpga from 'aws-fpga';
import * as afi from 'aws-fpga/afi';
import { exercise } from './exercise.cjs';

const require = createRequire(import.meta.url);
for (const [specifier, namespace] of [['aws-fpga', fpga], ['aws-fpga/afi', afi]] as const) {
  const loaded: Record<string, unknown> = require(specifier);
  const imported: Record<string, unknown> = { ...namespace };
  delete imported.__esModule;
  assert.deepStrictEqual(Object.keys(imported).sort(), Object.keys(loaded).sort(), `${specifier}: the same names`);
  for (const name of Object.keys(loaded)) assert.strictEqual(imported[name], loaded[name], `${specifier}: the same ${name}`);
}
assert.strictEqual(typeof FpgaPci, 'function');
exercise(fpga, 'import');
