import { describe, expect, test } from "vitest";
import type { CellRun, MaestroRun } from "../../../src/domain/index.js";
import { maestroMatchers, type ThresholdMatcherOptions } from "../../../src/matchers/index.js";
import {
  createCellRun,
  createRepeats,
  createRun,
  type Outcome,
  outcomeOf,
  requirementResults,
} from "./fixtures.js";

expect.extend(maestroMatchers);

const mini = "jamba-mini/low #0, run 3f1c9a2b…";

describe("toMeetRequirement", () => {
  test.each<[string, () => CellRun | MaestroRun, [string, (number | null)?], Outcome, Outcome]>([
    [
      "a score below the threshold fails with the requirement's reason",
      () => createCellRun({ requirements: requirementResults({ formats: 0.5 }) }),
      ["formats", 0.8],
      {
        passed: false,
        message: `expected requirement "formats" to score at least 0.80, got 0.50 (${mini}): 2 of 4 dates well formed`,
      },
      { passed: true },
    ],
    [
      "a score at the threshold passes",
      () => createCellRun({ requirements: requirementResults({ formats: 0.8 }) }),
      ["formats", 0.8],
      { passed: true },
      {
        passed: false,
        message: `expected requirement "formats" not to score at least 0.80, got 0.80 (${mini}): 2 of 4 dates well formed`,
      },
    ],
    [
      "the threshold defaults to 1",
      () => createCellRun({ requirements: requirementResults({ formats: 0.99 }) }),
      ["formats"],
      {
        passed: false,
        message: `expected requirement "formats" to score at least 1.00, got 0.99 (${mini}): 2 of 4 dates well formed`,
      },
      { passed: true },
    ],
    [
      'a reason of "None" is left out',
      () => createCellRun(),
      ["fields present", 1],
      { passed: true },
      {
        passed: false,
        message: `expected requirement "fields present" not to score at least 1.00, got 1.00 (${mini})`,
      },
    ],
    [
      "a bare MaestroRun names the model and budget the local server reports",
      () =>
        createRun({
          requirements: requirementResults({ formats: 0.25 }, { formats: "no date is YYYY-MM-DD" }),
          local: { model: "jamba-large", budget: "high", latencyMs: 900, costUsd: 0.01 },
        }),
      ["formats", 0.5],
      {
        passed: false,
        message:
          'expected requirement "formats" to score at least 0.50, got 0.25 (jamba-large/high, run 3f1c9a2b…): no date is YYYY-MM-DD',
      },
      { passed: true },
    ],
    [
      "a bare MaestroRun from AI21 is named by its id alone",
      () => createRun({ requirements: requirementResults({ formats: 0.25 }, { formats: "None" }) }),
      ["formats", 0.5],
      {
        passed: false,
        message: 'expected requirement "formats" to score at least 0.50, got 0.25 (run 3f1c9a2b…)',
      },
      { passed: true },
    ],
  ])("%s", (_, create, args, normal, negated) => {
    expect(outcomeOf(() => expect(create()).toMeetRequirement(...args))).toEqual(normal);
    expect(outcomeOf(() => expect(create()).not.toMeetRequirement(...args))).toEqual(negated);
  });

  test.each<[string, () => CellRun, string]>([
    [
      "an unknown name lists the known ones",
      () => createCellRun(),
      `expected requirement "format" to score at least 0.80, but the run has no requirement "format" (${mini}); known: "fields present", "formats"`,
    ],
    [
      "a run without requirements_result says how to get one",
      () => createCellRun({ requirements: null }),
      `expected requirement "format" to score at least 0.80, but the run has no requirements_result (${mini}); create it with include: ["requirements_result"]`,
    ],
    [
      "a failed run says how it ended",
      () => createCellRun({ requirements: null, status: "failed", error: "upstream timeout" }),
      `expected requirement "format" to score at least 0.80, but the run has no requirements_result (${mini}); it ended "failed": upstream timeout`,
    ],
    [
      "a run that reports no requirements says so",
      () => createCellRun({ requirements: [] }),
      `expected requirement "format" to score at least 0.80, but the run has no requirement "format" (${mini}); the run reports no requirements`,
    ],
  ])("%s, with .not too", (_, create, message) => {
    const normal = message;
    const negated = message.replace(
      'expected requirement "format" to',
      'expected requirement "format" not to',
    );
    expect(outcomeOf(() => expect(create()).toMeetRequirement("format", 0.8))).toEqual({
      passed: false,
      message: normal,
    });
    expect(outcomeOf(() => expect(create()).not.toMeetRequirement("format", 0.8))).toEqual({
      passed: false,
      message: negated,
    });
  });

  test("records one assertion per call, with the requirement, threshold and score", () => {
    const run = createCellRun({ requirements: requirementResults({ formats: 0.5 }) });
    outcomeOf(() => expect(run).toMeetRequirement("formats", 0.8));
    expect(run).toMeetRequirement("fields present");
    expect(run).not.toMeetRequirement("formats", 0.6);
    expect(run.assertions).toEqual([
      { matcher: "toMeetRequirement", requirement: "formats", threshold: 0.8, actual: 0.5, pass: false },
      { matcher: "toMeetRequirement", requirement: "fields present", threshold: 1, actual: 1, pass: true },
      { matcher: "toMeetRequirement", requirement: "formats", threshold: 0.6, actual: 0.5, pass: true },
    ]);
  });

  test("an unknown requirement is recorded as a failed assertion with no value", () => {
    const run = createCellRun();
    outcomeOf(() => expect(run).toMeetRequirement("tone", 0.5));
    expect(run.assertions).toEqual([
      { matcher: "toMeetRequirement", requirement: "tone", threshold: 0.5, actual: null, pass: false },
    ]);
  });

  test("threshold null records the score and passes, .not or not", () => {
    const run = createCellRun({ requirements: requirementResults({ formats: 0.25 }) });
    expect(run).toMeetRequirement("formats", null);
    expect(run).not.toMeetRequirement("formats", null);
    expect(run.assertions).toEqual([
      { matcher: "toMeetRequirement", requirement: "formats", threshold: null, actual: 0.25, pass: true },
      { matcher: "toMeetRequirement", requirement: "formats", threshold: null, actual: 0.25, pass: true },
    ]);
  });

  test("threshold null still fails on an unknown requirement: there is nothing to record", () => {
    expect(outcomeOf(() => expect(createCellRun()).toMeetRequirement("tone", null))).toEqual({
      passed: false,
      message: `expected requirement "tone" to be recorded, but the run has no requirement "tone" (${mini}); known: "fields present", "formats"`,
    });
  });

  test("vitest receives the score and the threshold for its diff", () => {
    const run = createCellRun({ requirements: requirementResults({ formats: 0.5 }) });
    const result = maestroMatchers.toMeetRequirement.call(expect.getState(), run, "formats", 0.8);
    expect(result).toMatchObject({ pass: false, actual: 0.5, expected: 0.8 });
  });

  describe("arrays of runs", () => {
    test.each<[string, number[], ThresholdMatcherOptions | undefined, Outcome]>([
      [
        "the mean is the default",
        [0.5, 1, 0.5],
        undefined,
        {
          passed: false,
          message: [
            'expected requirement "formats" to score at least 0.80 on average over 3 runs, got 0.667',
            "  ✗ 0.50 (jamba-mini/low #0, run 3f1c9a2b…): 2 of 4 dates well formed",
            "  ✓ 1.00 (jamba-mini/low #1, run 7d2e8c41…)",
            "  ✗ 0.50 (jamba-mini/low #2, run 0a9b8c7d…): 2 of 4 dates well formed",
          ].join("\n"),
        },
      ],
      [
        "a mean a floating-point hair under the threshold passes",
        [0.7, 0.9],
        { aggregate: "mean" },
        { passed: true },
      ],
      ["at least 2 of 3", [0.5, 1, 0.9], { aggregate: { atLeast: 2 } }, { passed: true }],
      [
        "at least 2 of 3, one met",
        [0.5, 1, 0.5],
        { aggregate: { atLeast: 2 } },
        {
          passed: false,
          message: [
            'expected requirement "formats" to score at least 0.80 in at least 2 of 3 runs, got 1 of 3',
            "  ✗ 0.50 (jamba-mini/low #0, run 3f1c9a2b…): 2 of 4 dates well formed",
            "  ✓ 1.00 (jamba-mini/low #1, run 7d2e8c41…)",
            "  ✗ 0.50 (jamba-mini/low #2, run 0a9b8c7d…): 2 of 4 dates well formed",
          ].join("\n"),
        },
      ],
      [
        "each run",
        [0.9, 1, 0.5],
        { aggregate: "each" },
        {
          passed: false,
          message: [
            'expected requirement "formats" to score at least 0.80 in each of 3 runs, got 2 of 3',
            "  ✓ 0.90 (jamba-mini/low #0, run 3f1c9a2b…): 2 of 4 dates well formed",
            "  ✓ 1.00 (jamba-mini/low #1, run 7d2e8c41…)",
            "  ✗ 0.50 (jamba-mini/low #2, run 0a9b8c7d…): 2 of 4 dates well formed",
          ].join("\n"),
        },
      ],
      ["each run, all met", [0.9, 1, 0.8], { aggregate: "each" }, { passed: true }],
    ])("%s", (_, scores, options, outcome) => {
      expect(
        outcomeOf(() => expect(createRepeats(scores)).toMeetRequirement("formats", 0.8, options)),
      ).toEqual(outcome);
    });

    test("under .not the same message reads the other way", () => {
      expect(outcomeOf(() => expect(createRepeats([0.9, 1])).not.toMeetRequirement("formats", 0.8))).toEqual({
        passed: false,
        message: [
          'expected requirement "formats" not to score at least 0.80 on average over 2 runs, got 0.95',
          "  ✓ 0.90 (jamba-mini/low #0, run 3f1c9a2b…): 2 of 4 dates well formed",
          "  ✓ 1.00 (jamba-mini/low #1, run 7d2e8c41…)",
        ].join("\n"),
      });
    });

    test("each run records its own score and the verdict of the whole assertion", () => {
      const runs = createRepeats([0.5, 1, 0.9]);
      expect(runs).toMeetRequirement("formats", 0.8);
      expect(runs.map((run) => run.assertions)).toEqual([
        [{ matcher: "toMeetRequirement", requirement: "formats", threshold: 0.8, actual: 0.5, pass: true }],
        [{ matcher: "toMeetRequirement", requirement: "formats", threshold: 0.8, actual: 1, pass: true }],
        [{ matcher: "toMeetRequirement", requirement: "formats", threshold: 0.8, actual: 0.9, pass: true }],
      ]);
    });

    test("vitest receives the mean, or the count met against the count needed", () => {
      const state = expect.getState();
      const runs = createRepeats([0.5, 1, 0.5]);
      expect(maestroMatchers.toMeetRequirement.call(state, runs, "formats", 0.8)).toMatchObject({
        actual: 2 / 3,
        expected: 0.8,
      });
      expect(
        maestroMatchers.toMeetRequirement.call(state, runs, "formats", 0.8, { aggregate: { atLeast: 2 } }),
      ).toMatchObject({ actual: 1, expected: 2 });
    });

    test("one run without the requirement fails the whole assertion and is named", () => {
      const runs = [...createRepeats([1, 1]), createCellRun({ repeat: 2, requirements: [] })];
      expect(outcomeOf(() => expect(runs).toMeetRequirement("formats", 0.8))).toEqual({
        passed: false,
        message:
          'expected requirement "formats" to score at least 0.80, but the run has no requirement "formats" (jamba-mini/low #2, run 0a9b8c7d…); the run reports no requirements',
      });
    });
  });
});

