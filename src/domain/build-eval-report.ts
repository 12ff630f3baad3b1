// Builds an EvalReport from the cells of a run. Everything is computed from the trimmed per-cell records
// (CellReport), never from the raw outcomes, so that mergeEvalReports, which only has those records, gives
// exactly the report a single run would have. Cells are sorted first: the report does not depend on the
// order in which cells finished.
import type { CellMeta } from "./cell-meta.js";
import type {
  CaseReport,
  CellDisagreement,
  CellOutcome,
  CellReport,
  CellRequirementReport,
  CostReport,
  ErrorCountsReport,
  EvalReport,
  EvalReportSettings,
  EvalRunReport,
  FlakyReport,
  GroupReport,
  LatencyReport,
  OutputComparer,
  ParetoReport,
  RateReport,
  RecommendationReport,
  ReferenceOption,
  RequirementSummaryReport,
  ScoreSummaryReport,
  SuiteReport,
  SuiteRequirementReport,
} from "./eval-report.js";
import { EVAL_REPORT_SCHEMA_VERSION } from "./eval-report.js";
import { meanInterval } from "./mean-interval.js";
import { isAtLeast, percentile, wilsonInterval } from "./statistics.js";

/** Options of {@link buildEvalReport}. */
export interface BuildEvalReportOptions {
  /** The maestro-eval version that ran the cells. */
  maestroEvalVersion: string;
  /** ISO 8601 times the run started and finished. */
  startedAt: string;
  finishedAt: string;
  /** Compares two outputs: the reporter's `compareOutputs` (the domain may not import the diff layer). */
  compareOutputs: OutputComparer;
  /** The group outputs are compared with; default the most expensive group (by mean cost) of each suite. */
  reference?: ReferenceOption | undefined;
  /** Outputs are cut to this many characters; default 4096. */
  maxOutputChars?: number | undefined;
  /** At most this many diffs per case; default 16. */
  maxDiffsPerCase?: number | undefined;
}

/** Suite name → requirement name → what the cells said about it. */
export type RequirementCatalogue = Map<
  string,
  Map<string, { mandatory: boolean; descriptions: Set<string> }>
>;

/** What {@link assembleEvalReport} needs: the records, the descriptions, the run and the settings. */
export interface AssembleEvalReportInput {
  api: string;
  cells: readonly CellReport[];
  catalogue: RequirementCatalogue;
  run: Pick<EvalRunReport, "maestroEvalVersion" | "startedAt" | "finishedAt">;
  settings: EvalReportSettings;
  compareOutputs: OutputComparer;
}

const DEFAULT_MAX_OUTPUT_CHARS = 4096;
const DEFAULT_MAX_DIFFS_PER_CASE = 16;
const MAX_REASON_CHARS = 1000;
const MAX_FAILURE_CHARS = 2000;
const MAX_FAILURES = 5;
const MAX_MESSAGE_CHARS = 1000;
const MAX_DESCRIPTION_CHARS = 2000;
const BUDGET_RANK: Record<string, number> = { low: 0, medium: 1, high: 2 };
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC.
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/**
 * Builds the report of a run from its cells: per suite and per model/budget group, requirement means with
 * 95% intervals and pass rates, the mandatory-gate rate, latency and cost, errors by category, flaky
 * requirements, output diffs against a reference group, the cheapest group that passes every threshold
 * and the Pareto front of score against cost and latency. Pure; throws a `TypeError` or `RangeError` on
 * misuse, naming the field.
 *
 * @example
 * const report = buildEvalReport(outcomes, {
 *   maestroEvalVersion: "0.1.0",
 *   startedAt, finishedAt: new Date().toISOString(),
 *   compareOutputs, // from the reporter
 * });
 */
