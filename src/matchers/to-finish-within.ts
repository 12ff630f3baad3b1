import type { MatcherState } from "vitest";
import { evaluateThreshold } from "./evaluate-threshold.js";
import { formatMs } from "./format.js";
import type { MaestroMatcherResult } from "./matcher-result.js";
import { readOptionsObject, readThreshold } from "./read-options.js";
import type { ThresholdMatcherOptions } from "./types.js";

/**
 * Asserts that the run took at most `ms` milliseconds from create to finish, as the client measured it
 * (`latencyMs`; for a bare MaestroRun, the local server's `x_local.latency_ms`); `null` records it only.
 *
 * @example
 * expect(run).toFinishWithin(30_000);
 * // expected latency to be at most 30000 ms, got 41250 ms (jamba-large/high #0, run 3f1c9a2b…)
 */
export function toFinishWithin(
  this: MatcherState,
  received: unknown,
  ms: number | null,
  options?: ThresholdMatcherOptions,
): MaestroMatcherResult {
  const threshold = readThreshold("toFinishWithin", ms, {
    min: 0,
    max: Number.POSITIVE_INFINITY,
    what: "a non-negative number of milliseconds",
  });
  const { aggregate } = readOptionsObject("toFinishWithin", options);
  return evaluateThreshold(this.isNot, received, {
    matcher: "toFinishWithin",
    subject: "latency",
    verb: "to be at most",
    direction: "atMost",
    threshold,
    format: formatMs,
    aggregate,
    measure: ({ run, cellRun }) => {
      const latency = cellRun?.latencyMs ?? run.x_local?.latency_ms;
      if (typeof latency === "number" && Number.isFinite(latency)) return { ok: true, value: latency };
      return {
        ok: false,
        problem: "its latency is unknown",
        hint: "a bare MaestroRun carries none unless the local server answered; pass the CellRun",
      };
    },
  });
}
