// The data a diff of two outputs gives: plain JSON, so it crosses vitest's worker boundary into task meta
// and reaches the reporter, which renders it (summarizeOutputDiff gives the short text matchers use).

/** A JSON value, as the outputs are read before they are compared. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * One difference between two JSON outputs, at a path such as `$.items[0].price`. Inside arrays, items are
 * aligned first (longest common subsequence); a removed or changed item is named by its index in the first
 * output, an added item by its index in the second.
 */
export type JsonDifference =
  | { type: "changed"; path: string; before: JsonValue; after: JsonValue }
  | { type: "added"; path: string; after: JsonValue }
  | { type: "removed"; path: string; before: JsonValue };

/** One line of json-diff-kit's side-by-side rendering (its `DiffResult`), kept as data for renderers. */
export interface JsonDiffLine {
  type: "equal" | "add" | "remove" | "modify";
  /** The line's text without indentation; empty on the placeholder lines that keep both sides aligned. */
  text: string;
  /** The indentation depth. */
  level: number;
  /** Absent on placeholder lines. */
  lineNumber?: number;
  /** Whether a comma follows the text. */
  comma?: boolean;
}

/** How two outputs differ when both are JSON (values, or strings that parse as a JSON object or array). */
export interface JsonOutputDiff {
  kind: "json";
  equal: boolean;
  /** The number of differences. */
  changes: number;
  differences: JsonDifference[];
  /** json-diff-kit's side-by-side lines of both outputs, after ignored paths are removed. */
  lines: { left: JsonDiffLine[]; right: JsonDiffLine[] };
  /** The paths left out by the `ignore` option, in either output. */
  ignoredPaths: string[];
}

/** A run of words within a changed line: kept, removed from the first output, or added in the second. */
export interface WordSegment {
  type: "equal" | "remove" | "add";
  text: string;
}

/**
 * One line of a text diff; `left` and `right` are 1-based line numbers in the first and second output. A
 * `modify` line pairs a removed line with the added line that took its place, word by word.
 */
export type TextDiffLine =
  | { type: "equal"; left: number; right: number; text: string }
  | { type: "remove"; left: number; text: string }
  | { type: "add"; right: number; text: string }
  | { type: "modify"; left: number; right: number; before: string; after: string; segments: WordSegment[] };

/** How two outputs differ as text, line by line and, within changed lines, word by word. */
export interface TextOutputDiff {
  kind: "text";
  equal: boolean;
  /** The number of lines that are not `equal` (a `modify` line counts once). */
  changes: number;
  lines: TextDiffLine[];
  /**
   * True when the texts were too long to align line by line within the time budget, so everything between
   * their common start and end shows as removed and added.
   */
  approximate: boolean;
}

/** How two outputs differ: JSON-aware when both are JSON, line- and word-aware otherwise. */
export type OutputDiff = JsonOutputDiff | TextOutputDiff;
