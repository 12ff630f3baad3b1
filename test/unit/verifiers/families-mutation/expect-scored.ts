// The assertion of the families' table rows: a description scored on a text gives exactly this score
// and reason, and the verdict that goes with a 1 or a 0.
import { expect } from "vitest";
import { verifyRequirement } from "../../../../src/verifiers/index.js";

export function expectScored(text: string, description: string, score: number, reason: string): void {
  const result = verifyRequirement(text, description);
  expect({ score: result.score, verdict: result.verdict, reason: result.reason }).toEqual({
    score,
    verdict: score === 1 ? "pass" : "fail",
    reason,
  });
}
