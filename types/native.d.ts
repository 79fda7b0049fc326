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

/**
 * One attached BAR. The BAR functions take its `id`; it stays mapped until
 * detach(id), or until release(id) and the collection of every view of it.
 */
export interface NativeBar {
  readonly id: number;
  readonly handle: number;
  readonly size: bigint;
}

/**
 * Register access. Each call takes its arguments from `buffer` and leaves its
 * result there, laid out as RegisterArgs in native/addon.h: float64 BAR id,
 * float64 offset, float64 value (8 and 32 bits), uint64 value (64 bits).
 */
export interface NativeRegisters {
  readonly buffer: ArrayBuffer;
  peek(): void;
  peek8(): void;
  peek64(): void;
  poke(): void;
  poke8(): void;
  poke64(): void;
  /** Does nothing; the benchmarks' floor for the cost of an access. */
  noop(): void;
  /** Bursts: BAR, offset and count (and memset's value) from the buffer. */
  burstWrite(data: Uint32Array): void;
  /** burstWrite from `staged`, the first count dwords of which JavaScript filled. */
  burstWriteStaged(): void;
  readonly staged: ArrayBuffer;
  /** The bytes each load and store of a burst on a burst-capable BAR moves on this CPU (SDK backend). */
  readonly burstWidths: { readBytes: number; writeBytes: number };
  burstFill(): void;
  burstRead(out: Uint32Array): void;
  /** Batches: BAR and count from the buffer. */
  peekMany(offsets: Uint32Array, out: Uint32Array): void;
  pokeMany(offsets: Uint32Array, values: Uint32Array): void;
  /** BAR, offset, count (max polls), limit (ms), mask and equals from the buffer; value, count (polls made) and wide (1 if matched) back. */
  poll(): void;
}

export interface NativeMockOptions {
  slots?: number;
  loadTimeMs?: number;
  clearTimeMs?: number;
  virtualTime?: boolean;
}

/** The AFI's expected PCI ids (afi_device_ids). */
export interface NativeAfiDeviceIds {
  vendorId: number;
  deviceId: number;
  subsystemVendorId: number;
  subsystemDeviceId: number;
}

/** f2_metrics_common, field by field; 64-bit fields are bigint. */
export interface NativeF2Metrics {
  intStatus: number;
  pcimAxiProtocolErrorStatus: number;
  pcimRangeErrorAddr: bigint;
  pcimRangeErrorCount: number;
  pcimAxiProtocolErrorAddr: bigint;
  pcimAxiProtocolErrorCount: number;
  pcimWriteCount: bigint;
  pcimReadCount: bigint;
  dmaPcisTimeoutAddr: bigint;
  dmaPcisTimeoutCount: number;
  oclSlaveTimeoutAddr: number;
  oclSlaveTimeoutCount: number;
  sdaSlaveTimeoutAddr: bigint;
  sdaSlaveTimeoutCount: number;
  virtualJtagSlaveTimeoutAddr: number;
  virtualJtagSlaveTimeoutCount: number;
  virtualJtagWriteCount: number;
  virtualJtagReadCount: number;
  ddrIfs: { writeCount: bigint; readCount: bigint }[];
  /** Three MMCM groups of seven frequencies, in Hz. */
  clocks: bigint[][];
  powerMean: bigint;
  powerMax: bigint;
  power: bigint;
  /** Sixteen entries; 0 = none. */
  cachedAgfis: bigint[];
  flags: bigint;
}

/** fpga_mgmt_image_info, field by field. */
export interface NativeImageInfo {
  status: number;
  statusQ: number;
  slotId: number;
  /** As the SDK wrote it: `none` (or empty) when no AFI is loaded. */
  afiId: string;
  afiDeviceIds: NativeAfiDeviceIds;
  spec: NativeSlotSpec;
  shVersion: number;
  /** Always converted; meaningful when describe was asked for metrics. */
  metrics: NativeF2Metrics;
}

/** fpga_clkgen_info: each group's three clocks in MHz (unused entries 0). */
export interface NativeClkgenInfo {
  a: number[];
  b: number[];
  c: number[];
  hbm: number[];
}

export interface NativeModule {
  useMock(): NativeBackendInfo;
  useSdk(candidates: string[]): NativeBackendInfo;
  backend(): NativeBackendInfo | null;
  /** `make` builds the error for an SDK return code; slot -1 for none, `detail` the specific reason. */
  setErrorFactory(make: (op: string, code: number, slot: number, detail?: string) => Error): void;
  /** The C library's strerror() text of a (positive) errno. */
  errnoText(errno: number): string;
  /** The chosen backend's fpga_mgmt_strerror(code). */
  sdkStrerror(code: number): string;

  pciInit(): void;
  attach(slot: number, pf: number, bar: number, flags: number): NativeBar;
  detach(bar: number): void;
  /** The handle of `bar` was collected without detach(); unknown ids are ignored. */
  release(bar: number): void;
  view(bar: number, offset: Offset, byteLength: number | bigint): ArrayBuffer;
  address(bar: number, offset: Offset, byteLength: number | bigint): bigint;
  readonly registers: NativeRegisters;
  /** Reads its three number arguments and does nothing: the benchmarks' measure of the usual call. */
  noopWithArguments(bar: number, offset: number, value: number): void;
  getSlotSpec(slot: number): NativeSlotSpec;
  getAllSlotSpecs(size: number): NativeSlotSpec[];
  getResourceMap(slot: number, pf: number): NativeResourceMap;
  rescanSlotAppPfs(slot: number): void;