describe("toMeetRequirement and score sources", () => {
  test("says when a score was the model's own claim or only partly verified, from the cell's sources", () => {
    const cellRun: CellRun = {
      ...createCellRun({ requirements: requirementResults({ formats: 0.5 }) }),
      scoreSources: { formats: "self_assessed", "fields present": "partial" },
    };
    const formats = maestroMatchers.toMeetRequirement.call(
      { isNot: false } as never,
      cellRun,
      "formats",
      0.8,
    ) as { pass: boolean; message: () => string };
    expect(formats.message()).toBe(
      `expected requirement "formats" to score at least 0.80, got 0.50 (${mini}): self-assessed: 2 of 4 dates well formed`,
    );
    const fields = maestroMatchers.toMeetRequirement.call(
      { isNot: true } as never,
      cellRun,
      "fields present",
    ) as { pass: boolean; message: () => string };
    expect(fields.message()).toBe(
      `expected requirement "fields present" not to score at least 1.00, got 1.00 (${mini}): partly verified`,
    );
  });

  test("reads a local run's x_local.score_sources when the run is bare", () => {
    const run = createRun({
      requirements: requirementResults({ formats: 0.5 }),
      local: { model: "jamba-mini", budget: "low", costUsd: 0.001, latencyMs: 10 },
    });
    run.x_local!.score_sources = { formats: "judge" };
    const result = maestroMatchers.toMeetRequirement.call({ isNot: false } as never, run, "formats", 0.8) as {
      message: () => string;
    };
    expect(result.message()).toContain("judged: 2 of 4 dates well formed");
  });
});
