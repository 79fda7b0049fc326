// Clock generation: the FpgaClkgen class of the SDK's Python bindings, with
// Promises. Talks to the AWS_CLK_GEN block of the loaded design through the
// same per-slot queue as FpgaMgmt.
import { queueDeviceCall, type CallOptions } from './slot-queue';
import * as check from './validate';

/** The clocks AWS_CLK_GEN drives, in MHz (clk_main_a0 is a fixed 250, clk_hbm_ref a fixed 100). */
export interface ClockFrequencies {
  /** clk_extra_a1, a2, a3. */
  a: { a1: number; a2: number; a3: number };
  /** clk_extra_b0, b1. */
  b: { b0: number; b1: number };
  /** clk_extra_c0, c1. */
  c: { c0: number; c1: number };
  /** clk_hbm_axi. */
  hbm: { axi: number };
}

const RECIPE_ARGS = ['a', 'b', 'c', 'hbm', 'reset'];
const DYNAMIC_ARGS = ['aMhz', 'bMhz', 'cMhz', 'hbmMhz', 'reset'];
const GROUPS = ['A (clk_extra_a1-a3)', 'B (clk_extra_b0-b1)', 'C (clk_extra_c0-c1)', 'HBM (clk_hbm_axi)'];

// The SDK's own limits. They are checked here, before the SDK sees the
// values, because aws_clkgen_set_recipe and _set_dynamic fail their own checks
// by detaching an arbitrary BAR handle (in practice the slot's management
// mailbox, which breaks every later FpgaMgmt call on the slot).
const RECIPE_MAX = [2, 5, 3, 4];
const RECIPE_PREFIXES = ['A', 'B', 'C', 'H'];
const DYNAMIC_MAX_MHZ = [125, 450, 300, 450];
// The lowest frequency of the SDK's table; below it the SDK fails with the CL held in reset.
const DYNAMIC_MIN_MHZ = 87;

function uint32Args(names: readonly string[], values: readonly unknown[]): number[] {
  return values.map((value, i) => check.uint32(names[i], value));
}

function checkRecipes(recipes: readonly number[]): void {
  recipes.forEach((recipe, g) => {
    if (recipe > RECIPE_MAX[g])
      throw new RangeError(
        `${RECIPE_ARGS[g]} must be a recipe of clock group ${GROUPS[g]}: 0 to ${RECIPE_MAX[g]} ` +
          `(${RECIPE_PREFIXES[g]}0-${RECIPE_PREFIXES[g]}${RECIPE_MAX[g]}), got ${recipe}`,
      );
  });
}

function checkFrequencies(mhz: readonly number[]): void {
  mhz.forEach((value, g) => {
    if (value < DYNAMIC_MIN_MHZ || value > DYNAMIC_MAX_MHZ[g])
      throw new RangeError(
        `${DYNAMIC_ARGS[g]} must be from ${DYNAMIC_MIN_MHZ} to ${DYNAMIC_MAX_MHZ[g]} MHz for clock group ${GROUPS[g]}, got ${value}`,
      );
  });
}

// A clock whose MMCM registers give no frequency (all zero) reads as 0 MHz.
const mhz = (value: number): number => (Number.isFinite(value) ? value : 0);

/**
 * The SDK's clock generation library (aws_clkgen_*); it needs no FpgaMgmt.
 * Calls reject with FpgaError clkgen-ip-not-found when the loaded design has
 * no AWS_CLK_GEN; a recipe or frequency out of the SDK's range is refused with
 * RangeError before the SDK sees it. A clock that does not run reads 0 MHz.
 * The SDK keeps clkgen state process-wide, so clock calls never overlap,
 * even on different slots.
 */
export class FpgaClkgen {
  /** The clocks as AWS_CLK_GEN is set now. */
  async getDynamic(slot: number, options?: CallOptions): Promise<ClockFrequencies> {
    check.slot(slot);
    const { a, b, c, hbm } = await queueDeviceCall('clkgen.getDynamic', slot, options, (native) => native.clkgenGetDynamic(slot)).result;
    return {
      a: { a1: mhz(a[0]), a2: mhz(a[1]), a3: mhz(a[2]) },
      b: { b0: mhz(b[0]), b1: mhz(b[1]) },
      c: { c0: mhz(c[0]), c1: mhz(c[1]) },
      hbm: { axi: mhz(hbm[0]) },
    };
  }

  /**
   * Sets each group to a recipe of the Clock Recipes guide, by number:
   * A0-A2, B0-B5, C0-C3, H0-H4 (setRecipe(slot, 0, 3, 3, 4) is A0 B3 C3 H4).
   * A non-zero `reset` ignores the recipes and returns the clocks to the
   * design's defaults.
   */
  async setRecipe(slot: number, a: number, b: number, c: number, hbm: number, reset = 0, options?: CallOptions): Promise<void> {
    check.slot(slot);
    const [ra, rb, rc, rh, rr] = uint32Args(RECIPE_ARGS, [a, b, c, hbm, reset]);
    if (rr === 0) checkRecipes([ra, rb, rc, rh]);
    return queueDeviceCall('clkgen.setRecipe', slot, options, (native) => native.clkgenSetRecipe(slot, ra, rb, rc, rh, rr)).result;
  }

  /**
   * Sets clk_extra_a1, clk_extra_b0, clk_extra_c0 and clk_hbm_axi to the
   * highest supported frequency not above each request, in whole MHz: at
   * least 87, at most the clock's maximum (a 125, b 450, c 300, hbm 450). The
   * other clocks of a group follow. A non-zero `reset` returns the clocks to
   * the design's defaults instead.
   */
  async setDynamic(
    slot: number,
    aMhz: number,
    bMhz: number,
    cMhz: number,
    hbmMhz: number,
    reset = 0,
    options?: CallOptions,
  ): Promise<void> {
    check.slot(slot);
    const [ma, mb, mc, mh, mr] = uint32Args(DYNAMIC_ARGS, [aMhz, bMhz, cMhz, hbmMhz, reset]);
    if (mr === 0) checkFrequencies([ma, mb, mc, mh]);
    return queueDeviceCall('clkgen.setDynamic', slot, options, (native) => native.clkgenSetDynamic(slot, ma, mb, mc, mh, mr)).result;
  }
}
