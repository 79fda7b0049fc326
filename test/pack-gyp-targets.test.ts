// scripts/gyp-targets.js hands binding.gyp's lists to CMake: it must apply gyp's
// merge rules, and stop on what it does not translate rather than drop it.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

interface GypTarget {
  name: string;
  type: string;
  prefix: string;
  sources: string[];
  defines: string[];
  include_dirs: string[];
  cflags_cc: string[];
  libraries: string[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readTargets } = require('../scripts/gyp-targets') as { readTargets(dir: string): GypTarget[] };

function targetsOf(gyp: string): GypTarget[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gyp-targets-'));
  try {
    fs.writeFileSync(path.join(dir, 'binding.gyp'), gyp);
    return readTargets(dir);
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
}

describe('reading binding.gyp', () => {
  it('merges target_defaults, applies exclusions and expands variables and commands', () => {
    const [addon, library] = targetsOf(`{
      # a comment, and a '#' inside strings
      'variables': { 'shared': ['b.cc', "c#.cc"] },
      'target_defaults': { 'cflags_cc': ['-Wall', '-fno-exceptions'], 'cflags_cc!': ['-fno-exceptions'] },
      'targets': [
        { 'target_name': 'addon', 'sources': ['a.cc', '<@(shared)'], 'include_dirs': ['<!(echo include)'],
          'defines': ['X=1'], },
        { 'target_name': 'lib', 'type': 'shared_library', 'product_prefix': 'lib', 'sources': ['<@(shared)'],
          'cflags_cc': ['-fvisibility=default'], 'libraries': ['-ldl'] },
      ],
    }`);
    expect(addon).toMatchObject({
      name: 'addon',
      type: 'loadable_module',
      prefix: '',
      sources: ['a.cc', 'b.cc', 'c#.cc'],
      include_dirs: ['include'],
      defines: ['X=1'],
      cflags_cc: ['-Wall'],
    });
    expect(library).toMatchObject({
      name: 'lib',
      type: 'shared_library',
      prefix: 'lib',
      sources: ['b.cc', 'c#.cc'],
      cflags_cc: ['-Wall', '-fvisibility=default'],
      libraries: ['-ldl'],
    });
  });

  it.each([
    ['conditions', `{ 'targets': [{ 'target_name': 'a', 'conditions': [] }] }`, '"conditions" in target a'],
    ['an unknown top-level key', `{ 'includes': ['x.gypi'], 'targets': [] }`, 'the top-level "includes"'],
    ['a string expansion', `{ 'targets': [{ 'target_name': 'a', 'sources': ['<(dir)/a.cc'] }] }`, 'the expansion'],
    ['a missing list variable', `{ 'targets': [{ 'target_name': 'a', 'sources': ['<@(none)'] }] }`, 'list variable none'],
    ['an unknown target type', `{ 'targets': [{ 'target_name': 'a', 'type': 'executable' }] }`, 'target type executable'],
  ])('stops on %s', (_case, gyp, message) => {
    expect(() => targetsOf(gyp)).toThrow(message);
  });
});
