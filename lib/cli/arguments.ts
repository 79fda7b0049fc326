// Reading the command line's values: numbers in decimal or 0x hex, slots,
// PFs and the SDK tools' 16-digit switch strings. Wrong input is a CliUsageError.
import { CliUsageError } from '../afi/cli-options';
import { FPGA_SLOT_MAX } from '../constants';
import type { PfName } from '../slot';

const UNSIGNED = /^(?:0x[0-9a-f]+|[0-9]+)$/i;
const SWITCHES = /^[01]{16}$/;

/** A non-negative integer written in decimal or 0x hexadecimal, at most `max`. */
export function unsignedArgument(name: string, text: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!UNSIGNED.test(text)) throw new CliUsageError(`${name} must be a decimal or 0x hexadecimal number, got "${text}"`);
  const value = Number(text);
  if (value > max) throw new CliUsageError(`${name} must be at most ${max}, got ${text}`);
  return value;
}

/** -S: the slot, 0 to 7. */
export function slotArgument(text: string): number {
  return unsignedArgument('--fpga-image-slot', text, FPGA_SLOT_MAX - 1);
}

/** --pf: `app` or `mgmt`, or the PF's number. */
export function pfArgument(text: string): PfName | number {
  if (text === 'app' || text === 'mgmt') return text;
  if (text === '0' || text === '1') return Number(text);
  throw new CliUsageError(`--pf must be app, mgmt, 0 or 1, got "${text}"`);
}

/** -D: 16 digits of 0 and 1, the first for switch 15 (as fpga-set-virtual-dip-switch takes them). */
export function switchesArgument(text: string): number {
  if (!SWITCHES.test(text)) throw new CliUsageError(`--virtual-dip must be 16 digits of zero or one, got "${text}"`);
  return parseInt(text, 2);
}
