/** Edit distance (insert, delete, substitute, swap two neighbours): how far a typo is from a name. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The names closest to a mistyped one (at most three, nearest first), or none when nothing
 * is near enough: a third of the word's length, at least 2 edits.
 */
export function didYouMean(typed: string, names: readonly string[]): string[] {
  const t = typed.toLowerCase();
  const limit = Math.max(2, Math.floor(t.length / 3));
  return names
    .map((name) => ({ name, d: editDistance(t, name.toLowerCase()) }))
    .filter((x) => x.d <= limit || (t.length >= 3 && x.name.toLowerCase().includes(t)))
    .sort((x, y) => x.d - y.d || x.name.localeCompare(y.name))
    .slice(0, 3)
    .map((x) => x.name);
}

/** `(did you mean agent.message?)` or an empty string. */
export function suggestionText(typed: string, names: readonly string[]): string {
  const s = didYouMean(typed, names);
  return s.length ? ` (did you mean ${s.join(' or ')}?)` : '';
}
