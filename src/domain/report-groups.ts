// A suite's model/budget groups summed up one cell at a time (createGroupAccumulator, addToGroup) and then
// summarised (summariseGroup): requirement and overall scores, pass rates, latency, cost, errors and the
// flaky requirements, those that passed in some repeats of a case and failed in others.
import type {
  CellReport,
  CostReport,
  ErrorCountsReport,
  FlakyReport,
  GroupReport,
  LatencyReport,
  RateReport,
  RequirementSummaryReport,
  ScoreSummaryReport,
  SuiteRequirementReport,
} from "./eval-report.js";
import { meanInterval } from "./mean-interval.js";
import { round, roundCost } from "./report-text.js";
import { SCORE_SOURCES, type ScoreSource, type ScoreSourceCounts } from "./score-source.js";
import { isAtLeast, percentile, wilsonInterval } from "./statistics.js";

/** One requirement's scores over a group's runs. */
interface ScoreAccumulator {
  values: number[];
  passed: number;
  /** The first threshold seen; `mixed` once another differs. */
  threshold: number;
  mixed: boolean;
  /** How many scores came from each source, by the index of the source in `SCORE_SOURCES`. */
  sources: number[];
}

/**
 * A group's running totals, filled one cell at a time: what {@link summariseGroup} needs, without a
 * filtered list of cells per question asked.
 */
export interface GroupAccumulator {
  first: CellReport;
  cells: number;
  passed: number;
  failed: number;
  skipped: number;
  /** Cells neither skipped nor errored: the runs every figure is computed from. */
  latencies: number[];
  overall: ScoreAccumulator;
  mandatoryPassed: number;
  /** By the suite's requirement index. */
  requirements: (ScoreAccumulator | undefined)[];
  errors: ErrorCountsReport;
  costTotal: number;
  costKnown: number;
  assertionsTotal: number;
  assertionsFailed: number;
  /** The case whose repeats are being counted, and per requirement index how many ran and passed. */
  flakyCase: string | undefined;
  flakyTotal: number[];
  flakyPassed: number[];
  flaky: FlakyReport[];
}

export function createGroupAccumulator(first: CellReport, requirements: number): GroupAccumulator {
  return {
    first,
    cells: 0,
    passed: 0,
    failed: 0,
    skipped: 0,
    latencies: [],
    overall: { values: [], passed: 0, threshold: 0, mixed: false, sources: [] },
    mandatoryPassed: 0,
    requirements: new Array(requirements).fill(undefined),
    errors: { infrastructure: 0, usage: 0 },
    costTotal: 0,
    costKnown: 0,
    assertionsTotal: 0,
    assertionsFailed: 0,
    flakyCase: undefined,
    flakyTotal: new Array(requirements).fill(0),
    flakyPassed: new Array(requirements).fill(0),
    flaky: [],
  };
}

function addScore(accumulator: ScoreAccumulator, value: number, threshold: number, pass: boolean): void {
  if (accumulator.values.length === 0) accumulator.threshold = threshold;
  else if (threshold !== accumulator.threshold) accumulator.mixed = true;
  accumulator.values.push(value);
  if (pass) accumulator.passed += 1;
}

/** Adds one cell to its group's running totals: a skipped cell is only counted, an errored one adds its cost,
 * assertions and error but no scores. */
export function addToGroup(
  group: GroupAccumulator,
  cell: CellReport,
  requirementIndex: ReadonlyMap<string, number>,
  requirements: readonly SuiteRequirementReport[],
): void {
  group.cells += 1;
  group[cell.state] += 1;
  if (cell.state === "skipped") return;
  if (cell.costUsd !== null) {
    group.costTotal += cell.costUsd;
    group.costKnown += 1;
  }
  group.assertionsTotal += cell.assertions.length;
  for (const assertion of cell.assertions) if (!assertion.pass) group.assertionsFailed += 1;
  if (cell.error !== null) {
    group.errors[cell.error.category] += 1;
    return;
  }
  group.latencies.push(cell.latencyMs);
  // Cells arrive sorted by case, so a group's repeats of one case come together: count them, and
  // record the requirements that passed in some and failed in others once the case is over.
  if (cell.case !== group.flakyCase) {
    closeFlakyCase(group, requirements);
    group.flakyCase = cell.case;
  }
  for (const item of cell.requirements) {
    const index = requirementIndex.get(item.name)!;
    let accumulator = group.requirements[index];
    if (accumulator === undefined) {
      accumulator = { values: [], passed: 0, threshold: 0, mixed: false, sources: [] };
      group.requirements[index] = accumulator;
    }
    addScore(accumulator, item.score, item.threshold, item.pass);
    countSource(accumulator, item.source);
    group.flakyTotal[index]! += 1;
    if (item.pass) group.flakyPassed[index]! += 1;
  }
  if (cell.score !== null) {
    const threshold = overallThreshold(cell);
    addScore(group.overall, cell.score, threshold, isAtLeast(cell.score, threshold));
    for (const item of cell.requirements) countSource(group.overall, item.source);
    if (cell.requirements.every((item) => !item.mandatory || isAtLeast(item.score, 1)))
      group.mandatoryPassed += 1;
  }
}

