#!/usr/bin/env node
// Checks the fenced code blocks of the documentation, so that what the docs show
// compiles and what they say runs does run.
//
// Usage: node scripts/check-docs.mjs [file.md ...]   (default: README.md and docs/*.md)
// Needs the compiled package (npm run build:ts); `npm run test:docs` builds it first.
//
// Every block's info string is a language and at most one marker:
//
//   ```ts            type-checked with tsc (strict, as an ES module, top-level await
//                    allowed) against the package's published types: `import ... from
//                    'aws-fpga'` and 'aws-fpga/afi' resolve to this package's dist/
//   ```ts no-check   shown only (a fragment, or code for an API still to come)
//   ```js run        run with node as an ES module (.mjs) in a project that has this
//                    package as aws-fpga. The environment chooses no backend and the
//                    SDK library cannot be found, so the block must choose the simulated
//                    device itself, as a reader off F2 would have to
//   ```js no-check   shown only
//   ```sh run        run with bash -euo pipefail in that project, `aws-fpga` on the PATH;
//                    the same environment as js run, with XDG_STATE_HOME and XDG_CACHE_HOME
//                    inside the project, so what one block leaves there the next one sees
//   ```sh no-check   shown only (builds, AWS calls, F2-only commands)
//   ```text output   what the run block just before it prints: compared with its stdout
//   ```text          output or any other text, left alone
//   ```json          parsed as JSON
//
// A block with no language, a language not listed, or js and sh blocks without a
// marker are errors: each block says whether it is checked. A failure names the file
// and line of the block (of the line, for a type error) and exits 1.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUN_TIMEOUT_MS = 120_000;
// Which markers each language takes; '' is no marker.
const MARKERS = {
  ts: ['', 'no-check'],
  js: ['run', 'no-check'],
  sh: ['run', 'no-check'],
  text: ['', 'output'],
  json: [''],
};

/** The fenced blocks of a markdown file: { file, line (of the fence, 1-based), lang, marker, code }. */
export function extractBlocks(file, text) {
  const blocks = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const body = [];
    let j = i + 1;
    while (j < lines.length && !new RegExp(`^\\s*${fence[0]}{${fence.length},}\\s*$`).test(lines[j])) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
      j++;
    }
    if (j === lines.length) throw new Error(`${file}:${i + 1}: code block never closed`);
    const [lang = '', ...rest] = info.trim().split(/\s+/).filter(Boolean);
    blocks.push({ file, line: i + 1, lang, marker: rest.join(' '), code: `${body.join('\n')}\n` });
    i = j;
  }
  return blocks;
}

/** Why a block's info string is not allowed, or undefined. */
function markerProblem({ lang, marker }) {
  if (lang === '') return 'has no language: give one (ts, js, sh, text, json) and a marker if it needs one';
  const allowed = MARKERS[lang];
  if (allowed === undefined) return `has the language '${lang}', which is not checked: use one of ${Object.keys(MARKERS).join(', ')}`;
  if (!allowed.includes(marker)) {
    const choices = allowed.map((m) => (m === '' ? `\`\`\`${lang}` : `\`\`\`${lang} ${m}`)).join(' or ');
    return `is \`\`\`${[lang, marker].filter(Boolean).join(' ')}: write ${choices}`;
  }
  return undefined;
}

// A doc's path as the reader typed it: relative to the working directory when inside it.
function shownPath(file) {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

const where = (block, offset = 0) => `${shownPath(block.file)}:${block.line + offset}`;

/** A project directory in which 'aws-fpga' is this package, as it is in a user's project. */
function makeProject() {
  const dir = fs.mkdtempSync(path.join(ROOT, '.docs-check-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'aws-fpga'), 'dir');
  fs.mkdirSync(path.join(dir, 'bin'));
  const cli = path.join(dir, 'bin', 'aws-fpga');
  fs.writeFileSync(cli, `#!/bin/sh\nexec "${process.execPath}" "${path.join(ROOT, 'dist', 'cli', 'main.js')}" "$@"\n`, { mode: 0o755 });
  return dir;
}

function blockFileName(block, extension) {
  const doc = path.relative(ROOT, block.file).replace(/[^A-Za-z0-9.]+/g, '_');
  return `${doc}-L${block.line}${extension}`;
}

/** Type-checks the ts blocks in one program; returns the failures. */
function typeCheck(blocks, project) {
  if (blocks.length === 0) return [];
  const byFile = new Map();
  for (const block of blocks) {
    const file = path.join(project, blockFileName(block, '.mts'));
    fs.writeFileSync(file, block.code);
    byFile.set(file, block);
  }
  const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  Object.assign(options, {
    noEmit: true,
    declaration: false,
    sourceMap: false,
    // A snippet may name a value only to show it.
    noUnusedLocals: false,
    noUnusedParameters: false,
    rootDir: undefined,
    outDir: undefined,
  });
  const program = ts.createProgram([...byFile.keys()], options);
  const failures = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const block = diagnostic.file && byFile.get(path.resolve(diagnostic.file.fileName));
    if (!block) {
      failures.push(`type check: ${message}`);
      continue;
    }
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    failures.push(`${where(block, line + 1)}: ts block (line ${block.line}) does not type-check: TS${diagnostic.code}: ${message}`);
  }
  return failures;
}

/** The environment of run blocks: no backend chosen, no SDK library to find. */
function runEnvironment(project) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => key !== 'AWS_FPGA_BACKEND' && !key.startsWith('AWS_FPGA_MOCK_')),
  );
  env.AWS_FPGA_SDK_LIBRARY = path.join(project, 'no-sdk', 'libfpga_mgmt.so.1');
  env.PATH = `${path.join(project, 'bin')}${path.delimiter}${env.PATH ?? ''}`;
  // State a command keeps between runs stays in the project, shared by the blocks of one check.
  env.XDG_STATE_HOME = path.join(project, 'state');
  env.XDG_CACHE_HOME = path.join(project, 'cache');
  return env;
}

