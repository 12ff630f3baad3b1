// The deploy gate: thresholds and a baseline applied to an EvalReport, giving a GateResult and an exit code
// that tells "the model got worse" (1) from "the API was down" (2) and "the suite or its configuration is
// wrong" (3). Pure: the CLI reads the report and the configuration, prints the result and exits with it.
// The rules themselves are in gate-rules.ts, one named function each.
import type { EvalReport } from "./eval-report.js";
import { EXIT } from "./exit-codes.js";
import { indexCells } from "./gate-baseline.js";
import {
  cellsOf,
  checkCellCost,
  checkFailedCells,
  checkFailedTests,
  checkInfrastructure,
  checkMandatory,
  checkOverall,
  checkRegression,
  checkRequirements,
  checkTotalCost,
  checkUsageErrors,
  createGroupFilter,
  type GateContext,
  type GroupRule,
  infrastructureRate,
  type RunRule,
  suiteSettings,
} from "./gate-rules.js";
import { describeTrust, quote } from "./gate-text.js";
import type { GateConfig, GateResult } from "./gate-types.js";
import { trustReport } from "./trust-report.js";

export {
  DEFAULT_MANDATORY,
  type GateComparison,
  type GateConfig,
  type GateFailure,
  type GateFailureKind,
  type GateResult,
  type RequirementGateConfig,
  type SuiteGateConfig,
} from "./gate-types.js";

/** Rules over the whole run that come before the groups': what makes the rest untrustworthy. */
const RUN_RULES_FIRST: readonly RunRule[] = [checkUsageErrors, checkInfrastructure];
/** Rules over each gated group of each suite, in the order their failures are listed. */
const GROUP_RULES: readonly GroupRule[] = [
  checkOverall,
  checkRequirements,
  checkMandatory,
  checkFailedCells,
  checkCellCost,
  checkRegression,
];
/** Rules over the whole run that come after the groups'. */
const RUN_RULES_LAST: readonly RunRule[] = [checkFailedTests, checkTotalCost];

/**
 * Applies the gate to a report (and, when given, compares it with a baseline report). Every failing
 * threshold is listed with its numbers. Exit codes, highest first: 3 when any cell has a usage error; 2 when
 * infrastructure errors exceed the tolerance (or a gated group has no data because of them); 1 when a
 * quality threshold failed; 0 otherwise.
 *
 * @example
 * const result = evaluateGate(report, parseGateConfig(config.gate, "maestro-eval.config.ts"), baseline);
 * for (const failure of result.failures) console.error(failure.message);
 * process.exitCode = result.exitCode;
 */
export function evaluateGate(
  writtenReport: EvalReport,
  config: GateConfig = {},
  writtenBaseline?: EvalReport,
): GateResult {
  // Every threshold below reads the report with the untrusted scores left out (a self-assessed 1.00 is
  // not a measured one); the counts of what was kept and left out go into the result.
  const trust = trustReport(writtenReport, {
    trusted: config.trustedSources,
    counts: (group) =>
      config.groups === undefined || config.groups.includes(group.id) || config.groups.includes(group.model),
  });
  const report = trust.report;
  const baseline =
    writtenBaseline === undefined
      ? undefined
      : trustReport(writtenBaseline, { trusted: config.trustedSources }).report;
  const context: GateContext = {
    config,
    written: writtenReport,
    report,
    trust,
    baselineCells: baseline === undefined ? undefined : indexCells(baseline),
    gated: createGroupFilter(config.groups),
    failures: [],
    comparisons: [],
    notes: [],
    checked: 0,
  };

  for (const rule of RUN_RULES_FIRST) rule(context);
  for (const suite of report.suites) {
    const scope = {
      suite,
      settings: suiteSettings(config, suite.name),
      suiteCells: cellsOf(report, suite.name),
      paired: { count: 0 },
    };
    for (const group of suite.groups) {
      if (!context.gated(group)) continue;
      for (const rule of GROUP_RULES) rule(context, { ...scope, group });
    }
    if (context.baselineCells !== undefined && scope.paired.count === 0) {
      context.notes.push(
        `suite ${quote(suite.name)}: no cell pairs with the baseline (same case, model, budget and repeat)`,
      );
    }
  }
  for (const rule of RUN_RULES_LAST) rule(context);

  const { failures } = context;
  const exitCode = failures.some((failure) => failure.category === "usage")
    ? EXIT.usage
    : failures.some((failure) => failure.category === "infrastructure")
      ? EXIT.infrastructure
      : failures.length > 0
        ? EXIT.gateFailed
        : EXIT.ok;
  return {
    status: exitCode === EXIT.ok ? "passed" : exitCode === EXIT.gateFailed ? "failed" : "error",
    exitCode,
    failures,
    comparisons: context.comparisons,
    infrastructure: infrastructureRate(context),
    checked: context.checked,
    notes: [...context.notes, ...describeTrust(trust)],
    sources: { trusted: trust.trusted, gated: trust.gated, excluded: trust.excluded },
  };
}
