// The defaults of slot loads, clears, clocks and watching. Kept apart from
// slot.ts and watch.ts, which load the native addon, so that the CLI can show
// them in its help without a native build.
import type { ClockRecipes, ClockRequest } from './slot';

/** How long load() and clear() wait by default: as long as the SDK's own tools do (3 minutes). */
export const DEFAULT_WAIT_TIMEOUT_MS = 180_000;

/** The recipes the SDK's fpga-load-clkgen-recipe sets for a group left out: A1, B2, C0, H2. */
export const DEFAULT_CLOCK_RECIPES: Readonly<ClockRecipes> = Object.freeze({ a: 1, b: 2, c: 0, hbm: 2 });

/** The frequencies (MHz) fpga-load-clkgen-dynamic sets for a group left out. */
export const DEFAULT_CLOCK_MHZ: Readonly<ClockRequest> = Object.freeze({ a: 125, b: 450, c: 300, hbm: 450 });

/** The pause between polls when WatchOptions.intervalMs is left out, in ms. */
export const DEFAULT_WATCH_INTERVAL_MS = 1000;
