// The raw native module (build/Release/aws_fpga.node). Arguments are validated
// by lib/ before they get here; the addon checks them again and throws
// TypeError/RangeError rather than trusting them.

export interface NativeBackendInfo {
  backend: 'sdk' | 'mock';
  /** The library file, or a description of the built-in simulated device. */
  library: string;
  /** True when the backend is a simulated device (built in or standalone). */
  simulated: boolean;
}

export interface NativeResourceMap {
  vendorId: number;
  deviceId: number;
  subsystemDeviceId: number;
  subsystemVendorId: number;
  domain: number;
  bus: number;
  dev: number;
  func: number;
  /** Indexed by BAR number 0..4. */
  bars: { size: bigint; burstable: boolean }[];
}

export interface NativeSlotSpec {
  app: NativeResourceMap;
  mgmt: NativeResourceMap;
}

export type Offset = number | bigint;

/** One attached BAR; its methods carry the native handle in their own data. */
export interface NativeBar {
  readonly handle: number;
  readonly size: bigint;
  peek(offset: Offset): number;
  peek8(offset: Offset): number;
  peek64(offset: Offset): bigint;
  poke(offset: Offset, value: number): void;
  poke8(offset: Offset, value: number): void;
  poke64(offset: Offset, value: number | bigint): void;
  writeBurst(offset: Offset, data: Uint32Array, dwordLen: number | bigint): void;
  memset(offset: Offset, value: number, dwordLen: number | bigint): void;
  view(offset: Offset, byteLength: number | bigint): ArrayBuffer;
  address(offset: Offset, byteLength: number | bigint): bigint;
  detach(): void;
  isAttached(): boolean;
}

export interface NativeMockOptions {
  slots?: number;
  loadTimeMs?: number;
  clearTimeMs?: number;
  virtualTime?: boolean;
}

export interface NativeModule {
  useMock(): NativeBackendInfo;
  useSdk(candidates: string[]): NativeBackendInfo;
  backend(): NativeBackendInfo | null;
  setErrorFactory(make: (op: string, code: number, slot: number) => Error): void;

  pciInit(): void;
  attach(slot: number, pf: number, bar: number, flags: number): NativeBar;
  getSlotSpec(slot: number): NativeSlotSpec;
  getAllSlotSpecs(size: number): NativeSlotSpec[];
  getResourceMap(slot: number, pf: number): NativeResourceMap;
  rescanSlotAppPfs(slot: number): void;

  mockReset(options?: NativeMockOptions): void;
  mockAdvanceTime(ms: number | bigint): void;
}
