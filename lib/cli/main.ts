#!/usr/bin/env node
// The aws-fpga command (package.json "bin").
import { runCli } from './run';

const interrupt = new AbortController();
// The first Ctrl-C ends the command cleanly (a load or clear already in the
// SDK still runs to its end first); a second one kills the process.
process.once('SIGINT', () => interrupt.abort());

void runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, signal: interrupt.signal }).then(
  (code) => {
    process.exitCode = code;
  },
);
