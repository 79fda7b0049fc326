// The card's memory behind the app PF's BAR4 (PCIS): bursts in, and reads
// through a mapping of the BAR, with no call per word either way.
import type { BarHandle, Offset } from '../../lib';

export class CardMemory {
  /** `pcis`: BAR4 of the app PF, attached with `{ burst: true }` (write-combining). */
  constructor(private readonly pcis: BarHandle) {
    if (!pcis.burst) throw new RangeError('CardMemory needs BAR4 attached with { burst: true }');
  }

  /** Writes `words` from `offset` in one burst. */
  write(offset: Offset, words: Uint32Array): void {
    this.pcis.writeBurst(offset, words);
  }

  /** A copy of `count` 32-bit words from `offset`. */
  read(offset: Offset, count: number): Uint32Array {
    return new Uint32Array(this.pcis.view(offset, count * 4).slice(0));
  }
}
