// The deploy gate: thresholds and a baseline applied to an EvalReport, giving a GateResult and an exit code
// that tells "the model got worse" (1) from "the API was down" (2) and "the suite or its configuration is
// wrong" (3). Pure: the CLI reads the report and the configuration, prints the result and exits with it.
import type {
  CellReport,
  EvalReport,
  GroupReport,
  RateReport,
  SuiteReport,
  TestReport,
} from "./eval-report.js";
import { describeScoreSource, type ScoreSource, type ScoreSourceCounts } from "./score-source.js";
import { isAtLeast, isAtMost, mean, type PairedVerdict, pairedComparison } from "./statistics.js";
import { groupKey, type TrustedReport, trustReport } from "./trust-report.js";

/** A minimum for one requirement: on its mean score, or on its pass rate (runs that met their threshold). */
export interface RequirementGateConfig {
  min: number;
  /** Default `mean`. */
  measure?: "mean" | "passRate";
}

/** Thresholds that apply per suite, to every gated model/budget group. */
export interface SuiteGateConfig {
  /** Minimum mean overall score. */
  overall?: { min: number };
  /** Minimum per requirement name; `"*"` applies to every requirement without its own entry. */
  requirements?: Record<string, RequirementGateConfig>;
  /**
   * Minimum share of runs where every mandatory requirement scored 1. Default `{ minPassRate: 1 }`: every
   * mandatory requirement met in every run of a gated group; `{ minPassRate: 0 }` turns it off.
   */
  mandatory?: { minPassRate: number };
  /**
   * Against a baseline: a requirement (or the overall score) fails when the paired test over repeats
   * says `worse` and its mean dropped by more than `maxDrop`. Applies only when a baseline is given;
   * default `{ maxDrop: 0, alpha: 0.05 }`.
   */
  regression?: { maxDrop: number; alpha?: number };
}

/**
 * The gate's configuration (`gate` in `maestro-eval.config.ts`): thresholds for every suite, overrides per
 * suite, cost limits and the tolerance for infrastructure errors.
 *
 * @example
 * const gate: GateConfig = {
 *   overall: { min: 0.8 },
 *   requirements: { formats: { min: 0.8 }, "*": { min: 0.5, measure: "passRate" } },
 *   mandatory: { minPassRate: 1 },
 *   regression: { maxDrop: 0.05 },
 *   cost: { maxTotalUsd: 5, maxCellUsd: 0.05 },
 *   infrastructure: { maxErrorRate: 0.02 },
 *   groups: ["jamba-mini/medium"],
 *   suites: { "invoice extraction": { overall: { min: 0.9 } } },
 * };
 */
export interface GateConfig extends SuiteGateConfig {
  /** Per-suite overrides: `requirements` merge by name with the top level; the other fields replace it. */
  suites?: Record<string, SuiteGateConfig>;
  /** The groups thresholds apply to: `model/budget`, or `model` for all its budgets; default every group. */
  groups?: string[];
  /** Maximum cost: of the whole run, and of any one cell (cells of gated groups). */
  cost?: { maxTotalUsd?: number; maxCellUsd?: number };
  /** Largest share of cells that may end in an infrastructure error; default 0. */
  infrastructure?: { maxErrorRate: number };
  /**
   * Whether a failed assertion fails the gate: a cell whose test failed, or a case's `compare` (or another
   * test in a suite file) that failed; default `fail`.
   */
  failedCells?: "fail" | "ignore";
  /**
   * The score sources the thresholds and the baseline count: `verifier`, `partial`, `judge`, `maestro`,
   * `self_assessed`. Default every source but `self_assessed` (a model's own claim). A requirement score
   * from another source is left out (a run's overall score is then recomputed from its trusted scores),
   * and the gate result says how many; `unscored` placeholders are never counted.
   */
  trustedSources?: ScoreSource[];
}

/** What kind of check failed. */
export type GateFailureKind =
  | "overall"
  | "requirement"
  | "mandatory"
  | "regression"
  | "cost_total"
  | "cost_cell"
  | "failed_cells"
  | "failed_tests"
  | "no_data"
  | "infrastructure"
  | "usage";

/** One failed check, with its numbers and a message that says them. */
export interface GateFailure {
  kind: GateFailureKind;
  /** Which exit code it stands for: quality 1, infrastructure 2, usage 3. */
  category: "quality" | "infrastructure" | "usage";
  suite?: string;
  requirement?: string;
  group?: string;
  threshold: number | null;
  actual: number | null;
  message: string;
}