export function buildEvalReport(
  outcomes: readonly CellOutcome[],
  options: BuildEvalReportOptions,
): EvalReport {
  const api = "buildEvalReport";
  if (!Array.isArray(outcomes)) {
    throw new TypeError(`${api}: outcomes must be an array of cell outcomes, got ${describe(outcomes)}`);
  }
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${api}: options must be an object, got ${describe(options)}`);
  }
  const settings = readSettings(api, options);
  const run = readRunTimes(api, options);
  const catalogue: RequirementCatalogue = new Map();
  const cells = outcomes.map((outcome, index) => {
    assertOutcome(api, outcome, index);
    addToCatalogue(catalogue, outcome.meta);
    return toCellReport(outcome, settings.maxOutputChars);
  });
  return assembleEvalReport({
    api,
    cells,
    catalogue,
    run,
    settings,
    compareOutputs: readComparer(api, options.compareOutputs),
  });
}

/** Reads and checks the settings shared by {@link buildEvalReport} and `mergeEvalReports`. */
export function readSettings(
  api: string,
  options: {
    reference?: ReferenceOption | undefined;
    maxOutputChars?: number | undefined;
    maxDiffsPerCase?: number | undefined;
  },
): EvalReportSettings {
  return {
    reference: readReference(api, options.reference ?? null),
    maxOutputChars: readCount(api, "maxOutputChars", options.maxOutputChars, DEFAULT_MAX_OUTPUT_CHARS),
    maxDiffsPerCase: readCount(api, "maxDiffsPerCase", options.maxDiffsPerCase, DEFAULT_MAX_DIFFS_PER_CASE),
  };
}

function readReference(api: string, reference: ReferenceOption): string | null {
  if (reference === null) return null;
  if (typeof reference === "string" && reference.length > 0) return reference;
  if (typeof reference === "object" && typeof reference.model === "string" && reference.model.length > 0) {
    if (reference.budget === undefined) return reference.model;
    if (typeof reference.budget === "string" && reference.budget.length > 0)
      return `${reference.model}/${reference.budget}`;
  }
  throw new TypeError(
    `${api}: options.reference must be "model/budget", "model", { model, budget? } or null, got ${describe(reference)}`,
  );
}

/** Checks the comparer option. */
export function readComparer(api: string, value: unknown): OutputComparer {
  if (typeof value !== "function") {
    throw new TypeError(
      `${api}: options.compareOutputs must be a function (the reporter's compareOutputs), got ${describe(value)}`,
    );
  }
  return value as OutputComparer;
}

/** Cuts a text to `max` characters without splitting a surrogate pair; texts already short stay as they are. */
export function trimText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/** Turns one outcome into the record the report keeps. */
export function toCellReport(outcome: CellOutcome, maxOutputChars: number): CellReport {
  const { meta } = outcome;
  const { cell, run } = meta;
  const error = meta.error ?? null;
  const result = error === null ? run.requirements_result : undefined;
  const requirementThresholds = new Map<string, number>();
  for (const assertion of meta.assertions) {
    if (assertion.matcher !== "toMeetRequirement" || assertion.requirement === undefined) continue;
    if (typeof assertion.threshold !== "number") continue;
    const known = requirementThresholds.get(assertion.requirement);
    if (known === undefined || assertion.threshold > known)
      requirementThresholds.set(assertion.requirement, assertion.threshold);
  }
  const requirements: CellRequirementReport[] = [];
  const seen = new Set<string>();
  for (const item of result?.requirements ?? []) {
    if (typeof item?.name !== "string" || seen.has(item.name) || !isFiniteNumber(item.score)) continue;
    seen.add(item.name);
    const threshold = requirementThresholds.get(item.name) ?? 1;
    requirements.push({
      name: item.name,
      mandatory: item.is_mandatory === true,
      score: item.score,
      reason: readReason(item.reason),
      threshold,
      pass: isAtLeast(item.score, threshold),
    });
  }
  const output = error === null ? readOutputText(run.result) : "";
  return {
    key: cell.key,
    suite: cell.suite,
    case: cell.case,
    model: cell.model,
    budget: cell.budget,
    repeat: cell.repeat,
    group: `${cell.model}/${cell.budget}`,
    kind: meta.kind,
    backend: meta.backend,
    requestHash: meta.requestHash,
    state: outcome.state,
    failures: outcome.failures
      .slice(0, MAX_FAILURES)
      .map((failure) => cleanMessage(failure, MAX_FAILURE_CHARS)),
    runId: typeof run.id === "string" && run.id.length > 0 ? run.id : null,
    status: run.status,
    simulated: run.x_local?.simulated === true,
    latencyMs: isFiniteNumber(meta.latencyMs) ? meta.latencyMs : 0,
    costUsd: isFiniteNumber(meta.costUsd) ? meta.costUsd : null,
    score: result !== undefined && isFiniteNumber(result.score) ? result.score : null,
    finishReason: typeof result?.finish_reason === "string" ? result.finish_reason : null,
    requirements,
    assertions: meta.assertions.map((assertion) => ({
      matcher: assertion.matcher,
      ...(assertion.requirement === undefined ? {} : { requirement: assertion.requirement }),
      threshold: isFiniteNumber(assertion.threshold) ? assertion.threshold : null,
      actual: isFiniteNumber(assertion.actual) ? assertion.actual : null,
      pass: assertion.pass === true,
    })),
    output: trimText(output, maxOutputChars),
    outputChars: output.length,
    error:
      error === null
        ? null
        : {
            category: error.category,
            name: error.name,
            message: cleanMessage(error.message, MAX_MESSAGE_CHARS),
          },
    disagreements: (outcome.disagreements ?? []).map(toDisagreement),
  };
}

