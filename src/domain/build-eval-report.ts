// Builds an EvalReport from the cells of a run. Everything is computed from the trimmed per-cell records
// (CellReport), never from the raw outcomes, so that mergeEvalReports, which only has those records, gives
// exactly the report a single run would have. Cells are sorted first: the report does not depend on the
// order in which cells finished.
import type { CellMeta } from "./cell-meta.js";
import type { AssertionRecord } from "./cell-run.js";
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
  OutputComparison,
  ParetoReport,
  RateReport,
  RecommendationReport,
  ReferenceOption,
  RequirementSummaryReport,
  ScoreSummaryReport,
  SuiteReport,
  SuiteRequirementReport,
  TestAssertionReport,
  TestOutcome,
  TestReport,
} from "./eval-report.js";
import { EVAL_REPORT_SCHEMA_VERSION } from "./eval-report.js";
import { meanInterval } from "./mean-interval.js";
import {
  isScoreSource,
  readScoreSources,
  SCORE_SOURCES,
  type ScoreSource,
  type ScoreSourceCounts,
} from "./score-source.js";
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
  /** Tests that are not cells (a case's `compare`, plain tests): their assertions and failures count too. */
  tests?: readonly TestOutcome[] | undefined;
  /** Errors outside tests (a suite file that failed to load): the report then fails the gate as a usage error. */
  runErrors?: readonly string[] | undefined;
  /** The shard (`i/n`) the run was; default null, a whole run. */
  shard?: string | null | undefined;
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
  run: Pick<EvalRunReport, "maestroEvalVersion" | "startedAt" | "finishedAt"> & { shard?: string | null };
  settings: EvalReportSettings;
  compareOutputs: OutputComparer;
  tests: readonly TestReport[];
  runErrors: readonly string[];
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
  const run = { ...readRunTimes(api, options), shard: readShard(api, options.shard) };
  const catalogue: RequirementCatalogue = new Map();
  const groupIds: GroupIds = new Map();
  const cells = outcomes.map((outcome, index) => {
    assertOutcome(api, outcome, index);
    addToCatalogue(catalogue, outcome.meta);
    return toCellReport(outcome, settings.maxOutputChars, groupIds);
  });
  const tests = (options.tests ?? []).map((test, index) => toTestReport(api, test, index));
  const runErrors = (options.runErrors ?? []).map((error) => cleanMessage(error, MAX_FAILURE_CHARS));
  return assembleEvalReport({
    api,
    cells,
    catalogue,
    run,
    settings,
    compareOutputs: readComparer(api, options.compareOutputs),
    tests,
    runErrors,
  });
}

/** Turns a test outside the cells into the record the report keeps; misuse throws naming the field. */
export function toTestReport(api: string, test: TestOutcome, index: number): TestReport {
  const where = `${api}: tests[${index}]`;
  if (typeof test !== "object" || test === null || typeof test.name !== "string")
    throw new TypeError(`${where} must be a test outcome with a name, got ${describe(test)}`);
  if (test.state !== "passed" && test.state !== "failed" && test.state !== "skipped")
    throw new TypeError(
      `${where}.state must be "passed", "failed" or "skipped", got ${describe(test.state)}`,
    );
  if (!Array.isArray(test.failures) || !Array.isArray(test.assertions))
    throw new TypeError(`${where}.failures and .assertions must be arrays`);
  return {
    name: cleanMessage(test.name, MAX_MESSAGE_CHARS),
    suite: typeof test.suite === "string" ? test.suite : null,
    case: typeof test.case === "string" ? test.case : null,
    state: test.state,
    failures: test.failures
      .slice(0, MAX_FAILURES)
      .map((failure) => cleanMessage(String(failure), MAX_FAILURE_CHARS)),
    assertions: test.assertions.map((assertion): TestAssertionReport => {
      const threshold = isFiniteNumber(assertion.threshold) ? assertion.threshold : null;
      const actual = isFiniteNumber(assertion.actual) ? assertion.actual : null;
      const pass = assertion.pass === true;
      return assertion.requirement === undefined
        ? { cell: assertion.cell, matcher: assertion.matcher, threshold, actual, pass }
        : {
            cell: assertion.cell,
            matcher: assertion.matcher,
            requirement: assertion.requirement,
            threshold,
            actual,
            pass,
          };
    }),
  };
}

