// The events between two polls, from describe results: the part of watching
// that needs no timing. The base result comes from the simulated device.
import { FpgaMgmt, type F2Metrics, type SlotState, type WatchEvent } from '../lib';
import { pollEvents, type MeteredDescription, type SlotHealth } from '../lib/watch/health';
import { MEM_PERF_AGFI, SDE_AGFI, virtualDevice } from './afis';

const stamp = { time: new Date(0), slot: 0 };
let loaded: MeteredDescription;

beforeAll(async () => {
  virtualDevice();
  const mgmt = new FpgaMgmt();
  loaded = (await mgmt.loadLocalImageSyncFlags(0, SDE_AGFI)) as MeteredDescription;
  await mgmt.close();
});

/** The loaded slot's describe result, changed. */
function described(changes: { status?: Partial<SlotState>; metrics?: Partial<F2Metrics> } = {}): MeteredDescription {
  return { ...loaded, ...changes.status, metrics: { ...loaded.metrics, ...changes.metrics } };
}

function firstPoll(description = described()): { health: SlotHealth; events: WatchEvent[] } {
  return pollEvents(undefined, description, stamp);
}

function nextPoll(previous: MeteredDescription, description: MeteredDescription): WatchEvent[] {
  return pollEvents(firstPoll(previous).health, description, stamp).events;
}

const types = (events: WatchEvent[]) => events.map((event) => event.type);
const POWER_VIOLATION = { status: 'load-failed', statusCode: 7, statusQ: 17, statusQName: 'afi-power-violation' };

test('the first poll reports the status found and the power reading', () => {
  const { events } = firstPoll();
  expect(events).toEqual([
    {
      ...stamp,
      type: 'status',
      previous: null,
      current: { status: 'loaded', statusCode: 0, statusQ: 0, statusQName: 'ok', afiId: SDE_AGFI },
    },
    { ...stamp, type: 'power', watts: { last: 24n, mean: 24n, max: 24n } },
  ]);
});

test('a poll that finds nothing new reports only the power reading', () => {
  expect(types(nextPoll(described(), described()))).toEqual(['power']);
});

test('a change of AFI alone is a status change', () => {
  const [event] = nextPoll(described(), described({ status: { afiId: MEM_PERF_AGFI } }));
  expect(event).toMatchObject({ type: 'status', previous: { afiId: SDE_AGFI }, current: { status: 'loaded', afiId: MEM_PERF_AGFI } });
});

describe('the power state', () => {
  const warning = () => described({ metrics: { flags: 2n, powerWatts: { last: 90n, mean: 30n, max: 90n } } });

  test("the shell's warning: power-warning with the reading, once", () => {
    const events = nextPoll(described(), warning());
    expect(events.at(-1)).toEqual({ ...stamp, type: 'power-warning', watts: { last: 90n, mean: 30n, max: 90n } });
    expect(types(nextPoll(warning(), warning()))).toEqual(['power']);
  });

  test('a reading above 85 W warns where the shell does not say', () => {
    expect(types(nextPoll(described(), described({ metrics: { powerWatts: { last: 86n, mean: 86n, max: 86n } } })))).toEqual([
      'power',
      'power-warning',
    ]);
    expect(types(nextPoll(described(), described({ metrics: { powerWatts: { last: 85n, mean: 85n, max: 85n } } })))).toEqual([
      'power',
    ]);
  });

  test('back below: power-normal', () => {
    expect(nextPoll(warning(), described()).at(-1)).toMatchObject({ type: 'power-normal', watts: { last: 24n } });
  });

  test('afi-power-violation: power-violation with the status, after the status change', () => {
    const violated = described({ status: POWER_VIOLATION, metrics: { flags: 3n } });
    const events = nextPoll(warning(), violated);
    expect(types(events)).toEqual(['status', 'power', 'power-violation']);
    expect(events[2]).toEqual({
      ...stamp,
      type: 'power-violation',
      watts: violated.metrics.powerWatts,
      status: { ...POWER_VIOLATION, afiId: SDE_AGFI },
      gated: true,
    });
    expect(types(nextPoll(violated, violated))).toEqual(['power']);
    expect(types(nextPoll(violated, described()))).toEqual(['status', 'power', 'power-normal']);
  });

  test('the gated power state alone, or the status alone, is a violation', () => {
    expect(nextPoll(described(), described({ metrics: { flags: 3n } })).at(-1)).toMatchObject({ type: 'power-violation', gated: true });
    expect(nextPoll(described(), described({ status: POWER_VIOLATION })).at(-1)).toMatchObject({
      type: 'power-violation',
      gated: false,
    });
  });

  test('a slot already warned or in violation when the watch starts reports it at once', () => {
    expect(types(firstPoll(warning()).events)).toEqual(['status', 'power', 'power-warning']);
    expect(types(firstPoll(described({ status: POWER_VIOLATION })).events)).toEqual(['status', 'power', 'power-violation']);
  });
});

describe('the counters', () => {
  const counted = () =>
    described({
      metrics: {
        oclSlaveTimeoutCount: 3,
        oclSlaveTimeoutAddr: 0x500,
        sdaSlaveTimeoutCount: 2,
        sdaSlaveTimeoutAddr: 0x40n,
        dmaPcisTimeoutCount: 1,
        dmaPcisTimeoutAddr: 0x2_0000_0000n,
        pcimRangeErrorCount: 4,
        pcimRangeErrorAddr: 0xdead_0000n,
        pcimAxiProtocolErrorCount: 5,
        pcimAxiProtocolErrorAddr: 0xbeef_0000n,
      },
    });

  test('the first poll takes them as they are: no events', () => {
    expect(types(firstPoll(counted()).events)).toEqual(['status', 'power']);
  });

  test('each counter that went up: the new count, the total and the last address', () => {
    const events = nextPoll(described(), counted());
    expect(events.slice(1)).toEqual([
      { ...stamp, type: 'ocl-timeout', count: 3, total: 3, address: 0x500n },
      { ...stamp, type: 'sda-timeout', count: 2, total: 2, address: 0x40n },
      { ...stamp, type: 'pcis-timeout', count: 1, total: 1, address: 0x2_0000_0000n },
      { ...stamp, type: 'pcim-error', kind: 'range', count: 4, total: 4, address: 0xdead_0000n },
      { ...stamp, type: 'pcim-error', kind: 'axi-protocol', count: 5, total: 5, address: 0xbeef_0000n },
    ]);
  });

  test('only what is new since the last poll', () => {
    const more = described({ metrics: { ...counted().metrics, oclSlaveTimeoutCount: 10, oclSlaveTimeoutAddr: 0x504 } });
    expect(nextPoll(counted(), more).slice(1)).toEqual([{ ...stamp, type: 'ocl-timeout', count: 7, total: 10, address: 0x504n }]);
  });

  test('counters cleared in between (a total below the last): all of the new total is new', () => {
    const cleared = described({ metrics: { ...counted().metrics, sdaSlaveTimeoutCount: 1 } });
    expect(nextPoll(counted(), cleared).slice(1)).toEqual([{ ...stamp, type: 'sda-timeout', count: 1, total: 1, address: 0x40n }]);
  });
});
