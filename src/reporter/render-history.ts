import type { TrendPoint, TrendRow, TrendsResult } from "../domain/run-history.js";
import { formatDuration, formatScore, formatScoreChange, formatUsd } from "./format-values.js";

const BARS = "▁▂▃▄▅▆▇█";

/**
 * A sparkline of `values`, one character each: a bar from ▁ to █ on the scale given (default from the
 * values' own minimum to maximum), a space where a run has no value.
 *
 * @example
 * renderSparkline([0, 0.5, 1], { min: 0, max: 1 }); // "▁▅█"
 */
export function renderSparkline(
  values: readonly (number | null)[],
  scale?: { min: number; max: number },
): string {
  const known = values.filter((value): value is number => value !== null);
  const min = scale?.min ?? Math.min(...known);
  const max = scale?.max ?? Math.max(...known);
  return values
    .map((value) => {
      if (value === null) return " ";
      if (!(max > min)) return BARS[3];
      const level = Math.round(
        ((Math.min(Math.max(value, min), max) - min) / (max - min)) * (BARS.length - 1),
      );
      return BARS[level];
    })
    .join("");
}

function formatValue(row: Pick<TrendRow, "measure">, value: number): string {
  if (row.measure === "cost") return formatUsd(value);
  if (row.measure === "latency") return formatDuration(value);
  return formatScore(value);
}

function formatDelta(row: TrendRow, delta: number): string {
  if (isScore(row)) return formatScoreChange(delta);
  return `${delta > 0 ? "+" : "-"}${formatValue(row, Math.abs(delta))}`;
}

/** Where a change happened: the commit (and branch) of the run it showed in, else the run's time. */
export function describeRunPoint(point: TrendPoint): string {
  if (point.commit === null) return `the run of ${point.at.slice(0, 16).replace("T", " ")}`;
  return `${point.commit}${point.branch === null ? "" : ` (${point.branch})`}`;
}

function isScore(row: TrendRow): boolean {
  return row.measure === "requirement" || row.measure === "overall" || row.measure === "mandatory";
}

/** Options of {@link renderHistory}. */
export interface RenderHistoryOptions {
  /** The history file, named in the heading. */
  file: string;
  /** Line numbers that could not be read, named under the heading. */
  unreadable?: readonly number[];
}

/**
 * The trends of the last runs: per suite and model/budget, a row per requirement (`*` mandatory), the
 * overall score, the mandatory pass rate, the cost and the latency, each with a sparkline (scores on a
 * fixed 0 to 1 scale), the last value and the largest change between two runs with the commit it came in.
 */
export function renderHistory(result: TrendsResult, options: RenderHistoryOptions): string {
  const lines: string[] = [];
  const first = result.runs[0];
  const last = result.runs.at(-1);
  const when = (at: string) => at.slice(0, 16).replace("T", " ");
  lines.push(
    first === undefined || last === undefined
      ? `History: ${options.file} · no runs recorded yet`
      : `History: ${options.file} · ${result.runs.length} run${result.runs.length === 1 ? "" : "s"}${result.total > result.runs.length ? ` (of ${result.total})` : ""} from ${when(first.at)} to ${when(last.at)}${result.runs.some((run) => run.simulated) ? " · simulated models" : ""}`,
  );
  const unreadable = options.unreadable ?? [];
  if (unreadable.length > 0) {
    lines.push(
      `  ${unreadable.length} unreadable line${unreadable.length === 1 ? "" : "s"} skipped (line${unreadable.length === 1 ? "" : "s"} ${unreadable.slice(0, 10).join(", ")}${unreadable.length > 10 ? ", ..." : ""}): cut by a kill, or not a history entry`,
    );
  }
  const groups = new Map<string, TrendRow[]>();
  for (const row of result.rows) {
    const title = `suite "${row.suite}" · ${row.group}`;
    groups.set(title, [...(groups.get(title) ?? []), row]);
  }
  for (const [title, rows] of groups) {
    const names = rows.map((row) => `${row.name}${row.mandatory ? " *" : ""}`);
    const nameWidth = Math.max(...names.map((name) => name.length));
    const trendWidth = Math.max(5, result.runs.length);
    const values = rows.map((row) => {
      const lastKnown = [...row.points].reverse().find((point) => point.value !== null);
      return lastKnown?.value === null || lastKnown === undefined ? "-" : formatValue(row, lastKnown.value);
    });
    const valueWidth = Math.max(4, ...values.map((value) => value.length));
    lines.push(
      "",
      title,
      `  ${"".padEnd(nameWidth)}   ${"trend".padEnd(trendWidth)}   ${"last".padEnd(valueWidth)}   largest change`,
    );
    rows.forEach((row, index) => {
      const spark = renderSparkline(
        row.points.map((point) => point.value),
        isScore(row) ? { min: 0, max: 1 } : undefined,
      );
      const change =
        row.largestChange === null
          ? "none"
          : `${formatDelta(row, row.largestChange.delta)} at ${describeRunPoint(row.largestChange.to)}`;
      lines.push(
        `  ${names[index]!.padEnd(nameWidth)}   ${spark.padEnd(trendWidth)}   ${values[index]!.padEnd(valueWidth)}   ${change}`,
      );
    });
  }
  return lines.join("\n");
}
