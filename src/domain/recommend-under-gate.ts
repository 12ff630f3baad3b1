import type { EvalReport, GroupReport } from "./eval-report.js";
import { evaluateGate, type GateConfig } from "./evaluate-gate.js";
import { orderByCost, recommendCheapest } from "./report-pareto.js";

/** The cheapest group of a suite that the gate would let through. */
export interface GateRecommendation {
  suite: string;
  /** The cheapest passing group, or null when none passes. */
  group: GroupReport | null;
  /** Every group that passes, cheapest first. */
  passing: string[];
}

/**
 * For each suite, the cheapest model/budget group that meets every threshold of the gate (each group
 * gated on its own; the default gate when none is configured) and every assertion of the suite: the
 * deployable choice that costs least. Ordered as the report's own recommendation is: by mean cost, or by
 * median latency when a cost is unknown, ties to the higher score.
 */
export function recommendUnderGate(report: EvalReport, config: GateConfig = {}): GateRecommendation[] {
  const { groups: _groups, ...thresholds } = config;
  return report.suites.map((suite) => {
    const part = suiteReport(report, suite.name);
    const passing = orderByCost(
      suite.groups.filter((group) => {
        if (!group.passesThresholds) return false;
        const gate = evaluateGate(part, { ...thresholds, groups: [group.id] });
        return !gate.failures.some((failure) => failure.suite === suite.name);
      }),
    );
    return { suite: suite.name, group: passing[0] ?? null, passing: passing.map((group) => group.id) };
  });
}

/**
 * The report with each suite's recommendation chosen under `config` (see {@link recommendUnderGate}), so
 * that report.json, the HTML, the Markdown and the terminal name the same group as the CLI's verdict.
 */
export function applyGateRecommendations(report: EvalReport, config: GateConfig = {}): EvalReport {
  const chosen = new Map(
    recommendUnderGate(report, config).map((item) => [item.suite, new Set(item.passing)] as const),
  );
  return {
    ...report,
    suites: report.suites.map((suite) => {
      const passing = chosen.get(suite.name) ?? new Set<string>();
      return {
        ...suite,
        recommendation: recommendCheapest(suite.groups.filter((group) => passing.has(group.id))),
      };
    }),
  };
}

/**
 * One suite's part of a report: a gate on it costs its groups, cells and tests, not the whole run's. The
 * run's own errors stay (they fail no suite, so they rule out no group).
 */
function suiteReport(report: EvalReport, suite: string): EvalReport {
  return {
    ...report,
    suites: report.suites.filter((item) => item.name === suite),
    cells: report.cells.filter((cell) => cell.suite === suite),
    // A report written before tests were kept has none; the gate reads that as no failed test.
    tests: report.tests?.filter((test) => test.suite === suite),
  };
}
