// The helpers of the phrasing tests (test/unit/verifiers/phrasings-*.test.ts): how a requirement is read
// into its checks, sources aside, and how a table of phrasings is run, each on the checks it reads and on a
// text that meets it and one that does not.
import { describe, expect, test } from "vitest";
import { type Check, parseRequirement, verifyRequirement } from "../../src/verifiers/index.js";

/** A check without its `source`, the part these tests assert. */
export function identity(check: Check): Record<string, unknown> {
  const { source: _source, ...rest } = check;
  return rest;
}

/** The checks of a description without their `source`, and what was left unchecked. */
export function read(description: string): { checks: object[]; unchecked: readonly string[] } {
  const parsed = parseRequirement(description);
  return { checks: parsed.checks.map(identity), unchecked: parsed.unchecked };
}

/**
 * What the decided checks of a result claim: pass when every one scored 1, fail when any scored less,
 * none when no check was decided. `input` is the user's request, for the checks that compare with it.
 */
export function claimOf(text: string, requirement: string, input?: string): "pass" | "fail" | "none" {
  const result = verifyRequirement(text, requirement, input === undefined ? {} : { input });
  const decided = result.checks.filter((check) => check.score !== null);
  if (decided.length === 0) return "none";
  return decided.every((check) => check.score === 1) ? "pass" : "fail";
}

/** A row of a table: a requirement, the checks it reads, a text that meets it and one that does not. */
export interface Phrasing {
  requirement: string;
  /** The checks expected, sources aside. */
  checks: Record<string, unknown>[];
  pass: string;
  fail: string;
  /** The user's request the texts answer, for the checks that compare with it. */
  input?: string;
}

/**
 * Runs the table: the checks parsed, a passing text and a failing one. `expected` gives the checks a
 * phrasing must read, its `checks` unless a table fills in what depends on the requirement.
 */
export function runTable(
  name: string,
  phrasings: readonly Phrasing[],
  expected: (phrasing: Phrasing) => Record<string, unknown>[] = (phrasing) => phrasing.checks,
): void {
  describe(name, () => {
    test.each(phrasings.map((phrasing) => [phrasing.requirement, phrasing] as const))(
      "%j is read into its checks",
      (requirement, phrasing) => {
        expect(parseRequirement(requirement).checks.map(identity)).toStrictEqual(expected(phrasing));
      },
    );
    test.each(phrasings.map((phrasing) => [phrasing.requirement, phrasing] as const))(
      "%j passes a text that meets it and fails one that does not",
      (requirement, phrasing) => {
        expect(claimOf(phrasing.pass, requirement, phrasing.input)).toBe("pass");
        expect(claimOf(phrasing.fail, requirement, phrasing.input)).toBe("fail");
      },
    );
  });
}

/**
 * Expects a description to read exactly `checks`, nothing left unchecked, and the verdict of the whole
 * result to be pass on `passing` and fail on `failing`.
 */
export function expectReadAndScored(
  description: string,
  checks: object[],
  passing: string,
  failing: string,
): void {
  expect(read(description)).toStrictEqual({ checks, unchecked: [] });
  expect(verifyRequirement(passing, description).verdict).toBe("pass");
  expect(verifyRequirement(failing, description).verdict).toBe("fail");
}
