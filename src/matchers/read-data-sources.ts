import type { DataSources, MaestroRun } from "../domain/index.js";
import { readReason } from "./format.js";

/** A run's `data_sources`, or why it has none and what to do about it. */
export function readDataSources(
  run: MaestroRun,
): { ok: true; dataSources: DataSources } | { ok: false; problem: string; hint: string } {
  if (run.data_sources !== undefined && run.data_sources !== null)
    return { ok: true, dataSources: run.data_sources };
  if (run.status !== "completed") {
    const error = readReason(run.error?.message);
    return {
      ok: false,
      problem: "the run has no data_sources",
      hint: `it ended "${run.status}"${error ? `: ${error}` : ""}`,
    };
  }
  return {
    ok: false,
    problem: "the run has no data_sources",
    hint: 'create it with include: ["data_sources"]',
  };
}

/** Lists items for a message: at most `max`, then how many more. */
export function listSome(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max).join(", ");
  return items.length > max ? `${shown}, … (${items.length - max} more)` : shown;
}

/** Whether `actual` has every key of `expected` with an equal value; nested objects compare the same way. */
export function matchesPartially(actual: unknown, expected: unknown): boolean {
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return false;
    return Object.entries(expected).every(
      ([key, value]) => key in actual && matchesPartially(actual[key], value),
    );
  }
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, index) => matchesPartially(actual[index], item))
    );
  }
  return Object.is(actual, expected);
}

/** A plain object: not null, not an array. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
