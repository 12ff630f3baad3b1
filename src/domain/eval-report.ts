// The persisted report of an evaluation run (`reports/report.json`) and the input it is built from. The
// report keeps every cell (trimmed) beside the summaries, and every summary is recomputed from the cells,
// so that shards merge into exactly the report one unsharded run would have written. The JSON Schema in
// schemas/eval-report.schema.json describes the same shape; a test keeps the two in step. The reporter writes
// it indented, each cell and each case on one line (`renderReportJsonChunks`), streamed rather than
// built as one string: 100,000 cells make about 200 MB.
import type { Budget, RunStatus } from "./api-types.js";
import type { CellMeta } from "./cell-meta.js";
import type { AssertionRecord } from "./cell-run.js";
import type { ScoreSource, ScoreSourceCounts } from "./score-source.js";

/**
 * Version of {@link EvalReport}; bumped when its shape changes in a way old readers cannot follow. Version 2:
 * every requirement score carries its `source`, and a mean carries its `interval` (within [0, 1], null
 * below 3 runs) instead of a Student-t `halfInterval`.
 */
export const EVAL_REPORT_SCHEMA_VERSION = 2;

/** One requirement where Maestro's self-reported score and a verifier's score disagree (from `auditRun`). */
export interface CellDisagreement {
  /** The requirement's name. */
  name: string;
  reportedScore: number;
  verifiedScore: number | null;
  reportedReason: string | null;
  verifiedReason: string;
}

/**
 * What the reporter knows of one finished cell: the harness's meta, the test's vitest state and failure
 * messages, and, when the reporter audited the run, the verifier disagreements.
 */
export interface CellOutcome {
  meta: CellMeta;
  state: "passed" | "failed" | "skipped";
  failures: string[];
  disagreements?: readonly CellDisagreement[] | undefined;
}

/** A count of cells without a usable run, by why: the API or network, or the suite and its configuration. */
export interface ErrorCountsReport {
  infrastructure: number;
  usage: number;
}

/** One requirement's score in one cell, with the threshold the cell was held to. */
export interface CellRequirementReport {
  name: string;
  mandatory: boolean;
  score: number;
  /** Maestro's reason, trimmed; null when it gave none (or the string "None"). */
  reason: string | null;
  /** Who scored it: the verifiers (`verifier`, `partial`), a `judge`, the model itself, or Maestro. */
  source: ScoreSource;
  /** The threshold of the `toMeetRequirement` assertions on it (the strictest), 1 when none was made. */
  threshold: number;
  /** Whether `score` reached `threshold`. */
  pass: boolean;
}

/** One cell as the report keeps it: enough to recompute every summary, and nothing it does not need. */
export interface CellReport {
  /** `suite/case/model/budget/#repeat`. */
  key: string;
  suite: string;
  case: string;
  model: string;
  budget: Budget;
  repeat: number;
  /** `model/budget`: the column the cell belongs to. */
  group: string;
  kind: "maestro" | "chat";
  backend: "ai21" | "local" | "replay";
  requestHash: string;
  state: "passed" | "failed" | "skipped";
  /** The test's failure messages, each trimmed, at most a few. */
  failures: string[];
  runId: string | null;
  status: RunStatus;
  simulated: boolean;
  latencyMs: number;
  costUsd: number | null;
  /** Maestro's overall score; null when the run has no requirements result. */
  score: number | null;
  finishReason: string | null;
  requirements: CellRequirementReport[];
  assertions: AssertionRecord[];
  /** The output as text (JSON results pretty-printed), cut to the report's `maxOutputChars`. */
  output: string;
  /** The length of the whole output; larger than `output.length` when it was cut. */
  outputChars: number;
  error: { category: "infrastructure" | "usage"; name: string; message: string } | null;
  disagreements: CellDisagreement[];
}

/** A 95% interval on a rate. */
export interface IntervalReport {
  low: number;
  high: number;
}

/** How many runs passed, with a 95% Wilson interval on the rate. */
export interface RateReport {
  passed: number;
  total: number;
  rate: number;
  interval: IntervalReport;
}

