import type { MatcherState } from "vitest";
import { evaluateThreshold } from "./evaluate-threshold.js";
import { describeArgument, formatUsd } from "./format.js";
import type { MaestroMatcherResult } from "./matcher-result.js";
import { readOptionsObject, readThreshold } from "./read-options.js";
import type { CostMatcherOptions } from "./types.js";

/**
 * Asserts that the run cost at most `usd` dollars (`costUsd`, or the local server's `x_local.cost_usd`).
 * AI21 does not report cost: an unknown cost fails, `.not` or not, because a cost gate that cannot see the
 * cost should not pass silently; `{ allowUnknown: true }` lets it pass (arrays then aggregate the runs whose
 * cost is known), and `null` records whatever is known without failing.
 *
 * @example
 * expect(run).toCostAtMost(0.01);
 * // expected cost to be at most $0.01, got $0.023 (jamba-large/high #0, run 3f1c9a2b…)
 */
export function toCostAtMost(
  this: MatcherState,
  received: unknown,
  usd: number | null,
  options?: CostMatcherOptions,
): MaestroMatcherResult {
  const threshold = readThreshold("toCostAtMost", usd, {
    min: 0,
    max: Number.POSITIVE_INFINITY,
    what: "a non-negative number of dollars",
  });
  const { aggregate, allowUnknown = false } = readOptionsObject("toCostAtMost", options);
  if (typeof allowUnknown !== "boolean") {
    throw new TypeError(
      `toCostAtMost: allowUnknown must be a boolean, got ${describeArgument(allowUnknown)}`,
    );
  }
  return evaluateThreshold(this.isNot, received, {
    matcher: "toCostAtMost",
    subject: "cost",
    verb: "to be at most",
    direction: "atMost",
    threshold,
    format: formatUsd,
    aggregate,
    allowUnknown,
    measure: ({ run, cellRun }) => {
      const cost = cellRun?.costUsd ?? run.x_local?.cost_usd;
      if (typeof cost === "number" && Number.isFinite(cost)) return { ok: true, value: cost };
      const source = cellRun ? `the ${cellRun.backend} backend reports none` : "the run reports none";
      return {
        ok: false,
        problem: `its cost is unknown: ${source}`,
        hint: "pass { allowUnknown: true } to let unknown costs pass",
        unknown: true,
      };
    },
  });
}
