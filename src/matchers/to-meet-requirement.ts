import type { MatcherState } from "vitest";
import { describeScoreSource, readScoreSources } from "../domain/index.js";
import { evaluateThreshold } from "./evaluate-threshold.js";
import { describeArgument, describeMissingRequirements, formatScore, readReason } from "./format.js";
import type { MaestroMatcherResult } from "./matcher-result.js";
import { readOptionsObject, readThreshold } from "./read-options.js";
import type { ThresholdMatcherOptions } from "./types.js";

/**
 * Asserts that the requirement `name` scored at least `min` (default 1, within [0, 1]); `null` records
 * the score without failing. The requirement's reason follows the run's label, after who scored it when
 * the verifiers did not fully score it (`self-assessed: ...`, `partly verified: ...`); a name the run does not have fails,
 * `.not` or not, and lists the names it has.
 *
 * @example
 * expect(run).toMeetRequirement("formats", 0.8);
 * // expected requirement "formats" to score at least 0.80, got 0.50 (jamba-mini/low #0, run 3f1c9a2b…): 2 of 4 dates well formed
 */
export function toMeetRequirement(
  this: MatcherState,
  received: unknown,
  name: string,
  min: number | null = 1,
  options?: ThresholdMatcherOptions,
): MaestroMatcherResult {
  if (typeof name !== "string" || name.length === 0) {
    throw new TypeError(`toMeetRequirement: name must be a non-empty string, got ${describeArgument(name)}`);
  }
  const threshold = readThreshold("toMeetRequirement", min, { min: 0, max: 1, what: "within [0, 1]" });
  const { aggregate } = readOptionsObject("toMeetRequirement", options);
  return evaluateThreshold(this.isNot, received, {
    matcher: "toMeetRequirement",
    requirement: name,
    subject: `requirement "${name}"`,
    verb: "to score at least",
    direction: "atLeast",
    threshold,
    format: formatScore,
    aggregate,
    measure: ({ run, cellRun }) => {
      const result = run.requirements_result;
      if (!result) return { ok: false, ...describeMissingRequirements(run) };
      const requirement = result.requirements.find((item) => item.name === name);
      if (!requirement) {
        const known = result.requirements.map((item) => `"${item.name}"`);
        return {
          ok: false,
          problem: `the run has no requirement "${name}"`,
          hint: known.length > 0 ? `known: ${known.join(", ")}` : "the run reports no requirements",
        };
      }
      // A score the model gave itself reads like a measured one; the message says which it is (a verified
      // score, and Maestro's on AI21, where every score is Maestro's, go unmarked).
      const source = cellRun?.scoreSources?.[name] ?? readScoreSources(run)[name];
      const reason = readReason(requirement.reason);
      const scoredBy =
        source === undefined || source === "verifier" || source === "maestro"
          ? undefined
          : describeScoreSource(source);
      const detail =
        scoredBy === undefined ? reason : reason === undefined ? scoredBy : `${scoredBy}: ${reason}`;
      return { ok: true, value: requirement.score, detail };
    },
  });
}
