// Rows of the benchmark report, printed as a table or as JSON.

export interface Row {
  group: string;
  name: string;
  value: number;
  unit: string;
  /** value relative to `ratioTo` (for speeds: this row's speed over the reference's). */
  ratio?: number;
  ratioTo?: string;
  /** The ratio is a figure in the unit `ratioTo` names (a target in ns or us), not a multiple. */
  absolute?: boolean;
  /** The figure the issue sets for this ratio, e.g. '<= 1.5'. */
  target?: string;
  met?: boolean;
}

export function withTarget(row: Row, op: '<=' | '>=', limit: number): Row {
  const met = row.ratio !== undefined && (op === '<=' ? row.ratio <= limit : row.ratio >= limit);
  return { ...row, target: `${op} ${limit}`, met };
}

function format(value: number): string {
  if (value >= 1e9) return `${(value / 1e9).toFixed(2)} G`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
  if (value >= 1e4) return `${(value / 1e3).toFixed(1)} k`;
  return value >= 100 ? value.toFixed(0) : value.toFixed(2);
}

export function printTable(rows: Row[], header: string): void {
  const lines = [
    ['benchmark', 'value', 'unit', 'ratio', 'relative to', 'target'],
    ...rows.map((r) => [
      `${r.group}: ${r.name}`,
      format(r.value),
      r.unit,
      r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}${r.absolute ? '' : 'x'}`,
      r.ratioTo ?? '',
      r.target === undefined ? '' : `${r.target} ${r.met ? 'ok' : 'MISSED'}`,
    ]),
  ];
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  console.log(header);
  for (const [i, line] of lines.entries()) {
    console.log(`| ${line.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`);
    if (i === 0) console.log(`|${widths.map((w, c) => (c === 0 ? ':' : '-') + '-'.repeat(w) + (c === 0 ? '-' : ':')).join('|')}|`);
  }
}
