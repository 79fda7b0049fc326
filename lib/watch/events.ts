// What a slot watcher reports: one event type per thing worth knowing about a
// slot's health, each stamped with the slot and the time of the poll.
import type { F2Metrics, SlotStatus } from '../describe';

/** Vccint power in watts: the last reading, the mean and the maximum. */
export type PowerWatts = F2Metrics['powerWatts'];

/** A slot's status and the AFI it concerns (null when none). */
export interface SlotState extends SlotStatus {
  afiId: string | null;
}

interface WatchEventBase<Type extends string> {
  /** When the poll that found this ended. */
  time: Date;
  slot: number;
  type: Type;
}

/** The slot's status or AFI changed; the first poll reports the status found, with `previous` null. */
export interface StatusEvent extends WatchEventBase<'status'> {
  previous: SlotState | null;
  current: SlotState;
}

/** `power`: every poll's reading; `power-warning` and `power-normal`: the power state changed. */
export interface PowerEvent<Type extends 'power' | 'power-warning' | 'power-normal'> extends WatchEventBase<Type> {
  watts: PowerWatts;
}

/**
 * The shell stopped the design's clocks for drawing too much power: the slot
 * reports load-failed with afi-power-violation, or the shell's power state is
 * gated. The design's interfaces time out until the AFI is loaded again or the
 * slot cleared.
 */
export interface PowerViolationEvent extends WatchEventBase<'power-violation'> {
  watts: PowerWatts;
  status: SlotState;
  /** The shell's power state says the clocks are gated (metrics.flags 3). */
  gated: boolean;
}

/** A shell counter went up since the last poll. */
export interface CounterEvent<Type extends string> extends WatchEventBase<Type> {
  /** How many since the last poll (all of them, when the counters were cleared in between). */
  count: number;
  /** The shell's counter now. */
  total: number;
  /** The address of the last one. */
  address: bigint;
}

/** Accesses the design did not answer in time, through OCL (app PF BAR0), SDA (mgmt PF BAR4) or PCIS (app PF BAR4). */
export type TimeoutEvent = CounterEvent<'ocl-timeout'> | CounterEvent<'sda-timeout'> | CounterEvent<'pcis-timeout'>;

/** The design's PCIM master addressed memory outside its range, or broke the AXI protocol. */
export interface PcimErrorEvent extends CounterEvent<'pcim-error'> {
  kind: 'range' | 'axi-protocol';
}

/** A poll failed (usually with FpgaError); the watcher polls again after the interval. */
export interface WatchErrorEvent extends WatchEventBase<'error'> {
  error: Error;
}

/** Each event type by its name, for typed listeners. */
export interface WatchEventMap {
  status: StatusEvent;
  power: PowerEvent<'power'>;
  'power-warning': PowerEvent<'power-warning'>;
  'power-normal': PowerEvent<'power-normal'>;
  'power-violation': PowerViolationEvent;
  'ocl-timeout': CounterEvent<'ocl-timeout'>;
  'sda-timeout': CounterEvent<'sda-timeout'>;
  'pcis-timeout': CounterEvent<'pcis-timeout'>;
  'pcim-error': PcimErrorEvent;
  error: WatchErrorEvent;
}

export type WatchEventType = keyof WatchEventMap;

export type WatchEvent = WatchEventMap[WatchEventType];
