// The asynchronous companion of `verify`: deterministic checks first, and the judge model only for a
// requirement the verifiers cannot decide. Checkable requirements never reach the judge, so its cost and
// its variance stay where they are needed.
import type { ResponseLanguage, ScoreSource } from "../domain/index.js";
import type { ParsedRequirement, VerifyResult } from "./check.js";
import type { Judge } from "./create-judge.js";
import { describeValue } from "./describe-value.js";
import { parseRequirement } from "./parse-requirement.js";
import { type VerifyInput, verify } from "./verify.js";

/** Options of {@link verifyWithJudge}. */
export interface VerifyWithJudgeOptions {
  /** The judge for unverifiable requirements; without one the result is the verifiers' alone. */
  judge?: Judge | undefined;
  /** Maestro's `response_language`, used when `requirement` is a description to parse. */
  responseLanguage?: ResponseLanguage;
  /** The request the text answers, for requirements that refer to it ("repeat the request first"). */
  input?: VerifyInput | undefined;
  /** Cancels the judge call. */
  signal?: AbortSignal | undefined;
}

/**
 * Scores `text` against a requirement with the verifiers, and asks the judge only when they cannot
 * decide it; the result's `source` says which one scored.
 *
 * @example
 * const judged = await verifyWithJudge(text, "Use a friendly tone", { judge });
 * judged.source // "judge"
 */
export async function verifyWithJudge(
  text: string,
  requirement: string | ParsedRequirement,
  options: VerifyWithJudgeOptions = {},
): Promise<VerifyResult> {
  if (typeof text !== "string") {
    throw new TypeError(`verifyWithJudge: text must be a string, got ${describeValue(text)}`);
  }
  const parsed =
    typeof requirement === "string"
      ? parseRequirement(
          requirement,
          options.responseLanguage === undefined ? {} : { responseLanguage: options.responseLanguage },
        )
      : requirement;
  if (typeof parsed !== "object" || parsed === null || typeof parsed.description !== "string") {
    throw new TypeError(
      `verifyWithJudge: requirement must be a description or a parsed requirement, got ${describeValue(requirement)}`,
    );
  }
  const verified = verify(text, parsed, options.input === undefined ? {} : { input: options.input });
  const judge = options.judge;
  if (verified.verdict !== "unverifiable" || judge === undefined) return verified;
  const judged = await judge.score(text, parsed.description, options.signal);
  return {
    verdict: judged.verdict,
    score: judged.score,
    reason: `judge ${judge.model}: ${judged.reason}`,
    checks: verified.checks,
    unchecked: verified.unchecked,
    source: "judge",
  };
}

/**
 * Who stands behind a {@link verifyWithJudge} score, as reports name it: `verifier` when every clause was
 * checked, `partial` when some were not understood or could not be decided, `judge` when the judge scored
 * it; undefined when nothing could score it (no verifier understood it and no judge did, or the judge
 * failed), where the caller says what stands in: the local engine the model's own claim
 * (`self_assessed`), a chat answer a placeholder the gate never counts (`unscored`). The one rule every
 * score maestro-eval computes itself follows.
 */
export function scoreSourceOf(
  result: VerifyResult,
): Extract<ScoreSource, "verifier" | "partial" | "judge"> | undefined {
  if (result.score === null) return undefined;
  if (result.source === "judge") return "judge";
  return result.verdict === "partial" ? "partial" : "verifier";
}