/** Orders tests by suite (plain tests first), case and name. */
export function compareTests(a: TestReport, b: TestReport): number {
  return (
    compareText(a.suite ?? "", b.suite ?? "") ||
    Number(a.suite !== null) - Number(b.suite !== null) ||
    compareText(a.case ?? "", b.case ?? "") ||
    compareText(a.name, b.name)
  );
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

/** Model → budget → `model/budget`: one string per group rather than one per cell. */
export type GroupIds = Map<string, Map<string, string>>;

/**
 * Turns one outcome into the record the report keeps. Called once per cell, and what it makes stays in
 * memory with the report, so it allocates only what the record holds, arrays at their size: thresholds
 * and duplicate names are found by scanning the few assertions and requirements rather than through a
 * Map and a Set per cell, and cells of one group share their `group` string through `groupIds`.
 */
export function toCellReport(
  outcome: CellOutcome,
  maxOutputChars: number,
  groupIds: GroupIds = new Map(),
): CellReport {
  const { meta } = outcome;
  const { cell, run } = meta;
  const error = meta.error ?? null;
  const result = error === null ? run.requirements_result : undefined;
  const reported = result?.requirements ?? [];
  const sources = reported.length === 0 ? undefined : (meta.scoreSources ?? readScoreSources(run));
  let requirements: CellRequirementReport[] = [];
  for (const item of reported) {
    if (typeof item?.name !== "string" || !isFiniteNumber(item.score)) continue;
    if (requirements.some((kept) => kept.name === item.name)) continue;
    const threshold = requirementThreshold(meta.assertions, item.name);
    requirements.push({
      name: item.name,
      mandatory: item.is_mandatory === true,
      score: item.score,
      reason: readReason(item.reason),
      source: readSource(sources?.[item.name], run, item.name),
      threshold,
      pass: isAtLeast(item.score, threshold),
    });
  }
  // `push` leaves room for more; the copy of a short list is its exact size.
  if (requirements.length > 0) requirements = requirements.slice();
  const assertions = meta.assertions.map((assertion): AssertionRecord => {
    const threshold = isFiniteNumber(assertion.threshold) ? assertion.threshold : null;
    const actual = isFiniteNumber(assertion.actual) ? assertion.actual : null;
    const pass = assertion.pass === true;
    return assertion.requirement === undefined
      ? { matcher: assertion.matcher, threshold, actual, pass }
      : { matcher: assertion.matcher, requirement: assertion.requirement, threshold, actual, pass };
  });
  const failures =
    outcome.failures.length === 0
      ? []
      : outcome.failures.slice(0, MAX_FAILURES).map((failure) => cleanMessage(failure, MAX_FAILURE_CHARS));
  const disagreements = (outcome.disagreements ?? []).map(toDisagreement);
  let byBudget = groupIds.get(cell.model);
  if (byBudget === undefined) {
    byBudget = new Map();
    groupIds.set(cell.model, byBudget);
  }
  let group = byBudget.get(cell.budget);
  if (group === undefined) {
    group = `${cell.model}/${cell.budget}`;
    byBudget.set(cell.budget, group);
  }
  const output = error === null ? readOutputText(run.result) : "";
  return {
    key: cell.key,
    suite: cell.suite,
    case: cell.case,
    model: cell.model,
    budget: cell.budget,
    repeat: cell.repeat,
    group,
    kind: meta.kind,
    backend: meta.backend,
    requestHash: meta.requestHash,
    state: outcome.state,
    failures,
    runId: typeof run.id === "string" && run.id.length > 0 ? run.id : null,
    status: run.status,
    simulated: run.x_local?.simulated === true,
    latencyMs: isFiniteNumber(meta.latencyMs) ? meta.latencyMs : 0,
    costUsd: isFiniteNumber(meta.costUsd) ? meta.costUsd : null,
    score: result !== undefined && isFiniteNumber(result.score) ? result.score : null,
    finishReason: typeof result?.finish_reason === "string" ? result.finish_reason : null,
    requirements,
    assertions,
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
    disagreements,
  };
}

/** The recorded source of a requirement score, or, when the record holds none (or not a source), the run's. */
function readSource(recorded: unknown, run: CellMeta["run"], name: string): ScoreSource {
  return isScoreSource(recorded) ? recorded : (readScoreSources(run)[name] ?? "maestro");
}

/** The strictest `toMeetRequirement` threshold on a requirement, 1 when none was asserted. */
function requirementThreshold(assertions: readonly AssertionRecord[], name: string): number {
  let threshold: number | undefined;
  for (const assertion of assertions) {
    if (assertion.matcher !== "toMeetRequirement" || assertion.requirement !== name) continue;
    if (typeof assertion.threshold !== "number") continue;
    if (threshold === undefined || assertion.threshold > threshold) threshold = assertion.threshold;
  }
  return threshold ?? 1;
}

/** Adds the requirement names, flags and descriptions a cell's request and run carry. */
export function addToCatalogue(catalogue: RequirementCatalogue, meta: CellMeta): void {
  const requested = (meta.request as { requirements?: unknown } | undefined)?.requirements;
  const reported = meta.run.requirements_result?.requirements;
  let bySuite: Map<string, CatalogueEntry> | undefined;
  for (const list of [requested, reported]) {
    if (!Array.isArray(list)) continue;
    for (const item of list as { name?: unknown; description?: unknown; is_mandatory?: unknown }[]) {
      if (typeof item?.name !== "string") continue;
      bySuite ??= suiteCatalogue(catalogue, meta.cell.suite);
      const entry = catalogueEntry(bySuite, item.name);
      if (item.is_mandatory === true) entry.mandatory = true;
      if (typeof item.description === "string")
        entry.descriptions.add(trimText(item.description, MAX_DESCRIPTION_CHARS));
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
  const entry = catalogueEntry(suiteCatalogue(catalogue, suite), name);
  entry.mandatory ||= mandatory;
  for (const description of descriptions)
    entry.descriptions.add(trimText(description, MAX_DESCRIPTION_CHARS));
}

type CatalogueEntry = { mandatory: boolean; descriptions: Set<string> };

function suiteCatalogue(catalogue: RequirementCatalogue, suite: string): Map<string, CatalogueEntry> {
  let bySuite = catalogue.get(suite);
  if (bySuite === undefined) {
    bySuite = new Map();
    catalogue.set(suite, bySuite);
  }
  return bySuite;
}

function catalogueEntry(bySuite: Map<string, CatalogueEntry>, name: string): CatalogueEntry {
  let entry = bySuite.get(name);
  if (entry === undefined) {
    entry = { mandatory: false, descriptions: new Set() };
    bySuite.set(name, entry);
  }
  return entry;
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
  const tests = [...input.tests].sort(compareTests);
  const testAssertions = countTestAssertions(tests, cells);
  const suites: SuiteReport[] = [];
  let start = 0;
  while (start < cells.length) {
    const name = cells[start]!.suite;
    let end = start;
    while (end < cells.length && cells[end]!.suite === name) end += 1;
    suites.push(
      summariseSuite(
        name,
        cells.slice(start, end),
        catalogue.get(name),
        settings,
        compareOutputs,
        testAssertions.get(name),
      ),
    );
    start = end;
  }
  const counts = countStates(cells);
  let costTotal = 0;
  let costKnown = 0;
  const backends = new Set<EvalRunReport["backends"][number]>();
  let simulated = false;
  for (const cell of cells) {
    backends.add(cell.backend);
    if (cell.simulated) simulated = true;
    if (cell.costUsd === null) continue;
    costTotal += cell.costUsd;
    costKnown += 1;
  }
  const run: EvalRunReport = {
    maestroEvalVersion: input.run.maestroEvalVersion,
    startedAt: input.run.startedAt,
    finishedAt: input.run.finishedAt,
    backends: [...backends].sort(),
    simulated,
    shard: input.run.shard ?? null,
  };
  return {
    schemaVersion: EVAL_REPORT_SCHEMA_VERSION,
    run,
    settings,
    totals: { cells: cells.length, ...counts, costUsd: costKnown === 0 ? null : roundCost(costTotal) },
    suites,
    cells,
    tests,
    runErrors: [...input.runErrors],
  };
}

/** Per suite and group, the assertions tests outside the cells made on the group's cells. */
type TestAssertionCounts = Map<string, Map<string, { total: number; failed: number }>>;

function countTestAssertions(
  tests: readonly TestReport[],
  cells: readonly CellReport[],
): TestAssertionCounts {
  const counts: TestAssertionCounts = new Map();
  if (tests.every((test) => test.assertions.length === 0)) return counts;
  const byKey = new Map(cells.map((cell) => [cell.key, cell]));
  for (const test of tests) {
    for (const assertion of test.assertions) {
      const cell = byKey.get(assertion.cell);
      if (cell === undefined) continue;
      let bySuite = counts.get(cell.suite);
      if (bySuite === undefined) {
        bySuite = new Map();
        counts.set(cell.suite, bySuite);
      }
      const entry = bySuite.get(cell.group) ?? { total: 0, failed: 0 };
      entry.total += 1;
      if (!assertion.pass) entry.failed += 1;
      bySuite.set(cell.group, entry);
    }
  }
  return counts;
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
interface GroupAccumulator {
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

function createGroupAccumulator(first: CellReport, requirements: number): GroupAccumulator {
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

function addToGroup(
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

function summariseGroup(
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

/**
 * The cheapest of the passing groups (by mean cost, or by p50 latency when a cost is unknown; ties to the
 * higher score), or null when none passes. The report's per-suite recommendation and the CLI's final one
 * (`recommendUnderGate`) both come from here, so they never disagree.
 */
export function recommendCheapest(passing: readonly GroupReport[]): RecommendationReport | null {
  const ordered = orderByCost(passing);
  const best = ordered[0];
  if (best === undefined) return null;
  const basis = passing.every((group) => group.costUsd !== null) ? "cost" : "latency";
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

/**
 * The groups cheapest first: by mean cost, or by p50 latency when a cost is unknown; ties to the lower p50
 * latency, then the higher score.
 */
export function orderByCost(groups: readonly GroupReport[]): GroupReport[] {
  const basis = groups.every((group) => group.costUsd !== null) ? "cost" : "latency";
  const measure = (group: GroupReport) =>
    (basis === "cost" ? group.costUsd?.mean : group.latencyMs?.p50) ?? Number.POSITIVE_INFINITY;
  const latency = (group: GroupReport) => group.latencyMs?.p50 ?? Number.POSITIVE_INFINITY;
  return [...groups].sort(
    (a, b) =>
      measure(a) - measure(b) ||
      latency(a) - latency(b) ||
      (b.overall?.mean ?? 0) - (a.overall?.mean ?? 0) ||
      compareText(a.id, b.id),
  );
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
    // Groups that gave the same output share one comparison.
    const compared = new Map<string, OutputComparison>();
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
      let comparison = compared.get(cell.output);
      if (comparison === undefined) {
        comparison = compareOutputs(referenceCell.output, cell.output);
        compared.set(cell.output, comparison);
      }
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

function readShard(api: string, shard: string | null | undefined): string | null {
  if (shard === undefined || shard === null) return null;
  if (typeof shard !== "string" || !/^\d+\/\d+$/.test(shard))
    throw new TypeError(`${api}: options.shard must look like "i/n" or be null, got ${describe(shard)}`);
  // The one shard of one is the whole run.
  return shard === "1/1" ? null : shard;
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
