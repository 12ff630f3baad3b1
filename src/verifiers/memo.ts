// Built once per key and kept: the regexes the families build from a keyword, marker, option or date
// format, and the parsed descriptions. Every memo registers itself, so that one call empties them all:
// benchmarks that measure building itself, and mutation testing, where a cache filled by one test would
// hide from the next how its entry is built.
import { createLruCache } from "./lru-cache.js";

const registered = new Set<{ clear(): void }>();

/**
 * `build`, remembered by key: at most `capacity` entries, the least recently used forgotten first. The
 * values are shared between callers, so they must not be changed (a global regex's `lastIndex` is reset
 * by its user).
 */
export function memoize<K, V>(build: (key: K) => V, capacity = 500): (key: K) => V {
  const cache = createLruCache<K, V>(capacity);
  registered.add(cache);
  return (key) => {
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const value = build(key);
    cache.set(key, value);
    return value;
  };
}

/** A cache that {@link clearVerifierCaches} empties, for one that is not a {@link memoize}d function. */
export function registerCache(cache: { clear(): void }): void {
  registered.add(cache);
}

/** Empties every cache of the verifiers: parsed descriptions and built patterns. */
export function clearVerifierCaches(): void {
  for (const cache of registered) cache.clear();
}

/** `text` with every regex metacharacter escaped, to match it literally. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
