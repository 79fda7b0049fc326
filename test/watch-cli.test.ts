// The watch subcommand on the simulated device, its command line parsed as
// the aws-fpga CLI does (node:util parseArgs on the command's options).
import { parseArgs } from 'node:util';
import { FpgaError, FpgaMgmt, type WatchEvent } from '../lib';
import { watchCommand } from '../lib/cli/watch-command';
import { formatWatchEvent, formatWatchEventJson } from '../lib/watch/format';
import { SDE_AGFI, simulated, virtualDevice } from './afis';
import { CapturedStream } from './fake-aws/streams';

const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/;

let mgmt: FpgaMgmt;

beforeEach(async () => {
  virtualDevice();
  mgmt = new FpgaMgmt();
  await mgmt.loadLocalImageSyncFlags(0, SDE_AGFI);
});

afterEach(async () => {
  await mgmt.close();
});

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function watch(args: string[], options: { signal?: AbortSignal; stdout?: CapturedStream } = {}) {
  const stdout = options.stdout ?? new CapturedStream();
  const stderr = new CapturedStream();
  const { values } = parseArgs({ args, options: watchCommand.options, strict: true });
  const code = await watchCommand.run(values, [], { stdout, stderr, signal: options.signal });
  return { code, lines: stdout.text.split('\n').slice(0, -1), stderr: stderr.text };
}

const untimed = (lines: string[]) => lines.map((line) => line.replace(TIME, '<time>'));

test('one timestamped line per event, until --count polls', async () => {
  const { code, lines, stderr } = await watch(['-S', '0', '--count', '3', '--interval', '1']);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  expect(lines.every((line) => TIME.test(line))).toBe(true);
  expect(untimed(lines)).toEqual([
    `<time>  slot 0  status           loaded ${SDE_AGFI}`,
    '<time>  slot 0  power            24 W (mean 24 W, max 24 W)',
    '<time>  slot 0  power            24 W (mean 24 W, max 24 W)',
    '<time>  slot 0  power            24 W (mean 24 W, max 24 W)',
  ]);
});

test('--json: one JSON object per line, 64-bit values as decimal strings', async () => {
  const { code, lines } = await watch(['--fpga-image-slot', '0', '--count', '2', '--interval', '1', '--json']);
  expect(code).toBe(0);
  const events = lines.map((line) => JSON.parse(line));
  expect(events).toHaveLength(3);
  expect(events[0]).toEqual({
    time: expect.stringMatching(TIME),
    slot: 0,
    type: 'status',
    previous: null,
    current: { status: 'loaded', statusCode: 0, statusQ: 0, statusQName: 'ok', afiId: SDE_AGFI },
  });
  expect(events[1]).toEqual({ time: expect.stringMatching(TIME), slot: 0, type: 'power', watts: { last: '24', mean: '24', max: '24' } });
});

test('an interrupt (SIGINT in the CLI) stops it at once, with exit code 0', async () => {
  const interrupt = new AbortController();
  const stdout = new CapturedStream();
  stdout.onWrite = () => interrupt.abort();
  const { code, lines } = await watch(['-S', '0'], { signal: interrupt.signal, stdout });
  expect(code).toBe(0);
  expect(untimed(lines)).toEqual([`<time>  slot 0  status           loaded ${SDE_AGFI}`]);
});

test('a failed poll is a line too, and JSON carries the FpgaError fields', async () => {
  mgmt.setCmdTimeout(2);
  mgmt.setCmdDelayMsec(1);
  try {
    simulated().mockSetUnresponsive(0, true);
    const text = await watch(['-S', '0', '--count', '1']);
    const failed = 'mgmt.describeLocalImage failed on slot 0: Connection timed out (ETIMEDOUT, -110). The request timed out.';
    expect(untimed(text.lines)).toEqual([expect.stringMatching(`^<time>  slot 0  error            ${escapeRegExp(failed)}`)]);
    const json = await watch(['-S', '0', '--count', '1', '--json']);
    expect(JSON.parse(json.lines[0]).error).toMatchObject({
      name: 'FpgaError',
      message: expect.stringMatching(`^${escapeRegExp(failed)}`),
      code: 'ETIMEDOUT',
      errno: -110,
      call: 'mgmt.describeLocalImage',
      slot: 0,
    });
  } finally {
    simulated().mockSetUnresponsive(0, false);
    mgmt.setCmdTimeout(2500);
    mgmt.setCmdDelayMsec(2);
  }
});

