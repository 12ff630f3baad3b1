// How the gate words rates, comparisons and trust in its messages; numbers read as format-text.ts writes them.
import type { RateReport } from "./eval-report.js";
import { formatScore, plural } from "./format-text.js";
import { describeScoreSource, type ScoreSource, type ScoreSourceCounts } from "./score-source.js";
import { groupKey, type TrustedReport } from "./trust-report.js";

/** `0.67 (6/9) < 0.80`: a pass rate below its minimum, both read apart. */
export function describeRate(rate: RateReport, min: number): string {
  return `${formatScore(rate.rate, min)} (${rate.passed}/${rate.total}) < ${formatScore(min, rate.rate)}`;
}

/** `a < b` with both numbers shown to as many decimals as it takes to tell them apart. */
export function compare(a: number, sign: "<" | ">", b: number): string {
  return `${formatScore(a, b)} ${sign} ${formatScore(b, a)}`;
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

export { formatP, formatPercent, formatScore, formatUsd, plural, quote } from "./format-text.js";
