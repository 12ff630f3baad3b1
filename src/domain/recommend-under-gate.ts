import type { EvalReport, GroupReport } from "./eval-report.js";
import { evaluateGate, type GateConfig } from "./evaluate-gate.js";

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
 * gated on its own) and every assertion of the suite: the deployable choice that costs least. Ties on
 * cost go to the lower median latency. Groups of unknown cost come last.
 */
export function recommendUnderGate(report: EvalReport, config: GateConfig = {}): GateRecommendation[] {
  const { groups: _groups, ...thresholds } = config;
  return report.suites.map((suite) => {
    const passing = suite.groups.filter((group) => {
      if (!group.passesThresholds) return false;
      const gate = evaluateGate(report, { ...thresholds, groups: [group.id] });
      return !gate.failures.some((failure) => failure.suite === suite.name);
    });
    passing.sort(
      (a, b) =>
        (a.costUsd?.mean ?? Number.POSITIVE_INFINITY) - (b.costUsd?.mean ?? Number.POSITIVE_INFINITY) ||
        (a.latencyMs?.p50 ?? Number.POSITIVE_INFINITY) - (b.latencyMs?.p50 ?? Number.POSITIVE_INFINITY),
    );
    return { suite: suite.name, group: passing[0] ?? null, passing: passing.map((group) => group.id) };
  });
}
