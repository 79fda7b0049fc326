import { AFI_EXIT_CODES, defineCommand } from './cli-define';
import { CliUsageError } from './cli-options';
import { formatJson } from './cli-output';
import { listAfis } from './describe';
import type { AfiDescription, AfiState } from './description';

const STATES: readonly AfiState[] = ['pending', 'available', 'failed', 'unavailable'];

// What a cell shows for a value EC2 did not give, so that the columns stay countable (awk '{print $4}').
const MISSING = '-';

/** Columns as the SDK's fpga-* tools lay them out: fixed widths, two spaces apart. */
const COLUMNS = [
  { title: 'FpgaImageId', width: 21, value: (afi: AfiDescription) => afi.afiId },
  { title: 'FpgaImageGlobalId', width: 22, value: (afi: AfiDescription) => afi.agfiId },
  { title: 'State', width: 11, value: (afi: AfiDescription) => afi.state },
  { title: 'CreateTime', width: 20, value: (afi: AfiDescription) => (afi.createdAt === undefined ? MISSING : `${afi.createdAt.toISOString().slice(0, 19)}Z`) },
  { title: 'Name', width: 0, value: (afi: AfiDescription) => afi.name ?? '' },
] as const;

function row(cells: readonly string[]): string {
  return `${cells.map((cell, index) => cell.padEnd(COLUMNS[index].width)).join('  ').trimEnd()}\n`;
}

export function formatAfiTable(afis: readonly AfiDescription[], headers: boolean): string {
  const lines = afis.map((afi) => row(COLUMNS.map((column) => column.value(afi))));
  return (headers ? row(COLUMNS.map((column) => column.title)) : '') + lines.join('');
}

function statesOption(text: string | undefined): AfiState[] | undefined {
  if (text === undefined) return undefined;
  const states = text.split(',').map((state) => state.trim());
  const wrong = states.find((state) => !STATES.includes(state as AfiState));
  if (wrong !== undefined) throw new CliUsageError(`--state takes ${STATES.join(', ')} (comma-separated), got "${wrong}"`);
  return states as AfiState[];
}

const byCreationNewestFirst = (a: AfiDescription, b: AfiDescription) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0);

export const listAfisCommand = defineCommand({
  name: 'list-afis',
  summary: "List this account's AFIs in the region with their state, newest first",
  options: {
    state: { type: 'string', valueName: 'states', description: `Only AFIs in these states: ${STATES.join(', ')} (comma-separated)` },
    all: { type: 'boolean', description: 'Also the AFIs shared with this account and public ones, not only its own' },
    headers: { type: 'boolean', description: 'Print column headers' },
  },
  async run(values, io, aws) {
    const states = statesOption(values.state);
    const afis = await listAfis({ ...aws, owners: values.all ? [] : ['self'], filters: states === undefined ? undefined : { state: states } });
    afis.sort(byCreationNewestFirst);
    io.stdout.write(values.json ? formatJson(afis) : formatAfiTable(afis, values.headers));
    return AFI_EXIT_CODES.ok;
  },
});
