// docs/cli.md against the command itself: every subcommand the help lists, and
// every option of each, is named on the page.
import { readFileSync } from 'fs';
import * as path from 'path';
import { runCli } from '../lib/cli/run';
import { capturedIo } from './fake-aws/streams';
import { ROOT } from './helpers/child';

const PAGE = readFileSync(path.join(ROOT, 'docs', 'cli.md'), 'utf8');

async function help(...argv: string[]): Promise<string> {
  const { io, stdout } = capturedIo({});
  expect(await runCli([...argv, '--help'], io)).toBe(0);
  return stdout.text;
}

// The subcommands of `aws-fpga --help`: the first word of each indented line.
async function subcommands(): Promise<string[]> {
  return [...(await help()).matchAll(/^ {2}([a-z][a-z-]+) {2,}/gm)].map(([, name]) => name);
}

// A command's options as its help lists them: `-S, --fpga-image-slot <slot>` gives both.
function optionsOf(text: string): string[] {
  return [...text.matchAll(/^ {2}(?:(-[A-Za-z]), )? *(--[a-z0-9-]+)/gm)].flatMap(([, short, long]) => (short === undefined ? [long] : [short, long]));
}

test('the page names every subcommand', async () => {
  const names = await subcommands();
  expect(names.length).toBeGreaterThan(20);
  expect(names.filter((name) => !PAGE.includes(`\`${name}\``))).toEqual([]);
});

test("the page names every subcommand's options", async () => {
  const missing: string[] = [];
  for (const name of await subcommands()) {
    for (const option of optionsOf(await help(name))) {
      // Named in code (`--json`, `-S`), or after a slash in a table (`-a`/`--clock-a-recipe`).
      if (!new RegExp(`[\`/]${option}[\`/ ,]`).test(PAGE)) missing.push(`${name} ${option}`);
    }
  }
  expect(missing).toEqual([]);
});