/** Adds the requirement names, flags and descriptions a cell's request and run carry. */
export function addToCatalogue(catalogue: RequirementCatalogue, meta: CellMeta): void {
  const requested = (meta.request as { requirements?: unknown } | undefined)?.requirements;
  const reported = meta.run.requirements_result?.requirements;
  for (const list of [requested, reported]) {
    if (!Array.isArray(list)) continue;
    for (const item of list as { name?: unknown; description?: unknown; is_mandatory?: unknown }[]) {
      if (typeof item?.name !== "string") continue;
      addCatalogueEntry(
        catalogue,
        meta.cell.suite,
        item.name,
        item.is_mandatory === true,
        typeof item.description === "string" ? [item.description] : [],
      );
    }
  }
}

/** Adds one requirement to a catalogue. */
export function addCatalogueEntry(
  catalogue: RequirementCatalogue,
  suite: string,
  name: string,
  mandatory: boolean,
  descriptions: readonly string[],
): void {
  let bySuite = catalogue.get(suite);
  if (bySuite === undefined) {
    bySuite = new Map();
    catalogue.set(suite, bySuite);
  }
  let entry = bySuite.get(name);
  if (entry === undefined) {
    entry = { mandatory: false, descriptions: new Set() };
    bySuite.set(name, entry);
  }
  entry.mandatory ||= mandatory;
  for (const description of descriptions)
    entry.descriptions.add(trimText(description, MAX_DESCRIPTION_CHARS));
}

/** Builds the report from cell records: the part {@link buildEvalReport} and `mergeEvalReports` share. */
export function assembleEvalReport(input: AssembleEvalReportInput): EvalReport {
  const { api, catalogue, settings, compareOutputs } = input;
  const cells = [...input.cells].sort(compareCells);
  const keys = new Set<string>();
  for (const cell of cells) {
    if (keys.has(cell.key)) {
      throw new RangeError(
        `${api}: cell "${cell.key}" appears more than once; each cell must be reported once`,
      );
    }
    keys.add(cell.key);
  }
  const suites: SuiteReport[] = [];
  let start = 0;
  while (start < cells.length) {
    const name = cells[start]!.suite;
    let end = start;
    while (end < cells.length && cells[end]!.suite === name) end += 1;
    suites.push(summariseSuite(name, cells.slice(start, end), catalogue.get(name), settings, compareOutputs));
    start = end;
  }
  const counts = countStates(cells);
  let costTotal = 0;
  let costKnown = 0;
  for (const cell of cells) {
    if (cell.costUsd === null) continue;
    costTotal += cell.costUsd;
    costKnown += 1;
  }
  const run: EvalRunReport = {
    maestroEvalVersion: input.run.maestroEvalVersion,
    startedAt: input.run.startedAt,
    finishedAt: input.run.finishedAt,
    backends: [...new Set(cells.map((cell) => cell.backend))].sort(),
    simulated: cells.some((cell) => cell.simulated),
  };
  return {
    schemaVersion: EVAL_REPORT_SCHEMA_VERSION,
    run,
    settings,
    totals: { cells: cells.length, ...counts, costUsd: costKnown === 0 ? null : roundCost(costTotal) },
    suites,
    cells,
  };
}

