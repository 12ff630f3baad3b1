// The gate's rules, each a small named function over one context: the run's usage errors and
// infrastructure tolerance, then per gated group the overall, requirement, mandatory, failed-cell,
// cell-cost and regression thresholds, then the run's failed tests and total cost. A rule adds the
// thresholds it checked, the failures it found and the notes worth printing.
import type { CellReport, EvalReport, GroupReport, SuiteReport, TestReport } from "./eval-report.js";
import { type CellIndex, compareWithBaseline } from "./gate-baseline.js";
import {
  compare,
  describeExcluded,
  describeRate,
  formatP,
  formatPercent,
  formatScore,
  formatUsd,
  plural,
  quote,
} from "./gate-text.js";
import type {
  GateComparison,
  GateConfig,
  GateFailure,
  GateFailureKind,
  RequirementGateConfig,
} from "./gate-types.js";
import { DEFAULT_MANDATORY } from "./gate-types.js";
import { isAtLeast, isAtMost } from "./statistics.js";
import type { TrustedReport } from "./trust-report.js";

/** What every rule reads (the report with untrusted scores left out) and adds to. */
export interface GateContext {
  config: GateConfig;
  /** The report as written, before untrusted scores were left out. */
  written: EvalReport;
  report: EvalReport;
  trust: TrustedReport;
  /** The baseline's cells by case, model, budget and repeat; undefined without a baseline. */
  baselineCells: CellIndex | undefined;
  gated: (group: GroupRef) => boolean;
  failures: GateFailure[];
  comparisons: GateComparison[];
  notes: string[];
  checked: number;
}

/** One gated group of one suite, as the group rules see it. */
export interface GroupScope {
  suite: SuiteReport;
  group: GroupReport;
  settings: ResolvedSuiteGate;
  suiteCells: readonly CellReport[];
  /** Cell pairs found with the baseline in this suite so far. */
  paired: { count: number };
}

/** A rule over the whole run. */
export type RunRule = (context: GateContext) => void;
/** A rule over one gated group. */
export type GroupRule = (context: GateContext, scope: GroupScope) => void;

const DEFAULT_REGRESSION = { maxDrop: 0, alpha: 0.05 };

/** Usage errors: the suite or its configuration is wrong; nothing else can be trusted. */
export const checkUsageErrors: RunRule = ({ report, failures }) => {
  if (report.cells.length === 0) {
    failures.push({
      kind: "usage",
      category: "usage",
      threshold: 1,
      actual: 0,
      message: "the report has no cells: the run did nothing (no suite file or filter matched a cell)",
    });
  }
  for (const error of report.runErrors ?? []) {
    failures.push({
      kind: "usage",
      category: "usage",
      threshold: 0,
      actual: 1,
      message: `error outside the tests (a suite file that did not load?): ${error.split("\n")[0]}`,
    });
  }
  for (const suite of report.suites) {
    const byName = new Map<string, CellReport[]>();
    for (const cell of cellsOf(report, suite.name)) {
      if (cell.state === "skipped" || cell.error?.category !== "usage") continue;
      const list = byName.get(cell.error.name) ?? [];
      list.push(cell);
      byName.set(cell.error.name, list);
    }
    for (const [name, cells] of byName) {
      const firstCell = cells[0]!;
      failures.push({
        kind: "usage",
        category: "usage",
        suite: suite.name,
        threshold: 0,
        actual: cells.length,
        message: `suite ${quote(suite.name)}: usage error in ${plural(cells.length, "cell")} (${name}): ${firstCell.error!.message} (first: ${firstCell.key})`,
      });
    }
  }
};

/** The share of active cells that ended in an infrastructure error, and the tolerance. */
export function infrastructureRate(context: GateContext): {
  errors: number;
  cells: number;
  rate: number;
  maxErrorRate: number;
} {
  const { report, config } = context;
  const maxErrorRate = config.infrastructure?.maxErrorRate ?? 0;
  const cells = report.totals.cells - report.totals.skipped;
  const errors = report.totals.errors.infrastructure;
  return { errors, cells, rate: cells === 0 ? 0 : errors / cells, maxErrorRate };
}

