// The assertion of the families' table rows: a description scored on a text gives exactly this score
// and reason, and the verdict that goes with it: pass for 1, fail for 0, unverifiable for null.
import { expect } from "vitest";
import { verifyRequirement } from "../../../../src/verifiers/index.js";

export function expectScored(text: string, description: string, score: number | null, reason: string): void {
  const result = verifyRequirement(text, description);
  expect({ score: result.score, verdict: result.verdict, reason: result.reason }).toEqual({
    score,
    verdict: score === 1 ? "pass" : score === null ? "unverifiable" : "fail",
    reason,
  });
}