/** Orders cells by suite, case, model, budget (low, medium, high) and repeat. */
export function compareCells(a: CellReport, b: CellReport): number {
  return (
    compareText(a.suite, b.suite) ||
    compareText(a.case, b.case) ||
    compareText(a.model, b.model) ||
    budgetRank(a.budget) - budgetRank(b.budget) ||
    compareText(a.budget, b.budget) ||
    a.repeat - b.repeat ||
    compareText(a.key, b.key)
  );
}

function summariseSuite(
  name: string,
  cells: readonly CellReport[],
  catalogue: Map<string, { mandatory: boolean; descriptions: Set<string> }> | undefined,
  settings: EvalReportSettings,
  compareOutputs: OutputComparer,
): SuiteReport {
  const requirements = listRequirements(cells, catalogue);
  const byGroup = new Map<string, CellReport[]>();
  for (const cell of cells) {
    const list = byGroup.get(cell.group);
    if (list === undefined) byGroup.set(cell.group, [cell]);
    else list.push(cell);
  }
  const groupCells = [...byGroup.values()].sort((a, b) => compareGroups(a[0]!, b[0]!));
  const flakyByGroup = groupCells.map((list) => findFlaky(list, requirements));
  const groups = groupCells.map((list, index) =>
    summariseGroup(list, requirements, flakyByGroup[index]!.length),
  );
  const pareto = markPareto(groups);
  const reference = chooseReference(groups, settings.reference);
  const flaky = flakyByGroup.flat();
  return {
    name,
    requirements,
    groups,
    reference,
    recommendation: recommend(groups),
    pareto,
    flaky,
    cases: reference === null ? [] : compareCases(cells, groups, reference, settings, compareOutputs),
    totals: { cells: cells.length, ...countStates(cells) },
  };
}

/** The suite's requirements in order of first appearance across its sorted cells, then those only requested. */
function listRequirements(
  cells: readonly CellReport[],
  catalogue: Map<string, { mandatory: boolean; descriptions: Set<string> }> | undefined,
): SuiteRequirementReport[] {
  const mandatory = new Map<string, boolean>();
  for (const cell of cells)
    for (const requirement of cell.requirements)
      mandatory.set(requirement.name, (mandatory.get(requirement.name) ?? false) || requirement.mandatory);
  const names = [...mandatory.keys()];
  const requestedOnly = [...(catalogue?.keys() ?? [])]
    .filter((name) => !mandatory.has(name))
    .sort(compareText);
  return [...names, ...requestedOnly].map((name) => {
    const entry = catalogue?.get(name);
    return {
      name,
      mandatory: (mandatory.get(name) ?? false) || entry?.mandatory === true,
      descriptions: [...(entry?.descriptions ?? [])].sort(compareText),
    };
  });
}

