// One line per watch event, for a terminal or a log: text, timestamped with
// the type in a column, or a JSON object (64-bit values as decimal strings,
// as everywhere in the package).
import type { PcimErrorEvent, PowerWatts, SlotState, TimeoutEvent, WatchEvent } from './events';
import { POWER_WARNING_WATTS } from './health';

// The longest type, power-violation.
const TYPE_WIDTH = 15;

const power = ({ last, mean, max }: PowerWatts) => `${last} W (mean ${mean} W, max ${max} W)`;

const counted = ({ count, total, address }: TimeoutEvent | PcimErrorEvent) =>
  `+${count} (total ${total}), last at 0x${address.toString(16)}`;

function state({ status, statusQ, statusQName, afiId }: SlotState): string {
  const why = statusQ === 0 ? '' : ` (${statusQName})`;
  return `${status}${why}${afiId === null ? '' : ` ${afiId}`}`;
}

function details(event: WatchEvent): string {
  switch (event.type) {
    case 'status':
      return event.previous === null ? state(event.current) : `${state(event.previous)} → ${state(event.current)}`;
    case 'power':
    case 'power-normal':
      return power(event.watts);
    case 'power-warning':
      return `${power(event.watts)}: the shell warns above ${POWER_WARNING_WATTS} W`;
    case 'power-violation':
      return `${state(event.status)}${event.gated ? ', clocks gated' : ''}: the design times out until loaded again or cleared`;
    case 'ocl-timeout':
    case 'sda-timeout':
    case 'pcis-timeout':
      return counted(event);
    case 'pcim-error':
      return `${event.kind} ${counted(event)}`;
    case 'error':
      return event.error.message;
  }
}

/** `2025-01-31T12:00:00.000Z  slot 0  power            12 W (mean 12 W, max 12 W)` and a newline. */
export function formatWatchEvent(event: WatchEvent): string {
  return `${event.time.toISOString()}  slot ${event.slot}  ${event.type.padEnd(TYPE_WIDTH)}  ${details(event)}\n`;
}

function jsonValue(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  // An Error's message is not enumerable; its own fields (an FpgaError's code, op, ...) are.
  if (value instanceof Error) return Object.assign({ name: value.name, message: value.message }, value);
  return value;
}

/** The event as one line of JSON: `{"time":"2025-01-31T12:00:00.000Z","slot":0,"type":"power",...}`. */
export function formatWatchEventJson(event: WatchEvent): string {
  return `${JSON.stringify(event, jsonValue)}\n`;
}
