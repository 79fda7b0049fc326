// The describe result: fpga_mgmt_image_info with names for its codes and bits.
// The native layer hands over the struct's fields; their meaning lives here.
import type { NativeF2Metrics, NativeImageInfo } from '../types/native';
import { jsonSafe } from './json';
import { errorName, statusName } from './names';
import { slotSpec, type SlotSpec } from './slot-spec';

/** A slot's status and its qualifier, as numbers and as the SDK names them. */
export interface SlotStatus {
  /** `loaded`, `cleared`, `busy`, `not-programmed`, `load-failed`, ... */
  status: string;
  statusCode: number;
  /** Why the status is what it is: 0 (`ok`), or an error code such as 5 (`invalid-afi-id`). */
  statusQ: number;
  statusQName: string;
}

/** The PCI ids the loaded AFI declares; the app PF shows them once rescanned. */
export interface AfiDeviceIds {
  vendorId: number;
  deviceId: number;
  subsystemVendorId: number;
  subsystemDeviceId: number;
}

/** int_status: which error conditions the shell has latched. */
export interface IntStatus {
  raw: number;
  /** The CL did not answer a virtual JTAG (ChipScope) access in time. */
  virtualJtagSlaveTimeout: boolean;
  dmaRangeError: boolean;
  /** The CL did not answer a DMA PCIS access in time. */
  dmaPcisTimeout: boolean;
  /** The CL's PCIM master addressed memory outside its range. */
  pcimRangeError: boolean;
  /** The CL's PCIM master broke the AXI protocol: see pcimAxiProtocolErrors. */
  pcimAxiProtocolError: boolean;
  sdaSlaveTimeout: boolean;
  oclSlaveTimeout: boolean;
}

/** pcim_axi_protocol_error_status: which AXI rule the CL's PCIM master broke. */
export interface PcimAxiProtocolErrors {
  raw: number;
  crossing4k: boolean;
  busMasterEnable: boolean;
  requestSize: boolean;
  writeIncomplete: boolean;
  firstByteEnable: boolean;
  lastByteEnable: boolean;
  breadyTimeout: boolean;
  rreadyTimeout: boolean;
  wchannelTimeout: boolean;
}

export interface DdrCounters {
  writeCount: bigint;
  readCount: bigint;
}

/** The F2 shell's metrics (describe with FPGA_CMD_GET_HW_METRICS). */
export interface F2Metrics {
  intStatus: IntStatus;
  pcimAxiProtocolErrors: PcimAxiProtocolErrors;
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
  /** One entry per DDR interface (F2: one). */
  ddr: DdrCounters[];
  /** The three MMCM clock groups, seven outputs each, in Hz (unused outputs 0). */
  clocks: { a: bigint[]; b: bigint[]; c: bigint[] };
  /** Vccint power in watts, updated about once a minute. */
  powerWatts: { last: bigint; mean: bigint; max: bigint };
  /** The AFIs cached on the card, as `agfi-` ids. */
  cachedAgfis: string[];
  flags: bigint;
}

/** What describeLocalImage reports about a slot. */
export interface ImageDescription extends SlotStatus {
  slotId: number;
  /** The AFI loaded (or loading, or failed to load); null when none. */
  afiId: string | null;
  /** The PCI ids the AFI declares for the app PF. */
  deviceIds: AfiDeviceIds;
  spec: SlotSpec;
  shVersion: number;
  /** Present when describe was asked for metrics (GET_HW_METRICS, CLEAR_HW_METRICS or CLEAR_AFI_CACHE). */
  metrics?: F2Metrics;
}

const INT_STATUS_BITS = {
  virtualJtagSlaveTimeout: 1 << 1,
  dmaRangeError: 1 << 7,
  dmaPcisTimeout: 1 << 17,
  pcimRangeError: 1 << 18,
  pcimAxiProtocolError: 1 << 19,
  sdaSlaveTimeout: 1 << 27,
  oclSlaveTimeout: 1 << 28,
};

