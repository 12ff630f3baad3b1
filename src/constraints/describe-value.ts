// Renders values and JSON Schema types for issue messages. Everything here must be total: it sees
// whatever a caller passed, so it never serialises objects (which may be huge, cyclic or hostile).

const MAX_SHOWN = 60;

/** Renders a value for a message: strings quoted and shortened, numbers as written, containers by kind. */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case "string": {
      const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
      return JSON.stringify(shown);
    }
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "boolean":
      return String(value);
    case "bigint":
      return `${String(value)}n`;
    case "undefined":
      return "undefined";
    case "symbol":
      return "a symbol";
    case "function":
      return "a function";
    default:
      if (value === null) return "null";
      return Array.isArray(value) ? "an array" : "an object";
  }
}

const TYPE_PHRASES: Record<string, string> = {
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "a boolean",
  array: "an array",
  object: "an object",
  null: "null",
};

/** Renders JSON Schema type names as a phrase: `["string", "array"]` becomes "a string or an array". */
export function describeTypes(types: readonly string[]): string {
  const phrases = types.map((type) => TYPE_PHRASES[type] ?? type);
  if (phrases.length <= 1) return phrases[0] ?? "a value";
  return `${phrases.slice(0, -1).join(", ")} or ${phrases[phrases.length - 1]}`;
}

/** Renders a list of allowed values: `low, medium, high`. */
export function describeChoices(values: readonly unknown[]): string {
  return values.map((value) => (typeof value === "string" ? value : describeValue(value))).join(", ");
}

export { plural } from "../domain/index.js";
