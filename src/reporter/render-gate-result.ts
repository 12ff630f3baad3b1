import type { GateComparison, GateRecommendation, GateResult } from "../domain/index.js";
import {
  formatDuration,
  formatP,
  formatPercent,
  formatScore,
  formatScoreChange,
  formatUsd,
} from "./format-values.js";

const VERDICT = { passed: "PASSED", failed: "FAILED", error: "ERROR" } as const;

/**
 * The gate's verdict as a block of plain text: the status and exit code, every failing threshold with its
 * numbers (failed assertions of a case's compare and suites that did not load included: the report holds
 * them), the baseline comparisons, and notes.
 */
export function renderGateResult(gate: GateResult): string {
  const lines: string[] = [];
  lines.push(
    `Gate ${VERDICT[gate.status]}: ${gate.checked} threshold${gate.checked === 1 ? "" : "s"} checked, ${gate.failures.length} failing; infrastructure errors ${gate.infrastructure.errors}/${gate.infrastructure.cells} cells (tolerance ${formatPercent(gate.infrastructure.maxErrorRate)})`,
  );
  for (const failure of gate.failures) lines.push(`  ✗ [${failure.category}] ${failure.message}`);
  if (gate.comparisons.length > 0) {
    lines.push("", renderBaselineComparisons(gate.comparisons));
  }
  for (const note of gate.notes) lines.push(`  note: ${note}`);
  return lines.join("\n");
}

/** The paired comparisons with a baseline: one line each, with the verdict and the numbers behind it. */
export function renderBaselineComparisons(comparisons: readonly GateComparison[]): string {
  const lines = ["Against the baseline (paired over cases and repeats):"];
  for (const comparison of comparisons) {
    const what = comparison.requirement === null ? "overall" : `"${comparison.requirement}"`;
    const { baselineMean, currentMean } = comparison;
    const means = `${formatScore(baselineMean, currentMean)} → ${formatScore(currentMean, baselineMean)}`;
    const p = comparison.pValue === null ? "" : `, p=${formatP(comparison.pValue)}`;
    lines.push(
      `  ${comparison.pass ? "✓" : "✗"} ${comparison.suite} ${comparison.group} ${what}: ${means} (${formatScoreChange(comparison.meanDifference)}, n=${comparison.n}${p}) ${comparison.verdict.replace("_", " ")}`,
    );
  }
  return lines.join("\n");
}

/** Per suite, the cheapest model/budget the gate lets through: what to deploy. */
export function renderGateRecommendation(recommendations: readonly GateRecommendation[]): string {
  const lines = ["Cheapest model/budget that passes the gate and every assertion:"];
  for (const { suite, group, passing } of recommendations) {
    if (group === null) {
      lines.push(`  ${suite}: none passes`);
      continue;
    }
    const score = group.overall === null ? "no score" : `score ${formatScore(group.overall.mean)}`;
    const cost = group.costUsd === null ? "cost unknown" : `${formatUsd(group.costUsd.mean)} per run`;
    const latency = group.latencyMs === null ? "" : `, p50 ${formatDuration(group.latencyMs.p50)}`;
    const others =
      passing.length > 1 ? ` (${passing.length - 1} more pass: ${passing.slice(1).join(", ")})` : "";
    lines.push(`  ${suite}: ${group.id} — ${score}, ${cost}${latency}${others}`);
  }
  return lines.join("\n");
}
