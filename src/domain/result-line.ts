import { type CellMeta, readCellMeta } from "./cell-meta.js";

/** One line of `reports/results.jsonl`: a finished cell, appended the moment it finishes. */
export interface ResultLine {
  meta: CellMeta;
  /** The cell test's outcome in vitest: its assertions passed, failed, or it was skipped. */
  state: "passed" | "failed" | "skipped";
  /** The failure messages of the cell test, secrets removed. */
  failures: string[];
  /** When the cell finished. */
  at: string;
}

/** Serialises a result line: one line of JSON, newline-terminated. */
export function formatResultLine(line: ResultLine): string {
  return `${JSON.stringify(line)}\n`;
}

/**
 * Reads `results.jsonl` text into result lines. A line that is not a complete result (the run was
 * killed while writing it) is skipped, never an error: everything before it is kept.
 */
export function parseResultLines(text: string): ResultLine[] {
  const lines: ResultLine[] = [];
  for (const raw of text.split("\n")) {
    if (raw.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    const candidate = value as Partial<ResultLine>;
    const meta = readCellMeta({ maestroEval: candidate.meta });
    if (meta === undefined) continue;
    if (candidate.state !== "passed" && candidate.state !== "failed" && candidate.state !== "skipped")
      continue;
    lines.push({
      meta,
      state: candidate.state,
      failures: Array.isArray(candidate.failures)
        ? candidate.failures.filter((item) => typeof item === "string")
        : [],
      at: typeof candidate.at === "string" ? candidate.at : "",
    });
  }
  return lines;
}

/** The key a resumed run matches a cell by: its place in the matrix and its exact request. */
export function resumeKey(meta: Pick<CellMeta, "cell" | "requestHash">): string {
  return `${meta.cell.key}\u0000${meta.requestHash}`;
}
