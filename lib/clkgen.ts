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

function uint32Args(names: readonly string[], values: readonly unknown[]): number[] {
  return values.map((value, i) => check.uint32(names[i], value));
}

/**
 * The SDK's clock generation library (aws_clkgen_*); it needs no FpgaMgmt.
 * Calls reject with FpgaError: clkgen-ip-not-found when the loaded design has
 * no AWS_CLK_GEN, invalid-clkgen-input for a recipe or frequency out of range.
 * The SDK keeps clkgen state process-wide, so clock calls never overlap,
 * even on different slots.
 */
export class FpgaClkgen {
  /** The clocks as AWS_CLK_GEN is set now. */
  async getDynamic(slot: number, options?: CallOptions): Promise<ClockFrequencies> {
    check.slot(slot);
    const { a, b, c, hbm } = await queueDeviceCall(slot, options, (native) => native.clkgenGetDynamic(slot)).result;
    return {
      a: { a1: a[0], a2: a[1], a3: a[2] },
      b: { b0: b[0], b1: b[1] },
      c: { c0: c[0], c1: c[1] },
      hbm: { axi: hbm[0] },
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
    return queueDeviceCall(slot, options, (native) => native.clkgenSetRecipe(slot, ra, rb, rc, rh, rr)).result;
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
    return queueDeviceCall(slot, options, (native) => native.clkgenSetDynamic(slot, ma, mb, mc, mh, mr)).result;
  }
}
