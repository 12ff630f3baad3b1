/// <reference path="./json-diff-kit-differ.d.ts" />
import { createRequire } from "node:module";
import type Differ from "json-diff-kit/differ.js";
import { alignSequences } from "./align-sequences.js";
import { formatPath, type IgnorePattern, isIgnored, type PathSegment } from "./json-path.js";
import type { JsonDifference, JsonDiffLine, JsonOutputDiff, JsonValue } from "./output-diff.js";

/** What the comparison of two JSON values needs to know. */
export interface JsonCompareSettings {
  ignore: readonly IgnorePattern[];
  /** Numbers whose difference is at most this are equal. */
  tolerance: number;
}

type JsonObject = { [key: string]: JsonValue };

let differ: Differ | undefined;

/**
 * json-diff-kit's differ, made at the first comparison: the package is required then (its CommonJS build,
 * synchronously), so a process that compares nothing (a suite's worker, the CLI's before its workers
 * start) does not load it (about 17 ms as an ES module import, 9 ms required).
 */
function theDiffer(): Differ {
  if (differ === undefined) {
    const { default: DifferClass } = createRequire(import.meta.url)("json-diff-kit/differ.js") as {
      default: typeof Differ;
    };
    // The values are fresh from JSON.parse, so they hold no cycles; key order is sorted, as ours is.
    differ = new DifferClass({ detectCircular: false, arrayDiffMethod: "lcs", showModifications: true });
  }
  return differ;
}

/**
 * Compares two JSON values path by path, and renders both, with ignored paths removed and numbers within
 * the tolerance made equal, through json-diff-kit's differ for side-by-side views.
 */
export function diffJson(left: JsonValue, right: JsonValue, settings: JsonCompareSettings): JsonOutputDiff {
  const state: WalkState = { settings, differences: [], ignored: new Set() };
  const [shownLeft, shownRight] = walk(left, right, [], state);
  return {
    kind: "json",
    equal: state.differences.length === 0,
    changes: state.differences.length,
    differences: state.differences,
    lines: renderLines(shownLeft, shownRight),
    ignoredPaths: [...state.ignored],
  };
}

/**
 * json-diff-kit's lines for both values. Its stringifier writes object keys between quotes without
 * escaping them and parses the result back, so keys are handed over escaped; should it fail all the same,
 * the lines are left empty rather than losing the comparison.
 */
function renderLines(left: JsonValue, right: JsonValue): JsonOutputDiff["lines"] {
  const instance = theDiffer();
  try {
    const [leftLines, rightLines] = instance.diff(escapeKeys(left), escapeKeys(right));
    return { left: leftLines.map(toLine), right: rightLines.map(toLine) };
  } catch {
    return { left: [], right: [] };
  }
}

function escapeKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(escapeKeys);
  if (!isObject(value)) return value;
  const escaped: JsonObject = {};
  for (const [key, item] of Object.entries(value))
    setEntry(escaped, JSON.stringify(key).slice(1, -1), escapeKeys(item));
  return escaped;
}

interface WalkState {
  settings: JsonCompareSettings;
  differences: JsonDifference[];
  ignored: Set<string>;
}

/** Records the differences under `path` and returns both values as the side-by-side view shows them. */
function walk(
  left: JsonValue,
  right: JsonValue,
  path: PathSegment[],
  state: WalkState,
): [JsonValue, JsonValue] {
  if (Array.isArray(left) && Array.isArray(right)) return walkArrays(left, right, path, state);
  if (isObject(left) && isObject(right)) return walkObjects(left, right, path, state);
  if (isEquivalent(left, right, path, state.settings)) return [left, left];
  state.differences.push({
    type: "changed",
    path: formatPath(path),
    before: prune(left, path, state),
    after: prune(right, path, state),
  });
  return [prune(left, path, state), prune(right, path, state)];
}

function walkObjects(
  left: JsonObject,
  right: JsonObject,
  path: PathSegment[],
  state: WalkState,
): [JsonValue, JsonValue] {
  const shownLeft: JsonObject = {};
  const shownRight: JsonObject = {};
  const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
  for (const key of keys) {
    const at = [...path, key];
    if (isIgnored(at, state.settings.ignore)) {
      state.ignored.add(formatPath(at));
      continue;
    }
    const inLeft = Object.hasOwn(left, key);
    const inRight = Object.hasOwn(right, key);
    if (inLeft && inRight) {
      const [shownL, shownR] = walk(left[key]!, right[key]!, at, state);
      setEntry(shownLeft, key, shownL);
      setEntry(shownRight, key, shownR);
    } else if (inLeft) {
      const before = prune(left[key]!, at, state);
      setEntry(shownLeft, key, before);
      state.differences.push({ type: "removed", path: formatPath(at), before });
    } else {
      const after = prune(right[key]!, at, state);
      setEntry(shownRight, key, after);
      state.differences.push({ type: "added", path: formatPath(at), after });
    }
  }
  return [shownLeft, shownRight];
}

