// Reports and gates for the gate's tests: reports built from cell specs as the reporter builds them,
// nine runs of one group, and the gate with its mandatory threshold stated.
import {
  buildEvalReport,
  type EvalReport,
  evaluateGate,
  type GateConfig,
  type TestOutcome,
} from "../../../src/domain/index.js";
import { compareOutputs } from "../../../src/reporter/compare-outputs.js";
import { type CellSpec, makeOutcome, RUN_TIMES } from "../reporter/fixtures.js";

/** The report of these cells (and tests outside the cells), built as the reporter builds it. */
export function report(specs: CellSpec[], extra: { tests?: TestOutcome[] } = {}): EvalReport {
  return buildEvalReport(specs.map(makeOutcome), { ...RUN_TIMES, compareOutputs, ...extra });
}

/** Nine runs (3 cases × 3 repeats) of one group, every run with these scores. */
export function runs(scores: Record<string, number>, extra: Partial<CellSpec> = {}): CellSpec[] {
  return Array.from({ length: 9 }, (_, index) => ({
    case: `case-${Math.floor(index / 3)}`,
    repeat: index % 3,
    scores,
    costUsd: 0.01,
    ...extra,
  }));
}

/**
 * The gate with its mandatory threshold stated (off unless a test sets one), so that what a test checks
 * does not hang on that threshold's default.
 */
export function gate(current: EvalReport, config: GateConfig = {}, baseline?: EvalReport) {
  return evaluateGate(current, { mandatory: { minPassRate: 0 }, ...config }, baseline);
}
