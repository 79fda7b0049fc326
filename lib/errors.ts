import { errnoName, errorName } from './names';

/**
 * A failure reported by the SDK (or the simulated device): `code` is the SDK's
 * return value or `status_q` (negative values are `-errno`), `name` its SDK
 * name (`invalid-afi-id`, `Connection timed out`, ...), `op` the method that
 * failed and `slot` the slot it acted on.
 */
export class FpgaError extends Error {
  override readonly name: string;
  readonly code: number;
  readonly op: string;
  readonly slot: number | undefined;
  /** The symbolic errno (`EINVAL`, `ETIMEDOUT`) when `code` is negative. */
  readonly errno: string | undefined;

  constructor(op: string, code: number, slot?: number, detail?: string) {
    const name = errorName(code);
    const where = slot === undefined || slot < 0 ? '' : ` on slot ${slot}`;
    super(`${op} failed${where}: ${name} (error code ${code})${detail ? `: ${detail}` : ''}`);
    this.name = name;
    this.code = code;
    this.op = op;
    this.slot = slot === undefined || slot < 0 ? undefined : slot;
    this.errno = errnoName(code);
  }
}