/** Scores over the runs of one cell group: their mean with a 95% interval, and how many met the threshold. */
export interface ScoreSummaryReport {
  n: number;
  mean: number;
  /**
   * The 95% interval of the mean, within [0, 1] (Wilson's score interval at the mean; see `meanInterval`);
   * null with fewer than 3 runs ("too few runs").
   */
  interval: IntervalReport | null;
  /**
   * How many of the scores it rests on came from each source (for the overall score, the requirement
   * scores of its runs); sources with none are left out.
   */
  sources: ScoreSourceCounts;
  min: number;
  max: number;
  /** Runs whose score met their threshold, with a Wilson interval on the rate. */
  pass: RateReport;
  /** The threshold the runs were held to; null when it differs between runs. */
  threshold: number | null;
}

/** One requirement summarised over a cell group. */
export interface RequirementSummaryReport extends ScoreSummaryReport {
  name: string;
  mandatory: boolean;
}

/** Latency percentiles over a group's runs, in milliseconds. */
export interface LatencyReport {
  p50: number;
  p95: number;
  mean: number;
}

/** Cost over a group's runs whose cost is known, in USD. */
export interface CostReport {
  mean: number;
  total: number;
  /** How many runs had a known cost. */
  known: number;
}

/** One column of a suite's comparison: every cell of one model and budget. */
export interface GroupReport {
  /** `model/budget`. */
  id: string;
  model: string;
  budget: Budget;
  cells: number;
  /** Cells with a requirements result, which the score summaries count. */
  scored: number;
  passed: number;
  failed: number;
  skipped: number;
  errors: ErrorCountsReport;
  /** The suite's requirements in order, those this group has scores for. */
  requirements: RequirementSummaryReport[];
  /** Overall scores; the threshold is the strictest `toScoreAtLeast`, 1 when none was made. */
  overall: ScoreSummaryReport | null;
  /** Runs where every mandatory requirement scored 1 (a run with none passes). */
  mandatory: RateReport | null;
  latencyMs: LatencyReport | null;
  costUsd: CostReport | null;
  assertions: { total: number; failed: number };
  /** How many (case, requirement) pairs passed in some repeats and failed in others. */
  flaky: number;
  /**
   * The default gate holds: every mandatory requirement scored 1 in every scored run, every recorded
   * assertion passed (a case's `compare` included), no test failed, and no cell has an error.
   */
  passesThresholds: boolean;
  /** Whether no other group is at least as good on every objective and better on one. */
  pareto: boolean;
}

/** A requirement of a suite, as its cells name it. */
export interface SuiteRequirementReport {
  name: string;
  mandatory: boolean;
  /** Its descriptions, sorted; more than one when cases word it differently. */
  descriptions: string[];
}

/** A requirement that passed in some repeats of a case and failed in others. */
export interface FlakyReport {
  case: string;
  group: string;
  requirement: string;
  passed: number;
  total: number;
}

/** The cheapest group that passes every threshold. */
export interface RecommendationReport {
  group: string;
  model: string;
  budget: Budget;
  /** The group's mean overall score. */
  score: number | null;
  meanCostUsd: number | null;
  totalCostUsd: number | null;
  latencyP50Ms: number | null;
  /** `cost` when costs are known; otherwise `latency`: the fastest passing group. */
  basis: "cost" | "latency";
}

/** The groups no other group beats on every objective at once. */
export interface ParetoReport {
  /** Cost is left out when a group's cost is unknown. */
  objectives: ("score" | "cost" | "latency")[];
  groups: string[];
}

/** The group outputs are compared with: `model/budget`, `model` (its most expensive budget), or null. */
export type ReferenceOption = string | { model: string; budget?: string | undefined } | null;

/** A row of a side-by-side diff. */
export type DiffRow =
  | { type: "equal"; left: string; right: string }
  | { type: "remove"; left: string }
  | { type: "add"; right: string }
  | { type: "modify"; left: string; right: string; segments: DiffSegment[] }
  | { type: "skip"; count: number };

/** A run of words within a modified text line. */
export interface DiffSegment {
  type: "equal" | "remove" | "add";
  text: string;
}

/** How two outputs differ, as rows ready to render; what an {@link OutputComparer} returns. */
export interface OutputComparison {
  kind: "json" | "text";
  equal: boolean;
  changes: number;
  /** A few lines: what `summarizeOutputDiff` says. */
  summary: string;
  /** Changed rows with a little context; unchanged stretches collapse into `skip` rows. */
  rows: DiffRow[];
  /** Whether rows were cut at the comparer's limit. */
  truncated: boolean;
  /** Whether the texts were too long to align line by line. */
  approximate: boolean;
}

