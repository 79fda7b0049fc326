// A slot's PCI identity, as fpga_pci_get_slot_spec and describe report it.
import type { NativeResourceMap, NativeSlotSpec } from '../types/native';
import { jsonSafe } from './json';

export interface BarInfo {
  /** Bytes, as bigint: BAR4 of the app PF is 128 GiB. */
  size: bigint;
  /** Whether the BAR may be mapped write-combining (BURST_CAPABLE). */
  burstable: boolean;
}

export interface ResourceMap {
  vendorId: number;
  deviceId: number;
  subsystemVendorId: number;
  subsystemDeviceId: number;
  domain: number;
  bus: number;
  dev: number;
  func: number;
  /** Domain:bus:device.function, as lspci prints it: `0000:34:00.0`. */
  dbdf: string;
  /** Indexed by BAR number 0..4 (BARs 1 and 3 do not exist: size 0). */
  bars: BarInfo[];
}

export interface SlotSpec {
  /** The application PF (PF 0): CL registers on BAR0, bulk data on BAR4. */
  app: ResourceMap;
  /** The management PF (PF 1). */
  mgmt: ResourceMap;
}

const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0');

export function resourceMap(map: NativeResourceMap): ResourceMap {
  const { domain, bus, dev, func } = map;
  return jsonSafe({
    vendorId: map.vendorId,
    deviceId: map.deviceId,
    subsystemVendorId: map.subsystemVendorId,
    subsystemDeviceId: map.subsystemDeviceId,
    domain,
    bus,
    dev,
    func,
    dbdf: `${hex(domain, 4)}:${hex(bus, 2)}:${hex(dev, 2)}.${func}`,
    bars: map.bars,
  });
}

export function slotSpec(spec: NativeSlotSpec): SlotSpec {
  return jsonSafe({ app: resourceMap(spec.app), mgmt: resourceMap(spec.mgmt) });
}
