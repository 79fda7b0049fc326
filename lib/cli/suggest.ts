// "Did you mean": the known name closest to a mistyped one.

// Edits (insertions, deletions, substitutions, swaps of neighbours) from a to b.
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const substitution = rows[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

/**
 * The candidate `typed` most likely stands for: the only one it begins, else
 * the nearest within a third of its length (at least 2 edits), else undefined.
 */
export function closest(typed: string, candidates: readonly string[]): string | undefined {
  const extended = candidates.filter((candidate) => candidate.startsWith(typed));
  if (typed.length >= 3 && extended.length === 1) return extended[0];
  const limit = Math.max(2, Math.floor(typed.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const d = distance(typed, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** ` (did you mean x?)`, or nothing. */
export function didYouMean(typed: string, candidates: readonly string[]): string {
  const guess = closest(typed, candidates);
  return guess === undefined ? '' : ` (did you mean ${guess}?)`;
}