const PCIM_AXI_PROTOCOL_ERROR_BITS = {
  crossing4k: 1 << 1,
  busMasterEnable: 1 << 2,
  requestSize: 1 << 3,
  writeIncomplete: 1 << 4,
  firstByteEnable: 1 << 5,
  lastByteEnable: 1 << 6,
  breadyTimeout: 1 << 8,
  rreadyTimeout: 1 << 9,
  wchannelTimeout: 1 << 10,
};

function decodeBits<Name extends string>(raw: number, bits: Record<Name, number>): { raw: number } & Record<Name, boolean> {
  const decoded = { raw } as { raw: number } & Record<Name, boolean>;
  for (const name in bits) (decoded as Record<Name, boolean>)[name] = (raw & bits[name]) !== 0;
  return decoded;
}

/** A cached AFI as the SDK's CLI prints it: `agfi-0` and 16 hex digits. */
export function formatAgfi(value: bigint): string {
  return `agfi-0${value.toString(16).padStart(16, '0')}`;
}

export function slotStatus(statusCode: number, statusQ: number): SlotStatus {
  return { status: statusName(statusCode), statusCode, statusQ, statusQName: errorName(statusQ) };
}

function f2Metrics(m: NativeF2Metrics): F2Metrics {
  const [a, b, c] = m.clocks;
  return {
    intStatus: decodeBits(m.intStatus, INT_STATUS_BITS),
    pcimAxiProtocolErrors: decodeBits(m.pcimAxiProtocolErrorStatus, PCIM_AXI_PROTOCOL_ERROR_BITS),
    pcimRangeErrorAddr: m.pcimRangeErrorAddr,
    pcimRangeErrorCount: m.pcimRangeErrorCount,
    pcimAxiProtocolErrorAddr: m.pcimAxiProtocolErrorAddr,
    pcimAxiProtocolErrorCount: m.pcimAxiProtocolErrorCount,
    pcimWriteCount: m.pcimWriteCount,
    pcimReadCount: m.pcimReadCount,
    dmaPcisTimeoutAddr: m.dmaPcisTimeoutAddr,
    dmaPcisTimeoutCount: m.dmaPcisTimeoutCount,
    oclSlaveTimeoutAddr: m.oclSlaveTimeoutAddr,
    oclSlaveTimeoutCount: m.oclSlaveTimeoutCount,
    sdaSlaveTimeoutAddr: m.sdaSlaveTimeoutAddr,
    sdaSlaveTimeoutCount: m.sdaSlaveTimeoutCount,
    virtualJtagSlaveTimeoutAddr: m.virtualJtagSlaveTimeoutAddr,
    virtualJtagSlaveTimeoutCount: m.virtualJtagSlaveTimeoutCount,
    virtualJtagWriteCount: m.virtualJtagWriteCount,
    virtualJtagReadCount: m.virtualJtagReadCount,
    ddr: m.ddrIfs,
    clocks: { a, b, c },
    powerWatts: { last: m.power, mean: m.powerMean, max: m.powerMax },
    cachedAgfis: m.cachedAgfis.filter((agfi) => agfi !== 0n).map(formatAgfi),
    flags: m.flags,
  };
}

/** The describe result; `withMetrics` when describe was asked for them. */
export function imageDescription(info: NativeImageInfo, withMetrics: boolean): ImageDescription {
  const description: ImageDescription = {
    status: statusName(info.status),
    statusCode: info.status,
    statusQ: info.statusQ,
    statusQName: errorName(info.statusQ),
    slotId: info.slotId,
    afiId: info.afiId === '' || info.afiId === 'none' ? null : info.afiId,
    deviceIds: info.afiDeviceIds,
    spec: slotSpec(info.spec),
    shVersion: info.shVersion,
  };
  if (withMetrics) description.metrics = f2Metrics(info.metrics);
  return jsonSafe(description);
}
