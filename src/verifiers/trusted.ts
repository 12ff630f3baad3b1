// Parsed requirements made by `parseRequirement` are frozen and known to be well formed, so `verify`
// need not validate them again on every call; anything else (checks built by hand, read from JSON) is.
const trusted = new WeakSet<object>();

/** Marks a frozen value made by this module as not needing validation. */
export function markTrusted(value: object): void {
  trusted.add(value);
}

/** Whether `value` was made by this module and frozen. */
export function isTrusted(value: unknown): boolean {
  return typeof value === "object" && value !== null && trusted.has(value);
}