/** Records the flaky requirements of the case whose repeats were being counted, and resets the counts. */
function closeFlakyCase(group: GroupAccumulator, requirements: readonly SuiteRequirementReport[]): void {
  if (group.flakyCase === undefined) return;
  for (let index = 0; index < requirements.length; index++) {
    const total = group.flakyTotal[index]!;
    const passed = group.flakyPassed[index]!;
    if (total > 0 && passed > 0 && passed < total) {
      group.flaky.push({
        case: group.flakyCase,
        group: group.first.group,
        requirement: requirements[index]!.name,
        passed,
        total,
      });
    }
    group.flakyTotal[index] = 0;
    group.flakyPassed[index] = 0;
  }
}

/** A group's summary from its running totals, once all its cells were added. */
export function summariseGroup(
  group: GroupAccumulator,
  requirements: readonly SuiteRequirementReport[],
): GroupReport {
  closeFlakyCase(group, requirements);
  group.flakyCase = undefined;
  const { first, errors } = group;
  const requirementSummaries: RequirementSummaryReport[] = [];
  requirements.forEach((requirement, index) => {
    const accumulator = group.requirements[index];
    if (accumulator === undefined) return;
    requirementSummaries.push({
      name: requirement.name,
      mandatory: requirement.mandatory,
      ...summariseScores(accumulator),
    });
  });
  const scored = group.overall.values.length;
  const runs = group.latencies.length;
  let latencyMs: LatencyReport | null = null;
  if (runs > 0) {
    let sum = 0;
    for (const value of group.latencies) sum += value;
    latencyMs = {
      p50: round(percentile(group.latencies, 50), 3),
      p95: round(percentile(group.latencies, 95), 3),
      mean: round(sum / runs, 3),
    };
  }
  const costUsd: CostReport | null =
    group.costKnown === 0
      ? null
      : {
          mean: roundCost(group.costTotal / group.costKnown),
          total: roundCost(group.costTotal),
          known: group.costKnown,
        };
  return {
    id: first.group,
    model: first.model,
    budget: first.budget,
    cells: group.cells,
    scored,
    passed: group.passed,
    failed: group.failed,
    skipped: group.skipped,
    errors,
    requirements: requirementSummaries,
    overall: scored > 0 ? summariseScores(group.overall) : null,
    mandatory: scored > 0 ? rate(group.mandatoryPassed, scored) : null,
    latencyMs,
    costUsd,
    assertions: { total: group.assertionsTotal, failed: group.assertionsFailed },
    flaky: group.flaky.length,
    // The default gate: every mandatory requirement met in every scored run, every assertion passed.
    passesThresholds:
      runs > 0 &&
      errors.infrastructure + errors.usage === 0 &&
      group.assertionsFailed === 0 &&
      group.failed === 0 &&
      group.mandatoryPassed === scored,
    pareto: false,
  };
}

function countSource(accumulator: ScoreAccumulator, source: ScoreSource): void {
  const index = SCORE_SOURCES.indexOf(source);
  accumulator.sources[index] = (accumulator.sources[index] ?? 0) + 1;
}

/** Source counts as an object, in the order of `SCORE_SOURCES`, so that the report does not depend on cell order. */
function readSourceCounts(counts: readonly number[]): ScoreSourceCounts {
  const sources: ScoreSourceCounts = {};
  SCORE_SOURCES.forEach((source, index) => {
    const count = counts[index];
    if (count !== undefined && count > 0) sources[source] = count;
  });
  return sources;
}

function summariseScores(accumulator: ScoreAccumulator): ScoreSummaryReport {
  const { values } = accumulator;
  const { mean, interval } = meanInterval(values);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return {
    n: values.length,
    mean: round(mean, 6),
    interval: interval === null ? null : { low: round(interval.low, 6), high: round(interval.high, 6) },
    sources: readSourceCounts(accumulator.sources),
    min,
    max,
    pass: rate(accumulator.passed, values.length),
    threshold: accumulator.mixed ? null : accumulator.threshold,
  };
}

function rate(passed: number, total: number): RateReport {
  const interval = wilsonInterval(passed, total);
  return {
    passed,
    total,
    rate: total === 0 ? 0 : round(passed / total, 6),
    interval: { low: round(interval.low, 6), high: round(interval.high, 6) },
  };
}

/** The strictest `toScoreAtLeast` threshold of a cell, 1 when it made none. */
function overallThreshold(cell: CellReport): number {
  let threshold: number | undefined;
  for (const assertion of cell.assertions) {
    if (assertion.matcher !== "toScoreAtLeast" || assertion.threshold === null) continue;
    if (threshold === undefined || assertion.threshold > threshold) threshold = assertion.threshold;
  }
  return threshold ?? 1;
}

/** How many cells passed, failed and were skipped, and the errors of those that ran. */
export function countStates(cells: readonly CellReport[]): {
  passed: number;
  failed: number;
  skipped: number;
  errors: ErrorCountsReport;
} {
  const counts = { passed: 0, failed: 0, skipped: 0, errors: { infrastructure: 0, usage: 0 } };
  for (const cell of cells) {
    counts[cell.state] += 1;
    if (cell.error !== null && cell.state !== "skipped") counts.errors[cell.error.category] += 1;
  }
  return counts;
}
