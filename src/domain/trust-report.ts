// The report as the gate sees it: only the requirement scores whose source the configuration trusts. A
// self-assessed 1.00 and a verified 1.00 look the same in a table; the gate must not count the first as
// the second. Pure, and cheap when every score is trusted (the report itself is returned).
import type {
  CellReport,
  CellRequirementReport,
  EvalReport,
  GroupReport,
  RateReport,
  RequirementSummaryReport,
  ScoreSummaryReport,
  SuiteReport,
} from "./eval-report.js";
import { meanInterval } from "./mean-interval.js";
import { scoreOverall } from "./score-overall.js";
import {
  DEFAULT_TRUSTED_SOURCES,
  SCORE_SOURCES,
  type ScoreSource,
  type ScoreSourceCounts,
} from "./score-source.js";
import { isAtLeast, wilsonInterval } from "./statistics.js";

/** What {@link trustReport} made of a report. */
export interface TrustedReport {
  /**
   * The report with untrusted requirement scores left out of every cell and every group summary: a
   * requirement's summary counts only its trusted scores; a run's overall score is recomputed from its
   * trusted requirement scores (left out when none is trusted); the mandatory rate counts the runs whose
   * mandatory requirement scores are all trusted. The same object as the input when every score is
   * trusted.
   */
  report: EvalReport;
  /** The sources counted. */
  trusted: ScoreSource[];
  /** The requirement scores counted, by source. */
  gated: ScoreSourceCounts;
  /** The requirement scores left out, by source. */
  excluded: ScoreSourceCounts;
  /** Per group (`suite` and `model/budget` joined by a NUL), the requirement scores left out, by source. */
  excludedByGroup: Map<string, ScoreSourceCounts>;
}

/** Options of {@link trustReport}. */
export interface TrustReportOptions {
  /** The sources to count; default every source but `self_assessed`. `unscored` is never counted. */
  trusted?: readonly ScoreSource[] | undefined;
  /** Which groups' scores to count in `gated` and `excluded`; default every group. */
  counts?: ((group: Pick<GroupReport, "id" | "model">) => boolean) | undefined;
}

/**
 * Leaves the untrusted requirement scores out of a report, and counts by source what was kept and what
 * was left out. `partial` scores are kept when trusted (the default) and counted, so the gate can say how
 * many of its scores were only partly verified.
 *
 * @example
 * const { report: trusted, excluded } = trustReport(report, { trusted: ["verifier", "maestro"] });
 */
export function trustReport(report: EvalReport, options: TrustReportOptions = {}): TrustedReport {
  const trusted: ScoreSource[] = [...(options.trusted ?? DEFAULT_TRUSTED_SOURCES)].filter(
    (source) => source !== "unscored",
  );
  const isTrusted = (source: ScoreSource) => trusted.includes(source);
  const counts = options.counts ?? (() => true);
  const gated: number[] = [];
  const excluded: number[] = [];
  const excludedByGroup = new Map<string, number[]>();
  let anyExcluded = false;
  for (const cell of report.cells) {
    if (cell.state === "skipped" || cell.error !== null) continue;
    const counted = counts({ id: cell.group, model: cell.model });
    for (const item of cell.requirements) {
      const index = SCORE_SOURCES.indexOf(item.source);
      if (isTrusted(item.source)) {
        if (counted) gated[index] = (gated[index] ?? 0) + 1;
        continue;
      }
      anyExcluded = true;
      if (!counted) continue;
      excluded[index] = (excluded[index] ?? 0) + 1;
      const key = groupKey(cell.suite, cell.group);
      const byGroup = excludedByGroup.get(key) ?? [];
      byGroup[index] = (byGroup[index] ?? 0) + 1;
      excludedByGroup.set(key, byGroup);
    }
  }
  const result = {
    trusted,
    gated: toCounts(gated),
    excluded: toCounts(excluded),
    excludedByGroup: new Map([...excludedByGroup].map(([key, value]) => [key, toCounts(value)])),
  };
  if (!anyExcluded) return { report, ...result };
  // Runs that count towards the mandatory rate: those with a requirements result whose mandatory
  // requirement scores are all trusted (their other requirements do not decide the mandatory gate).
  const mandatoryRuns = new Set<string>();
  for (const cell of report.cells) {
    if (cell.score === null) continue;
    if (cell.requirements.every((item) => !item.mandatory || isTrusted(item.source)))
      mandatoryRuns.add(cell.key);
  }
  const cells = report.cells.map((cell) => trustCell(cell, isTrusted));
  // The runs of each group, in one pass: the cells every figure is computed from (not skipped, no error).
  const byGroup = new Map<string, CellReport[]>();
  for (const cell of cells) {
    if (cell.state === "skipped" || cell.error !== null) continue;
    const key = groupKey(cell.suite, cell.group);
    const list = byGroup.get(key);
    if (list === undefined) byGroup.set(key, [cell]);
    else list.push(cell);
  }
  const suites = report.suites.map((suite) => trustSuite(suite, byGroup, mandatoryRuns));
  return { report: { ...report, suites, cells }, ...result };
}

