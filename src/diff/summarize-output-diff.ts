import { plural } from "../domain/index.js";
import type { JsonDifference, JsonValue, OutputDiff, TextDiffLine, WordSegment } from "./output-diff.js";

/** Options of {@link summarizeOutputDiff}. */
export interface SummarizeOutputDiffOptions {
  /** The most lines the summary may have, its heading included; default 10. */
  maxLines?: number;
}

/** A value or line longer than this is cut with an ellipsis: the summary is for a matcher's message. */
const MAX_WIDTH = 120;

/**
 * A short plain-text rendering of an {@link OutputDiff} for matcher messages: a heading, then one line per
 * difference, `~` changed, `-` removed, `+` added; within a changed text line, git's word-diff marks
 * `[-removed-]{+added+}`. The reporter draws the full tables from the same data.
 *
 * @example
 * summarizeOutputDiff(diffOutputs('{"total": 12}', '{"total": 13}'))
 * // JSON outputs differ at 1 path:
 * //   ~ $.total: 12 → 13
 */
export function summarizeOutputDiff(diff: OutputDiff, options: SummarizeOutputDiffOptions = {}): string {
  const { maxLines = 10 } = options;
  if (!Number.isInteger(maxLines) || maxLines < 1) {
    throw new RangeError(`summarizeOutputDiff: maxLines must be a positive integer, got ${maxLines}`);
  }
  const kind = diff.kind === "json" ? "JSON" : "text";
  if (diff.equal) return `${kind} outputs are equal`;
  const items =
    diff.kind === "json"
      ? diff.differences.map(renderDifference)
      : diff.lines.filter((line) => line.type !== "equal").map(renderTextLine);
  const unit = diff.kind === "json" ? plural(diff.changes, "path") : plural(diff.changes, "line");
  const heading = `${kind} outputs differ ${diff.kind === "json" ? "at" : "in"} ${unit}${diff.kind === "text" && diff.approximate ? " (too long to align; shown as replaced)" : ""}:`;
  const room = maxLines - 1;
  if (items.length <= room) return [heading, ...items.map(indent)].join("\n");
  const shown = Math.max(0, room - 1);
  return [heading, ...items.slice(0, shown).map(indent), indent(`… and ${items.length - shown} more`)]
    .slice(0, maxLines)
    .join("\n");
}

function renderDifference(difference: JsonDifference): string {
  switch (difference.type) {
    case "changed":
      return `~ ${difference.path}: ${renderValue(difference.before)} → ${renderValue(difference.after)}`;
    case "removed":
      return `- ${difference.path}: ${renderValue(difference.before)}`;
    case "added":
      return `+ ${difference.path}: ${renderValue(difference.after)}`;
  }
}

function renderTextLine(line: Exclude<TextDiffLine, { type: "equal" }>): string {
  switch (line.type) {
    case "remove":
      return truncate(`- ${line.left}: ${line.text}`);
    case "add":
      return truncate(`+ ${line.right}: ${line.text}`);
    case "modify":
      return truncate(`~ ${line.left}: ${renderSegments(line.segments)}`);
  }
}

function renderSegments(segments: readonly WordSegment[]): string {
  return segments
    .map((segment) => {
      if (segment.type === "remove") return `[-${segment.text}-]`;
      if (segment.type === "add") return `{+${segment.text}+}`;
      return segment.text;
    })
    .join("");
}

function renderValue(value: JsonValue): string {
  return truncate(JSON.stringify(value), 60);
}

function truncate(text: string, width = MAX_WIDTH): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

function indent(line: string): string {
  return `  ${line}`;
}