/** Infrastructure errors against the tolerance. */
export const checkInfrastructure: RunRule = (context) => {
  const { report, failures } = context;
  const { errors: infraErrors, cells: active, rate: infraRate, maxErrorRate } = infrastructureRate(context);
  context.checked += 1;
  if (infraErrors > 0 && !isAtMost(infraRate, maxErrorRate)) {
    // Each kind of error with how often, and the first one's message: the URL and the cause.
    const names = new Map<string, { count: number; first: CellReport }>();
    for (const cell of report.cells) {
      if (cell.state === "skipped" || cell.error?.category !== "infrastructure") continue;
      const entry = names.get(cell.error.name);
      if (entry === undefined) names.set(cell.error.name, { count: 1, first: cell });
      else entry.count += 1;
    }
    const byName = [...names]
      .map(
        ([name, { count, first }]) =>
          `${name} ×${count} (first, ${first.key}: ${first.error!.message.split("\n")[0]})`,
      )
      .join(", ");
    failures.push({
      kind: "infrastructure",
      category: "infrastructure",
      threshold: maxErrorRate,
      actual: infraRate,
      message: `infrastructure errors in ${infraErrors} of ${plural(active, "cell")} (${formatPercent(infraRate)}) exceed the tolerance of ${formatPercent(maxErrorRate)}: ${byName}`,
    });
  }
};

/** A failure for a threshold whose group has no scored runs (an infrastructure one when errors explain it). */
function lacksData(
  context: GateContext,
  scope: GroupScope,
  what: string,
  threshold: number,
  kind: GateFailureKind,
  requirement?: string,
): void {
  const { suite, group } = scope;
  context.failures.push({
    kind: "no_data",
    category: group.errors.infrastructure > 0 ? "infrastructure" : "quality",
    suite: suite.name,
    group: group.id,
    ...(requirement === undefined ? {} : { requirement }),
    threshold,
    actual: null,
    message: `suite ${quote(suite.name)}: ${what} has no scored runs on ${group.id}${group.errors.infrastructure > 0 ? ` (${plural(group.errors.infrastructure, "infrastructure error")})` : ""}; the ${kind} threshold is ${formatScore(threshold, "hundredth")}${describeExcluded(context.trust, suite.name, group.id)}`,
  });
}

/** The group's mean overall score against `overall.min`. */
export const checkOverall: GroupRule = (context, scope) => {
  const { suite, group, settings } = scope;
  if (settings.overall === undefined) return;
  context.checked += 1;
  const { min } = settings.overall;
  if (group.overall === null) lacksData(context, scope, "the overall score", min, "overall");
  else if (!isAtLeast(group.overall.mean, min)) {
    context.failures.push({
      kind: "overall",
      category: "quality",
      suite: suite.name,
      group: group.id,
      threshold: min,
      actual: group.overall.mean,
      message: `suite ${quote(suite.name)}: overall mean ${compare(group.overall.mean, "<", min)} on ${group.id} (n=${group.overall.n})`,
    });
  }
};

/** Each requirement's mean or pass rate against its own threshold or `"*"`'s. */
export const checkRequirements: GroupRule = (context, scope) => {
  const { suite, group, settings } = scope;
  for (const requirement of suite.requirements) {
    const named = settings.requirements[requirement.name];
    const rule = named ?? settings.requirements["*"];
    if (rule === undefined) continue;
    const measure = rule.measure ?? "mean";
    const summary = group.requirements.find((item) => item.name === requirement.name);
    const subject = `requirement ${quote(requirement.name)}`;
    // "*" gates every requirement a trusted source scored: one only the model's own claim scores (a
    // tone on the local backend) is said, not failed. Named, it must have trusted scores.
    if (summary === undefined && named === undefined) {
      const untrusted = writtenGroup(context.written, suite.name, group.id)?.requirements.find(
        (item) => item.name === requirement.name,
      );
      if (untrusted !== undefined) {
        context.notes.push(
          `suite ${quote(suite.name)}: ${subject} not gated on ${group.id}: none of its ${plural(untrusted.n, "score")} comes from a trusted source (name it in gate.requirements to require one)`,
        );
        continue;
      }
    }
    context.checked += 1;
    if (summary === undefined) {
      lacksData(context, scope, subject, rule.min, "requirement", requirement.name);
      continue;
    }
    const actual = measure === "mean" ? summary.mean : summary.pass.rate;
    if (isAtLeast(actual, rule.min)) continue;
    context.failures.push({
      kind: "requirement",
      category: "quality",
      suite: suite.name,
      group: group.id,
      requirement: requirement.name,
      threshold: rule.min,
      actual,
      message:
        measure === "mean"
          ? `suite ${quote(suite.name)}: ${subject} mean ${compare(actual, "<", rule.min)} on ${group.id} (n=${summary.n})`
          : `suite ${quote(suite.name)}: ${subject} pass rate ${describeRate(summary.pass, rule.min)} on ${group.id}`,
    });
  }
};

