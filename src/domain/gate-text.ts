// How the gate writes numbers, rates, money and names in its messages.
import type { RateReport } from "./eval-report.js";
import { plural } from "./format-text.js";
import { describeScoreSource, type ScoreSource, type ScoreSourceCounts } from "./score-source.js";
import { groupKey, type TrustedReport } from "./trust-report.js";

export function describeRate(rate: RateReport, min: number): string {
  const [actual, threshold] = formatPair(rate.rate, min);
  return `${actual} (${rate.passed}/${rate.total}) < ${threshold}`;
}

/** `a < b` with both numbers shown to as many decimals as it takes to tell them apart. */
export function compare(a: number, sign: "<" | ">", b: number): string {
  const [left, right] = formatPair(a, b);
  return `${left} ${sign} ${right}`;
}

/** Two numbers with 2 decimals, or more (up to 6) when 2 would show them equal. */
export function formatPair(a: number, b: number): [string, string] {
  let digits = 2;
  while (digits < 6 && a.toFixed(digits) === b.toFixed(digits)) digits += 1;
  return [a.toFixed(digits), b.toFixed(digits)];
}

export function formatScore(value: number): string {
  return value.toFixed(2);
}

export function formatP(value: number | null): string {
  if (value === null) return "n/a";
  return value < 0.001 ? value.toExponential(1) : value.toFixed(3);
}

export function percent(rate: number): string {
  const value = rate * 100;
  return `${Number.isInteger(value) ? value : value.toFixed(value < 1 ? 2 : 1)}%`;
}

export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6 + 0;
}

/** `" (9 self-assessed scores left out: gate.trustedSources)"` for a group, or nothing. */
export function describeExcluded(trust: TrustedReport, suite: string, group: string): string {
  const excluded = trust.excludedByGroup.get(groupKey(suite, group));
  if (excluded === undefined) return "";
  return ` (${describeCounts(excluded)} left out: not in gate.trustedSources)`;
}

/** What the gate counted and left out, when it is worth saying: partly verified scores, excluded ones. */
export function describeTrust(trust: TrustedReport): string[] {
  const notes: string[] = [];
  const partial = trust.gated.partial ?? 0;
  if (partial > 0) {
    const total = Object.values(trust.gated).reduce((sum, count) => sum + count, 0);
    notes.push(
      `${partial} of ${plural(total, "gated score")} ${partial === 1 ? "is" : "are"} only partly verified: the verifiers checked some clauses and did not understand the rest (marked P)`,
    );
  }
  if (Object.keys(trust.excluded).length > 0) {
    notes.push(
      `left out of the gate: ${describeCounts(trust.excluded)}; trusted sources: ${trust.trusted.join(", ")} (gate.trustedSources)`,
    );
  }
  return notes;
}

export function describeCounts(counts: ScoreSourceCounts): string {
  return Object.entries(counts)
    .map(([source, count]) => `${count} ${describeScoreSource(source as ScoreSource)}`)
    .join(", ")
    .concat(Object.values(counts).reduce((sum, count) => sum + count, 0) === 1 ? " score" : " scores");
}

export { formatUsd, plural, quote } from "./format-text.js";
