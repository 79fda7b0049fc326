export { configure, backend, backendInfo } from './backend';
export type { BackendChoice, BackendInfo, ConfigureOptions } from './backend';
export { FpgaError } from './errors';
export { FpgaPci, BarHandle } from './pci';
export type { Offset, BarInfo, ResourceMap, SlotSpec, MappedRange, PollOptions } from './pci';
export { FpgaMgmt, DEFAULT_SYNC_TIMEOUT, DEFAULT_SYNC_DELAY_MSEC } from './mgmt';
export type { LoadImageOptions, LoadWaitOptions } from './mgmt';
export { FpgaClkgen } from './clkgen';
export type { ClockFrequencies } from './clkgen';
export { formatAgfi } from './describe';
export type {
  ImageDescription,
  SlotStatus,
  AfiDeviceIds,
  F2Metrics,
  IntStatus,
  PcimAxiProtocolErrors,
  DdrCounters,
} from './describe';
export type { CallOptions } from './slot-queue';
export { openSlot, listSlots, Slot, DEFAULT_WAIT_TIMEOUT_MS, DEFAULT_CLOCK_RECIPES, DEFAULT_CLOCK_MHZ } from './slot';
export type { SlotListing, DescribeOptions, WaitOptions, BarOptions, PfName, ClockRecipes, ClockRequest } from './slot';
export { watchSlot, SlotWatcher, DEFAULT_WATCH_INTERVAL_MS } from './watch';
export type { WatchOptions, Listener } from './watch';
export { POWER_WARNING_WATTS } from './watch/health';
export type {
  WatchEvent,
  WatchEventMap,
  WatchEventType,
  StatusEvent,
  PowerEvent,
  PowerViolationEvent,
  CounterEvent,
  TimeoutEvent,
  PcimErrorEvent,
  WatchErrorEvent,
  SlotState,
  PowerWatts,
} from './watch/events';
export { mock, FAULT_OPS, ClHookError, helloWorldCl, HELLO_WORLD, dmaEngineCl, DMA_ENGINE } from './mock';
export type {
  MockResetOptions,
  MockAfi,
  FaultOp,
  FailNextOptions,
  Latency,
  TraceEntry,
  TraceOp,
  StartTraceOptions,
  ClBar,
  AccessWidth,
  ClBarDefinition,
  ClContext,
  ClDefinition,
  RangeDefinition,
  RegisterDefinition,
  DmaEngineOptions,
} from './mock';
export { mockLibraryPath } from './paths';
export { statusName, errorName } from './names';
export * from './constants';
