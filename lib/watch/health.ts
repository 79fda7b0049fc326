// Compares what a poll found with what the poll before it found, and names
// the difference as watch events. Pure: the watcher does the polling.
import { FPGA_ERR_POWER_VIOLATION, FPGA_STATUS_LOAD_FAILED } from '../constants';
import type { F2Metrics, ImageDescription } from '../describe';
import type { SlotState, WatchEvent } from './events';

/** Above this Vccint draw (watts) the shell warns the design (sh_cl_pwr_state 2). */
export const POWER_WARNING_WATTS = 85n;

// The shell's power state, as metrics.flags reports it.
const SHELL_POWER_WARNING = 2n;
const SHELL_POWER_GATED = 3n;

/** A describe asked for metrics (FPGA_CMD_GET_HW_METRICS), so it has them. */
export type MeteredDescription = ImageDescription & { metrics: F2Metrics };

/** What every event of one poll carries. */
export interface EventStamp {
  time: Date;
  slot: number;
}

interface CounterReading {
  count: number;
  total: number;
  address: bigint;
}

interface Counter {
  total(metrics: F2Metrics): number;
  address(metrics: F2Metrics): bigint;
  event(stamp: EventStamp, reading: CounterReading): WatchEvent;
}

const COUNTERS = {
  ocl: {
    total: (m) => m.oclSlaveTimeoutCount,
    address: (m) => BigInt(m.oclSlaveTimeoutAddr),
    event: (stamp, reading) => ({ ...stamp, type: 'ocl-timeout', ...reading }),
  },
  sda: {
    total: (m) => m.sdaSlaveTimeoutCount,
    address: (m) => m.sdaSlaveTimeoutAddr,
    event: (stamp, reading) => ({ ...stamp, type: 'sda-timeout', ...reading }),
  },
  pcis: {
    total: (m) => m.dmaPcisTimeoutCount,
    address: (m) => m.dmaPcisTimeoutAddr,
    event: (stamp, reading) => ({ ...stamp, type: 'pcis-timeout', ...reading }),
  },
  pcimRange: {
    total: (m) => m.pcimRangeErrorCount,
    address: (m) => m.pcimRangeErrorAddr,
    event: (stamp, reading) => ({ ...stamp, type: 'pcim-error', kind: 'range', ...reading }),
  },
  pcimAxiProtocol: {
    total: (m) => m.pcimAxiProtocolErrorCount,
    address: (m) => m.pcimAxiProtocolErrorAddr,
    event: (stamp, reading) => ({ ...stamp, type: 'pcim-error', kind: 'axi-protocol', ...reading }),
  },
} satisfies Record<string, Counter>;

type CounterName = keyof typeof COUNTERS;
const COUNTER_NAMES = Object.keys(COUNTERS) as CounterName[];

type PowerState = 'normal' | 'warning' | 'violation';

/** What one poll found, for the next poll to compare with. */
export interface SlotHealth {
  state: SlotState;
  power: PowerState;
  counterTotals: Record<CounterName, number>;
}

function slotState({ status, statusCode, statusQ, statusQName, afiId }: ImageDescription): SlotState {
  return { status, statusCode, statusQ, statusQName, afiId };
}

function sameState(a: SlotState, b: SlotState): boolean {
  return a.statusCode === b.statusCode && a.statusQ === b.statusQ && a.afiId === b.afiId;
}

// The shell's power state decides, but a reading above the limit warns even
// where the shell does not report its state in the metrics.
function powerState(state: SlotState, metrics: F2Metrics): PowerState {
  const violated = state.statusCode === FPGA_STATUS_LOAD_FAILED && state.statusQ === FPGA_ERR_POWER_VIOLATION;
  if (violated || metrics.flags === SHELL_POWER_GATED) return 'violation';
  if (metrics.flags === SHELL_POWER_WARNING || metrics.powerWatts.last > POWER_WARNING_WATTS) return 'warning';
  return 'normal';
}

function powerChangeEvent(power: PowerState, state: SlotState, metrics: F2Metrics, stamp: EventStamp): WatchEvent {
  const watts = metrics.powerWatts;
  if (power === 'violation') {
    return { ...stamp, type: 'power-violation', watts, status: state, gated: metrics.flags === SHELL_POWER_GATED };
  }
  return { ...stamp, type: power === 'warning' ? 'power-warning' : 'power-normal', watts };
}

// A total below the last one means the counters were cleared (CLEAR_HW_METRICS) in between.
function counterEvent(counter: Counter, before: number, metrics: F2Metrics, stamp: EventStamp): WatchEvent | undefined {
  const total = counter.total(metrics);
  const count = total >= before ? total - before : total;
  return count === 0 ? undefined : counter.event(stamp, { count, total, address: counter.address(metrics) });
}

/**
 * The events of a poll that found `description`, after the poll that found
 * `previous` (undefined for the first poll). The first poll reports the
 * status and a power state other than normal, and takes the counters as they
 * are as its starting point: it reports no timeouts or PCIM errors.
 */
export function pollEvents(
  previous: SlotHealth | undefined,
  description: MeteredDescription,
  stamp: EventStamp,
): { health: SlotHealth; events: WatchEvent[] } {
  const { metrics } = description;
  const state = slotState(description);
  const power = powerState(state, metrics);
  const events: WatchEvent[] = [];
  if (previous === undefined || !sameState(previous.state, state)) {
    events.push({ ...stamp, type: 'status', previous: previous?.state ?? null, current: state });
  }
  events.push({ ...stamp, type: 'power', watts: metrics.powerWatts });
  if (power !== (previous?.power ?? 'normal')) events.push(powerChangeEvent(power, state, metrics, stamp));
  if (previous !== undefined) {
    for (const name of COUNTER_NAMES) {
      const event = counterEvent(COUNTERS[name], previous.counterTotals[name], metrics, stamp);
      if (event !== undefined) events.push(event);
    }
  }
  const counterTotals = Object.fromEntries(COUNTER_NAMES.map((name) => [name, COUNTERS[name].total(metrics)]));
  return { health: { state, power, counterTotals: counterTotals as SlotHealth['counterTotals'] }, events };
}
