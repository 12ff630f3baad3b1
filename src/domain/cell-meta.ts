import type { CellRun } from "./cell-run.js";

/** The key under `task.meta` where the harness leaves a cell for the reporter. */
export const CELL_META_KEY = "maestroEval";

/** Version of {@link CellMeta}; bumped when its shape changes. */
export const CELL_META_VERSION = 1;

/**
 * What the harness stores in a cell test's meta: the cell run, JSON-serialisable, secrets removed.
 * `error` is set when the cell never got a run (the API was down, a timeout, a failed run).
 */
export interface CellMeta extends Omit<CellRun, "assertions"> {
  version: typeof CELL_META_VERSION;
  kind: "maestro" | "chat";
  assertions: CellRun["assertions"];
  /** A hash of the normalised request, model, budget and repeat: the cassette key and the resume key. */
  requestHash: string;
  /** Why the cell has no usable run, categorised so that "the API was down" is never read as "the model got worse". */
  error?: { category: "infrastructure" | "usage"; name: string; message: string };
}

/**
 * Reads a cell's meta as the reporter receives it; anything that is not a cell meta of this version is
 * undefined (other tests in the same run carry no such meta).
 */
export function readCellMeta(meta: unknown): CellMeta | undefined {
  if (typeof meta !== "object" || meta === null) return undefined;
  const value = (meta as Record<string, unknown>)[CELL_META_KEY];
  if (typeof value !== "object" || value === null) return undefined;
  const candidate = value as Partial<CellMeta>;
  if (candidate.version !== CELL_META_VERSION) return undefined;
  if (typeof candidate.cell !== "object" || candidate.cell === null || typeof candidate.cell.key !== "string")
    return undefined;
  if (typeof candidate.run !== "object" || candidate.run === null) return undefined;
  if (!Array.isArray(candidate.assertions) || typeof candidate.requestHash !== "string") return undefined;
  return candidate as CellMeta;
}
