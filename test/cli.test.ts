// The aws-fpga command as a process: output layouts, exit codes, bad command
// lines, and the choice of device.
import { readFileSync } from 'fs';
import * as path from 'path';
import { MOCK_LIBRARY, ROOT } from './helpers/child';
import { NO_SDK, awsFpga } from './helpers/spawn';
import { MEM_PERF_AGFI, UNKNOWN_AGFI } from './afis';

// Every command here runs on its own fresh simulated device, with short loads.
const FAST = { AWS_FPGA_MOCK_LOAD_TIME_MS: '200', AWS_FPGA_MOCK_CLEAR_TIME_MS: '100' };
const mockCli = (...args: string[]) => awsFpga([...args, '--mock'], FAST);

const DEVICE_COMMANDS = [
  'describe-local-image',
  'describe-local-image-slots',
  'load-local-image',
  'clear-local-image',
  'get-virtual-led',
  'get-virtual-dip-switch',
  'set-virtual-dip-switch',
  'describe-clkgen',
  'load-clkgen-recipe',
  'load-clkgen-dynamic',
  'peek',
  'poke',
  'dump',
];
const AFI_COMMANDS = ['create-afi', 'describe-afi', 'wait-for-afi', 'delete-afi'];

const lines = (text: string) => text.split('\n').slice(0, -1);
const shVersion = (afiLine: string) => /0x[0-9a-f]{8}$/.exec(afiLine)?.[0];

