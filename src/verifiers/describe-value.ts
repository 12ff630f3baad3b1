/** Names the type of a value for misuse messages: "number", "null", "array", "string"... */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