/** The share of runs with every mandatory requirement met against `mandatory.minPassRate`. */
export const checkMandatory: GroupRule = (context, scope) => {
  const { suite, group, settings } = scope;
  if (settings.mandatory === undefined) return;
  context.checked += 1;
  const { minPassRate } = settings.mandatory;
  if (group.mandatory === null) lacksData(context, scope, "the mandatory gate", minPassRate, "mandatory");
  else if (!isAtLeast(group.mandatory.rate, minPassRate)) {
    context.failures.push({
      kind: "mandatory",
      category: "quality",
      suite: suite.name,
      group: group.id,
      threshold: minPassRate,
      actual: group.mandatory.rate,
      message: `suite ${quote(suite.name)}: mandatory-gate pass rate ${describeRate(group.mandatory, minPassRate)} on ${group.id}`,
    });
  }
};

/** Cells whose tests failed (not by an error), unless `failedCells: "ignore"`. */
export const checkFailedCells: GroupRule = (context, scope) => {
  const { suite, group, suiteCells } = scope;
  if ((context.config.failedCells ?? "fail") !== "fail") return;
  context.checked += 1;
  const failed = suiteCells.filter(
    (cell) => cell.group === group.id && cell.state === "failed" && cell.error === null,
  );
  if (failed.length === 0) return;
  const firstCell = failed[0]!;
  const firstLine = firstCell.failures[0]?.split("\n")[0] ?? "the test failed";
  context.failures.push({
    kind: "failed_cells",
    category: "quality",
    suite: suite.name,
    group: group.id,
    threshold: 0,
    actual: failed.length,
    message: `suite ${quote(suite.name)}: ${failed.length} of ${plural(group.cells - group.skipped, "cell")} failed their tests on ${group.id}; ${firstCell.case} #${firstCell.repeat}: ${firstLine}`,
  });
};

/** Any one cell's cost against `cost.maxCellUsd`. */
export const checkCellCost: GroupRule = (context, scope) => {
  const { suite, group, suiteCells } = scope;
  const maxCellUsd = context.config.cost?.maxCellUsd;
  if (maxCellUsd === undefined) return;
  context.checked += 1;
  const over = suiteCells.filter(
    (cell) =>
      cell.group === group.id &&
      cell.state !== "skipped" &&
      cell.costUsd !== null &&
      !isAtMost(cell.costUsd, maxCellUsd),
  );
  if (over.length === 0) return;
  const most = over.reduce((a, b) => (b.costUsd! > a.costUsd! ? b : a));
  context.failures.push({
    kind: "cost_cell",
    category: "quality",
    suite: suite.name,
    group: group.id,
    threshold: maxCellUsd,
    actual: most.costUsd,
    message: `suite ${quote(suite.name)}: ${plural(over.length, "cell")} cost more than ${formatUsd(maxCellUsd)} on ${group.id}; the most ${formatUsd(most.costUsd!)} (${most.case} #${most.repeat})`,
  });
};

/** With a baseline: the overall score and each requirement, paired by cell, must not have got worse. */
export const checkRegression: GroupRule = (context, scope) => {
  const { suite, group, settings, suiteCells } = scope;
  if (context.baselineCells === undefined) return;
  const regression = { ...DEFAULT_REGRESSION, ...settings.regression };
  const found = compareWithBaseline(suite, group, suiteCells, context.baselineCells, regression);
  scope.paired.count += found.length;
  for (const comparison of found) {
    context.comparisons.push(comparison);
    context.checked += 1;
    if (comparison.pass) continue;
    const subject =
      comparison.requirement === null ? "overall score" : `requirement ${quote(comparison.requirement)}`;
    context.failures.push({
      kind: "regression",
      category: "quality",
      suite: suite.name,
      group: group.id,
      ...(comparison.requirement === null ? {} : { requirement: comparison.requirement }),
      threshold: comparison.maxDrop,
      actual: -comparison.meanDifference,
      message: `suite ${quote(suite.name)}: ${subject} regressed on ${group.id}: mean ${formatScore(comparison.currentMean, comparison.baselineMean)} vs baseline ${formatScore(comparison.baselineMean, comparison.currentMean)} (drop ${compare(-comparison.meanDifference, ">", comparison.maxDrop)}, p=${formatP(comparison.pValue)}, n=${comparison.n})`,
    });
  }
};