/** One paired comparison with the baseline. */
export interface GateComparison {
  suite: string;
  group: string;
  /** null for the overall score. */
  requirement: string | null;
  n: number;
  currentMean: number;
  baselineMean: number;
  meanDifference: number;
  pValue: number | null;
  verdict: PairedVerdict;
  maxDrop: number;
  pass: boolean;
}

/** The gate's verdict: exit 0 passed, 1 a quality threshold failed, 2 infrastructure, 3 usage. */
export interface GateResult {
  status: "passed" | "failed" | "error";
  exitCode: 0 | 1 | 2 | 3;
  failures: GateFailure[];
  comparisons: GateComparison[];
  infrastructure: { errors: number; cells: number; rate: number; maxErrorRate: number };
  /** How many thresholds were checked. */
  checked: number;
  /** Facts worth printing that are not failures (a baseline with nothing to pair, ...). */
  notes: string[];
  /**
   * The requirement scores of the gated groups, by source: those counted, and those left out because
   * `trustedSources` does not trust them. Always set by {@link evaluateGate}.
   */
  sources?: { trusted: ScoreSource[]; gated: ScoreSourceCounts; excluded: ScoreSourceCounts };
}

const DEFAULT_REGRESSION = { maxDrop: 0, alpha: 0.05 };

