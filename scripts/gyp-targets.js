'use strict';
// binding.gyp is the one list of the native targets, their sources and their build
// settings. This reads it for the other tools: CMakeLists.txt includes its output
// (`node scripts/gyp-targets.js` prints CMake variables), and the packaging check
// requires every listed source in the tarball. It understands the parts of gyp that
// binding.gyp uses and stops on anything else, so that node-gyp and cmake-js cannot
// quietly build different things.
const { execSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const vm = require('vm');

// Lists that gyp appends from target_defaults to each target and then filters by
// their "name!" exclusion lists.
const LISTS = ['sources', 'defines', 'include_dirs', 'cflags', 'cflags_cc', 'ldflags', 'libraries'];
// Settings about gyp's own output layout, with no meaning for the compiler.
const LAYOUT = ['target_name', 'type', 'product_dir', 'product_prefix'];
const TYPES = ['loadable_module', 'shared_library'];

function unsupported(what) {
  return new Error(`binding.gyp: ${what} is not understood by scripts/gyp-targets.js; teach it before using it`);
}

// A gyp file is a Python literal; without its comments it also reads as a JavaScript
// expression (quotes of both kinds, trailing commas).
function parse(text) {
  const code = text.replace(/("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')|#.*/g, (match, string) => string ?? '');
  return vm.runInNewContext(`(${code})`, Object.create(null), { filename: 'binding.gyp' });
}

// Expands one list item: <@(variable) into that variable's items, <!(command) into
// the command's output, run in the project directory as gyp does.
function expand(item, variables, dir) {
  const list = /^<@\((\w+)\)$/.exec(item);
  if (list) {
    if (!Array.isArray(variables[list[1]])) throw unsupported(`the list variable ${list[1]}`);
    return variables[list[1]].flatMap((inner) => expand(inner, variables, dir));
  }
  const command = /^<!\((.+)\)$/.exec(item);
  if (command) return [execSync(command[1], { cwd: dir, encoding: 'utf8' }).trim()];
  if (/<[!@(|]/.test(item)) throw unsupported(`the expansion in "${item}"`);
  return [item];
}

function checkKeys(where, settings) {
  for (const key of Object.keys(settings)) {
    const list = key.endsWith('!') ? key.slice(0, -1) : key;
    if (!LISTS.includes(list) && !(key === list && LAYOUT.includes(key))) throw unsupported(`"${key}" in ${where}`);
  }
}

/** The targets of <dir>/binding.gyp with target_defaults merged in and variables expanded. */
function readTargets(dir) {
  const gyp = parse(fs.readFileSync(path.join(dir, 'binding.gyp'), 'utf8'));
  for (const key of Object.keys(gyp))
    if (!['variables', 'target_defaults', 'targets'].includes(key)) throw unsupported(`the top-level "${key}"`);
  const variables = gyp.variables ?? {};
  const defaults = gyp.target_defaults ?? {};
  checkKeys('target_defaults', defaults);
  return gyp.targets.map((target) => {
    checkKeys(`target ${target.target_name}`, target);
    const type = target.type ?? 'loadable_module';
    if (!TYPES.includes(type)) throw unsupported(`the target type ${type}`);
    const merged = { name: target.target_name, type, prefix: target.product_prefix ?? '' };
    for (const list of LISTS) {
      const excluded = [...(defaults[`${list}!`] ?? []), ...(target[`${list}!`] ?? [])];
      merged[list] = [...(defaults[list] ?? []), ...(target[list] ?? [])]
        .flatMap((item) => expand(item, variables, dir))
        .filter((item) => !excluded.includes(item));
    }
    return merged;
  });
}

// A CMake quoted argument: backslash, quote and dollar escaped; a semicolon would
// split the item into a list, so it is refused.
function quote(item) {
  if (item.includes(';')) throw unsupported(`the semicolon in "${item}"`);
  return `"${item.replace(/[\\"$]/g, '\\$&')}"`;
}

/** CMake variables for CMakeLists.txt: GYP_TARGETS, then GYP_<target>_<SETTING> for each. */
function toCmake(targets) {
  const lines = [`set(GYP_TARGETS ${targets.map((target) => quote(target.name)).join(' ')})`];
  for (const target of targets) {
    const set = (name, items) => lines.push(`set(GYP_${target.name}_${name} ${items.map(quote).join(' ')})`);
    set('TYPE', [target.type]);
    set('PREFIX', [target.prefix]);
    const other = target.sources.find((source) => !/\.(cc|cpp|cxx|h|hpp)$/.test(source));
    if (other) throw unsupported(`the source ${other}, which is not C++`);
    set('SOURCES', target.sources);
    set('DEFINES', target.defines);
    set('INCLUDE_DIRS', target.include_dirs);
    // gyp gives cflags to C and C++, cflags_cc to C++ only; the project is C++ only.
    set('CXXFLAGS', [...target.cflags, ...target.cflags_cc]);
    set('LDFLAGS', target.ldflags);
    set('LIBRARIES', target.libraries);
  }
  return lines.join('\n') + '\n';
}

module.exports = { readTargets };

if (require.main === module) process.stdout.write(toCmake(readTargets(path.join(__dirname, '..'))));
