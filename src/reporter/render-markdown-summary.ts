import {
  type EvalReport,
  EXIT,
  type GateResult,
  type GroupReport,
  type SuiteReport,
} from "../domain/index.js";
import { escapeMarkdown } from "./escape.js";
import {
  describeGroupProblems,
  describeSourceMarks,
  formatCost,
  formatLatency,
  formatRate,
  formatScoreSummary,
  formatUsd,
  INTERVAL_LEGEND,
  plural,
} from "./format-values.js";
import { describePoint } from "./render-recommendation.js";

const MAX_FAILURES = 50;
const MAX_FLAKY = 20;

/**
 * A Markdown summary for CI step summaries (`$GITHUB_STEP_SUMMARY`): the gate's verdict and failing
 * thresholds when a gate result is given, totals, a comparison table per suite, the recommendation and the
 * flaky requirements. Every name is escaped; the size stays bounded whatever the number of cells.
 *
 * @example
 * appendFileSync(process.env.GITHUB_STEP_SUMMARY!, renderMarkdownSummary(report, gate));
 */
export function renderMarkdownSummary(report: EvalReport, gate?: GateResult): string {
  const out: string[] = [];
  out.push(`## maestro-eval: ${gate === undefined ? "report" : describeGate(gate)}`, "");
  if (report.run.simulated) {
    out.push("> [!NOTE]", "> Figures come from simulated models (the local backend's `sim` generator).", "");
  }
  const { totals } = report;
  out.push(
    [
      `**${plural(totals.cells, "cell")}**`,
      `${totals.passed} passed`,
      `${totals.failed} failed`,
      `${totals.skipped} skipped`,
      `errors: ${totals.errors.infrastructure} infrastructure, ${totals.errors.usage} usage`,
      `cost ${totals.costUsd === null ? "n/a" : formatUsd(totals.costUsd)}`,
      `backend ${report.run.backends.map(escapeMarkdown).join(", ") || "none"}`,
    ].join(" · "),
    "",
  );
  if (gate !== undefined && gate.failures.length > 0) {
    out.push("### Gate failures", "");
    for (const failure of gate.failures.slice(0, MAX_FAILURES))
      out.push(`- ${escapeMarkdown(failure.message)}`);
    if (gate.failures.length > MAX_FAILURES) out.push(`- … and ${gate.failures.length - MAX_FAILURES} more`);
    out.push("");
  }
  if (gate !== undefined && gate.notes.length > 0) {
    // What the gate counted and left out (self-assessed scores, partly verified ones) is part of its verdict.
    out.push("### Gate notes", "");
    for (const note of gate.notes) out.push(`- ${escapeMarkdown(note)}`);
    out.push("");
  }
  if (gate !== undefined && gate.comparisons.length > 0) {
    const changed = gate.comparisons.filter(
      (comparison) => comparison.verdict === "better" || comparison.verdict === "worse",
    );
    out.push(
      `Baseline: ${plural(gate.comparisons.length, "comparison")}, ${changed.filter((c) => c.verdict === "worse").length} worse, ${changed.filter((c) => c.verdict === "better").length} better, the rest noise or too few pairs.`,
      "",
    );
  }
  for (const suite of report.suites) out.push(...renderSuite(suite));
  out.push(`<sub>${escapeMarkdown(INTERVAL_LEGEND)}</sub>`, "");
  const marks = describeSourceMarks(report.suites);
  if (marks !== "") out.push(`<sub>${escapeMarkdown(marks)}</sub>`, "");
  return `${out.join("\n")}\n`;
}

function describeGate(gate: GateResult): string {
  if (gate.exitCode === 0) return `✅ gate passed (${plural(gate.checked, "check")})`;
  if (gate.exitCode === 1) return `❌ gate failed (${plural(gate.failures.length, "failure")}, exit 1)`;
  if (gate.exitCode === EXIT.infrastructure)
    return "⚠️ infrastructure failure (exit 2): the API or network, not the model";
  return "⛔ usage or configuration error (exit 3)";
}

function renderSuite(suite: SuiteReport): string[] {
  const out = [`### ${escapeMarkdown(suite.name)}`, ""];
  const groups = suite.groups;
  if (groups.length === 0) return [...out, "No cells.", ""];
  out.push(`| | ${groups.map((group) => escapeMarkdown(group.id)).join(" | ")} |`);
  out.push(`|---|${groups.map(() => "---:").join("|")}|`);
  const row = (label: string, value: (group: GroupReport) => string) =>
    out.push(`| ${label} | ${groups.map((group) => escapeMarkdown(value(group))).join(" | ")} |`);
  for (const requirement of suite.requirements) {
    row(`${escapeMarkdown(requirement.name)}${requirement.mandatory ? " \\*" : ""}`, (group) => {
      const summary = group.requirements.find((item) => item.name === requirement.name);
      return summary === undefined ? "–" : formatScoreSummary(summary);
    });
  }
  row("**overall**", (group) => (group.overall === null ? "–" : formatScoreSummary(group.overall)));
  if (suite.requirements.some((requirement) => requirement.mandatory)) {
    row("mandatory gate", (group) => (group.mandatory === null ? "–" : formatRate(group.mandatory)));
  }
  row("latency p50 / p95", (group) => formatLatency(group.latencyMs));
  row("cost mean / total", (group) => formatCost(group.costUsd));
  if (groups.some((group) => group.errors.infrastructure + group.errors.usage > 0)) {
    row("errors", (group) => `${group.errors.infrastructure} infra, ${group.errors.usage} usage`);
  }
  out.push("");
  if (suite.recommendation !== null) {
    const group = groups.find((item) => item.id === suite.recommendation!.group);
    out.push(
      `**${suite.recommendation.basis === "cost" ? "Cheapest" : "Fastest"} passing:** ${escapeMarkdown(suite.recommendation.group)}${group === undefined ? "" : ` — ${escapeMarkdown(describePoint(group))}`}`,
      "",
    );
  } else {
    const problems = groups
      .map((group) => [group.id, describeGroupProblems(group)] as const)
      .filter(([, problem]) => problem !== "")
      .map(([id, problem]) => `${escapeMarkdown(id)}: ${escapeMarkdown(problem)}`);
    out.push(`**No model/budget passes every threshold.** ${problems.join("; ")}`, "");
  }
  if (suite.pareto.groups.length > 0) {
    out.push(
      `**Pareto front** (${suite.pareto.objectives.join(", ")}): ${suite.pareto.groups.map(escapeMarkdown).join(", ")}`,
      "",
    );
  }
  if (suite.flaky.length > 0) {
    out.push(`<details><summary>Flaky requirements (${suite.flaky.length})</summary>`, "");
    for (const item of suite.flaky.slice(0, MAX_FLAKY)) {
      out.push(
        `- ${escapeMarkdown(item.requirement)} on ${escapeMarkdown(item.group)}, case ${escapeMarkdown(item.case)}: passed ${item.passed} of ${item.total}`,
      );
    }
    if (suite.flaky.length > MAX_FLAKY) out.push(`- … and ${suite.flaky.length - MAX_FLAKY} more`);
    out.push("", "</details>", "");
  }
  return out;
}
