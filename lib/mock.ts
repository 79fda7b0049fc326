// Controls of the simulated device, for tests and for development without an
// F2 instance. They act on whichever simulated device is the backend: the one
// built into the addon, or its standalone library loaded as the SDK.
import { ready } from './backend';
import * as check from './validate';

export interface MockResetOptions {
  /** Number of FPGA slots, 1 to 8 (default 1). */
  slots?: number;
  /** How long a load keeps the slot busy, in ms. */
  loadTimeMs?: number;
  /** How long a clear keeps the slot busy, in ms. */
  clearTimeMs?: number;
  /**
   * When true, time moves only through mock.advanceTime() and the SDK's own
   * waits, so loads and clears complete without real delays.
   */
  virtualTime?: boolean;
}

const RESET_KEYS = ['slots', 'loadTimeMs', 'clearTimeMs', 'virtualTime'] as const;

export const mock = {
  /**
   * Powers the simulated device off and on with these options: every slot
   * empty, BAR memory zero. Attached handles stay attached.
   */
  reset(options: MockResetOptions = {}): void {
    const given = check.object('options', options);
    check.knownKeys('options', given, RESET_KEYS);
    if (given.slots !== undefined) check.integer('options.slots', given.slots, 1, 8);
    if (given.loadTimeMs !== undefined) check.uint32('options.loadTimeMs', given.loadTimeMs);
    if (given.clearTimeMs !== undefined) check.uint32('options.clearTimeMs', given.clearTimeMs);
    if (given.virtualTime !== undefined) check.boolean('options.virtualTime', given.virtualTime);
    ready().mockReset(given);
  },

  /** Moves virtual time forward by `ms` (see MockResetOptions.virtualTime). */
  advanceTime(ms: number): void {
    ready().mockAdvanceTime(check.integer('ms', ms, 0, Number.MAX_SAFE_INTEGER));
  },
};
