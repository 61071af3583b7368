/** Small helpers every benchmark prints with. */
export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
export const median = (v: number[]) => percentile(v, 50);
export const fmt = (n: number, digits = 1) => n.toFixed(digits);

export function table(rows: Record<string, string | number>[]): void {
  console.table(rows);
}
