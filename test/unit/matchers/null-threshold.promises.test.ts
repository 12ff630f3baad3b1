// README: "Every threshold may be `null`": what null never fails on (the value, however bad, and an
// unknown cost), and what it still fails on (nothing to record: a typo in a requirement name, a run
// without requirements_result, something that is not a run).
import { describe, expect, test } from "vitest";
import { maestroMatchers } from "../../../src/matchers/index.js";
import { createCellRun, createRepeats, outcomeOf, requirementResults } from "./fixtures.js";

expect.extend(maestroMatchers);

const mini = "jamba-mini/low #0, run 3f1c9a2b…";

describe("a null threshold never fails on the value", () => {
  const worst = () =>
    createCellRun({
      requirements: requirementResults({ fields: 0, formats: 0 }),
      latencyMs: 3_600_000,
      costUsd: 1_000,
    });

  test.each([
    ["toScoreAtLeast", (run: unknown) => expect(run).toScoreAtLeast(null)],
    ["toMeetRequirement", (run: unknown) => expect(run).toMeetRequirement("formats", null)],
    ["toFinishWithin", (run: unknown) => expect(run).toFinishWithin(null)],
    ["toCostAtMost", (run: unknown) => expect(run).toCostAtMost(null)],
  ])("%s(null) passes on the worst run", (_, assert) => {
    expect(outcomeOf(() => assert(worst()))).toEqual({ passed: true });
  });

  test.each([
    ["toScoreAtLeast", (run: unknown) => expect(run).not.toScoreAtLeast(null)],
    ["toMeetRequirement", (run: unknown) => expect(run).not.toMeetRequirement("formats", null)],
    ["toFinishWithin", (run: unknown) => expect(run).not.toFinishWithin(null)],
    ["toCostAtMost", (run: unknown) => expect(run).not.toCostAtMost(null)],
  ])(".not.%s(null) passes too", (_, assert) => {
    expect(outcomeOf(() => assert(worst()))).toEqual({ passed: true });
  });

  test.each([
    ["the mean", undefined],
    ["each", { aggregate: "each" as const }],
    ["a count", { aggregate: { atLeast: 3 } }],
  ])("over repeats, with %s", (_, options) => {
    const repeats = createRepeats([0, 0, 0]);
    expect(outcomeOf(() => expect(repeats).toMeetRequirement("formats", null, options))).toEqual({
      passed: true,
    });
  });

  test("an unknown cost (AI21 does not report one) is recorded as unknown and passes", () => {
    const run = createCellRun({ costUsd: undefined, backend: "ai21" });
    expect(outcomeOf(() => expect(run).toCostAtMost(null))).toEqual({ passed: true });
    expect(run.assertions).toEqual([{ matcher: "toCostAtMost", threshold: null, actual: null, pass: true }]);
  });

  test("the value is recorded for the reports", () => {
    const run = worst();
    expect(run).toMeetRequirement("formats", null);
    expect(run).toScoreAtLeast(null);
    expect(run.assertions).toEqual([
      { matcher: "toMeetRequirement", requirement: "formats", threshold: null, actual: 0, pass: true },
      { matcher: "toScoreAtLeast", threshold: null, actual: 0, pass: true },
    ]);
  });
});

describe("a null threshold still fails when there is nothing to record", () => {
  test("a requirement name the run does not have: a typo must not pass silently", () => {
    expect(outcomeOf(() => expect(createCellRun()).toMeetRequirement("format", null))).toEqual({
      passed: false,
      message: `expected requirement "format" to be recorded, but the run has no requirement "format" (${mini}); known: "fields present", "formats"`,
    });
  });

  test("a run without requirements_result", () => {
    const run = createCellRun({ requirements: null });
    expect(outcomeOf(() => expect(run).toMeetRequirement("formats", null))).toEqual({
      passed: false,
      message: `expected requirement "formats" to be recorded, but the run has no requirements_result (${mini}); create it with include: ["requirements_result"]`,
    });
    expect(outcomeOf(() => expect(run).toScoreAtLeast(null))).toEqual({
      passed: false,
      message: `expected overall score to be recorded, but the run has no requirements_result (${mini}); create it with include: ["requirements_result"]`,
    });
  });

  test("a run that failed, and so has no scores", () => {
    const run = createCellRun({ requirements: null, status: "failed", error: "upstream timeout" });
    expect(outcomeOf(() => expect(run).toMeetRequirement("formats", null))).toEqual({
      passed: false,
      message: `expected requirement "formats" to be recorded, but the run has no requirements_result (${mini}); it ended "failed": upstream timeout`,
    });
  });

  test("something that is not a run", () => {
    expect(outcomeOf(() => expect("hello").toScoreAtLeast(null))).toEqual({
      passed: false,
      message:
        'expected overall score to be recorded, but received string "hello", not a CellRun, a MaestroRun or an array of them',
    });
  });
});
