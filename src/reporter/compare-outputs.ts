import {
  type DiffOutputsOptions,
  diffOutputs,
  type OutputDiff,
  summarizeOutputDiff,
  type TextDiffLine,
} from "../diff/index.js";
import type { DiffRow, OutputComparer, OutputComparison } from "../domain/index.js";

/** Options of {@link createOutputComparer}: `diffOutputs`'s, and how much of the diff to keep. */
export interface CreateOutputComparerOptions extends DiffOutputsOptions {
  /** Unchanged rows kept around each change; default 2. */
  context?: number;
  /** Rows kept per diff, skip rows included; default 60. */
  maxRows?: number;
}

/**
 * Makes the comparer `buildEvalReport` and `mergeEvalReports` take: `diffOutputs` (JSON by path, text by
 * line and word), turned into side-by-side rows with a little context and a short summary.
 *
 * @example
 * const report = buildEvalReport(outcomes, { ...run, compareOutputs: createOutputComparer({ ignore: ["id"] }) });
 */
export function createOutputComparer(options: CreateOutputComparerOptions = {}): OutputComparer {
  const { context = 2, maxRows = 60, ...diffOptions } = options;
  if (!Number.isInteger(context) || context < 0) {
    throw new RangeError(`createOutputComparer: context must be a non-negative integer, got ${context}`);
  }
  if (!Number.isInteger(maxRows) || maxRows < 1) {
    throw new RangeError(`createOutputComparer: maxRows must be a positive integer, got ${maxRows}`);
  }
  return (reference, other) => {
    const diff = diffOutputs(reference, other, diffOptions);
    const { rows, truncated } = collapseRows(toRows(diff), context, maxRows);
    return {
      kind: diff.kind,
      equal: diff.equal,
      changes: diff.changes,
      summary: summarizeOutputDiff(diff, { maxLines: 6 }),
      rows: diff.equal ? [] : rows,
      truncated: diff.equal ? false : truncated,
      approximate: diff.kind === "text" && diff.approximate,
    } satisfies OutputComparison;
  };
}

/** The default comparer: {@link createOutputComparer} with its defaults. */
export const compareOutputs: OutputComparer = createOutputComparer();

function toRows(diff: OutputDiff): DiffRow[] {
  if (diff.kind === "text") {
    return diff.lines.map(toTextRow);
  }
  const { left, right } = diff.lines;
  const rows: DiffRow[] = [];
  const count = Math.max(left.length, right.length);
  for (let index = 0; index < count; index++) {
    const a = left[index];
    const b = right[index];
    const aText = a === undefined || a.lineNumber === undefined ? null : jsonLineText(a);
    const bText = b === undefined || b.lineNumber === undefined ? null : jsonLineText(b);
    if (aText === null && bText === null) continue;
    if (aText === null) rows.push({ type: "add", right: bText! });
    else if (bText === null) rows.push({ type: "remove", left: aText });
    else if (a!.type === "equal" && b!.type === "equal")
      rows.push({ type: "equal", left: aText, right: bText });
    else rows.push({ type: "modify", left: aText, right: bText, segments: [] });
  }
  return rows;
}

function toTextRow(line: TextDiffLine): DiffRow {
  switch (line.type) {
    case "equal":
      return { type: "equal", left: line.text, right: line.text };
    case "remove":
      return { type: "remove", left: line.text };
    case "add":
      return { type: "add", right: line.text };
    case "modify":
      return { type: "modify", left: line.before, right: line.after, segments: line.segments };
  }
}

function jsonLineText(line: { text: string; level: number; comma?: boolean }): string {
  return `${"  ".repeat(line.level)}${line.text}${line.comma ? "," : ""}`;
}

/** Keeps the changed rows and `context` rows around them; the rest collapse into skip rows. */
function collapseRows(
  rows: readonly DiffRow[],
  context: number,
  maxRows: number,
): { rows: DiffRow[]; truncated: boolean } {
  const keep = new Uint8Array(rows.length);
  rows.forEach((row, index) => {
    if (row.type === "equal") return;
    for (let near = Math.max(0, index - context); near <= Math.min(rows.length - 1, index + context); near++)
      keep[near] = 1;
  });
  const out: DiffRow[] = [];
  let skipped = 0;
  for (let index = 0; index < rows.length; index++) {
    if (keep[index] === 1) {
      if (skipped > 0) out.push({ type: "skip", count: skipped });
      skipped = 0;
      out.push(rows[index]!);
    } else skipped += 1;
  }
  if (skipped > 0) out.push({ type: "skip", count: skipped });
  if (out.length <= maxRows) return { rows: out, truncated: false };
  return { rows: out.slice(0, maxRows), truncated: true };
}
