import type { CaseDiffReport, CellReport, DiffRow, EvalReport } from "../domain/index.js";
import { sanitizeForTerminal } from "./escape.js";
import { createPaint, type Paint, plural, quote, truncateToWidth } from "./format-values.js";

/** Options of {@link renderOutputDiffs}. */
export interface RenderOutputDiffsOptions {
  /** The terminal's width; every line is cut to it. Default 120. */
  width?: number;
  /** The most lines per diff, its heading not counted. Default 12. */
  maxLines?: number;
  /** The most cases shown; the rest are counted (the HTML report has them all). Default 20. */
  maxCases?: number;
  color?: boolean;
}

/**
 * Per case, the diff between the reference cell's output and each cell whose output differs, unified
 * (`-` reference, `+` the other cell), each line cut to the terminal's width. Terminal control characters
 * in outputs are removed. Empty when no output differs.
 *
 * @example
 * process.stdout.write(`${renderOutputDiffs(report, { width: process.stdout.columns, maxLines: 12 })}\n`);
 */
export function renderOutputDiffs(report: EvalReport, options: RenderOutputDiffsOptions = {}): string {
  const { width = 120, maxLines = 12, maxCases = 20, color = false } = options;
  if (!Number.isInteger(maxLines) || maxLines < 1) {
    throw new RangeError(`renderOutputDiffs: maxLines must be a positive integer, got ${maxLines}`);
  }
  const paint = createPaint(color);
  const cut = (text: string) => truncateToWidth(text, Math.max(20, width));
  const byKey = new Map<string, CellReport>();
  for (const cell of report.cells) byKey.set(cell.key, cell);
  const blocks: string[] = [];
  let hidden = 0;
  for (const suite of report.suites) {
    for (const item of suite.cases) {
      if (item.diffs.length === 0 || item.reference === null) continue;
      if (blocks.length >= maxCases) {
        hidden += 1;
        continue;
      }
      const reference = byKey.get(item.reference);
      const lines = [
        paint.bold(
          cut(
            sanitizeForTerminal(
              `suite ${quote(suite.name)} · case ${quote(item.name)}: reference ${reference === undefined ? item.reference : label(reference)}`,
            ),
          ),
        ),
      ];
      for (const diff of item.diffs)
        lines.push(...renderDiff(diff, byKey.get(diff.cell), maxLines, paint, cut, Math.max(20, width)));
      if (item.equal.length > 0)
        lines.push(paint.dim(`  same output: ${plural(item.equal.length, "other cell")}`));
      if (item.omitted > 0)
        lines.push(paint.dim(`  … ${plural(item.omitted, "more differing cell")} not compared`));
      blocks.push(lines.join("\n"));
    }
  }
  if (hidden > 0)
    blocks.push(paint.dim(`… and ${plural(hidden, "more case")} with differing outputs (see report.html)`));
  return blocks.join("\n\n");
}

function renderDiff(
  diff: CaseDiffReport,
  cell: CellReport | undefined,
  maxLines: number,
  paint: Paint,
  cut: (text: string) => string,
  width: number,
): string[] {
  const { comparison } = diff;
  const what =
    comparison.kind === "json"
      ? plural(comparison.changes, "changed path")
      : plural(comparison.changes, "changed line");
  const heading = cut(
    `  vs ${sanitizeForTerminal(cell === undefined ? diff.cell : label(cell))} — ${comparison.kind}, ${what}${comparison.approximate ? " (too long to align)" : ""}`,
  );
  const body: string[] = [];
  for (const row of comparison.rows) body.push(...rowLines(row, paint, cut, width));
  const shown = body.length > maxLines ? body.slice(0, maxLines - 1) : body;
  const more = body.length - shown.length;
  const lines = [...shown];
  if (more > 0) lines.push(paint.dim(`    … ${plural(more, "more line")}`));
  else if (comparison.truncated) lines.push(paint.dim("    … diff cut (see report.html)"));
  return [heading, ...lines];
}

/** Characters of unchanged text kept before the first change when a long modified line is cut. */
const CONTEXT_CHARS = 24;

/**
 * A row as unified lines; each is cut to the width before it is coloured, so no colour code is cut. A
 * modified line too long for the width is cut around its first change, the same way on both sides, so
 * that `-` and `+` never show the same unchanged start and hide what differs.
 */
function rowLines(row: DiffRow, paint: Paint, cut: (text: string) => string, width = 120): string[] {
  const line = (prefix: string, value: string) => cut(`${prefix}${sanitizeForTerminal(value)}`);
  if (row.type === "modify") {
    const left = sanitizeForTerminal(row.left);
    const right = sanitizeForTerminal(row.right);
    const room = Math.max(20, width) - 6;
    let same = 0;
    while (same < left.length && same < right.length && left[same] === right[same]) same += 1;
    if ((left.length > room || right.length > room) && same > room - CONTEXT_CHARS * 2) {
      const from = same - CONTEXT_CHARS;
      return [paint.red(cut(`    - …${left.slice(from)}`)), paint.green(cut(`    + …${right.slice(from)}`))];
    }
  }
  switch (row.type) {
    case "equal":
      return [paint.dim(line("      ", row.left))];
    case "remove":
      return [paint.red(line("    - ", row.left))];
    case "add":
      return [paint.green(line("    + ", row.right))];
    case "modify":
      return [paint.red(line("    - ", row.left)), paint.green(line("    + ", row.right))];
    case "skip":
      return [paint.dim(`    ⋯ ${plural(row.count, "unchanged line")}`)];
  }
}

function label(cell: CellReport): string {
  return `${cell.group} #${cell.repeat}`;
}