test.each([
  [['--count', '1'], 'watch: --fpga-image-slot is required'],
  [['-S', '8'], 'watch: --fpga-image-slot must be at most 7, got 8'],
  [['-S', '0', '--count', '0'], 'watch: --count must be at least 1'],
  [['-S', '0', '--interval', 'soon'], 'watch: --interval must be a decimal or 0x hexadecimal number, got "soon"'],
])('a bad command line %j: exit code 2, and why', async (args, message) => {
  const { code, lines, stderr } = await watch(args);
  expect(code).toBe(2);
  expect(lines).toEqual([]);
  expect(stderr.split('\n')[0]).toBe(message);
});

test('a slot the instance does not have: exit code 1 before any poll', async () => {
  const { code, lines, stderr } = await watch(['-S', '3']);
  expect(code).toBe(1);
  expect(lines).toEqual([]);
  expect(stderr).toMatch(/^Error: \(-?\d+\) /);
});

describe('the line of each event', () => {
  const at = { time: new Date(Date.UTC(2025, 0, 31, 12, 0, 0)), slot: 2 };
  const watts = { last: 90n, mean: 40n, max: 91n };
  const loaded = { status: 'loaded', statusCode: 0, statusQ: 0, statusQName: 'ok', afiId: SDE_AGFI };
  const violated = { status: 'load-failed', statusCode: 7, statusQ: 17, statusQName: 'afi-power-violation', afiId: SDE_AGFI };
  const cases: [WatchEvent, string][] = [
    [{ ...at, type: 'status', previous: loaded, current: violated }, `loaded ${SDE_AGFI} → load-failed (afi-power-violation) ${SDE_AGFI}`],
    [{ ...at, type: 'power-warning', watts }, '90 W (mean 40 W, max 91 W): the shell warns above 85 W'],
    [{ ...at, type: 'power-normal', watts }, '90 W (mean 40 W, max 91 W)'],
    [
      { ...at, type: 'power-violation', watts, status: violated, gated: true },
      `load-failed (afi-power-violation) ${SDE_AGFI}, clocks gated: the design times out until loaded again or cleared`,
    ],
    [{ ...at, type: 'ocl-timeout', count: 2, total: 5, address: 0x504n }, '+2 (total 5), last at 0x504'],
    [{ ...at, type: 'sda-timeout', count: 1, total: 1, address: 0x40n }, '+1 (total 1), last at 0x40'],
    [{ ...at, type: 'pcis-timeout', count: 3, total: 3, address: 0x2_0000_1000n }, '+3 (total 3), last at 0x200001000'],
    [{ ...at, type: 'pcim-error', kind: 'axi-protocol', count: 1, total: 4, address: 0xbeefn }, 'axi-protocol +1 (total 4), last at 0xbeef'],
    [
      { ...at, type: 'error', error: new FpgaError('mgmt.describeLocalImage', 25, 2, 'the slot did not answer') },
      'mgmt.describeLocalImage failed on slot 2: unresponsive (SDK error 25): the slot did not answer',
    ],
  ];

  test.each(cases.map(([event, details]) => [event.type, event, details] as const))('%s', (_type, event, details) => {
    expect(formatWatchEvent(event)).toBe(`2025-01-31T12:00:00.000Z  slot 2  ${event.type.padEnd(15)}  ${details}\n`);
  });

  test('as JSON', () => {
    const lines = cases.map(([event]) => JSON.parse(formatWatchEventJson(event)));
    expect(lines[1]).toEqual({ time: '2025-01-31T12:00:00.000Z', slot: 2, type: 'power-warning', watts: { last: '90', mean: '40', max: '91' } });
    expect(lines[7]).toMatchObject({ kind: 'axi-protocol', count: 1, total: 4, address: String(0xbeef) });
    expect(lines[8].error).toMatchObject({ code: 'unresponsive', errno: 25, call: 'mgmt.describeLocalImage', slot: 2 });
  });
});