const indented = (text) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');

/** Runs one js or sh block; returns { stdout, failure? }. */
function runBlock(block, project) {
  const env = runEnvironment(project);
  let result;
  let file;
  if (block.lang === 'js') {
    file = path.join(project, blockFileName(block, '.mjs'));
    fs.writeFileSync(file, block.code);
    result = spawnSync(process.execPath, [file], { cwd: project, env, encoding: 'utf8', timeout: RUN_TIMEOUT_MS });
  } else {
    file = path.join(project, blockFileName(block, '.sh'));
    // Name the command that failed and its line, since bash's own report does not.
    const trap = `trap 'echo "check-docs: line $((LINENO - 1)) failed: $BASH_COMMAND" >&2' ERR\n`;
    fs.writeFileSync(file, trap + block.code);
    result = spawnSync('bash', ['-euo', 'pipefail', file], { cwd: project, env, encoding: 'utf8', timeout: RUN_TIMEOUT_MS });
  }
  if (result.status === 0) return { stdout: result.stdout };
  // Stack frames and bash's messages point into the temporary file: point them at the doc.
  const docLine = (n) => where(block, n);
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const stderr = (result.stderr ?? '')
    .replace(new RegExp(`(?:file://)?${escaped}:(\\d+)(?::\\d+)?`, 'g'), (_, n) => docLine(Number(n)))
    .replace(new RegExp(`${escaped}: line (\\d+)`, 'g'), (_, n) => docLine(Number(n) - 1))
    .replace(/check-docs: line (\d+) failed/g, (_, n) => `${docLine(Number(n))} failed`);
  const how = result.error ? result.error.message : result.signal ? `killed by ${result.signal}` : `exit code ${result.status}`;
  return {
    stdout: result.stdout ?? '',
    failure: `${where(block)}: ${block.lang} run block failed (${how})\n${indented(stderr || result.stdout || '(no output)')}`,
  };
}

const normalized = (text) =>
  text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();

function outputProblem(block, previous, ran) {
  if (previous === undefined || !ran.has(previous))
    return `${where(block)}: a text output block must follow a js run or sh run block`;
  const { stdout, failure } = ran.get(previous);
  if (failure !== undefined) return undefined; // already reported
  if (normalized(stdout) === normalized(block.code)) return undefined;
  return `${where(block)}: the output shown differs from what the block at line ${previous.line} printed:\n${indented(stdout || '(nothing)')}`;
}

export function checkFiles(files) {
  const blocks = files.flatMap((file) => extractBlocks(file, fs.readFileSync(file, 'utf8')));
  const failures = [];
  const counts = { typeChecked: 0, run: 0, outputs: 0, json: 0, shown: 0 };
  for (const block of blocks) {
    const problem = markerProblem(block);
    if (problem) failures.push(`${where(block)}: the code block ${problem}`);
  }
  const valid = blocks.filter((block) => !markerProblem(block));
  const project = makeProject();
  try {
    const tsBlocks = valid.filter((b) => b.lang === 'ts' && b.marker === '');
    failures.push(...typeCheck(tsBlocks, project));
    counts.typeChecked = tsBlocks.length;

    const ran = new Map();
    let previous;
    for (const block of valid) {
      if (block.marker === 'run') {
        const outcome = runBlock(block, project);
        ran.set(block, outcome);
        if (outcome.failure) failures.push(outcome.failure);
        counts.run++;
      } else if (block.lang === 'text' && block.marker === 'output') {
        const problem = outputProblem(block, previous?.file === block.file ? previous : undefined, ran);
        if (problem) failures.push(problem);
        counts.outputs++;
      } else if (block.lang === 'json') {
        try {
          JSON.parse(block.code);
        } catch (error) {
          failures.push(`${where(block)}: json block does not parse: ${error.message}`);
        }
        counts.json++;
      } else if (block.marker === 'no-check' || block.lang === 'text') {
        counts.shown++;
      }
      previous = block;
    }
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
  return { blocks: blocks.length, files: files.length, counts, failures };
}

function defaultFiles() {
  const docs = path.join(ROOT, 'docs');
  const pages = fs
    .readdirSync(docs)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => path.join(docs, name));
  return [path.join(ROOT, 'README.md'), ...pages];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = process.argv.length > 2 ? process.argv.slice(2).map((file) => path.resolve(file)) : defaultFiles();
  const { blocks, counts, failures } = checkFiles(files);
  for (const failure of failures) console.error(failure);
  const summary =
    `${blocks} code blocks in ${files.length} files: ${counts.typeChecked} type-checked, ${counts.run} run, ` +
    `${counts.outputs} outputs compared, ${counts.json} JSON parsed, ${counts.shown} shown only`;
  if (failures.length > 0) {
    console.error(`check-docs: ${failures.length} problem${failures.length === 1 ? '' : 's'}; ${summary}`);
    process.exitCode = 1;
  } else {
    console.log(`check-docs: ${summary}`);
  }
}
