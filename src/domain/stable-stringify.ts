/**
 * JSON with object keys sorted at every depth, so that two requests equal in content give the same
 * text (and the same hash) whatever order their keys were written in. `undefined` members are dropped,
 * as `JSON.stringify` drops them.
 */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value, new WeakSet()));
}

function sortKeys(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (seen.has(value)) throw new TypeError("stableStringify: value contains a cycle");
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => sortKeys(item, seen) ?? null);
    if (typeof (value as { toJSON?: unknown }).toJSON === "function") return value;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) out[key] = sortKeys(item, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
