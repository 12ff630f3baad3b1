import type { JsonValue } from "./output-diff.js";

/** An output as the diff sees it: a JSON value, or text. */
export type ReadOutputResult = { kind: "json"; value: JsonValue } | { kind: "text"; text: string };

/** A whole output that is one fenced code block, as models often wrap JSON: the block's body. */
const FENCED = /^```[\w-]*[ \t]*\r?\n([\s\S]*?)\r?\n?```$/;

/**
 * Reads an output for diffing. A string is JSON when, trimmed and taken out of a lone fenced code block,
 * it parses as a JSON object or array (a bare `42` or `"yes"` stays text: that is what a model said);
 * any other value is JSON as `JSON.stringify` would send it. Throws a `TypeError` naming `api` and `side`
 * for a value that cannot be JSON (a cycle, a BigInt).
 */
export function readOutput(api: string, side: string, output: unknown): ReadOutputResult {
  if (typeof output === "string") {
    const trimmed = output.trim();
    const body = FENCED.exec(trimmed)?.[1]?.trim() ?? trimmed;
    if (body.startsWith("{") || body.startsWith("[")) {
      try {
        return { kind: "json", value: JSON.parse(body) as JsonValue };
      } catch {
        // Not JSON after all: compare it as text.
      }
    }
    return { kind: "text", text: output };
  }
  if (output === undefined) return { kind: "json", value: null };
  try {
    const text = JSON.stringify(output);
    return { kind: "json", value: text === undefined ? null : (JSON.parse(text) as JsonValue) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TypeError(`${api}: the ${side} output cannot be read as JSON: ${reason}`, { cause: error });
  }
}

/** The text a JSON output shows when it is compared with a text output. */
export function renderJsonAsText(value: JsonValue): string {
  return JSON.stringify(value, null, 2);
}