  // fpga_mgmt_*: device calls return Promises, settled from the thread pool;
  // calls on one slot run one at a time. Load and clear resolve to a describe
  // with metrics done right after.
  mgmtOpen(): void;
  mgmtClose(): void;
  mgmtSetCmdTimeout(retries: number): void;
  mgmtSetCmdDelayMsec(ms: number): void;
  mgmtDescribe(slot: number, flags: number): Promise<NativeImageInfo>;
  mgmtGetStatus(slot: number): Promise<{ status: number; statusQ: number }>;
  mgmtLoad(slot: number, agfi: string): Promise<NativeImageInfo>;
  mgmtLoadFlags(slot: number, agfi: string, flags: number): Promise<NativeImageInfo>;
  mgmtLoadSyncFlags(slot: number, agfi: string, flags: number, timeout: number, delayMsec: number): Promise<NativeImageInfo>;
  mgmtLoadWithOptions(slot: number, agfi: string, flags: number, clockA: number, clockB: number, clockC: number): Promise<NativeImageInfo>;
  mgmtLoadSyncWithOptions(
    slot: number,
    agfi: string,
    flags: number,
    clockA: number,
    clockB: number,
    clockC: number,
    timeout: number,
    delayMsec: number,
  ): Promise<NativeImageInfo>;
  mgmtClear(slot: number): Promise<NativeImageInfo>;
  mgmtClearSync(slot: number, timeout: number, delayMsec: number): Promise<NativeImageInfo>;
  mgmtGetVledStatus(slot: number): Promise<number>;
  mgmtGetVdipStatus(slot: number): Promise<number>;
  mgmtSetVdip(slot: number, value: number): Promise<void>;

  // aws_clkgen_*, on the same per-slot queue.
  clkgenGetDynamic(slot: number): Promise<NativeClkgenInfo>;
  clkgenSetRecipe(slot: number, a: number, b: number, c: number, hbm: number, reset: number): Promise<void>;
  clkgenSetDynamic(slot: number, aMhz: number, bMhz: number, cMhz: number, hbmMhz: number, reset: number): Promise<void>;

  mockReset(options?: NativeMockOptions): void;
  mockAdvanceTime(ms: number | bigint): void;
  mockNow(): number;
  mockAddAfi(afi: NativeMockAfi): void;
  mockSetPower(slot: number, watts: number): void;
  mockPowerViolation(slot: number): void;
  mockForceStatus(slot: number, status: number, statusQ: number, afiId?: string): void;
  mockAddPcimTraffic(slot: number, reads: number | bigint, writes: number | bigint): void;
  mockSetUnresponsive(slot: number, unresponsive: boolean): void;

  // Fault injection; `slot` -1 means every slot.
  mockFailNext(op: string, slot: number, code: number, count: number): void;
  mockSetBusy(slot: number, busy: boolean): void;
  mockSetLatency(latency: { loadMs?: number; clearMs?: number; describeMs?: number }): void;
  mockDenyAttach(slot: number, deny: boolean): void;

  // The built-in simulated device's state as bytes (native/mock/snapshot.h), and
  // an exclusive advisory lock on an open file (false while another process holds it).
  mockSaveState(): Buffer;
  mockRestoreState(bytes: Uint8Array): void;
  mockStartupOptions(): Required<NativeMockOptions>;
  tryLockFile(fd: number): boolean;

  // The access trace: entries packed as aws_fpga_mock_trace_entry (40 bytes each).
  mockStartTrace(limit: number): void;
  mockStopTrace(): void;
  mockReadTrace(withEntries: boolean): { entries: ArrayBuffer; count: number; dropped: number };

  // CL models: one dispatcher per environment receives every hook of its models.
  mockSetClDispatcher(dispatch: NativeClDispatcher): void;
  /** Returns the model's id, unique in the process. */
  mockSetClModel(afiId: string, registers: NativeClRegister[], ranges: NativeClRange[]): number;
  mockClGetRegister(slot: number, pf: number, bar: number, offset: number): number;
  mockClSetRegister(slot: number, pf: number, bar: number, offset: number, value: number): void;
  mockClSetLeds(slot: number, value: number): void;
  mockClGetVdip(slot: number): number;
  /** Plain BAR memory of a CL BAR (never unmapped). */
  mockClMemory(slot: number, pf: number, bar: number, offset: number, length: number): ArrayBuffer;
}

/** aws_fpga_mock_afi. */
export interface NativeMockAfi {
  afiId: string;
  vendorId?: number;
  deviceId?: number;
  subsystemVendorId?: number;
  subsystemDeviceId?: number;
  shVersion?: number;
  powerWatts?: number;
  hasClkgen?: boolean;
  loadFailsWith?: number;
}

/** aws_fpga_mock_cl_register; flags are AWS_FPGA_MOCK_REG_*. */
export interface NativeClRegister {
  pf: number;
  bar: number;
  offset: number;
  reset: number;
  flags: number;
}

/** aws_fpga_mock_cl_range. */
export interface NativeClRange {
  pf: number;
  bar: number;
  offset: number;
  length: number;
}

/** What a hook asks of the dispatcher: read register, write register, read range, write range. */
export type NativeHookKind = 0 | 1 | 2 | 3;

/**
 * Called synchronously inside the access. Reads return the value (a number,
 * or a bigint for 8-byte range reads); `value` is a bigint for 8-byte writes.
 */
export type NativeClDispatcher = (
  modelId: number,
  slot: number,
  kind: NativeHookKind,
  index: number,
  offset: number,
  width: number,
  value: number | bigint,
) => number | bigint | undefined;