function summariseGroup(
  cells: readonly CellReport[],
  requirements: readonly SuiteRequirementReport[],
  flaky: number,
): GroupReport {
  const first = cells[0]!;
  const counts = countStates(cells);
  const active = cells.filter((cell) => cell.state !== "skipped");
  const runs = active.filter((cell) => cell.error === null);
  const scored = runs.filter((cell) => cell.score !== null);

  const byRequirement = new Map<string, { values: number[]; passed: number; thresholds: Set<number> }>();
  for (const cell of runs) {
    for (const item of cell.requirements) {
      let entry = byRequirement.get(item.name);
      if (entry === undefined) {
        entry = { values: [], passed: 0, thresholds: new Set() };
        byRequirement.set(item.name, entry);
      }
      entry.values.push(item.score);
      if (item.pass) entry.passed += 1;
      entry.thresholds.add(item.threshold);
    }
  }
  const requirementSummaries: RequirementSummaryReport[] = [];
  for (const requirement of requirements) {
    const entry = byRequirement.get(requirement.name);
    if (entry === undefined) continue;
    requirementSummaries.push({
      name: requirement.name,
      mandatory: requirement.mandatory,
      ...summariseScores(entry.values, entry.passed, entry.thresholds),
    });
  }

  let overall: ScoreSummaryReport | null = null;
  let mandatory: RateReport | null = null;
  if (scored.length > 0) {
    const values: number[] = [];
    const thresholds = new Set<number>();
    let passed = 0;
    let mandatoryPassed = 0;
    for (const cell of scored) {
      const threshold = overallThreshold(cell);
      values.push(cell.score!);
      thresholds.add(threshold);
      if (isAtLeast(cell.score!, threshold)) passed += 1;
      if (cell.requirements.every((item) => !item.mandatory || isAtLeast(item.score, 1)))
        mandatoryPassed += 1;
    }
    overall = summariseScores(values, passed, thresholds);
    mandatory = rate(mandatoryPassed, scored.length);
  }

  let latencyMs: LatencyReport | null = null;
  if (runs.length > 0) {
    const latencies = runs.map((cell) => cell.latencyMs);
    let sum = 0;
    for (const value of latencies) sum += value;
    latencyMs = {
      p50: round(percentile(latencies, 50), 3),
      p95: round(percentile(latencies, 95), 3),
      mean: round(sum / latencies.length, 3),
    };
  }

  let costUsd: CostReport | null = null;
  let costTotal = 0;
  let costKnown = 0;
  for (const cell of active) {
    if (cell.costUsd === null) continue;
    costTotal += cell.costUsd;
    costKnown += 1;
  }
  if (costKnown > 0)
    costUsd = { mean: roundCost(costTotal / costKnown), total: roundCost(costTotal), known: costKnown };

  const errors: ErrorCountsReport = { infrastructure: 0, usage: 0 };
  let assertionsTotal = 0;
  let assertionsFailed = 0;
  for (const cell of active) {
    if (cell.error !== null) errors[cell.error.category] += 1;
    assertionsTotal += cell.assertions.length;
    for (const assertion of cell.assertions) if (!assertion.pass) assertionsFailed += 1;
  }

  return {
    id: first.group,
    model: first.model,
    budget: first.budget,
    cells: cells.length,
    scored: scored.length,
    passed: counts.passed,
    failed: counts.failed,
    skipped: counts.skipped,
    errors,
    requirements: requirementSummaries,
    overall,
    mandatory,
    latencyMs,
    costUsd,
    assertions: { total: assertionsTotal, failed: assertionsFailed },
    flaky,
    passesThresholds:
      runs.length > 0 &&
      errors.infrastructure + errors.usage === 0 &&
      assertionsFailed === 0 &&
      active.every((cell) => cell.state !== "failed"),
    pareto: false,
  };
}