/**
 * Compares a reference output with another, both as the report keeps them (text). The domain may not
 * import the diff layer, so the caller passes one in: the reporter's `compareOutputs`, built on
 * `diffOutputs`.
 */
export type OutputComparer = (reference: string, other: string) => OutputComparison;

/** How one cell's output differs from the case's reference cell. */
export interface CaseDiffReport {
  cell: string;
  group: string;
  comparison: OutputComparison;
}

/** One case of a suite: its reference cell and how the other groups' outputs differ from it. */
export interface CaseReport {
  name: string;
  /** The cell every other group is compared with; null when the reference group has no run for the case. */
  reference: string | null;
  diffs: CaseDiffReport[];
  /** Cells whose output equals the reference's. */
  equal: string[];
  /** Cells left out past `maxDiffsPerCase`. */
  omitted: number;
}

/** One suite: its comparison columns, recommendation, flaky requirements and output diffs. */
export interface SuiteReport {
  name: string;
  requirements: SuiteRequirementReport[];
  groups: GroupReport[];
  /** The group outputs are compared with. */
  reference: string | null;
  recommendation: RecommendationReport | null;
  pareto: ParetoReport;
  flaky: FlakyReport[];
  cases: CaseReport[];
  totals: { cells: number; passed: number; failed: number; skipped: number; errors: ErrorCountsReport };
}

/** An assertion a test outside the cells made on a cell (a case's `compare`), with the cell it was made on. */
export interface TestAssertionReport extends AssertionRecord {
  /** The key of the cell the assertion was made on. */
  cell: string;
}

/**
 * A test that is not a cell: a case's `across cells` test (its `compare` callback) or a plain test in a
 * suite file. Its assertions and failures count in the gate like a cell's.
 */
export interface TestReport {
  /** vitest's full name of the test. */
  name: string;
  /** The suite and case of an `across cells` test; null for a plain test. */
  suite: string | null;
  case: string | null;
  state: "passed" | "failed" | "skipped";
  /** The test's failure messages, each trimmed, at most a few. */
  failures: string[];
  /** The matcher assertions it made on cells, in order. */
  assertions: TestAssertionReport[];
}

/** What the reporter knows of a test that is not a cell (the input of {@link TestReport}). */
export interface TestOutcome {
  name: string;
  suite: string | null;
  case: string | null;
  state: "passed" | "failed" | "skipped";
  failures: string[];
  assertions: readonly TestAssertionReport[];
}

/** When and how the run happened. */
export interface EvalRunReport {
  maestroEvalVersion: string;
  startedAt: string;
  finishedAt: string;
  backends: ("ai21" | "local" | "replay")[];
  /** Whether any output came from a simulated model: every figure is then simulated too. */
  simulated: boolean;
  /** The shard (`i/n`) this run was, null for a whole run; absent in reports written before it was kept. */
  shard?: string | null;
}

/** The settings a report was built with; shards merge only when theirs agree. */
export interface EvalReportSettings {
  /** The reference group asked for (`model/budget` or `model`); null for the most expensive. */
  reference: string | null;
  maxOutputChars: number;
  maxDiffsPerCase: number;
}

/** The whole report of an evaluation run, as `reports/report.json` holds it. */
export interface EvalReport {
  schemaVersion: typeof EVAL_REPORT_SCHEMA_VERSION;
  run: EvalRunReport;
  settings: EvalReportSettings;
  totals: {
    cells: number;
    passed: number;
    failed: number;
    skipped: number;
    errors: ErrorCountsReport;
    /** The sum of the known costs; null when no cost is known. */
    costUsd: number | null;
  };
  suites: SuiteReport[];
  /**
   * What the requirement lint found at collection (`maestro-eval lint`), by suite and case; absent in
   * reports written before it was kept, and in reports not written by `MaestroReporter`.
   */
  lint?: import("./lint-finding.js").LintFinding[];
  /** Every cell, sorted by suite, case, model, budget and repeat. */
  cells: CellReport[];
  /** Tests that are not cells (a case's `compare`, plain tests), sorted by suite, case and name. */
  tests: TestReport[];
  /** Errors outside tests (a suite file that failed to load, an unhandled rejection): a usage error. */
  runErrors: string[];
}