/** The gate a team expects when it configures none: every mandatory requirement met in every run. */
export const DEFAULT_MANDATORY = { minPassRate: 1 } as const;

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
  const failures: GateFailure[] = [];
  const comparisons: GateComparison[] = [];
  const notes: string[] = [];
  let checked = 0;
  const gated = createGroupFilter(config.groups);

  // Usage errors: the suite or its configuration is wrong; nothing else can be trusted.
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

  // Infrastructure errors against the tolerance.
  const maxErrorRate = config.infrastructure?.maxErrorRate ?? 0;
  const active = report.totals.cells - report.totals.skipped;
  const infraErrors = report.totals.errors.infrastructure;
  const infraRate = active === 0 ? 0 : infraErrors / active;
  checked += 1;
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
      message: `infrastructure errors in ${infraErrors} of ${plural(active, "cell")} (${percent(infraRate)}) exceed the tolerance of ${percent(maxErrorRate)}: ${byName}`,
    });
  }

  const baselineCells = baseline === undefined ? undefined : indexCells(baseline);
  for (const suite of report.suites) {
    const settings = suiteSettings(config, suite.name);
    const suiteCells = cellsOf(report, suite.name);
    let paired = 0;
    for (const group of suite.groups) {
      if (!gated(group)) continue;
      const where = { suite: suite.name, group: group.id };
      const lacksData = (what: string, threshold: number, kind: GateFailureKind, requirement?: string) => {
        failures.push({
          kind: "no_data",
          category: group.errors.infrastructure > 0 ? "infrastructure" : "quality",
          ...where,
          ...(requirement === undefined ? {} : { requirement }),
          threshold,
          actual: null,
          message: `suite ${quote(suite.name)}: ${what} has no scored runs on ${group.id}${group.errors.infrastructure > 0 ? ` (${plural(group.errors.infrastructure, "infrastructure error")})` : ""}; the ${kind} threshold is ${formatScore(threshold)}${describeExcluded(trust, suite.name, group.id)}`,
        });
      };

      if (settings.overall !== undefined) {
        checked += 1;
        const { min } = settings.overall;
        if (group.overall === null) lacksData("the overall score", min, "overall");
        else if (!isAtLeast(group.overall.mean, min)) {
          failures.push({
            kind: "overall",
            category: "quality",
            ...where,
            threshold: min,
            actual: group.overall.mean,
            message: `suite ${quote(suite.name)}: overall mean ${compare(group.overall.mean, "<", min)} on ${group.id} (n=${group.overall.n})`,
          });
        }
      }

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
          const untrusted = writtenGroup(writtenReport, suite.name, group.id)?.requirements.find(
            (item) => item.name === requirement.name,
          );
          if (untrusted !== undefined) {
            notes.push(
              `suite ${quote(suite.name)}: ${subject} not gated on ${group.id}: none of its ${plural(untrusted.n, "score")} comes from a trusted source (name it in gate.requirements to require one)`,
            );
            continue;
          }
        }
        checked += 1;
        if (summary === undefined) {
          lacksData(subject, rule.min, "requirement", requirement.name);
          continue;
        }
        const actual = measure === "mean" ? summary.mean : summary.pass.rate;
        if (isAtLeast(actual, rule.min)) continue;
        failures.push({
          kind: "requirement",
          category: "quality",
          ...where,
          requirement: requirement.name,
          threshold: rule.min,
          actual,
          message:
            measure === "mean"
              ? `suite ${quote(suite.name)}: ${subject} mean ${compare(actual, "<", rule.min)} on ${group.id} (n=${summary.n})`
              : `suite ${quote(suite.name)}: ${subject} pass rate ${describeRate(summary.pass, rule.min)} on ${group.id}`,
        });
      }

      if (settings.mandatory !== undefined) {
        checked += 1;
        const { minPassRate } = settings.mandatory;
        if (group.mandatory === null) lacksData("the mandatory gate", minPassRate, "mandatory");
        else if (!isAtLeast(group.mandatory.rate, minPassRate)) {
          failures.push({
            kind: "mandatory",
            category: "quality",
            ...where,
            threshold: minPassRate,
            actual: group.mandatory.rate,
            message: `suite ${quote(suite.name)}: mandatory-gate pass rate ${describeRate(group.mandatory, minPassRate)} on ${group.id}`,
          });
        }
      }

      if ((config.failedCells ?? "fail") === "fail") {
        checked += 1;
        const failed = suiteCells.filter(
          (cell) => cell.group === group.id && cell.state === "failed" && cell.error === null,
        );
        if (failed.length > 0) {
          const firstCell = failed[0]!;
          const firstLine = firstCell.failures[0]?.split("\n")[0] ?? "the test failed";
          failures.push({
            kind: "failed_cells",
            category: "quality",
            ...where,
            threshold: 0,
            actual: failed.length,
            message: `suite ${quote(suite.name)}: ${failed.length} of ${plural(group.cells - group.skipped, "cell")} failed their tests on ${group.id}; ${firstCell.case} #${firstCell.repeat}: ${firstLine}`,
          });
        }
      }

      const maxCellUsd = config.cost?.maxCellUsd;
      if (maxCellUsd !== undefined) {
        checked += 1;
        const over = suiteCells.filter(
          (cell) =>
            cell.group === group.id &&
            cell.state !== "skipped" &&
            cell.costUsd !== null &&
            !isAtMost(cell.costUsd, maxCellUsd),
        );
        if (over.length > 0) {
          const most = over.reduce((a, b) => (b.costUsd! > a.costUsd! ? b : a));
          failures.push({
            kind: "cost_cell",
            category: "quality",
            ...where,
            threshold: maxCellUsd,
            actual: most.costUsd,
            message: `suite ${quote(suite.name)}: ${plural(over.length, "cell")} cost more than ${formatUsd(maxCellUsd)} on ${group.id}; the most ${formatUsd(most.costUsd!)} (${most.case} #${most.repeat})`,
          });
        }
      }

      if (baselineCells !== undefined) {
        const regression = { ...DEFAULT_REGRESSION, ...settings.regression };
        const found = compareWithBaseline(suite, group, suiteCells, baselineCells, regression);
        paired += found.length;
        for (const comparison of found) {
          comparisons.push(comparison);
          checked += 1;
          if (comparison.pass) continue;
          const subject =
            comparison.requirement === null
              ? "overall score"
              : `requirement ${quote(comparison.requirement)}`;
          failures.push({
            kind: "regression",
            category: "quality",
            ...where,
            ...(comparison.requirement === null ? {} : { requirement: comparison.requirement }),
            threshold: comparison.maxDrop,
            actual: -comparison.meanDifference,
            message: `suite ${quote(suite.name)}: ${subject} regressed on ${group.id}: mean ${formatScore(comparison.currentMean)} vs baseline ${formatScore(comparison.baselineMean)} (drop ${compare(-comparison.meanDifference, ">", comparison.maxDrop)}, p=${formatP(comparison.pValue)}, n=${comparison.n})`,
          });
        }
      }
    }
    if (baselineCells !== undefined && paired === 0) {
      notes.push(
        `suite ${quote(suite.name)}: no cell pairs with the baseline (same case, model, budget and repeat)`,
      );
    }
  }

  if ((config.failedCells ?? "fail") === "fail") {
    const groupsOf = indexCellGroups(report);
    for (const test of report.tests ?? []) {
      if (test.state !== "failed") continue;
      const touched = touchedGroups(test, groupsOf);
      // A failure no assertion record places (a plain expect, a thrown error) counts for every group.
      if (touched !== undefined && ![...touched].some((group) => gated(group))) continue;
      checked += 1;
      const where = test.suite === null ? "" : `suite ${quote(test.suite)}: `;
      const what = test.case === null ? `test ${quote(test.name)}` : `case ${quote(test.case)} across cells`;
      const firstLine = test.failures[0]?.split("\n")[0] ?? "the test failed";
      failures.push({
        kind: "failed_tests",
        category: "quality",
        ...(test.suite === null ? {} : { suite: test.suite }),
        ...(touched !== undefined && touched.size === 1 ? { group: [...touched][0]!.id } : {}),
        threshold: 0,
        actual: 1,
        message: `${where}${what} failed: ${firstLine}`,
      });
    }
  }

  const maxTotalUsd = config.cost?.maxTotalUsd;
  if (maxTotalUsd !== undefined) {
    checked += 1;
    const total = report.totals.costUsd;
    if (total !== null && !isAtMost(total, maxTotalUsd)) {
      const known = report.cells.filter((cell) => cell.costUsd !== null).length;
      failures.push({
        kind: "cost_total",
        category: "quality",
        threshold: maxTotalUsd,
        actual: total,
        message: `total cost ${formatUsd(total)} > ${formatUsd(maxTotalUsd)} (${plural(known, "cell")} with a known cost)`,
      });
    } else if (total === null)
      notes.push("cost.maxTotalUsd: no cell reports a cost (AI21 does not), so it was not checked");
  }

  const exitCode = failures.some((failure) => failure.category === "usage")
    ? 3
    : failures.some((failure) => failure.category === "infrastructure")
      ? 2
      : failures.length > 0
        ? 1
        : 0;
  return {
    status: exitCode === 0 ? "passed" : exitCode === 1 ? "failed" : "error",
    exitCode,
    failures,
    comparisons,
    infrastructure: { errors: infraErrors, cells: active, rate: infraRate, maxErrorRate },
    checked,
    notes: [...notes, ...describeTrust(trust)],
    sources: { trusted: trust.trusted, gated: trust.gated, excluded: trust.excluded },
  };
}

