// The clock subcommands, after fpga-describe-clkgen, fpga-load-clkgen-recipe
// and fpga-load-clkgen-dynamic. Setting prints the clocks now set, as they do.
import { DEFAULT_CLOCK_MHZ, DEFAULT_CLOCK_RECIPES } from '../defaults';
import type { ClockRecipes } from '../slot';
import { slotArgument, unsignedArgument } from './arguments';
import { deviceCommand, type CliOptions } from './command';
import { formatClocks } from './format';
import { slotOption } from './options';

type Group = keyof ClockRecipes;

/** One option per clock group, -a, -b, -c and -m (HBM) as in the SDK's tools. */
function groupOptions<Names extends Record<Group, string>>(
  names: Names,
  describe: (group: Group) => string,
): { [G in Group as Names[G]]: { type: 'string'; short: string; valueName: string; description: string } } {
  const short: Record<Group, string> = { a: 'a', b: 'b', c: 'c', hbm: 'm' };
  const entries = (Object.keys(names) as Group[]).map((group) => [
    names[group],
    { type: 'string', short: short[group], valueName: 'n', description: describe(group) },
  ]);
  return Object.fromEntries(entries) satisfies CliOptions;
}

/** The groups given on the command line, by group. */
function groupValues(names: Record<Group, string>, values: Readonly<Record<string, unknown>>): Partial<ClockRecipes> {
  const given = (Object.keys(names) as Group[]).filter((group) => typeof values[names[group]] === 'string');
  return Object.fromEntries(
    given.map((group) => [group, unsignedArgument(`--${names[group]}`, values[names[group]] as string, 0xffffffff)]),
  );
}

const RECIPE_NAMES = { a: 'clock-a-recipe', b: 'clock-b-recipe', c: 'clock-c-recipe', hbm: 'clock-hbm-recipe' } as const;
// The names the SDK tool accepts (its help text says clock-a1-freq for the first).
const FREQUENCY_NAMES = { a: 'clock-a0-freq', b: 'clock-b0-freq', c: 'clock-c0-freq', hbm: 'clock-hbm-freq' } as const;
const FIRST_CLOCK: Record<Group, string> = { a: 'clk_extra_a1', b: 'clk_extra_b0', c: 'clk_extra_c0', hbm: 'clk_hbm_axi' };
const RECIPE_LETTER: Record<Group, string> = { a: 'A', b: 'B', c: 'C', hbm: 'H' };

export const describeClkgen = deviceCommand({
  name: 'describe-clkgen',
  summary: "Show the clocks of the design's AWS_CLK_GEN in a slot",
  options: slotOption,
  async action(values, _positionals, { io, openSlot }) {
    const slot = openSlot(slotArgument(values['fpga-image-slot']));
    const clocks = await slot.clocks({ signal: io.signal });
    return { text: formatClocks(clocks), json: clocks };
  },
});

export const loadClkgenRecipe = deviceCommand({
  name: 'load-clkgen-recipe',
  summary: 'Set each clock group to a recipe of the Clock Recipes guide (-a 0 -b 3 is A0 B3)',
  options: {
    ...slotOption,
    ...groupOptions(RECIPE_NAMES, (group) => `Recipe number of group ${RECIPE_LETTER[group]} (default ${DEFAULT_CLOCK_RECIPES[group]})`),
  },
  async action(values, _positionals, { io, openSlot }) {
    const slot = openSlot(slotArgument(values['fpga-image-slot']));
    const clocks = await slot.setClockRecipe(groupValues(RECIPE_NAMES, values), { signal: io.signal });
    return { text: formatClocks(clocks), json: clocks };
  },
});

export const loadClkgenDynamic = deviceCommand({
  name: 'load-clkgen-dynamic',
  summary: 'Set the first clock of each group to a frequency, or the highest step below it',
  options: {
    ...slotOption,
    ...groupOptions(FREQUENCY_NAMES, (group) => `MHz for ${FIRST_CLOCK[group]} (default ${DEFAULT_CLOCK_MHZ[group]})`),
  },
  async action(values, _positionals, { io, openSlot }) {
    const slot = openSlot(slotArgument(values['fpga-image-slot']));
    const clocks = await slot.setClockFrequencies(groupValues(FREQUENCY_NAMES, values), { signal: io.signal });
    return { text: formatClocks(clocks), json: clocks };
  },
});

export const clockCommands = [describeClkgen, loadClkgenRecipe, loadClkgenDynamic];
