// The gate's types: its configuration, a failed check, a comparison with the baseline, the verdict.

import type { ExitCode } from "./exit-codes.js";
import type { ScoreSource, ScoreSourceCounts } from "./score-source.js";
import type { PairedVerdict } from "./statistics.js";

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
  exitCode: ExitCode;
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

/** The gate a team expects when it configures none: every mandatory requirement met in every run. */
export const DEFAULT_MANDATORY = { minPassRate: 1 } as const;