/** A group of a suite in a report, as written (before the untrusted scores are left out). */
function writtenGroup(report: EvalReport, suite: string, group: string): GroupReport | undefined {
  return report.suites.find((item) => item.name === suite)?.groups.find((item) => item.id === group);
}

/** `" (9 self-assessed scores left out: gate.trustedSources)"` for a group, or nothing. */
function describeExcluded(trust: TrustedReport, suite: string, group: string): string {
  const excluded = trust.excludedByGroup.get(groupKey(suite, group));
  if (excluded === undefined) return "";
  return ` (${describeCounts(excluded)} left out: not in gate.trustedSources)`;
}

/** What the gate counted and left out, when it is worth saying: partly verified scores, excluded ones. */
function describeTrust(trust: TrustedReport): string[] {
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

function describeCounts(counts: ScoreSourceCounts): string {
  return Object.entries(counts)
    .map(([source, count]) => `${count} ${describeScoreSource(source as ScoreSource)}`)
    .join(", ")
    .concat(Object.values(counts).reduce((sum, count) => sum + count, 0) === 1 ? " score" : " scores");
}

interface ResolvedSuiteGate {
  overall: { min: number } | undefined;
  requirements: Record<string, RequirementGateConfig>;
  mandatory: { minPassRate: number } | undefined;
  regression: { maxDrop: number; alpha?: number } | undefined;
}

function suiteSettings(config: GateConfig, suite: string): ResolvedSuiteGate {
  const own = Object.hasOwn(config.suites ?? {}, suite) ? config.suites![suite]! : {};
  return {
    overall: own.overall ?? config.overall,
    requirements: { ...config.requirements, ...own.requirements },
    mandatory: own.mandatory ?? config.mandatory ?? DEFAULT_MANDATORY,
    regression: own.regression ?? config.regression,
  };
}

function createGroupFilter(
  groups: readonly string[] | undefined,
): (group: Pick<GroupReport, "id" | "model">) => boolean {
  if (groups === undefined) return () => true;
  const wanted = new Set(groups);
  return (group) => wanted.has(group.id) || wanted.has(group.model);
}

type GroupRef = Pick<GroupReport, "id" | "model">;

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

type CellIndex = Map<string, CellReport>;

function pairKey(cell: CellReport): string {
  return JSON.stringify([cell.suite, cell.case, cell.model, cell.budget, cell.repeat]);
}

function indexCells(report: EvalReport): CellIndex {
  const index: CellIndex = new Map();
  for (const cell of report.cells)
    if (cell.state !== "skipped" && cell.error === null) index.set(pairKey(cell), cell);
  return index;
}

/** Cells are sorted by suite, so one suite's cells are a contiguous run; found by binary search. */
function cellsOf(report: EvalReport, suite: string): CellReport[] {
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

function compareWithBaseline(
  suite: SuiteReport,
  group: GroupReport,
  suiteCells: readonly CellReport[],
  baseline: CellIndex,
  regression: { maxDrop: number; alpha: number },
): GateComparison[] {
  const pairs = new Map<string | null, { current: number[]; baseline: number[] }>();
  const add = (name: string | null, current: number, before: number) => {
    let entry = pairs.get(name);
    if (entry === undefined) {
      entry = { current: [], baseline: [] };
      pairs.set(name, entry);
    }
    entry.current.push(current);
    entry.baseline.push(before);
  };
  for (const cell of suiteCells) {
    if (cell.group !== group.id || cell.state === "skipped" || cell.error !== null) continue;
    const before = baseline.get(pairKey(cell));
    if (before === undefined) continue;
    if (cell.score !== null && before.score !== null) add(null, cell.score, before.score);
    for (const item of cell.requirements) {
      const old = before.requirements.find((candidate) => candidate.name === item.name);
      if (old !== undefined) add(item.name, item.score, old.score);
    }
  }
  const names: (string | null)[] = [...suite.requirements.map((requirement) => requirement.name), null];
  const comparisons: GateComparison[] = [];
  for (const name of names) {
    const entry = pairs.get(name);
    if (entry === undefined) continue;
    const result = pairedComparison(entry.current, entry.baseline, { alpha: regression.alpha });
    const drop = -result.meanDifference;
    comparisons.push({
      suite: suite.name,
      group: group.id,
      requirement: name,
      n: result.n,
      currentMean: round6(mean(entry.current)),
      baselineMean: round6(mean(entry.baseline)),
      meanDifference: round6(result.meanDifference),
      pValue: result.pValue === undefined ? null : result.pValue,
      verdict: result.verdict,
      maxDrop: regression.maxDrop,
      pass: !(result.verdict === "worse" && !isAtMost(drop, regression.maxDrop)),
    });
  }
  return comparisons;
}

function describeRate(rate: RateReport, min: number): string {
  const [actual, threshold] = formatPair(rate.rate, min);
  return `${actual} (${rate.passed}/${rate.total}) < ${threshold}`;
}

/** `a < b` with both numbers shown to as many decimals as it takes to tell them apart. */
function compare(a: number, sign: "<" | ">", b: number): string {
  const [left, right] = formatPair(a, b);
  return `${left} ${sign} ${right}`;
}

/** Two numbers with 2 decimals, or more (up to 6) when 2 would show them equal. */
function formatPair(a: number, b: number): [string, string] {
  let digits = 2;
  while (digits < 6 && a.toFixed(digits) === b.toFixed(digits)) digits += 1;
  return [a.toFixed(digits), b.toFixed(digits)];
}

function formatScore(value: number): string {
  return value.toFixed(2);
}

function formatP(value: number | null): string {
  if (value === null) return "n/a";
  return value < 0.001 ? value.toExponential(1) : value.toFixed(3);
}

function formatUsd(value: number): string {
  if (value === 0) return "$0";
  if (value >= 1) return `$${value.toFixed(2)}`;
  return `$${value.toPrecision(3).replace(/0+$/, "").replace(/\.$/, "")}`;
}

function percent(rate: number): string {
  const value = rate * 100;
  return `${Number.isInteger(value) ? value : value.toFixed(value < 1 ? 2 : 1)}%`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function quote(name: string): string {
  return JSON.stringify(name);
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6 + 0;
}
