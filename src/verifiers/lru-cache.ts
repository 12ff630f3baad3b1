/** A bounded map that forgets the least recently used entry when full. */
export interface LruCache<K, V> {
  get(key: K): V | undefined;
  /** Whether `key` is held (not a use). */
  has(key: K): boolean;
  set(key: K, value: V): void;
  readonly size: number;
  /** Every entry, the least recently used first (reading them does not count as a use). */
  entries(): Array<[K, V]>;
  clear(): void;
}

/** Creates an {@link LruCache} holding at most `capacity` entries (a `Map` keeps insertion order). */
export function createLruCache<K, V>(capacity: number): LruCache<K, V> {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError(`createLruCache: capacity must be a positive integer, got ${capacity}`);
  }
  const entries = new Map<K, V>();
  return {
    get(key) {
      const value = entries.get(key);
      if (value !== undefined) {
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    has: (key) => entries.has(key),
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > capacity) entries.delete(entries.keys().next().value as K);
    },
    get size() {
      return entries.size;
    },
    entries: () => [...entries],
    clear() {
      entries.clear();
    },
  };
}
