import type { MatcherState } from "vitest";
import { evaluateThreshold } from "./evaluate-threshold.js";
import { describeMissingRequirements, formatScore } from "./format.js";
import type { MaestroMatcherResult } from "./matcher-result.js";
import { readOptionsObject, readThreshold } from "./read-options.js";
import type { ThresholdMatcherOptions } from "./types.js";

/**
 * Asserts that the run's overall `requirements_result.score` is at least `min`, within [0, 1]; `null`
 * records the score without failing. The requirements that scored below 1 follow the run's label.
 *
 * @example
 * expect(run).toScoreAtLeast(0.7);
 * // expected overall score to be at least 0.70, got 0.55 (jamba-mini/low #0, run 3f1c9a2b…): "formats" 0.50, "tone" 0.60
 */
export function toScoreAtLeast(
  this: MatcherState,
  received: unknown,
  min: number | null,
  options?: ThresholdMatcherOptions,
): MaestroMatcherResult {
  const threshold = readThreshold("toScoreAtLeast", min, { min: 0, max: 1, what: "within [0, 1]" });
  const { aggregate } = readOptionsObject("toScoreAtLeast", options);
  return evaluateThreshold(this.isNot, received, {
    matcher: "toScoreAtLeast",
    subject: "overall score",
    verb: "to be at least",
    direction: "atLeast",
    threshold,
    format: formatScore,
    aggregate,
    measure: ({ run }) => {
      const result = run.requirements_result;
      if (!result) return { ok: false, ...describeMissingRequirements(run) };
      const below = result.requirements
        .filter((requirement) => requirement.score < 1)
        .map((requirement) => `"${requirement.name}" ${formatScore(requirement.score)}`);
      return { ok: true, value: result.score, detail: below.length > 0 ? below.join(", ") : undefined };
    },
  });
}
