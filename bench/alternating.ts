/** What the benchmarks share: A/B runs alternated (so drift on a shared machine hits both), medians. */
export interface Sample {
  ms: number;
  rssKiB: number;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** One warm-up of each, then `rounds` alternating runs of a and b. */
export function alternate<T>(rounds: number, a: () => T, b: () => T): { a: T[]; b: T[] } {
  a();
  b();
  const out = { a: [] as T[], b: [] as T[] };
  for (let i = 0; i < rounds; i++) {
    out.a.push(a());
    out.b.push(b());
  }
  return out;
}

export const peakMiB = (xs: Sample[]): string => `${(Math.max(...xs.map((s) => s.rssKiB)) / 1024).toFixed(1)} MiB`;
