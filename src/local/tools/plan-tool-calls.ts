// How the simulated models decide which http and mcp tools to call, and with what: a fixed rule over
// the run's input, so that the same request always makes the same calls.
import type { MaestroInput } from "../../domain/index.js";
import { tokenize } from "../../library/index.js";

/** A JSON Schema property, as tools describe their parameters. */
export interface ParameterSchema {
  type?: string | readonly string[];
  description?: string;
  enum?: readonly unknown[];
  default?: unknown;
  minimum?: number;
}

/** A tool's parameters: an object schema. */
export interface ParametersSchema {
  properties?: Readonly<Record<string, ParameterSchema>>;
  required?: readonly string[];
}

/** A function the planner may call. */
export interface ToolCandidate {
  name: string;
  description?: string | undefined;
  parameters?: ParametersSchema | undefined;
}

/** A call the planner decided on. */
export interface PlannedCall {
  name: string;
  parameters: Record<string, unknown>;
}

/** Words every tool description uses, which say nothing about what a request is about. */
const TOOL_WORDS = new Set(
  tokenize(
    "get gets fetch fetches return returns tool function call data information use given value request response api look find lookup retrieve",
  ),
);

/**
 * Which candidates a run calls, in their order, each once, with its parameters. A candidate is called
 * when the input names it (its name, case-insensitive, with `_`, `-`, `.` and camelCase read as
 * spaces: `get_order_status` is named by "get order status") or holds at least two of its
 * description's content words (all of them when it has fewer than two; stop words, plurals and
 * generic tool words such as "get" or "return" set aside). See {@link fillParameters} for the values.
 *
 * @example
 * planToolCalls("What is the shipping status of order_id: A-1042?", [
 *   { name: "order_status", description: "Shipping status of an order", parameters: { properties: { order_id: { type: "string" } }, required: ["order_id"] } },
 * ]); // [{ name: "order_status", parameters: { order_id: "A-1042" } }]
 */
export function planToolCalls(input: MaestroInput, candidates: readonly ToolCandidate[]): PlannedCall[] {
  const text = inputText(input);
  const spaced = ` ${spell(text)} `;
  const terms = new Set(tokenize(text));
  const planned: PlannedCall[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (seen.has(candidate.name)) continue;
    const named = spaced.includes(` ${spell(splitName(candidate.name))} `);
    const words = [...new Set(tokenize(candidate.description ?? ""))].filter(
      (word) => word.length >= 3 && !TOOL_WORDS.has(word),
    );
    const hits = words.filter((word) => terms.has(word)).length;
    const described = words.length > 0 && hits >= Math.min(2, words.length);
    if (!named && !described) continue;
    seen.add(candidate.name);
    planned.push({ name: candidate.name, parameters: fillParameters(text, candidate.parameters ?? {}) });
  }
  return planned;
}

/**
 * The values of a call's parameters. A property takes the value the input gives it as `name: value`,
 * `name = value` or `name is value` (the name also spelt with spaces, `_` or `-`; quotes kept whole;
 * on a line of its own the value runs to the line break, comma, semicolon or sentence end, inside
 * prose it is one word), read as the property's type (an array gets a one-item array). A required
 * property the input does not give takes the schema's `default`, its first `enum` value, or by type:
 * the input itself for a string named like a query (`q`, `query`, `question`, `search`, `text`,
 * `prompt`, `input`, `message`), otherwise `""`; the `minimum` or 0 for numbers; false; `[]`; `{}`.
 * Optional properties the input does not give are left out.
 */
export function fillParameters(text: string, schema: ParametersSchema): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const required = new Set(schema.required ?? []);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const given = readGivenValue(text, name);
    const typed = given === undefined ? undefined : coerce(given, typeOf(property));
    if (typed !== undefined) values[name] = typed;
    else if (required.has(name)) values[name] = defaultValue(text, name, property);
  }
  return values;
}

function inputText(input: MaestroInput): string {
  return typeof input === "string" ? input : input.map((message) => message.content).join("\n");
}

/** Lower case, separators as single spaces: how names and inputs are compared. */
function spell(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function splitName(name: string): string {
  return name.replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1 $2").replace(/[_\-.]+/g, " ");
}

function readGivenValue(text: string, name: string): string | undefined {
  const words = spell(splitName(name))
    .split(" ")
    .filter((word) => word !== "");
  const variants = [...new Set([name, words.join(" "), words.join("_"), words.join("-"), words.join("")])]
    .filter((variant) => variant !== "")
    .map((variant) => variant.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+"));
  const pattern = new RegExp(
    `(^|[^\\p{L}\\p{N}_])(?:${variants.join("|")})[ \\t]*(?:[:=]|\\bis\\b)[ \\t]*(?:"([^"\\n]*)"|'([^'\\n]*)'|“([^”\\n]*)”|([^\\n,;]*))`,
    "iu",
  );
  const match = pattern.exec(text);
  if (match === null) return undefined;
  const quoted = match[2] ?? match[3] ?? match[4];
  if (quoted !== undefined) return quoted.trim() === "" ? undefined : quoted.trim();
  // A fact on a line of its own ("City: New York") runs to the end of its sentence ("A-1042." but
  // "3.5"); one inside prose ("my order_id: A-1042 has not arrived") is one word.
  const lineStart = text.lastIndexOf("\n", match.index + match[1]!.length - 1) + 1;
  const before = text.slice(lineStart, match.index + match[1]!.length);
  const rest = match[5] ?? "";
  const value = /^[\s\-*+•>\d.)]*$/u.test(before)
    ? (rest.split(/[.!?](?=\s|$)/u, 1)[0] ?? "")
    : (rest.trim().split(/\s/u, 1)[0] ?? "").replace(/[.!?:)]+$/u, "");
  return value.trim() === "" ? undefined : value.trim();
}

function typeOf(property: ParameterSchema): string {
  const type = property.type;
  if (typeof type === "string") return type;
  return type?.find((item) => item !== "null") ?? "string";
}

function coerce(value: string, type: string): unknown {
  switch (type) {
    case "number":
    case "integer": {
      const number = Number(value.replace(/[,_\s]/g, ""));
      if (!Number.isFinite(number)) return undefined;
      return type === "integer" ? Math.trunc(number) : number;
    }
    case "boolean":
      if (/^(?:true|yes|y|1|on)$/i.test(value)) return true;
      if (/^(?:false|no|n|0|off)$/i.test(value)) return false;
      return undefined;
    case "array":
      return [value];
    case "object":
      try {
        const parsed: unknown = JSON.parse(value);
        return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? parsed : undefined;
      } catch {
        return undefined;
      }
    default:
      return value;
  }
}

function defaultValue(text: string, name: string, property: ParameterSchema): unknown {
  if (property.default !== undefined) return property.default;
  if (property.enum !== undefined && property.enum.length > 0) return property.enum[0];
  switch (typeOf(property)) {
    case "number":
    case "integer":
      return property.minimum ?? 0;
    case "boolean":
      return false;
    case "array":
      return [];
    case "object":
      return {};
    default:
      return /^(?:q|query|question|search|text|prompt|input|message)$/i.test(name)
        ? text.trim().slice(0, 1000)
        : "";
  }
}