/** Failed tests outside the cells (a case's `compare`, a plain test), placed by their failed assertions. */
export const checkFailedTests: RunRule = (context) => {
  const { report, config, gated } = context;
  if ((config.failedCells ?? "fail") !== "fail") return;
  const groupsOf = indexCellGroups(report);
  for (const test of report.tests ?? []) {
    if (test.state !== "failed") continue;
    const touched = touchedGroups(test, groupsOf);
    // A failure no assertion record places (a plain expect, a thrown error) counts for every group.
    if (touched !== undefined && ![...touched].some((group) => gated(group))) continue;
    context.checked += 1;
    const where = test.suite === null ? "" : `suite ${quote(test.suite)}: `;
    const what = test.case === null ? `test ${quote(test.name)}` : `case ${quote(test.case)} across cells`;
    const firstLine = test.failures[0]?.split("\n")[0] ?? "the test failed";
    context.failures.push({
      kind: "failed_tests",
      category: "quality",
      ...(test.suite === null ? {} : { suite: test.suite }),
      ...(touched !== undefined && touched.size === 1 ? { group: [...touched][0]!.id } : {}),
      threshold: 0,
      actual: 1,
      message: `${where}${what} failed: ${firstLine}`,
    });
  }
};

/** The whole run's cost against `cost.maxTotalUsd` (noted, not failed, when no cell reports a cost). */
export const checkTotalCost: RunRule = (context) => {
  const { report } = context;
  const maxTotalUsd = context.config.cost?.maxTotalUsd;
  if (maxTotalUsd === undefined) return;
  context.checked += 1;
  const total = report.totals.costUsd;
  if (total !== null && !isAtMost(total, maxTotalUsd)) {
    const known = report.cells.filter((cell) => cell.costUsd !== null).length;
    context.failures.push({
      kind: "cost_total",
      category: "quality",
      threshold: maxTotalUsd,
      actual: total,
      message: `total cost ${formatUsd(total)} > ${formatUsd(maxTotalUsd)} (${plural(known, "cell")} with a known cost)`,
    });
  } else if (total === null)
    context.notes.push("cost.maxTotalUsd: no cell reports a cost (AI21 does not), so it was not checked");
};

/** A group of a suite in a report, as written (before the untrusted scores are left out). */
export function writtenGroup(report: EvalReport, suite: string, group: string): GroupReport | undefined {
  return report.suites.find((item) => item.name === suite)?.groups.find((item) => item.id === group);
}

export interface ResolvedSuiteGate {
  overall: { min: number } | undefined;
  requirements: Record<string, RequirementGateConfig>;
  mandatory: { minPassRate: number } | undefined;
  regression: { maxDrop: number; alpha?: number } | undefined;
}

export function suiteSettings(config: GateConfig, suite: string): ResolvedSuiteGate {
  const own = Object.hasOwn(config.suites ?? {}, suite) ? config.suites![suite]! : {};
  return {
    overall: own.overall ?? config.overall,
    requirements: { ...config.requirements, ...own.requirements },
    mandatory: own.mandatory ?? config.mandatory ?? DEFAULT_MANDATORY,
    regression: own.regression ?? config.regression,
  };
}

export function createGroupFilter(
  groups: readonly string[] | undefined,
): (group: Pick<GroupReport, "id" | "model">) => boolean {
  if (groups === undefined) return () => true;
  const wanted = new Set(groups);
  return (group) => wanted.has(group.id) || wanted.has(group.model);
}

export type GroupRef = Pick<GroupReport, "id" | "model">;

function indexCellGroups(report: EvalReport): Map<string, GroupRef> {
  const index = new Map<string, GroupRef>();
  if ((report.tests ?? []).every((test) => test.state !== "failed")) return index;
  for (const cell of report.cells) index.set(cell.key, { id: cell.group, model: cell.model });
  return index;
}

/** The groups of the cells a failed test's failed assertions were made on; undefined when none places it. */
function touchedGroups(test: TestReport, groupsOf: ReadonlyMap<string, GroupRef>): Set<GroupRef> | undefined {
  const byId = new Map<string, GroupRef>();
  for (const assertion of test.assertions) {
    if (assertion.pass) continue;
    const group = groupsOf.get(assertion.cell);
    if (group !== undefined) byId.set(group.id, group);
  }
  return byId.size === 0 ? undefined : new Set(byId.values());
}

/** Cells are sorted by suite, so one suite's cells are a contiguous run; found by binary search. */
export function cellsOf(report: EvalReport, suite: string): CellReport[] {
  const { cells } = report;
  let low = 0;
  let high = cells.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cells[middle]!.suite < suite) low = middle + 1;
    else high = middle;
  }
  let end = low;
  while (end < cells.length && cells[end]!.suite === suite) end += 1;
  return cells.slice(low, end);
}
