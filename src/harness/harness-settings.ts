// The harness's settings that the CLI's process and the global setup read as well as the workers: plain
// values and checks, importing nothing of vitest's test runtime (expect, the runner: about 55 ms to load),
// which only the workers need.
import { MaestroConfigurationError } from "../errors/index.js";

/** Which API the cells call. */
export type Backend = "ai21" | "local" | "replay";

/** Defaults shared by the global setup and the in-worker fallback. */
export const HARNESS_DEFAULTS = { concurrency: 8, timeoutMs: 600_000, localTimeScale: 0.02 } as const;

/**
 * vitest's own limit on concurrent tests in a file, for a harness limit of `concurrency` cells: larger,
 * so that the shared limit paces the cells, and a case's `across cells` test, which holds a vitest slot
 * while it waits for its cells, never starves them.
 */
export function vitestConcurrencyFor(concurrency: number): number {
  return Math.max(5, concurrency * 4);
}

/** Reads `MAESTRO_EVAL_CONCURRENCY`, naming the variable when it is not a whole number >= 1. */
export function readConcurrency(env: Record<string, string | undefined>): number | undefined {
  const value = env.MAESTRO_EVAL_CONCURRENCY?.trim();
  if (value === undefined || value === "") return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new MaestroConfigurationError(
      `MAESTRO_EVAL_CONCURRENCY must be a whole number >= 1, got ${JSON.stringify(value)}`,
    );
  }
  return number;
}
