// Builds an EvalReport from the cells of a run. Everything is computed from the trimmed per-cell records
// (CellReport), never from the raw outcomes, so that mergeEvalReports, which only has those records, gives
// exactly the report a single run would have. Cells are sorted first: the report does not depend on the
// order in which cells finished.
import type {
  CellOutcome,
  CellReport,
  EvalReport,
  EvalReportSettings,
  EvalRunReport,
  OutputComparer,
  ReferenceOption,
  SuiteReport,
  TestOutcome,
  TestReport,
} from "./eval-report.js";
import { EVAL_REPORT_SCHEMA_VERSION } from "./eval-report.js";
import { addToCatalogue, type RequirementCatalogue } from "./report-catalogue.js";
import { type GroupIds, toCellReport } from "./report-cells.js";
import { countStates } from "./report-groups.js";
import { compareCells } from "./report-order.js";
import { summariseSuite } from "./report-suite.js";
import { compareTests, countTestAssertions, toTestReport } from "./report-tests.js";
import { cleanMessage, describe, MAX_FAILURE_CHARS, roundCost } from "./report-text.js";

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
