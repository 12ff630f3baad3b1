// The gate's comparison with a baseline: cells paired by suite, case, model, budget and repeat, and a
// paired test per requirement (and for the overall score) over the pairs.
import type { CellReport, EvalReport, GroupReport, SuiteReport } from "./eval-report.js";
import { round6 } from "./gate-text.js";
import type { GateComparison } from "./gate-types.js";
import { isAtMost, mean, pairedComparison } from "./statistics.js";

export type CellIndex = Map<string, CellReport>;

function pairKey(cell: CellReport): string {
  return JSON.stringify([cell.suite, cell.case, cell.model, cell.budget, cell.repeat]);
}

export function indexCells(report: EvalReport): CellIndex {
  const index: CellIndex = new Map();
  for (const cell of report.cells)
    if (cell.state !== "skipped" && cell.error === null) index.set(pairKey(cell), cell);
  return index;
}

export function compareWithBaseline(
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
