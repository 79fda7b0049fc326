'use strict';
// Checks the file list of the packed tarball (the output of `npm pack --json`, read
// from the file named on the command line): everything a user needs is in it, for
// prebuilt use and for a build from source with either tool, and nothing else is
// (no tests, no build leftovers, no output of deleted sources).
const fs = require('fs');
const path = require('path');
const { readTargets } = require('./gyp-targets');

const ROOT = path.join(__dirname, '..');
const PREBUILDS = `prebuilds/${process.platform}-${process.arch}`;

const ALLOWED = [
  /^(package\.json|README\.md|LICENSE|binding\.gyp|CMakeLists\.txt|scripts\/gyp-targets\.js)$/,
  /^native\/.+\.(cc|h)$/,
  /^types\/.+\.d\.ts$/,
  /^dist\/.+\.(js|d\.ts|mjs|d\.mts)$/,
  new RegExp(`^${PREBUILDS}/(aws-fpga\\.node|libfpga_mgmt_mock\\.so)$`),
];

// Every file the manifest points at, whatever the condition.
function manifestTargets(pkg) {
  const bins = typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin ?? {});
  const targets = [pkg.main, pkg.types, ...bins];
  const walk = (entry) => (typeof entry === 'string' ? targets.push(entry) : Object.values(entry).forEach(walk));
  walk(pkg.exports);
  return targets.map((target) => path.posix.normalize(target));
}

// The TypeScript source a compiled file comes from (undefined for other files).
const COMPILED_FROM = { js: 'ts', 'd.ts': 'ts', mjs: 'mts', 'd.mts': 'mts' };
function sourceOf(file) {
  const match = /^dist\/(.+?)\.(js|d\.ts|mjs|d\.mts)$/.exec(file);
  return match ? `lib/${match[1]}.${COMPILED_FROM[match[2]]}` : undefined;
}

const [pack] = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const files = new Set(pack.files.map((file) => file.path));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const required = [
  'package.json',
  'README.md',
  'binding.gyp',
  'CMakeLists.txt',
  'scripts/gyp-targets.js',
  `${PREBUILDS}/aws-fpga.node`,
  `${PREBUILDS}/libfpga_mgmt_mock.so`,
  ...readTargets(ROOT).flatMap((target) => target.sources),
  ...manifestTargets(pkg).filter((target) => target !== 'package.json'),
];

const problems = [
  ...[...files].filter((file) => !ALLOWED.some((rule) => rule.test(file))).map((file) => `unexpected file ${file}`),
  ...required.filter((file) => !files.has(file)).map((file) => `missing ${file}`),
  ...[...files]
    .filter((file) => sourceOf(file) !== undefined && !fs.existsSync(path.join(ROOT, sourceOf(file))))
    .map((file) => `${file} is left over: ${sourceOf(file)} does not exist (delete dist/ and build again)`),
];
if (problems.length > 0) {
  console.error(`${pack.filename} is not what should be published:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`${pack.filename}: ${files.size} files, ${pack.size} bytes packed, as expected`);
