// The verdict of one score, on its own: the judge's configuration reads it without loading the verifiers.
import type { Verdict } from "./check.js";

/** The verdict one score gives: pass at 1, fail below 1 (a checked clause not met), unverifiable when null. */
export function readVerdict(score: number | null): Verdict {
  if (score === null) return "unverifiable";
  return score >= 1 ? "pass" : "fail";
}
