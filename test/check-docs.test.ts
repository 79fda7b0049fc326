// scripts/check-docs.mjs, the documentation's snippet checker, on small documents:
// it passes good blocks of every kind and fails each kind of broken one, naming the
// file and the line.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from './helpers/child';
import { spawnProgram } from './helpers/spawn';

const CHECKER = path.join(ROOT, 'scripts', 'check-docs.mjs');
const fence = '```';

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-fpga-check-docs-'));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

jest.setTimeout(60_000);

/** Writes `lines` as a markdown file and runs the checker on it. */
function check(name: string, lines: string[]) {
  const file = path.join(dir, `${name}.md`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, ...spawnProgram(process.execPath, [CHECKER, file]) };
}

test('good blocks of every kind pass, and are counted', () => {
  const result = check('good', [
    '# Good',
    `${fence}ts`,
    "import { openSlot, type Slot } from 'aws-fpga';",
    'const slot: Slot = openSlot(0);',
    'await slot.close();',
    fence,
    `${fence}js run`,
    "import { configure, listSlots } from 'aws-fpga';",
    "configure({ backend: 'mock' });",
    'console.log(listSlots().length);',
    fence,
    `${fence}text output`,
    '1',
    fence,
    `${fence}sh run`,
    'aws-fpga describe-local-image -S 0 --mock',
    fence,
    `${fence}json`,
    '{ "a": [1, 2] }',
    fence,
    `${fence}ts no-check`,
    'this is not TypeScript',
    fence,
  ]);
  expect(result.stderr).toBe('');
  expect(result.stdout).toBe(
    'check-docs: 6 code blocks in 1 files: 1 type-checked, 2 run, 1 outputs compared, 1 JSON parsed, 1 shown only\n',
  );
  expect(result.status).toBe(0);
});

// Each case: a document whose block at `line` is broken, and what the report says.
const broken: Array<[string, string[], number, RegExp]> = [
  ['a type error', [`${fence}ts`, "import { openSlot } from 'aws-fpga';", "openSlot('0');", fence], 3, /TS2345/],
  ['an import that does not resolve', [`${fence}ts`, "import { nothing } from 'aws-fpga';", fence], 2, /has no exported member/],
  [
    'a run block that does not choose the simulated device',
    [`${fence}js run`, "import { openSlot } from 'aws-fpga';", 'openSlot(0);', fence],
    1,
    /js run block failed \(exit code 1\)[\s\S]*could not be loaded/,
  ],
  ['a run block that throws', [`${fence}js run`, "throw new Error('boom');", fence], 1, /boom/],
  ['output that differs', [`${fence}js run`, "console.log('hello');", fence, `${fence}text output`, 'goodbye', fence], 4, /differs[\s\S]*hello/],
  ['output after no run block', [`${fence}text output`, 'goodbye', fence], 1, /must follow a js run or sh run block/],
  ['a shell command that fails', [`${fence}sh run`, 'true', 'false', 'echo never', fence], 3, /failed: false/],
  ['a block with no language', [fence, 'text', fence], 1, /has no language/],
  ['a js block without a marker', [`${fence}js`, '1', fence], 1, /write ```js run or ```js no-check/],
  ['an unknown marker', [`${fence}ts runs`, '1', fence], 1, /write ```ts or ```ts no-check/],
  ['an unchecked language', [`${fence}python`, 'print(1)', fence], 1, /'python', which is not checked/],
  ['JSON that does not parse', [`${fence}json`, '{ "a": 1, }', fence], 1, /json block does not parse/],
];

test.each(broken)('%s fails, naming the file and line', (_, body, line, report) => {
  const result = check('broken', ['# Broken', '', ...body]);
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(`${result.file}:${line + 2}`);
  expect(result.stderr).toMatch(report);
  expect(result.stderr).toMatch(/check-docs: 1 problem;/);
});

test('the README quick tour is a run block whose output is checked', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const tour = readme.slice(readme.indexOf('## Quick tour'), readme.indexOf('\n## ', readme.indexOf('## Quick tour') + 1));
  const start = tour.indexOf(`${fence}js run\n`);
  expect(start).toBeGreaterThan(0);
  const code = tour.slice(start, tour.indexOf(`\n${fence}\n`, start));
  // Plain JavaScript on Node 20: no explicit resource management syntax.
  expect(code).not.toMatch(/\b(await )?using\b/);
  expect(code).toContain("configure({ backend: 'mock' })");
  expect(tour.indexOf(`${fence}text output\n`)).toBeGreaterThan(start);
});