function summariseScores(
  values: readonly number[],
  passed: number,
  thresholds: Set<number>,
): ScoreSummaryReport {
  const { mean, halfWidth } = meanInterval(values);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return {
    n: values.length,
    mean: round(mean, 6),
    halfInterval: halfWidth === null ? null : round(halfWidth, 6),
    min,
    max,
    pass: rate(passed, values.length),
    threshold: thresholds.size === 1 ? [...thresholds][0]! : null,
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

/** (case, requirement) pairs of one group that passed in some repeats and failed in others. */
function findFlaky(
  cells: readonly CellReport[],
  requirements: readonly SuiteRequirementReport[],
): FlakyReport[] {
  const byCase = new Map<string, Map<string, { passed: number; total: number }>>();
  for (const cell of cells) {
    if (cell.state === "skipped" || cell.error !== null) continue;
    let entries = byCase.get(cell.case);
    if (entries === undefined) {
      entries = new Map();
      byCase.set(cell.case, entries);
    }
    for (const item of cell.requirements) {
      const entry = entries.get(item.name) ?? { passed: 0, total: 0 };
      entry.total += 1;
      if (item.pass) entry.passed += 1;
      entries.set(item.name, entry);
    }
  }
  const flaky: FlakyReport[] = [];
  for (const [caseName, entries] of byCase) {
    for (const requirement of requirements) {
      const entry = entries.get(requirement.name);
      if (entry === undefined || entry.passed === 0 || entry.passed === entry.total) continue;
      flaky.push({
        case: caseName,
        group: cells[0]!.group,
        requirement: requirement.name,
        passed: entry.passed,
        total: entry.total,
      });
    }
  }
  return flaky;
}

/** Marks each group on the Pareto front of score (higher), cost and latency (lower). */
function markPareto(groups: GroupReport[]): ParetoReport {
  const candidates = groups.filter((group) => group.overall !== null && group.latencyMs !== null);
  const withCost = candidates.length > 0 && candidates.every((group) => group.costUsd !== null);
  const objectives: ParetoReport["objectives"] = withCost
    ? ["score", "cost", "latency"]
    : ["score", "latency"];
  const point = (group: GroupReport): number[] => [
    group.overall!.mean,
    ...(withCost ? [-group.costUsd!.mean] : []),
    -group.latencyMs!.p50,
  ];
  const points = candidates.map(point);
  const front: string[] = [];
  candidates.forEach((group, index) => {
    const mine = points[index]!;
    const dominated = points.some(
      (other, otherIndex) =>
        otherIndex !== index &&
        other.every((value, axis) => value >= mine[axis]!) &&
        other.some((value, axis) => value > mine[axis]!),
    );
    if (!dominated) {
      group.pareto = true;
      front.push(group.id);
    }
  });
  return { objectives, groups: front };
}

/** The asked-for group, or the most expensive by mean cost (then budget, then latency). */
function chooseReference(groups: readonly GroupReport[], wanted: string | null): string | null {
  if (groups.length === 0) return null;
  if (wanted !== null) {
    const exact = groups.find((group) => group.id === wanted);
    if (exact !== undefined) return exact.id;
    const ofModel = groups.filter((group) => group.model === wanted);
    if (ofModel.length > 0) return mostExpensive(ofModel).id;
  }
  return mostExpensive(groups).id;
}

function mostExpensive(groups: readonly GroupReport[]): GroupReport {
  let best = groups[0]!;
  for (const group of groups.slice(1)) {
    const order =
      (group.costUsd?.mean ?? Number.NEGATIVE_INFINITY) - (best.costUsd?.mean ?? Number.NEGATIVE_INFINITY) ||
      budgetRank(group.budget) - budgetRank(best.budget) ||
      (group.latencyMs?.p50 ?? Number.NEGATIVE_INFINITY) - (best.latencyMs?.p50 ?? Number.NEGATIVE_INFINITY);
    if (order > 0) best = group;
  }
  return best;
}

/** The cheapest group (by mean cost, or by p50 latency when costs are unknown) that passes every threshold. */
function recommend(groups: readonly GroupReport[]): RecommendationReport | null {
  const passing = groups.filter((group) => group.passesThresholds);
  if (passing.length === 0) return null;
  const basis = passing.every((group) => group.costUsd !== null) ? "cost" : "latency";
  const measure = (group: GroupReport) =>
    (basis === "cost" ? group.costUsd?.mean : group.latencyMs?.p50) ?? Number.POSITIVE_INFINITY;
  let best = passing[0]!;
  for (const group of passing.slice(1)) {
    const order = measure(group) - measure(best) || (best.overall?.mean ?? 0) - (group.overall?.mean ?? 0);
    if (order < 0) best = group;
  }
  return {
    group: best.id,
    model: best.model,
    budget: best.budget,
    score: best.overall?.mean ?? null,
    meanCostUsd: best.costUsd?.mean ?? null,
    totalCostUsd: best.costUsd?.total ?? null,
    latencyP50Ms: best.latencyMs?.p50 ?? null,
    basis,
  };
}

/** Per case, the reference group's first run against the first run of every other group. */
function compareCases(
  cells: readonly CellReport[],
  groups: readonly GroupReport[],
  reference: string,
  settings: EvalReportSettings,
  compareOutputs: OutputComparer,
): CaseReport[] {
  const order = new Map(groups.map((group, index) => [group.id, index]));
  const cases: CaseReport[] = [];
  let start = 0;
  while (start < cells.length) {
    const name = cells[start]!.case;
    let end = start;
    // The first usable run of each group, in group order.
    const firstRuns: (CellReport | undefined)[] = new Array(groups.length);
    while (end < cells.length && cells[end]!.case === name) {
      const cell = cells[end]!;
      const index = order.get(cell.group)!;
      if (firstRuns[index] === undefined && cell.state !== "skipped" && cell.error === null)
        firstRuns[index] = cell;
      end += 1;
    }
    start = end;
    const referenceCell = firstRuns[order.get(reference)!];
    const report: CaseReport = {
      name,
      reference: referenceCell?.key ?? null,
      diffs: [],
      equal: [],
      omitted: 0,
    };
    cases.push(report);
    if (referenceCell === undefined) continue;
    for (const cell of firstRuns) {
      if (cell === undefined || cell === referenceCell) continue;
      if (cell.output === referenceCell.output) {
        report.equal.push(cell.key);
        continue;
      }
      if (report.diffs.length >= settings.maxDiffsPerCase) {
        report.omitted += 1;
        continue;
      }
      const comparison = compareOutputs(referenceCell.output, cell.output);
      if (comparison.equal) report.equal.push(cell.key);
      else report.diffs.push({ cell: cell.key, group: cell.group, comparison });
    }
  }
  return cases;
}

function countStates(cells: readonly CellReport[]): {
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

function compareGroups(a: CellReport, b: CellReport): number {
  return (
    compareText(a.model, b.model) ||
    budgetRank(a.budget) - budgetRank(b.budget) ||
    compareText(a.budget, b.budget)
  );
}

function budgetRank(budget: string): number {
  return BUDGET_RANK[budget] ?? 3;
}

/** Code-unit order: the same everywhere, unlike `localeCompare`. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toDisagreement(item: CellDisagreement): CellDisagreement {
  return {
    name: String(item.name),
    reportedScore: item.reportedScore,
    verifiedScore: isFiniteNumber(item.verifiedScore) ? item.verifiedScore : null,
    reportedReason: readReason(item.reportedReason),
    verifiedReason: trimText(String(item.verifiedReason ?? ""), MAX_REASON_CHARS),
  };
}

function readOutputText(result: unknown): string {
  if (typeof result === "string") return result;
  if (result === null || result === undefined) return "";
  try {
    return JSON.stringify(result, null, 2) ?? String(result);
  } catch {
    return String(result);
  }
}

function readReason(reason: string | null | undefined): string | null {
  if (typeof reason !== "string") return null;
  const trimmed = reason.trim();
  return trimmed === "" || trimmed === "None" ? null : trimText(trimmed, MAX_REASON_CHARS);
}

function cleanMessage(message: string, max: number): string {
  return trimText(String(message).replace(ANSI, ""), max);
}

function readRunTimes(
  api: string,
  options: BuildEvalReportOptions,
): Pick<EvalRunReport, "maestroEvalVersion" | "startedAt" | "finishedAt"> {
  const { maestroEvalVersion, startedAt, finishedAt } = options;
  if (typeof maestroEvalVersion !== "string" || maestroEvalVersion.length === 0) {
    throw new TypeError(
      `${api}: options.maestroEvalVersion must be a non-empty string, got ${describe(maestroEvalVersion)}`,
    );
  }
  for (const [name, value] of [
    ["startedAt", startedAt],
    ["finishedAt", finishedAt],
  ] as const) {
    if (typeof value !== "string" || Number.isNaN(Date.parse(value))) {
      throw new TypeError(`${api}: options.${name} must be an ISO 8601 date-time, got ${describe(value)}`);
    }
  }
  return { maestroEvalVersion, startedAt, finishedAt };
}

function readCount(api: string, name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${api}: options.${name} must be a non-negative integer, got ${describe(value)}`);
  }
  return value;
}

function assertOutcome(api: string, outcome: CellOutcome, index: number): void {
  const meta = (outcome as Partial<CellOutcome> | null)?.meta;
  if (
    typeof meta !== "object" ||
    meta === null ||
    typeof meta.cell?.key !== "string" ||
    typeof meta.run !== "object"
  ) {
    throw new TypeError(
      `${api}: outcomes[${index}].meta must be a cell meta (readCellMeta), got ${describe(meta)}`,
    );
  }
  if (outcome.state !== "passed" && outcome.state !== "failed" && outcome.state !== "skipped") {
    throw new TypeError(
      `${api}: outcomes[${index}].state must be "passed", "failed" or "skipped", got ${describe(outcome.state)}`,
    );
  }
  if (!Array.isArray(outcome.failures)) {
    throw new TypeError(
      `${api}: outcomes[${index}].failures must be an array of strings, got ${describe(outcome.failures)}`,
    );
  }
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale + 0;
}

/** Costs are small numbers (fractions of a cent); keep 10 decimals rather than a fixed few. */
function roundCost(value: number): number {
  return round(value, 10);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "object") return "an object";
  return String(value);
}
