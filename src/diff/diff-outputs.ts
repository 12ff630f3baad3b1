import { diffJson } from "./diff-json.js";
import { diffText } from "./diff-text.js";
import { type IgnorePattern, parseIgnorePattern } from "./json-path.js";
import type { OutputDiff } from "./output-diff.js";
import { readOutput, renderJsonAsText } from "./read-output.js";

/** Options of {@link diffOutputs}. */
export interface DiffOutputsOptions {
  /**
   * JSON paths or key names to leave out of the comparison: `created_at` ignores that key at any depth;
   * `$.meta.id`, `items[*].id` or `$["unit price"]` ignore one path from the root (`*`: any key or index).
   */
  ignore?: readonly string[];
  /** Numbers whose difference is at most this count as equal, in JSON values and in text; default 0. */
  tolerance?: number;
}

/**
 * Compares two outputs (typically two runs' `result`) and returns the differences as data. When both are
 * JSON (any non-string value, or a string that parses as a JSON object or array, possibly inside a lone
 * fenced code block) the comparison is by path; otherwise it is line by line and, within changed lines,
 * word by word. Throws a `TypeError` or `RangeError` only on misuse: bad options, or a value that cannot
 * be JSON.
 *
 * @example
 * const diff = diffOutputs(cell.run.result, baseline.run.result, { ignore: ["id"], tolerance: 0.01 });
 * if (!diff.equal) console.log(summarizeOutputDiff(diff, { maxLines: 8 }));
 */
export function diffOutputs(a: unknown, b: unknown, options: DiffOutputsOptions = {}): OutputDiff {
  const { tolerance, ignore } = readOptions(options);
  const left = readOutput("diffOutputs", "first", a);
  const right = readOutput("diffOutputs", "second", b);
  if (left.kind === "json" && right.kind === "json")
    return diffJson(left.value, right.value, { ignore, tolerance });
  const leftText = left.kind === "json" ? renderJsonAsText(left.value) : left.text;
  const rightText = right.kind === "json" ? renderJsonAsText(right.value) : right.text;
  return diffText(leftText, rightText, tolerance);
}

function readOptions(options: DiffOutputsOptions): { tolerance: number; ignore: IgnorePattern[] } {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`diffOutputs: options must be an object, got ${String(options)}`);
  }
  const tolerance = options.tolerance ?? 0;
  if (typeof tolerance !== "number" || !Number.isFinite(tolerance) || tolerance < 0) {
    throw new RangeError(
      `diffOutputs: tolerance must be a non-negative finite number, got ${String(tolerance)}`,
    );
  }
  const ignore = options.ignore ?? [];
  if (!Array.isArray(ignore)) {
    throw new TypeError(
      `diffOutputs: ignore must be an array of JSON paths or key names, got ${typeof ignore}`,
    );
  }
  return { tolerance, ignore: ignore.map((pattern) => parseIgnorePattern("diffOutputs", pattern)) };
}
