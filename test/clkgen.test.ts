import { FpgaClkgen, FpgaMgmt, type ClockFrequencies } from '../lib';
import { MEM_PERF_AGFI, SDE_AGFI, virtualDevice } from './afis';
import { ready } from '../lib/backend';
import { rejection } from './harness-support';

// The build default of CL_MEM_PERF's clock generator: A1, B2, C0, H2.
const DEFAULT_CLOCKS: ClockFrequencies = {
  a: { a1: 125, a2: 375, a3: 500 },
  b: { b0: 450, b1: 225 },
  c: { c0: 300, c1: 400 },
  hbm: { axi: 450 },
};

let mgmt: FpgaMgmt;
const clkgen = new FpgaClkgen();

beforeEach(async () => {
  virtualDevice(2);
  mgmt = new FpgaMgmt();
  await mgmt.loadLocalImageSyncFlags(0, MEM_PERF_AGFI);
});

afterEach(async () => {
  await mgmt.close();
});

function expectClocks(actual: ClockFrequencies, expected: ClockFrequencies): void {
  for (const group of Object.keys(expected) as (keyof ClockFrequencies)[]) {
    for (const [clock, mhz] of Object.entries(expected[group]))
      expect([`${group}.${clock}`, (actual[group] as Record<string, number>)[clock]]).toEqual([
        `${group}.${clock}`,
        expect.closeTo(mhz, 3),
      ]);
  }
}

test('getDynamic reports the design defaults after a load', async () => {
  expectClocks(await clkgen.getDynamic(0), DEFAULT_CLOCKS);
});

test('setRecipe(0, A0, B3, C3, H4)', async () => {
  await clkgen.setRecipe(0, 0, 3, 3, 4);
  expectClocks(await clkgen.getDynamic(0), {
    a: { a1: 62.5, a2: 187.5, a3: 250 },
    b: { b0: 250, b1: 62.5 },
    c: { c0: 200, c1: 266.667 },
    hbm: { axi: 400 },
  });
});

test('setDynamic sets each group main clock to the nearest supported step not above', async () => {
  await clkgen.setDynamic(0, 125, 125, 150, 125);
  const clocks = await clkgen.getDynamic(0);
  expect(clocks.a.a1).toBeCloseTo(125, 3);
  expect(clocks.b.b0).toBeCloseTo(125, 3);
  expect(clocks.c.c0).toBeCloseTo(150, 3);
  expect(clocks.hbm.axi).toBeCloseTo(125, 3);
  await clkgen.setDynamic(0, 124, 449, 99, 300);
  const stepped = await clkgen.getDynamic(0);
  // The achieved frequency is near the step, not always exactly it.
  expect(Math.abs(stepped.a.a1 - 109)).toBeLessThan(2);
  expect(Math.abs(stepped.b.b0 - 445)).toBeLessThan(2);
  expect(Math.abs(stepped.c.c0 - 97)).toBeLessThan(2);
});

test('reset returns the clocks to the design defaults', async () => {
  await clkgen.setRecipe(0, 0, 3, 3, 4);
  await clkgen.setDynamic(0, 0, 0, 0, 0, 1);
  expectClocks(await clkgen.getDynamic(0), DEFAULT_CLOCKS);
  await clkgen.setRecipe(0, 0, 3, 3, 4);
  await clkgen.setRecipe(0, 99, 99, 99, 99, 1);
  expectClocks(await clkgen.getDynamic(0), DEFAULT_CLOCKS);
});

