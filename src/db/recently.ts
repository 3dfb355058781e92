/**
 * Remembers what `load` found for each key for `ms` of process time, so a burst that asks for the
 * same row hundreds of times reads it once. Measured on the process clock, not the app's (tests stop
 * that one). Values `keep` refuses (a workspace not found yet) are asked for again every time.
 */
export function recently<V>(
  ms: number,
  load: (key: string) => Promise<V>,
  keep: (value: V) => boolean = () => true,
): (key: string) => Promise<V> {
  const known = new Map<string, { value: V; at: number }>();
  return async (key) => {
    const hit = known.get(key);
    if (hit && performance.now() - hit.at < ms) return hit.value;
    const value = await load(key);
    if (keep(value)) known.set(key, { value, at: performance.now() });
    else known.delete(key);
    return value;
  };
}
