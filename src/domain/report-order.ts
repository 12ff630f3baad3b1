// The orders the report lists things in: cells by suite, case, model, budget and repeat, groups by model
// and budget (low, medium, high, then any other), names by code unit.
import type { CellReport } from "./eval-report.js";

const BUDGET_RANK: Record<string, number> = { low: 0, medium: 1, high: 2 };

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

/** Orders groups (by their first cell) by model, then budget. */
export function compareGroups(a: CellReport, b: CellReport): number {
  return (
    compareText(a.model, b.model) ||
    budgetRank(a.budget) - budgetRank(b.budget) ||
    compareText(a.budget, b.budget)
  );
}

/** low 0, medium 1, high 2, any other budget after them. */
export function budgetRank(budget: string): number {
  return BUDGET_RANK[budget] ?? 3;
}

/** Code-unit order: the same everywhere, unlike `localeCompare`. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
