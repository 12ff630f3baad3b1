// Summaries, intervals and source marks as every renderer shows them, and terminal text widths; single
// numbers (scores, money, durations) read as the domain's format-text.ts writes them, re-exported here.
import {
  type CostReport,
  describeScoreSource,
  formatDuration,
  formatScore,
  formatUsd,
  type GroupReport,
  type LatencyReport,
  MIN_INTERVAL_RUNS,
  plural,
  type RateReport,
  SCORE_SOURCES,
  type ScoreSource,
  type ScoreSourceCounts,
  type ScoreSummaryReport,
  type SuiteReport,
} from "../domain/index.js";

/**
 * `0.83 [0.66, 0.95] (7/9)`: the mean, its 95% interval as it is (within [0, 1], not symmetric), and the
 * runs that met their threshold; `0.50 (1/2, too few runs)` below 3 runs; then the marks of the sources
 * that are not the verifiers (`0.83 [0.66, 0.95] (7/9) S`, see {@link formatSourceMarks}).
 */
export function formatScoreSummary(summary: ScoreSummaryReport): string {
  const counts = `${summary.pass.passed}/${summary.pass.total}`;
  const body =
    summary.interval === null
      ? `${formatScore(summary.mean)} (${counts}, too few runs)`
      : `${formatScore(summary.mean)} ${formatInterval(summary.interval)} (${counts})`;
  const marks = formatSourceMarks(summary.sources ?? {});
  return marks === "" ? body : `${body} ${marks}`;
}

/** `0.67 [0.35, 0.88] (6/9)`: the rate and its Wilson interval; `1.00 (2/2, too few runs)` below 3 runs. */
export function formatRate(rate: RateReport): string {
  const counts = `${rate.passed}/${rate.total}`;
  if (rate.total < MIN_INTERVAL_RUNS) return `${formatScore(rate.rate)} (${counts}, too few runs)`;
  return `${formatScore(rate.rate)} ${formatInterval(rate.interval)} (${counts})`;
}

/** `[0.66, 1.00]`: an interval's bounds with two decimals, rounded outwards so it still holds the mean. */
export function formatInterval(interval: { low: number; high: number }): string {
  const low = Math.floor(interval.low * 100 + 1e-9) / 100;
  const high = Math.ceil(interval.high * 100 - 1e-9) / 100;
  return `[${low.toFixed(2)}, ${high.toFixed(2)}]`;
}

/** The mark of each score source in tables; verified scores carry none. */
export const SOURCE_MARKS: Readonly<Record<ScoreSource, string>> = {
  verifier: "",
  partial: "P",
  judge: "J",
  maestro: "M",
  self_assessed: "S",
  unscored: "U",
};

const SOURCE_LEGEND: Readonly<Record<ScoreSource, string>> = {
  verifier: "",
  partial: "P partly verified (some clauses not understood)",
  judge: "J scored by a judge model",
  maestro: "M Maestro's own score",
  self_assessed: "S self-assessed by the model (not gated by default)",
  unscored: "U no verifier or judge could score it (not gated)",
};

/** The marks of the sources a summary's scores came from, in a fixed order: `S`, `PJ`; empty when all verified. */
export function formatSourceMarks(sources: ScoreSourceCounts): string {
  let marks = "";
  for (const source of SCORE_SOURCES) if ((sources[source] ?? 0) > 0) marks += SOURCE_MARKS[source];
  return marks;
}

/** The legend of the source marks the suites' tables show; empty when every score was verified. */
export function describeSourceMarks(suites: readonly SuiteReport[]): string {
  const seen = new Set<string>();
  for (const suite of suites) {
    for (const group of suite.groups) {
      for (const summary of group.requirements) for (const source in summary.sources) seen.add(source);
      if (group.overall !== null) for (const source in group.overall.sources) seen.add(source);
    }
  }
  const parts = SCORE_SOURCES.filter((source) => source !== "verifier" && seen.has(source)).map(
    (source) => SOURCE_LEGEND[source],
  );
  return parts.length === 0 ? "" : `marks: ${parts.join("; ")}; unmarked scores were verified`;
}

/** Who scored a requirement, in words: "verified", "partly verified", "self-assessed", ... */
export function describeSource(source: ScoreSource | undefined): string {
  return describeScoreSource(source ?? "maestro");
}

/** ` [self-assessed]` after a requirement score in per-cell text (JUnit); nothing for a verified score. */
export function formatSourceNote(source: ScoreSource | undefined): string {
  return source === undefined || source === "verifier" ? "" : ` [${describeScoreSource(source)}]`;
}

/** The legend line of intervals: what the brackets and the counts mean. */
export const INTERVAL_LEGEND =
  "[low, high] the 95% interval, within [0, 1] (Wilson: for rates, and for means of scores); (k/n) runs that met their threshold; too few runs: under 3; * mandatory";

/** `1.2 s / 2.0 s`, or `–`. */
export function formatLatency(latency: LatencyReport | null): string {
  return latency === null ? "–" : `${formatDuration(latency.p50)} / ${formatDuration(latency.p95)}`;
}

/** `$0.0021 / $0.019`, or `n/a` when no cost is known. */
export function formatCost(cost: CostReport | null): string {
  return cost === null ? "n/a" : `${formatUsd(cost.mean)} / ${formatUsd(cost.total)}`;
}

/** Why a group does not pass every threshold, in a few words; empty when it does. */
export function describeGroupProblems(group: GroupReport): string {
  const problems: string[] = [];
  if (group.errors.infrastructure > 0)
    problems.push(plural(group.errors.infrastructure, "infrastructure error"));
  if (group.errors.usage > 0) problems.push(plural(group.errors.usage, "usage error"));
  if (group.assertions.failed > 0) problems.push(plural(group.assertions.failed, "failed assertion"));
  const failedTests = group.failed - group.errors.infrastructure - group.errors.usage;
  if (failedTests > 0 && group.assertions.failed === 0) problems.push(plural(failedTests, "failed test"));
  if (group.cells - group.skipped - group.errors.infrastructure - group.errors.usage === 0)
    problems.push("no runs");
  return problems.join(", ");
}

// Combining marks take no column; East Asian wide and fullwidth characters and most emoji take two.
const ZERO_WIDTH = /\p{M}|[\u200B-\u200F]/u;
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC.
const ANSI = /\u001b\[[0-9;]*m/g;

/** The columns a text takes in a terminal (ANSI colour codes take none). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text.replace(ANSI, "")) width += charWidth(char);
  return width;
}

/** Cuts a text (without colour codes) to `width` columns, ending in `…` when cut. */
export function truncateToWidth(text: string, width: number): string {
  if (width <= 0) return "";
  if (displayWidth(text) <= width) return text;
  let out = "";
  let used = 0;
  for (const char of text) {
    const next = charWidth(char);
    if (used + next > width - 1) break;
    out += char;
    used += next;
  }
  return `${out}…`;
}

function charWidth(char: string): number {
  if (ZERO_WIDTH.test(char)) return 0;
  return WIDE.test(char) ? 2 : 1;
}

/** ANSI colours, or nothing when colour is off. */
export interface Paint {
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

/** Colour functions that wrap in ANSI codes when `color` is true and return the text as it is otherwise. */
export function createPaint(color: boolean): Paint {
  const wrap = (open: number, close: number) => (text: string) =>
    color ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    red: wrap(31, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
  };
}

export {
  formatDuration,
  formatP,
  formatPercent,
  formatScore,
  formatScoreChange,
  formatUsd,
  plural,
  quote,
} from "../domain/index.js";
