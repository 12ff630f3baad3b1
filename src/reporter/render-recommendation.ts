import type { EvalReport, GroupReport, SuiteReport } from "../domain/index.js";
import { sanitizeForTerminal } from "./escape.js";
import { describeGroupProblems, formatDuration, formatScore, formatUsd, quote } from "./format-values.js";

/**
 * Per suite, the cheapest model/budget group that passes every threshold (every assertion in every run, no
 * failed test, no error) with its score and cost, and the Pareto front of score against cost and latency.
 * Plain text, for the terminal.
 *
 * @example
 * process.stdout.write(`${renderRecommendation(report)}\n`);
 */
export function renderRecommendation(report: EvalReport): string {
  if (report.suites.length === 0) return "";
  const blocks = report.suites.map((suite) =>
    describeRecommendation(suite).map(sanitizeForTerminal).join("\n"),
  );
  if (report.run.simulated)
    blocks.push("Figures come from simulated models (the local backend's sim generator).");
  return blocks.join("\n\n");
}

/** The lines for one suite; shared with the Markdown and HTML renderers, which escape them. */
export function describeRecommendation(suite: SuiteReport): string[] {
  const lines = [`suite ${quote(suite.name)}`];
  const recommendation = suite.recommendation;
  if (recommendation === null) {
    lines.push("  no model/budget passes every threshold");
    for (const group of suite.groups) {
      const problems = describeGroupProblems(group);
      if (problems !== "") lines.push(`    ${group.id}: ${problems}`);
    }
  } else {
    const group = suite.groups.find((item) => item.id === recommendation.group);
    const basis = recommendation.basis === "cost" ? "cheapest" : "fastest (no cost known)";
    lines.push(
      `  ${basis} passing: ${recommendation.group} — ${group === undefined ? "" : describePoint(group)}`,
    );
  }
  if (suite.pareto.groups.length > 0) {
    const axes = suite.pareto.objectives.map((objective) =>
      objective === "score" ? "score ↑" : `${objective} ↓`,
    );
    lines.push(`  Pareto front (${axes.join(", ")}):`);
    for (const id of suite.pareto.groups) {
      const group = suite.groups.find((item) => item.id === id);
      if (group !== undefined)
        lines.push(
          `    ${id}: ${describePoint(group)}${group.passesThresholds ? "" : " (fails a threshold)"}`,
        );
    }
  }
  return lines;
}

/** `score 0.91, $0.0021 per run ($0.019 total), p50 1.2 s`. */
export function describePoint(group: GroupReport): string {
  const parts = [`score ${group.overall === null ? "–" : formatScore(group.overall.mean)}`];
  if (group.costUsd !== null)
    parts.push(`${formatUsd(group.costUsd.mean)} per run (${formatUsd(group.costUsd.total)} total)`);
  if (group.latencyMs !== null) parts.push(`p50 ${formatDuration(group.latencyMs.p50)}`);
  return parts.join(", ");
}