/**
 * Aligns the items along a longest common subsequence of equivalent items, then, within each change, pairs
 * removed and added items in order and compares them in depth, so that one edited item reads as changes
 * inside it rather than as a removal and an addition.
 */
function walkArrays(
  left: JsonValue[],
  right: JsonValue[],
  path: PathSegment[],
  state: WalkState,
): [JsonValue, JsonValue] {
  const { settings } = state;
  const visibleIndexes = (items: readonly JsonValue[]) =>
    items.flatMap((_, index) => {
      if (!isIgnored([...path, index], settings.ignore)) return [index];
      state.ignored.add(formatPath([...path, index]));
      return [];
    });
  const leftIndexes = visibleIndexes(left);
  const rightIndexes = visibleIndexes(right);
  const { steps } = alignSequences(leftIndexes, rightIndexes, (i, j) =>
    // Items at different indexes are compared as if at the left one's path, so index patterns stay put.
    isEquivalent(left[i]!, right[j]!, [...path, i], settings),
  );
  const shownLeft: JsonValue[] = [];
  const shownRight: JsonValue[] = [];
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    const paired = Math.min(removed.length, added.length);
    for (let k = 0; k < paired; k++) {
      const i = removed[k]!;
      const [shownL, shownR] = walk(left[i]!, right[added[k]!]!, [...path, i], state);
      shownLeft.push(shownL);
      shownRight.push(shownR);
    }
    for (const i of removed.slice(paired)) {
      const before = prune(left[i]!, [...path, i], state);
      state.differences.push({ type: "removed", path: formatPath([...path, i]), before });
      shownLeft.push(before);
    }
    for (const j of added.slice(paired)) {
      const after = prune(right[j]!, [...path, j], state);
      state.differences.push({ type: "added", path: formatPath([...path, j]), after });
      shownRight.push(after);
    }
    removed = [];
    added = [];
  };
  for (const step of steps) {
    if (step.type === "remove") removed.push(leftIndexes[step.left]!);
    else if (step.type === "add") added.push(rightIndexes[step.right]!);
    else {
      flush();
      const i = leftIndexes[step.left]!;
      const j = rightIndexes[step.right]!;
      // Equivalent items show the left one on both sides, so numbers within the tolerance read as equal.
      const shown = prune(left[i]!, [...path, i], state);
      prune(right[j]!, [...path, j], state);
      shownLeft.push(shown);
      shownRight.push(shown);
    }
  }
  flush();
  return [shownLeft, shownRight];
}

/** Whether two values are equal once ignored paths are left out and numbers are within the tolerance. */
function isEquivalent(
  left: JsonValue,
  right: JsonValue,
  path: PathSegment[],
  settings: JsonCompareSettings,
): boolean {
  if (typeof left === "number" && typeof right === "number") {
    return left === right || Math.abs(left - right) <= settings.tolerance;
  }
  if (Array.isArray(left) && Array.isArray(right)) {
    const leftItems = left.filter((_, index) => !isIgnored([...path, index], settings.ignore));
    const rightItems = right.filter((_, index) => !isIgnored([...path, index], settings.ignore));
    if (leftItems.length !== rightItems.length) return false;
    // Visible items pair up in order; their paths are their left indexes, as in walkArrays.
    const leftIndexes = left
      .map((_, index) => index)
      .filter((index) => !isIgnored([...path, index], settings.ignore));
    return leftItems.every((item, k) =>
      isEquivalent(item, rightItems[k]!, [...path, leftIndexes[k]!], settings),
    );
  }
  if (isObject(left) && isObject(right)) {
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    for (const key of keys) {
      const at = [...path, key];
      if (isIgnored(at, settings.ignore)) continue;
      if (!Object.hasOwn(left, key) || !Object.hasOwn(right, key)) return false;
      if (!isEquivalent(left[key]!, right[key]!, at, settings)) return false;
    }
    return true;
  }
  return left === right;
}

/** The value with its ignored paths left out, noting them. */
function prune(value: JsonValue, path: PathSegment[], state: WalkState): JsonValue {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => {
      const at = [...path, index];
      if (isIgnored(at, state.settings.ignore)) {
        state.ignored.add(formatPath(at));
        return [];
      }
      return [prune(item, at, state)];
    });
  }
  if (isObject(value)) {
    const kept: JsonObject = {};
    for (const key of Object.keys(value).sort()) {
      const at = [...path, key];
      if (isIgnored(at, state.settings.ignore)) state.ignored.add(formatPath(at));
      else setEntry(kept, key, prune(value[key]!, at, state));
    }
    return kept;
  }
  return value;
}

/** Sets an own entry, even for a key such as `__proto__` that plain assignment would treat specially. */
function setEntry(target: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isObject(value: JsonValue): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function toLine(line: {
  type: JsonDiffLine["type"];
  text: string;
  level: number;
  lineNumber?: number;
  comma?: boolean;
}): JsonDiffLine {
  const out: JsonDiffLine = { type: line.type, text: line.text, level: line.level };
  if (line.lineNumber !== undefined) out.lineNumber = line.lineNumber;
  if (line.comma !== undefined) out.comma = line.comma;
  return out;
}
