import type { MatcherState } from "vitest";
import { loadedVerifiers, loadVerifiers, type VerifiersModule } from "../verifiers/load-verifiers.js";
import { evaluateCheck } from "./evaluate-check.js";
import { describeMissingRequirements, formatScore, plural } from "./format.js";
import type { MaestroMatcherResult } from "./matcher-result.js";
import { readOptionsObject, readThreshold } from "./read-options.js";
import type { AgreeWithVerifiersOptions } from "./types.js";

/** auditRun's own default: a fifth of the scale, about one check of five. */
const DEFAULT_TOLERANCE = 0.2;

/**
 * Asserts that the run's self-reported requirement scores agree with the deterministic verifiers within
 * `tolerance` (default 0.2): every disagreement is listed with both scores and the verifier's reason.
 * Requirements no verifier understands are counted as unverifiable, never as agreeing or disagreeing.
 * `tolerance: null` records the audit without failing. A CellRun's `response_language` resolves
 * requirements such as "answer in the requested language"; the language itself is the reports' business.
 *
 * The verifiers load on demand: a suite's cells load them before their assertions, and a test that calls
 * {@link installMaestroMatchers} has them before it runs. Asked before they are loaded, the matcher waits
 * for them and returns a promise (vitest awaits it before the test ends).
 *
 * @example
 * expect(run).toAgreeWithVerifiers({ tolerance: 0.2 });
 * // expected reported scores to agree with the verifiers within 0.2, got 1 disagreement (jamba-large/low #0, run 3f1c9a2b…): "formats" reported 1.00, verified 0.50: 1 of 2 dates is YYYY-MM-DD
 */
export function toAgreeWithVerifiers(
  this: MatcherState,
  received: unknown,
  options?: AgreeWithVerifiersOptions,
): MaestroMatcherResult | Promise<MaestroMatcherResult> {
  const { aggregate, tolerance: given } = readOptionsObject("toAgreeWithVerifiers", options);
  const tolerance =
    given === undefined
      ? DEFAULT_TOLERANCE
      : readThreshold("toAgreeWithVerifiers", given, { min: 0, max: 1, what: "within [0, 1]" }, "tolerance");
  const verifiers = loadedVerifiers();
  if (verifiers === undefined)
    return loadVerifiers().then(() => toAgreeWithVerifiers.call(this, received, options));
  const { auditRun } = verifiers;
  return evaluateCheck(this.isNot, received, {
    matcher: "toAgreeWithVerifiers",
    subject: "reported scores",
    goal: `to agree with the verifiers within ${tolerance ?? DEFAULT_TOLERANCE}`,
    threshold: tolerance,
    recordOnly: tolerance === null,
    aggregate,
    check: ({ run, cellRun }) => {
      if (!run.requirements_result) return { ok: false, ...describeMissingRequirements(run) };
      const language = cellRun?.request.response_language;
      let audit: ReturnType<VerifiersModule["auditRun"]>;
      try {
        audit = auditRun(run, {
          tolerance: tolerance ?? DEFAULT_TOLERANCE,
          ...(language === undefined ? {} : { responseLanguage: language }),
          ...(cellRun?.request.input === undefined ? {} : { input: cellRun.request.input }),
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { ok: false, problem: `the audit could not read the run: ${reason}` };
      }
      const differences = audit.requirements.flatMap((item) =>
        (item.status === "agree" || item.status === "disagree") && item.difference !== null
          ? [Math.abs(item.difference)]
          : [],
      );
      const unverifiable = audit.unverifiable.length > 0 ? `, ${audit.unverifiable.length} unverifiable` : "";
      const details = audit.disagreements.map(
        (item) =>
          `"${item.name}" reported ${formatScore(item.reportedScore)}, verified ${formatScore(item.verifiedScore ?? 0)}: ${item.verifiedReason}`,
      );
      return {
        ok: true,
        pass: audit.disagreements.length === 0,
        seen:
          audit.disagreements.length === 0
            ? `no disagreements${unverifiable}`
            : `${plural(audit.disagreements.length, "disagreement")}${unverifiable}`,
        value: differences.length > 0 ? Math.max(...differences) : null,
        detail: details.length > 0 ? details.join("; ") : undefined,
      };
    },
  });
}
