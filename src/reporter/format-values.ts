// Numbers as every renderer shows them, and terminal text widths.
import type {
  CostReport,
  GroupReport,
  LatencyReport,
  RateReport,
  ScoreSummaryReport,
} from "../domain/index.js";

/** A score with two decimals. */
export function formatScore(value: number): string {
  return value.toFixed(2);
}

/** `0.83 ± 0.09 (7/9)`: the mean, half its 95% interval, and the runs that met their threshold. */
export function formatScoreSummary(summary: ScoreSummaryReport): string {
  const half = summary.halfInterval === null ? "" : ` ± ${summary.halfInterval.toFixed(2)}`;
  return `${formatScore(summary.mean)}${half} (${summary.pass.passed}/${summary.pass.total})`;
}

/** `0.67 ± 0.27 (6/9)`: the rate and half the width of its Wilson interval. */
export function formatRate(rate: RateReport): string {
  const half = (rate.interval.high - rate.interval.low) / 2;
  return `${formatScore(rate.rate)} ± ${half.toFixed(2)} (${rate.passed}/${rate.total})`;
}

/** `850 ms`, `1.2 s`, `2.5 min`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** `$0.00213`, `$1.24`: three significant digits under a dollar. */
export function formatUsd(value: number): string {
  if (value === 0) return "$0";
  if (Math.abs(value) >= 1) return `$${value.toFixed(2)}`;
  return `$${Number(value.toPrecision(3)).toString()}`;
}

/** `1.2 s / 2.0 s`, or `–`. */
export function formatLatency(latency: LatencyReport | null): string {
  return latency === null ? "–" : `${formatMs(latency.p50)} / ${formatMs(latency.p95)}`;
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

/** `3 cells`, `1 cell`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** A JSON-quoted name, as messages show suite, case and requirement names. */
export function quote(name: string): string {
  return JSON.stringify(name);
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
