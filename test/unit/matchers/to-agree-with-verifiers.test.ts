import { describe, expect, test } from "vitest";
import type { CellRun, RequirementResult } from "../../../src/domain/index.js";
import { installMaestroMatchers } from "../../../src/matchers/index.js";
import { createCellRun, outcomeOf } from "./fixtures.js";

// The matchers, and the verifiers loaded before the tests (a beforeAll).
installMaestroMatchers();

const mini = "jamba-mini/low #0, run 3f1c9a2b…";

function requirement(name: string, description: string, score: number): RequirementResult {
  return { name, description, is_mandatory: false, score };
}

/** A reply of four sentences, scored by a Maestro that is sometimes too generous. */
function auditedRun(
  scores: { short: number; lowercase: number },
  extra: RequirementResult[] = [],
  repeat = 0,
): CellRun {
  return createCellRun({
    repeat,
    result: "One. Two. Three. Four.",
    requirements: [
      requirement("short", "Write at most 2 sentences.", scores.short),
      requirement("lowercase", "Answer in lowercase letters only.", scores.lowercase),
      ...extra,
    ],
  });
}

describe("toAgreeWithVerifiers", () => {
  test("scores the verifiers confirm pass", () => {
    expect(auditedRun({ short: 0, lowercase: 0 })).toAgreeWithVerifiers();
    expect(
      outcomeOf(() => expect(auditedRun({ short: 0, lowercase: 0 })).not.toAgreeWithVerifiers()),
    ).toEqual({
      passed: false,
      message: `expected reported scores not to agree with the verifiers within 0.2, got no disagreements (${mini})`,
    });
  });

  test("a disagreement names both scores and the verifier's reason", () => {
    expect(outcomeOf(() => expect(auditedRun({ short: 1, lowercase: 0 })).toAgreeWithVerifiers())).toEqual({
      passed: false,
      message: `expected reported scores to agree with the verifiers within 0.2, got 1 disagreement (${mini}): "short" reported 1.00, verified 0.00: 4 sentences found; at most 2 allowed`,
    });
    expect(auditedRun({ short: 1, lowercase: 0 })).not.toAgreeWithVerifiers();
  });

  test("the tolerance decides what counts as a disagreement", () => {
    const run = () => auditedRun({ short: 0, lowercase: 0.5 });
    expect(outcomeOf(() => expect(run()).toAgreeWithVerifiers({ tolerance: 0.2 })).passed).toBe(false);
    expect(run()).toAgreeWithVerifiers({ tolerance: 0.5 });
  });

  test("unverifiable requirements are counted, never taken as agreement or disagreement", () => {
    const tone = requirement("tone", "Use a friendly tone.", 0.8);
    expect(
      outcomeOf(() => expect(auditedRun({ short: 1, lowercase: 1 }, [tone])).toAgreeWithVerifiers()),
    ).toEqual({
      passed: false,
      message: `expected reported scores to agree with the verifiers within 0.2, got 2 disagreements, 1 unverifiable (${mini}): "short" reported 1.00, verified 0.00: 4 sentences found; at most 2 allowed; "lowercase" reported 1.00, verified 0.00: 4 uppercase letters found (first "O" at 0); all lowercase required`,
    });
  });

  test("records the largest verified difference against the tolerance", () => {
    const run = auditedRun({ short: 1, lowercase: 0.1 });
    outcomeOf(() => expect(run).toAgreeWithVerifiers({ tolerance: 0.3 }));
    expect(run.assertions).toEqual([
      { matcher: "toAgreeWithVerifiers", threshold: 0.3, actual: 1, pass: false },
    ]);
  });

  test("tolerance null records the audit and passes", () => {
    const run = auditedRun({ short: 1, lowercase: 1 });
    expect(run).toAgreeWithVerifiers({ tolerance: null });
    expect(run).not.toAgreeWithVerifiers({ tolerance: null });
    expect(run.assertions[0]).toEqual({
      matcher: "toAgreeWithVerifiers",
      threshold: null,
      actual: 1,
      pass: true,
    });
  });

  test("a run without requirements_result fails either way", () => {
    const message = (not: string) =>
      `expected reported scores ${not}to agree with the verifiers within 0.2, but the run has no requirements_result (${mini}); create it with include: ["requirements_result"]`;
    expect(outcomeOf(() => expect(createCellRun({ requirements: null })).toAgreeWithVerifiers())).toEqual({
      passed: false,
      message: message(""),
    });
    expect(outcomeOf(() => expect(createCellRun({ requirements: null })).not.toAgreeWithVerifiers())).toEqual(
      {
        passed: false,
        message: message("not "),
      },
    );
  });

  test("arrays audit each run", () => {
    const runs = [auditedRun({ short: 0, lowercase: 0 }), auditedRun({ short: 1, lowercase: 0 }, [], 1)];
    expect(outcomeOf(() => expect(runs).toAgreeWithVerifiers())).toEqual({
      passed: false,
      message: [
        "expected reported scores to agree with the verifiers within 0.2 in each of 2 runs, got 1 of 2",
        `  ✓ no disagreements (${mini})`,
        '  ✗ 1 disagreement (jamba-mini/low #1, run 7d2e8c41…): "short" reported 1.00, verified 0.00: 4 sentences found; at most 2 allowed',
      ].join("\n"),
    });
  });
});
