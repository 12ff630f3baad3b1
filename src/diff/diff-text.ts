import { alignSequences } from "./align-sequences.js";
import type { TextDiffLine, TextOutputDiff, WordSegment } from "./output-diff.js";

/**
 * Words, numbers (with thousands separators and decimals), single punctuation marks and runs of
 * whitespace: every character of a line lands in exactly one token, so the segments rebuild the line.
 */
const TOKEN = /\s+|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[\p{L}\p{M}\p{N}_]+|[^\s\p{L}\p{M}\p{N}_]/gu;
const NUMBER = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$/;

/**
 * Compares two texts line by line (longest common subsequence), then pairs each change's removed and added
 * lines in order and compares them word by word. With a tolerance, numbers within it count as equal, in
 * lines and in words. Line endings are normalised, so CRLF and LF texts compare equal.
 */
export function diffText(left: string, right: string, tolerance: number): TextOutputDiff {
  const leftLines = splitLines(left);
  const rightLines = splitLines(right);
  const sameLine =
    tolerance > 0 ? (a: string, b: string) => a === b || isSameLine(a, b, tolerance) : undefined;
  const { steps, approximate } = sameLine
    ? alignSequences(leftLines, rightLines, sameLine)
    : alignSequences(...internLines(leftLines, rightLines), (a, b) => a === b);
  const lines: TextDiffLine[] = [];
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    const paired = Math.min(removed.length, added.length);
    for (let k = 0; k < paired; k++) {
      const before = leftLines[removed[k]!]!;
      const after = rightLines[added[k]!]!;
      lines.push({
        type: "modify",
        left: removed[k]! + 1,
        right: added[k]! + 1,
        before,
        after,
        segments: diffWords(before, after, tolerance),
      });
    }
    for (const i of removed.slice(paired)) lines.push({ type: "remove", left: i + 1, text: leftLines[i]! });
    for (const j of added.slice(paired)) lines.push({ type: "add", right: j + 1, text: rightLines[j]! });
    removed = [];
    added = [];
  };
  for (const step of steps) {
    if (step.type === "remove") removed.push(step.left);
    else if (step.type === "add") added.push(step.right);
    else {
      flush();
      lines.push({ type: "equal", left: step.left + 1, right: step.right + 1, text: leftLines[step.left]! });
    }
  }
  flush();
  const changes = lines.filter((line) => line.type !== "equal").length;
  return { kind: "text", equal: changes === 0, changes, lines, approximate };
}

/** The word-level segments of a changed line, adjacent segments of one type merged. */
export function diffWords(before: string, after: string, tolerance: number): WordSegment[] {
  const leftTokens = before.match(TOKEN) ?? [];
  const rightTokens = after.match(TOKEN) ?? [];
  const { steps } = alignSequences(leftTokens, rightTokens, (a, b) => isSameToken(a, b, tolerance));
  const segments: WordSegment[] = [];
  const push = (type: WordSegment["type"], text: string) => {
    const last = segments[segments.length - 1];
    if (last && last.type === type) last.text += text;
    else segments.push({ type, text });
  };
  let removed = "";
  let added = "";
  const flush = () => {
    if (removed) push("remove", removed);
    if (added) push("add", added);
    removed = "";
    added = "";
  };
  for (const step of steps) {
    if (step.type === "remove") removed += leftTokens[step.left]!;
    else if (step.type === "add") added += rightTokens[step.right]!;
    else {
      flush();
      push("equal", rightTokens[step.right]!);
    }
  }
  flush();
  return segments;
}

function splitLines(text: string): string[] {
  return text.replace(/\r\n?/g, "\n").split("\n");
}

/** Maps lines to small integers, so the table compares numbers instead of strings. */
function internLines(left: readonly string[], right: readonly string[]): [number[], number[]] {
  const ids = new Map<string, number>();
  const intern = (line: string) => {
    let id = ids.get(line);
    if (id === undefined) {
      id = ids.size;
      ids.set(line, id);
    }
    return id;
  };
  return [left.map(intern), right.map(intern)];
}

function isSameLine(left: string, right: string, tolerance: number): boolean {
  const leftTokens = left.match(TOKEN) ?? [];
  const rightTokens = right.match(TOKEN) ?? [];
  return (
    leftTokens.length === rightTokens.length &&
    leftTokens.every((token, index) => isSameToken(token, rightTokens[index]!, tolerance))
  );
}

function isSameToken(left: string, right: string, tolerance: number): boolean {
  if (left === right) return true;
  if (tolerance <= 0 || !NUMBER.test(left) || !NUMBER.test(right)) return false;
  return Math.abs(Number(left.replaceAll(",", "")) - Number(right.replaceAll(",", ""))) <= tolerance;
}
