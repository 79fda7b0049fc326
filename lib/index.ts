export { configure, backend, backendInfo } from './backend';
export type { BackendChoice, BackendInfo, ConfigureOptions } from './backend';
export { FpgaError } from './errors';
export { FpgaPci, BarHandle } from './pci';
export type { Offset, BarInfo, ResourceMap, SlotSpec, MappedRange } from './pci';
export { mock } from './mock';
export type { MockResetOptions } from './mock';
export { statusName, errorName } from './names';
export * from './constants';