describe('help and version', () => {
  test('--help lists every subcommand', () => {
    const { status, stdout } = awsFpga(['--help']);
    expect(status).toBe(0);
    for (const name of [...DEVICE_COMMANDS, ...AFI_COMMANDS]) expect(stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
  });

  test.each([...DEVICE_COMMANDS, ...AFI_COMMANDS])('%s --help', (name) => {
    const { status, stdout } = awsFpga([name, '--help']);
    expect(status).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: aws-fpga ${name} `));
    expect(stdout).toContain('-h, --help');
  });

  test('the SDK tools\' flags appear in the help', () => {
    expect(awsFpga(['load-local-image', '--help']).stdout).toMatch(
      /^Usage: aws-fpga load-local-image -S <slot> -I <agfi> \[options\]$/m,
    );
    expect(awsFpga(['set-virtual-dip-switch', '-h']).stdout).toContain('-D, --virtual-dip <bits>');
  });

  test('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(awsFpga(['--version'])).toMatchObject({ status: 0, stdout: `aws-fpga ${version}\n` });
  });
});

describe('describe-local-image', () => {
  test('prints the AFI and AFIDEVICE lines in the SDK layout, with -H headers', () => {
    const { status, stdout, stderr } = mockCli('describe-local-image', '-S', '0', '-H');
    expect([status, stderr]).toEqual([0, '']);
    const printed = lines(stdout);
    expect(printed).toEqual([
      'Type  FpgaImageSlot  FpgaImageId             StatusName    StatusCode   ErrorName    ErrorCode   ShVersion',
      `AFI          0       none                    not-programmed          3        ok               0       ${shVersion(printed[1])}`,
      'Type  FpgaImageSlot  VendorId    DeviceId    DBDF',
      'AFIDEVICE    0       0x1d0f      0x9048      0000:34:00.0',
    ]);
    expect(shVersion(printed[1])).toBeDefined();
  });

  test('-M adds the metrics, in the order the SDK prints them', () => {
    const printed = lines(mockCli('describe-local-image', '-S', '0', '-M', '-H').stdout);
    expect(printed[4]).toBe('Metrics');
    expect(printed.slice(5, 8)).toEqual(['virtual-jtag-slave-timeout=0', 'ocl-slave-timeout=0', 'sda-slave-timeout=0']);
    expect(printed).toContain('pcim-axi-protocol-4K-cross-error=0');
    expect(printed.slice(-8)).toEqual([
      'DDR0',
      '   write-count=0',
      '   read-count=0',
      'Power consumption (Vccint):',
      '   Last measured: 0 watts',
      '   Average: 0 watts',
      '   Max measured: 0 watts',
      'Cached agfis:',
    ]);
  });

  test('--json prints the description', () => {
    const { status, stdout } = mockCli('describe-local-image', '-S', '0', '--json', '-C');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'not-programmed', slotId: 0, afiId: null, metrics: { cachedAgfis: [] } });
  });

  test('a slot the instance does not have is an SDK error', () => {
    const { status, stdout, stderr } = mockCli('describe-local-image', '-S', '1');
    expect([status, stdout]).toEqual([1, '']);
    expect(stderr).toBe(
      'Error: (25) unresponsive\nthis instance has no slot 1: it has only slot 0; the simulated device gets more with aws-fpga reset-mock --slots 8\n',
    );
  });
});

describe('describe-local-image-slots', () => {
  test('lists each slot of an 8-FPGA instance', () => {
    const { status, stdout } = awsFpga(['describe-local-image-slots', '--mock'], { AWS_FPGA_MOCK_SLOTS: '8' });
    expect(status).toBe(0);
    const printed = lines(stdout);
    expect(printed).toHaveLength(8);
    expect(printed[0]).toBe('AFIDEVICE    0       0x1d0f      0x9048      0000:9f:00.0');
    expect(printed[7]).toBe('AFIDEVICE    7       0x1d0f      0x9048      0000:b4:00.0');
  });

  test('-M adds the mailbox PF and -H a header per slot', () => {
    expect(lines(mockCli('describe-local-image-slots', '-H', '-M').stdout)).toEqual([
      'Type  FpgaImageSlot  VendorId    DeviceId    DBDF',
      'AFIDEVICE    0       0x1d0f      0x9048      0000:34:00.0',
      'AFIDEVICE    0       0x1d0f      0x9248      0000:34:00.1',
    ]);
  });
});

describe('load-local-image and clear-local-image', () => {
  test('load waits, then describes the slot with the AFI\'s own PCI ids', () => {
    const { status, stdout, stderr } = mockCli('load-local-image', '-S', '0', '-I', MEM_PERF_AGFI);
    expect([status, stderr]).toEqual([0, '']);
    const printed = lines(stdout);
    expect(printed).toEqual([
      `AFI          0       ${MEM_PERF_AGFI}  loaded            0        ok               0       ${shVersion(printed[0])}`,
      'AFIDEVICE    0       0x1d0f      0xf004      0000:34:00.0',
    ]);
  });

  test('an AFI the service does not know fails with its SDK name and what to do', () => {
    const { status, stdout, stderr } = mockCli('load-local-image', '-S', '0', '-I', UNKNOWN_AGFI);
    expect([status, stdout]).toEqual([1, '']);
    expect(stderr).toMatch(/^Error: \(5\) invalid-afi-id\nThe AFI id was refused/);
  });

  test('... and under --json as a JSON error', () => {
    const { status, stderr } = mockCli('load-local-image', '-S', '0', '-I', UNKNOWN_AGFI, '--json');
    expect(status).toBe(1);
    expect(JSON.parse(stderr)).toMatchObject({ error: { code: 'invalid-afi-id', errno: 5, slot: 0 } });
  });

  test('-A returns at once: nothing printed, or the busy slot under --json', () => {
    expect(mockCli('load-local-image', '-S', '0', '-I', MEM_PERF_AGFI, '-A')).toMatchObject({ status: 0, stdout: '' });
    const { status, stdout } = mockCli('load-local-image', '-S', '0', '-I', MEM_PERF_AGFI, '-A', '--json');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'busy', afiId: MEM_PERF_AGFI });
  });

  test('clear waits and describes the cleared slot', () => {
    const { status, stdout } = mockCli('clear-local-image', '-S', '0', '-H');
    expect(status).toBe(0);
    expect(lines(stdout)[1]).toMatch(/^AFI {10}0 {7}none {20}cleared {11}1 {8}ok {15}0 {7}0x/);
  });

  test('--sync-timeout must be a positive number of seconds', () => {
    const { status, stderr } = mockCli('clear-local-image', '-S', '0', '--sync-timeout', 'soon');
    expect(status).toBe(2);
    expect(stderr).toContain('--sync-timeout must be a positive number of seconds');
  });
});

describe('virtual LEDs and DIP switches', () => {
  test('get-virtual-led and get-virtual-dip-switch print 16 bits in groups of four', () => {
    expect(mockCli('get-virtual-led', '-S', '0')).toMatchObject({
      status: 0,
      stdout: 'FPGA slot id 0 have the following Virtual LED:\n0000-0000-0000-0000\n',
    });
    expect(mockCli('get-virtual-dip-switch', '-S', '0')).toMatchObject({
      status: 0,
      stdout: 'FPGA slot id 0 has the following Virtual DIP Switches:\n0000-0000-0000-0000\n',
    });
  });

  test('set-virtual-dip-switch takes 16 digits and prints nothing', () => {
    expect(mockCli('set-virtual-dip-switch', '-S', '0', '-D', '0000000000100000')).toMatchObject({ status: 0, stdout: '' });
    const json = mockCli('set-virtual-dip-switch', '-S', '0', '-D', '1000000000000001', '--json');
    expect(JSON.parse(json.stdout)).toEqual({ slot: 0, value: 0x8001, bits: '1000000000000001' });
  });

  test.each(['0101', '000000000000000x', '00000000000000000'])('set-virtual-dip-switch refuses -D %s', (bits) => {
    const { status, stderr } = mockCli('set-virtual-dip-switch', '-S', '0', '-D', bits);
    expect(status).toBe(2);
    expect(stderr).toContain('--virtual-dip must be 16 digits of zero or one');
  });

  test('-D is required', () => {
    expect(mockCli('set-virtual-dip-switch', '-S', '0')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--virtual-dip is required'),
    });
  });
});

describe('clocks', () => {
  test('a slot without AWS_CLK_GEN fails with clkgen-ip-not-found', () => {
    const { status, stderr } = mockCli('describe-clkgen', '-S', '0');
    expect(status).toBe(1);
    expect(stderr).toMatch(/^Error: \(29\) clkgen-ip-not-found\n/);
  });

  test('recipe numbers must be numbers', () => {
    expect(mockCli('load-clkgen-recipe', '-S', '0', '-a', 'A1')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--clock-a-recipe must be a decimal or 0x hexadecimal number'),
    });
  });
});

describe('peek, poke and dump', () => {
  test('peek prints a 32-bit word; poke prints nothing', () => {
    expect(mockCli('peek', '-S', '0', '0x600')).toMatchObject({ status: 0, stdout: '0x00000000\n' });
    expect(mockCli('poke', '-S', '0', '--pf', 'mgmt', '--bar', '4', '0x10', '0xdeadbeef')).toMatchObject({ status: 0, stdout: '' });
  });

  test('dump prints four words a line, led by the offset', () => {
    expect(mockCli('dump', '-S', '0', '--bar', '4', '0x100000000', '32')).toMatchObject({
      status: 0,
      stdout: '0x100000000: 00000000 00000000 00000000 00000000\n0x100000010: 00000000 00000000 00000000 00000000\n',
    });
  });

  test('--json gives the BAR, the offset and the value', () => {
    const { stdout } = mockCli('poke', '-S', '0', '--bar', '2', '8', '42', '--json');
    expect(JSON.parse(stdout)).toEqual({ slot: 0, pf: 0, bar: 2, offset: 8, value: 42 });
  });

  test.each([
    [['peek', '-S', '0', '0x602'], 'offset 0x602 is not aligned to 4 bytes'],
    [['peek', '-S', '0', '--bar', '1', '0'], 'bar must be 0, 2 or 4'],
    [['peek', '-S', '0', '--pf', 'user', '0'], '--pf must be app, mgmt, 0 or 1'],
    [['peek', '-S', '0', '0x4000000'], 'is outside the BAR'],
    [['peek', '-S', '0'], 'expects 1 argument (offset), got 0'],
    [['poke', '-S', '0', '0'], 'expects 2 arguments (offset value), got 1'],
    [['poke', '-S', '0', '0', '0x100000000'], 'value must be at most 4294967295'],
    [['dump', '-S', '0', '0', '6'], 'length must be a multiple of 4'],
    [['peek', '-S', '8', '0'], '--fpga-image-slot must be at most 7'],
  ])('%j is a usage error', (args, message) => {
    const { status, stdout, stderr } = mockCli(...args);
    expect([status, stdout]).toEqual([2, '']);
    expect(stderr).toContain(message);
    expect(stderr).toContain(`Run 'aws-fpga ${args[0]} --help' for its usage.`);
  });
});

describe('bad command lines', () => {
  test.each([
    [[], 'aws-fpga: a command is needed'],
    [['fpga-describe-local-image', '-S', '0'], 'aws-fpga: unknown command "fpga-describe-local-image"'],
    [['describe-local-image', '-S', '0', '-X'], 'describe-local-image: unknown option -X\n\nUsage: aws-fpga describe-local-image'],
    [['describe-local-image', '-S'], "Option '-S, --fpga-image-slot <value>' argument missing"],
    [['describe-local-image', '-S', '0', '--mock=yes'], "Option '--mock' does not take an argument"],
    [['describe-local-image', '--mock'], '--fpga-image-slot is required'],
    [['describe-local-image', '-S', '0', 'extra', '--mock'], 'takes no arguments, got "extra"'],
    [['describe-local-image', '-S', 'zero', '--mock'], '--fpga-image-slot must be a decimal or 0x hexadecimal number'],
  ])('%j exits 2', (args, message) => {
    const { status, stdout, stderr } = awsFpga(args);
    expect([status, stdout]).toEqual([2, '']);
    expect(stderr).toContain(message);
  });
});

describe('the device', () => {
  test('without --mock it is the SDK, and a missing SDK library says what to do', () => {
    const { status, stderr } = awsFpga(['describe-local-image', '-S', '0'], { AWS_FPGA_SDK_LIBRARY: NO_SDK });
    expect(status).toBe(1);
    expect(stderr).toContain('the AWS FPGA SDK library could not be loaded');
    expect(stderr).toContain('For the simulated device, pass --mock.');
  });

  test('through the SDK backend, here the simulated device built as the SDK library', () => {
    const { status, stdout } = awsFpga(['load-local-image', '-S', '0', '-I', MEM_PERF_AGFI], {
      ...FAST,
      AWS_FPGA_SDK_LIBRARY: MOCK_LIBRARY,
    });
    expect(status).toBe(0);
    expect(stdout).toContain(`${MEM_PERF_AGFI}  loaded`);
  });
});

describe('the AFI subcommands', () => {
  test('are registered and check their own options', () => {
    const { status, stderr } = awsFpga(['describe-afi']);
    expect(status).toBe(2);
    expect(stderr).toBe('describe-afi: --afi-id is required\n');
  });
});
