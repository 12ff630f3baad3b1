import type { MatcherState } from "vitest";
import { isAtLeast, readScoreSources } from "../domain/index.js";
import { evaluateCheck } from "./evaluate-check.js";
import { describeMissingRequirements, formatScore, formatSourceNote, readReason } from "./format.js";
import type { MaestroMatcherResult } from "./matcher-result.js";
import { readOptionsObject } from "./read-options.js";
import type { CheckMatcherOptions } from "./types.js";

/**
 * Asserts that every mandatory requirement scored 1 (a run with none passes). Maestro's overall score is 0
 * whenever a mandatory requirement is not fully met; a run whose overall score says otherwise fails as API
 * drift, `.not` or not, because its scores cannot be trusted either way.
 *
 * @example
 * expect(run).toPassMandatoryGate();
 * // expected mandatory requirements to all score 1, got "fields present" 0.50 (jamba-mini/low #0, run 3f1c9a2b…): Missing the invoice number
 */
export function toPassMandatoryGate(
  this: MatcherState,
  received: unknown,
  options?: CheckMatcherOptions,
): MaestroMatcherResult {
  const { aggregate } = readOptionsObject("toPassMandatoryGate", options);
  return evaluateCheck(this.isNot, received, {
    matcher: "toPassMandatoryGate",
    subject: "mandatory requirements",
    goal: "to all score 1",
    threshold: 1,
    aggregate,
    check: ({ run, cellRun }) => {
      const result = run.requirements_result;
      if (!result) return { ok: false, ...describeMissingRequirements(run) };
      const mandatory = result.requirements.filter((requirement) => requirement.is_mandatory === true);
      if (mandatory.length === 0)
        return { ok: true, pass: true, seen: "no mandatory requirements", value: null };
      const failing = mandatory.filter((requirement) => !isAtLeast(requirement.score, 1));
      // A mandatory score the model gave itself says so: the gate leaves it out by default.
      const sources = cellRun?.scoreSources ?? readScoreSources(run);
      const scores = (items: typeof mandatory) =>
        items
          .map(
            (requirement) =>
              `"${requirement.name}" ${formatScore(requirement.score)}${formatSourceNote(sources[requirement.name])}`,
          )
          .join(", ");
      if (failing.length > 0 && result.score > 0) {
        return {
          ok: false,
          problem: `the run shows API drift: mandatory ${scores(failing)} below 1, yet the overall score is ${formatScore(result.score)}, not 0`,
        };
      }
      const reasons = failing.flatMap((requirement) => {
        const reason = readReason(requirement.reason);
        if (!reason) return [];
        return [failing.length === 1 ? reason : `"${requirement.name}": ${reason}`];
      });
      return {
        ok: true,
        pass: failing.length === 0,
        seen: scores(mandatory),
        value: Math.min(...mandatory.map((requirement) => requirement.score)),
        detail: reasons.length > 0 ? reasons.join("; ") : undefined,
      };
    },
  });
}
