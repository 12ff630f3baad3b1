// One suite's report (summariseSuite): its requirements, its groups summarised, the Pareto front, the
// reference and recommendation, the flaky requirements and the case comparisons.
import type {
  CellReport,
  EvalReportSettings,
  FlakyReport,
  OutputComparer,
  SuiteReport,
} from "./eval-report.js";
import { compareCases } from "./report-cases.js";
import { listRequirements } from "./report-catalogue.js";
import {
  addToGroup,
  countStates,
  createGroupAccumulator,
  type GroupAccumulator,
  summariseGroup,
} from "./report-groups.js";
import { compareGroups } from "./report-order.js";
import { chooseReference, markPareto, recommendCheapest } from "./report-pareto.js";

/** Summarises one suite from its cells, which come sorted (by case, then group, then repeat). */
export function summariseSuite(
  name: string,
  cells: readonly CellReport[],
  catalogue: Map<string, { mandatory: boolean; descriptions: Set<string> }> | undefined,
  settings: EvalReportSettings,
  compareOutputs: OutputComparer,
  testAssertions: ReadonlyMap<string, { total: number; failed: number }> | undefined,
): SuiteReport {
  const requirements = listRequirements(cells, catalogue);
  const requirementIndex = new Map(requirements.map((requirement, index) => [requirement.name, index]));
  // One pass over the suite's cells, each added to its group's running totals.
  const byGroup = new Map<string, GroupAccumulator>();
  for (const cell of cells) {
    let group = byGroup.get(cell.group);
    if (group === undefined) {
      group = createGroupAccumulator(cell, requirements.length);
      byGroup.set(cell.group, group);
    }
    addToGroup(group, cell, requirementIndex, requirements);
  }
  const accumulators = [...byGroup.values()].sort((a, b) => compareGroups(a.first, b.first));
  const groups = accumulators.map((group) => {
    const extra = testAssertions?.get(group.first.group);
    if (extra !== undefined) {
      group.assertionsTotal += extra.total;
      group.assertionsFailed += extra.failed;
    }
    return summariseGroup(group, requirements);
  });
  const pareto = markPareto(groups);
  const reference = chooseReference(groups, settings.reference);
  const flaky: FlakyReport[] = [];
  for (const group of accumulators) for (const item of group.flaky) flaky.push(item);
  return {
    name,
    requirements,
    groups,
    reference,
    recommendation: recommendCheapest(groups.filter((group) => group.passesThresholds)),
    pareto,
    flaky,
    cases: reference === null ? [] : compareCases(cells, groups, reference, settings, compareOutputs),
    totals: { cells: cells.length, ...countStates(cells) },
  };
}
