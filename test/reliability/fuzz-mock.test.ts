// Fuzzing the simulated device's controls: every function of `mock`, with
// valid and invalid arguments, interleaved with the calls that observe their
// effects: describes, status, loads, clears, and register accesses (through
// the CL models defineCl gives an AFI, when one is loaded).
import fc from 'fast-check';
import { APP_PF, FAULT_OPS, FpgaMgmt, FpgaPci, HELLO_WORLD, dmaEngineCl, helloWorldCl, mock } from '../../lib';
import { CLEAR_MS, LOAD_MS } from '../afis';
import { within } from './helpers/contract';
import { call, Lazy, runCalls, Tally, type Call } from './helpers/fuzz';
import { agfi, flags, mostly, nasty, slot, uint16, uint32 } from './helpers/values';

// Every reset that succeeds keeps virtual time: in real time, an unresponsive
// mailbox makes each management call wait out its retries, and latency (up to
// 2^32 ms) is slept, on the thread pool. So no options that reset with the
// defaults (undefined, {}): only ones with virtualTime, or ones refused.
const resetOptions = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record(
      {
        slots: mostly(fc.integer({ min: 0, max: 9 })),
        loadTimeMs: uint32(10_000),
        clearTimeMs: uint32(10_000),
        virtualTime: fc.constantFrom<unknown>(true, true, true, 1, 'yes', null),
      },
      { requiredKeys: ['virtualTime'] },
    ),
  },
  { weight: 1, arbitrary: nasty.filter((v) => v !== undefined && (typeof v !== 'object' || v === null || Array.isArray(v))) },
);
const int32 = mostly(fc.integer({ min: -0x80000000, max: 0x7fffffff }));
const status = mostly(fc.integer({ min: -1, max: 9 }));
const count = mostly(fc.oneof(fc.nat(1000), fc.constant(Number.MAX_SAFE_INTEGER)));
const flag = fc.oneof(fc.boolean(), nasty);
const catalogId = mostly(fc.constantFrom('agfi-0123456789abcdef0', 'agfi-0925b211f5a81b071', 'agfi-0ABCDEF0123456789', 'agfi-1'));
const afi = mostly(
  fc.record(
    {
      afiId: catalogId,
      vendorId: uint16,
      deviceId: uint16,
      subsystemVendorId: uint16,
      subsystemDeviceId: uint16,
      shVersion: uint32(),
      powerWatts: uint32(200),
      hasClkgen: flag,
      loadFailsWith: mostly(fc.integer({ min: 0, max: 30 })),
    },
    { requiredKeys: ['afiId'] },
  ),
);
const faultOp = mostly(fc.constantFrom<unknown>(...FAULT_OPS, 'format'));
const faultOptions = mostly(fc.record({ count: mostly(fc.nat(3)), slot }, { requiredKeys: [] }));
const latency = mostly(fc.record({ loadMs: uint32(), clearMs: uint32(), describeMs: uint32(5_000) }, { requiredKeys: [] }));
const traceOptions = mostly(fc.record({ limit: mostly(fc.integer({ min: 0, max: 2_000_000 })) }, { requiredKeys: [] }));
// Models made fresh for each call: a definition is plain data and functions.
const clDefinition = fc.oneof(
  fc.constantFrom(new Lazy('helloWorldCl()', () => helloWorldCl()), new Lazy('dmaEngineCl()', () => dmaEngineCl())),
  nasty,
  fc.record({ agfi: catalogId, bars: fc.constantFrom<unknown>({}, { app0: {} }, { app1: {} }, null) }, { requiredKeys: [] }),
);

const controls = {
  reset: call('reset', resetOptions),
  advanceTime: call('advanceTime', mostly(fc.oneof(fc.nat(5000), fc.constant(Number.MAX_SAFE_INTEGER)))),
  now: call('now'),
  addAfi: call('addAfi', afi),
  setPower: call('setPower', slot, uint32(200)),
  powerViolation: call('powerViolation', slot),
  forceStatus: call('forceStatus', slot, status, int32, fc.oneof(fc.constant(undefined), agfi)),
  addPcimTraffic: call('addPcimTraffic', slot, count, count),
  setUnresponsive: call('setUnresponsive', slot, flag),
  failNext: call('failNext', faultOp, int32, faultOptions),
  setSlotBusy: call('setSlotBusy', slot, flag),
  setLatency: call('setLatency', latency),
  denyAttach: call('denyAttach', fc.oneof(fc.constant(undefined), slot), flag),
  startTrace: call('startTrace', traceOptions),
  trace: call('trace'),
  traceDropped: call('traceDropped'),
  stopTrace: call('stopTrace'),
  defineCl: call('defineCl', clDefinition),
};
const registerOffset = mostly(fc.constantFrom(0, HELLO_WORLD.HELLO, HELLO_WORLD.VDIP, 0x10));
const observers = [
  call('describeLocalImage', slot, flags),
  call('getStatus', slot),
  call('loadLocalImage', slot, fc.oneof(agfi, fc.constant(HELLO_WORLD.agfi))),
  call('clearLocalImage', slot),
  call('access', slot, registerOffset, uint32()),
];

const calls = fc.oneof(...Object.values(controls), ...observers);

test('the fuzzer knows every control there is', () => {
  expect(Object.keys(controls).sort()).toEqual(Object.keys(mock).sort());
});

test('every control and observer succeeds or is refused with TypeError, RangeError or FpgaError', async () => {
  const tally = new Tally();
  const mgmt = new FpgaMgmt();
  const pci = new FpgaPci();
  // A write then a read of app PF BAR0, where a CL model's registers sit.
  const access = (slotId: number, offset: number, value: number): number => {
    const bar = pci.attach(slotId, APP_PF, 0);
    try {
      bar.poke(offset, value);
      return bar.peek(offset);
    } finally {
      bar.detach();
    }
  };
  const invoke = (c: Call, args: unknown[]): unknown => {
    if (c.method in controls) return (mock as unknown as Record<string, (...a: unknown[]) => unknown>)[c.method](...args);
    if (c.method === 'access') return access(...(args as [number, number, number]));
    return (mgmt as unknown as Record<string, (...a: unknown[]) => unknown>)[c.method](...args);
  };
  try {
    await fc.assert(
      fc.asyncProperty(fc.array(calls, { minLength: 5, maxLength: 40, size: 'max' }), async (sequence) => {
        mock.reset({ slots: 4, loadTimeMs: LOAD_MS, clearTimeMs: CLEAR_MS, virtualTime: true });
        await runCalls(sequence, invoke, tally);
        // Whatever the sequence did, a reset gives back a working device.
        mock.reset({ slots: 1, virtualTime: true });
        await expect(within(mgmt.describeLocalImage(0), 10_000, 'a describe after reset')).resolves.toMatchObject({
          status: 'not-programmed',
          afiId: null,
        });
        expect(access(0, 0, 7)).toBe(7);
        tally.sequences++;
      }),
      { numRuns: 500 },
    );
  } finally {
    await mgmt.close();
  }
  tally.print('mock controls');
  expect(tally.succeeded).toBeGreaterThan(tally.calls / 4);
}, 120_000);