test.each([
  ['setRecipe', () => clkgen.setRecipe(0, 3, 0, 0, 0), /^a must be a recipe of clock group A .*: 0 to 2 \(A0-A2\), got 3$/],
  ['setRecipe', () => clkgen.setRecipe(0, 0, 0, 0, 5), /^hbm must be a recipe of clock group HBM .*: 0 to 4 \(H0-H4\), got 5$/],
  ['setDynamic', () => clkgen.setDynamic(0, 86, 125, 125, 125), /^aMhz must be from 87 to 125 MHz .*got 86$/],
  ['setDynamic', () => clkgen.setDynamic(0, 125, 451, 125, 125), /^bMhz must be from 87 to 450 MHz .*got 451$/],
])('%s out of the SDK\'s range is a RangeError, and the SDK never sees it', async (_call, call, message) => {
  await expect(call()).rejects.toThrow(message);
  expectClocks(await clkgen.getDynamic(0), DEFAULT_CLOCKS);
  // The SDK's own check would have detached the slot's mailbox handle (see below).
  expect(await mgmt.describeLocalImage(0)).toMatchObject({ status: 'loaded' });
});

test('invalid input that reaches the SDK detaches the mailbox handle: management fails with -1 until it is re-initialised', async () => {
  await mgmt.describeLocalImage(0);
  await expect(ready().clkgenSetRecipe(0, 3, 0, 0, 0, 0)).rejects.toMatchObject({ errno: 28 });
  const lost = await rejection(mgmt.describeLocalImage(0));
  expect(lost).toMatchObject({ errno: -1, code: 'unspecified-error' });
  expect(lost.message).toMatch(/unspecified-error \(the SDK's generic failure, -1\)\. The SDK failed without saying why/);
  await mgmt.close();
  mgmt = new FpgaMgmt();
  expect(await mgmt.describeLocalImage(0)).toMatchObject({ status: 'loaded' });
});

test('a design without the clock generator, or none: clkgen-ip-not-found', async () => {
  expect(await rejection(clkgen.getDynamic(1))).toMatchObject({ errno: 29, code: 'clkgen-ip-not-found', slot: 1 });
  await mgmt.loadLocalImageSyncFlags(1, SDE_AGFI);
  expect(await rejection(clkgen.setRecipe(1, 0, 0, 0, 0))).toMatchObject({ errno: 29 });
});

test('arguments are checked before the device', async () => {
  await expect(clkgen.getDynamic(8)).rejects.toThrow(RangeError);
  await expect(clkgen.getDynamic(null as never)).rejects.toThrow(TypeError);
  await expect(clkgen.setRecipe(0, -1, 0, 0, 0)).rejects.toThrow(/^a must be/);
  await expect(clkgen.setDynamic(0, 125, 125, 125, 2 ** 32)).rejects.toThrow(/^hbmMhz must be/);
  await expect(clkgen.setDynamic(0, 125, 125, 125, 125, 0.5)).rejects.toThrow(RangeError);
  await expect(clkgen.getDynamic(0, { signal: 'now' as never })).rejects.toThrow(TypeError);
  expectClocks(await clkgen.getDynamic(0), DEFAULT_CLOCKS);
});

test('clock calls wait their turn behind image calls on the slot', async () => {
  await mgmt.clearLocalImageSync(0);
  const [loaded, clocks] = await Promise.all([mgmt.loadLocalImageSyncFlags(0, MEM_PERF_AGFI), clkgen.getDynamic(0)]);
  expect(loaded.status).toBe('loaded');
  expectClocks(clocks, DEFAULT_CLOCKS);
});

test('two slots, each in the order of its calls', async () => {
  await mgmt.loadLocalImageSyncFlags(1, MEM_PERF_AGFI);
  const [, zero, , one] = await Promise.all([
    clkgen.setRecipe(0, 0, 3, 3, 4),
    clkgen.getDynamic(0),
    clkgen.setDynamic(1, 100, 250, 250, 250),
    clkgen.getDynamic(1),
  ]);
  expect(zero.hbm.axi).toBeCloseTo(400, 3);
  expect(one.hbm.axi).toBeCloseTo(250, 3);
});

test('an aborted signal rejects without reaching the device', async () => {
  await expect(clkgen.setRecipe(0, 0, 3, 3, 4, 0, { signal: AbortSignal.abort() })).rejects.toMatchObject({
    name: 'AbortError',
  });
  expectClocks(await clkgen.getDynamic(0), DEFAULT_CLOCKS);
});
