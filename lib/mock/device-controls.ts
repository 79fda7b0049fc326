// Typed, checked wrappers of the simulated device's controls: its clock, its
// AFI catalog and the slot conditions a test may set up.
import { ready } from '../backend';
import * as check from '../validate';

/** An AFI for the simulated catalog. */
export interface MockAfi {
  /** `agfi-0` and 16 lowercase hex digits (the form cached_agfis can hold). */
  afiId: string;
  /** The app PF's ids while it is loaded (default 0). */
  vendorId?: number;
  deviceId?: number;
  subsystemVendorId?: number;
  subsystemDeviceId?: number;
  /** The shell it was built for (default: the simulated shell's); another one fails to load. */
  shVersion?: number;
  /** Vccint draw while loaded, in watts. */
  powerWatts?: number;
  /** Carries AWS_CLK_GEN on mgmt PF BAR4. */
  hasClkgen?: boolean;
  /** Non-zero: every load ends load-failed with this status_q. */
  loadFailsWith?: number;
}

const AFI_KEYS = [
  'afiId',
  'vendorId',
  'deviceId',
  'subsystemVendorId',
  'subsystemDeviceId',
  'shVersion',
  'powerWatts',
  'hasClkgen',
  'loadFailsWith',
];
const ID_KEYS = ['vendorId', 'deviceId', 'subsystemVendorId', 'subsystemDeviceId'];
const AGFI = /^agfi-0[0-9a-f]{16}$/;

/** An AFI id the simulated catalog takes. */
export function afiId(name: string, value: unknown): string {
  const id = check.string(name, value);
  if (!AGFI.test(id)) throw new RangeError(`${name} must be 'agfi-0' and 16 lowercase hex digits, got ${JSON.stringify(id)}`);
  return id;
}

const int32 = (name: string, value: unknown): number => check.integer(name, value, -0x80000000, 0x7fffffff);
const count = (name: string, value: unknown): number => check.integer(name, value, 0, Number.MAX_SAFE_INTEGER);

export function now(): number {
  return ready().mockNow();
}

export function addAfi(afi: MockAfi): void {
  const given = check.object('afi', afi);
  check.knownKeys('afi', given, AFI_KEYS);
  afiId('afi.afiId', given.afiId);
  for (const key of ID_KEYS) if (given[key] !== undefined) check.integer(`afi.${key}`, given[key], 0, 0xffff);
  if (given.shVersion !== undefined) check.uint32('afi.shVersion', given.shVersion);
  if (given.powerWatts !== undefined) check.uint32('afi.powerWatts', given.powerWatts);
  if (given.hasClkgen !== undefined) check.boolean('afi.hasClkgen', given.hasClkgen);
  if (given.loadFailsWith !== undefined) check.integer('afi.loadFailsWith', given.loadFailsWith, 0, 0x7fffffff);
  ready().mockAddAfi(given as unknown as MockAfi);
}

export function setPower(slot: number, watts: number): void {
  ready().mockSetPower(check.slot(slot), check.uint32('watts', watts));
}

export function powerViolation(slot: number): void {
  ready().mockPowerViolation(check.slot(slot));
}

export function forceStatus(slot: number, status: number, statusQ: number, afi?: string): void {
  check.slot(slot);
  int32('status', status);
  int32('statusQ', statusQ);
  if (afi !== undefined) check.string('afiId', afi);
  ready().mockForceStatus(slot, status, statusQ, afi);
}

export function addPcimTraffic(slot: number, reads: number, writes: number): void {
  ready().mockAddPcimTraffic(check.slot(slot), count('reads', reads), count('writes', writes));
}

export function setUnresponsive(slot: number, unresponsive = true): void {
  ready().mockSetUnresponsive(check.slot(slot), check.boolean('unresponsive', unresponsive));
}