/** The key of a group in {@link TrustedReport.excludedByGroup}. */
export function groupKey(suite: string, group: string): string {
  return `${suite}\u0000${group}`;
}

function trustCell(cell: CellReport, isTrusted: (source: ScoreSource) => boolean): CellReport {
  if (cell.requirements.every((item) => isTrusted(item.source))) return cell;
  const kept = cell.requirements.filter((item) => isTrusted(item.source));
  return {
    ...cell,
    requirements: kept,
    // The overall score as the trusted scores alone make it (their mean, 0 when a trusted mandatory one
    // is below 1); none when no score of the run is trusted.
    score:
      cell.score === null || kept.length === 0
        ? null
        : scoreOverall(
            kept.map((item) => ({ is_mandatory: item.mandatory })),
            kept.map((item) => item.score),
          ),
  };
}

function trustSuite(
  suite: SuiteReport,
  byGroup: ReadonlyMap<string, readonly CellReport[]>,
  mandatoryRuns: ReadonlySet<string>,
): SuiteReport {
  const groups = suite.groups.map((group) =>
    trustGroup(suite, group, byGroup.get(groupKey(suite.name, group.id)) ?? [], mandatoryRuns),
  );
  return { ...suite, groups };
}

function trustGroup(
  suite: SuiteReport,
  group: GroupReport,
  runs: readonly CellReport[],
  mandatoryRuns: ReadonlySet<string>,
): GroupReport {
  const requirements: RequirementSummaryReport[] = [];
  for (const requirement of suite.requirements) {
    const items: CellRequirementReport[] = [];
    for (const cell of runs) {
      const item = cell.requirements.find((candidate) => candidate.name === requirement.name);
      if (item !== undefined) items.push(item);
    }
    if (items.length === 0) continue;
    const summary = summarise(
      items.map((item) => ({ value: item.score, threshold: item.threshold, pass: item.pass })),
      items.map((item) => item.source),
    );
    requirements.push({ name: requirement.name, mandatory: requirement.mandatory, ...summary });
  }
  const scored = runs.filter((cell) => cell.score !== null);
  const overall =
    scored.length === 0
      ? null
      : summarise(
          scored.map((cell) => {
            const threshold = overallThreshold(cell);
            return { value: cell.score!, threshold, pass: isAtLeast(cell.score!, threshold) };
          }),
          scored.flatMap((cell) => cell.requirements.map((item) => item.source)),
        );
  let mandatoryTotal = 0;
  let mandatoryPassed = 0;
  for (const cell of runs) {
    if (!mandatoryRuns.has(cell.key)) continue;
    mandatoryTotal += 1;
    if (cell.requirements.every((item) => !item.mandatory || isAtLeast(item.score, 1))) mandatoryPassed += 1;
  }
  return {
    ...group,
    requirements,
    overall,
    mandatory: mandatoryTotal === 0 ? null : rate(mandatoryPassed, mandatoryTotal),
  };
}

function summarise(
  runs: readonly { value: number; threshold: number; pass: boolean }[],
  sources: readonly ScoreSource[],
): ScoreSummaryReport {
  const values = runs.map((run) => run.value);
  const { mean, interval } = meanInterval(values);
  const thresholds = new Set(runs.map((run) => run.threshold));
  const counts: number[] = [];
  for (const source of sources) {
    const index = SCORE_SOURCES.indexOf(source);
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return {
    n: values.length,
    mean: round6(mean),
    interval: interval === null ? null : { low: round6(interval.low), high: round6(interval.high) },
    sources: toCounts(counts),
    min: values.reduce((low, value) => Math.min(low, value), Number.POSITIVE_INFINITY),
    max: values.reduce((high, value) => Math.max(high, value), Number.NEGATIVE_INFINITY),
    pass: rate(runs.filter((run) => run.pass).length, runs.length),
    threshold: thresholds.size === 1 ? runs[0]!.threshold : null,
  };
}

function rate(passed: number, total: number): RateReport {
  const interval = wilsonInterval(passed, total);
  return {
    passed,
    total,
    rate: total === 0 ? 0 : round6(passed / total),
    interval: { low: round6(interval.low), high: round6(interval.high) },
  };
}

/** The strictest `toScoreAtLeast` threshold of a cell, 1 when it made none (as the report counts it). */
function overallThreshold(cell: CellReport): number {
  let threshold: number | undefined;
  for (const assertion of cell.assertions) {
    if (assertion.matcher !== "toScoreAtLeast" || assertion.threshold === null) continue;
    if (threshold === undefined || assertion.threshold > threshold) threshold = assertion.threshold;
  }
  return threshold ?? 1;
}

function toCounts(counts: readonly number[]): ScoreSourceCounts {
  const result: ScoreSourceCounts = {};
  SCORE_SOURCES.forEach((source, index) => {
    const count = counts[index];
    if (count !== undefined && count > 0) result[source] = count;
  });
  return result;
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6 + 0;
}
