// One line for each thing the examples print, where the Python examples dump
// whole structures: the fields a reader checks, in the units the SDK's tools use.
import type { ClockFrequencies, ImageDescription, ResourceMap } from '../lib';

const hex4 = (value: number) => value.toString(16).padStart(4, '0');
const ids = (vendor: number, device: number) => `${hex4(vendor)}:${hex4(device)}`;
// Clocks that are not whole MHz (104.1666... after a dynamic set) to four decimals.
const mhz = (value: number) => String(Number(value.toFixed(4)));

const UNITS: ReadonlyArray<[bigint, string]> = [
  [1n << 30n, 'GiB'],
  [1n << 20n, 'MiB'],
  [1n << 10n, 'KiB'],
];

function size(bytes: bigint): string {
  const unit = UNITS.find(([scale]) => bytes >= scale && bytes % scale === 0n);
  return unit === undefined ? `${bytes} B` : `${bytes / unit[0]} ${unit[1]}`;
}

/** `loaded (ok), agfi-…, AFI ids 1d0f:f002, shell 0x10212415, 24 W, cached agfi-…` */
export function imageLine(info: ImageDescription): string {
  const parts = [`${info.status} (${info.statusQName})`, info.afiId ?? 'no AFI'];
  if (info.afiId !== null) parts.push(`AFI ids ${ids(info.deviceIds.vendorId, info.deviceIds.deviceId)}`);
  parts.push(`shell 0x${info.shVersion.toString(16).padStart(8, '0')}`);
  if (info.metrics !== undefined) {
    parts.push(`${info.metrics.powerWatts.last} W`);
    parts.push(`cached ${info.metrics.cachedAgfis.join(' ') || 'none'}`);
  }
  return parts.join(', ');
}

/** `A a1 125 a2 375 a3 500 | B b0 450 b1 225 | C c0 300 c1 400 | HBM axi 450 (MHz)` */
export function clocksLine(clocks: ClockFrequencies): string {
  const group = (name: string, values: Record<string, number>) =>
    [name, ...Object.entries(values).map(([clock, value]) => `${clock} ${mhz(value)}`)].join(' ');
  return `${[group('A', clocks.a), group('B', clocks.b), group('C', clocks.c), group('HBM', clocks.hbm)].join(' | ')} (MHz)`;
}

/** `0000:34:00.0 1d0f:9048 (subsystem 1d0f:9048), BAR0 64 MiB, BAR2 64 KiB, BAR4 128 GiB burstable` */
export function resourceMapLine(map: ResourceMap): string {
  const bars = map.bars.flatMap(({ size: bytes, burstable }, bar) =>
    bytes === 0n ? [] : [`BAR${bar} ${size(bytes)}${burstable ? ' burstable' : ''}`],
  );
  const subsystem = ids(map.subsystemVendorId, map.subsystemDeviceId);
  return [`${map.dbdf} ${ids(map.vendorId, map.deviceId)} (subsystem ${subsystem})`, ...bars].join(', ');
}
