/**
 * One entry per name, the last one winning, as runc's init does (it setenv()s each in order) and
 * as docker applies `-e` over an image's ENV: the name keeps its first place, its value the last.
 */
export function lastWins(env: string[]): string[] {
  const byName = new Map<string, string>();
  for (const entry of env) {
    const eq = entry.indexOf('=');
    byName.set(eq === -1 ? entry : entry.slice(0, eq), entry);
  }
  return [...byName.values()];
}
