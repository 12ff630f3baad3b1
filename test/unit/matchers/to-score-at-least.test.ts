import { describe, expect, test } from "vitest";
import type { CellRun } from "../../../src/domain/index.js";
import { maestroMatchers } from "../../../src/matchers/index.js";
import { createCellRun, createRun, type Outcome, outcomeOf, requirementResults } from "./fixtures.js";

expect.extend(maestroMatchers);

const mini = "jamba-mini/low #0, run 3f1c9a2b…";

describe("toScoreAtLeast", () => {
  test.each<[string, () => CellRun, number | null, Outcome, Outcome]>([
    [
      "an overall score below the threshold lists the requirements below 1",
      () => createCellRun({ requirements: requirementResults({ formats: 0.5 }) }),
      0.9,
      {
        passed: false,
        message: `expected overall score to be at least 0.90, got 0.75 (${mini}): "formats" 0.50`,
      },
      { passed: true },
    ],
    [
      "a perfect run passes",
      () => createCellRun(),
      0.9,
      { passed: true },
      { passed: false, message: `expected overall score not to be at least 0.90, got 1.00 (${mini})` },
    ],
    [
      "a mandatory miss makes the overall score 0",
      () => createCellRun({ requirements: requirementResults({ fields: 0.5 }) }),
      0.1,
      {
        passed: false,
        message: `expected overall score to be at least 0.10, got 0.00 (${mini}): "fields present" 0.50`,
      },
      { passed: true },
    ],
    [
      "threshold 0 always passes",
      () => createCellRun({ requirements: requirementResults({ fields: 0 }) }),
      0,
      { passed: true },
      {
        passed: false,
        message: `expected overall score not to be at least 0.00, got 0.00 (${mini}): "fields present" 0.00`,
      },
    ],
    ["threshold null passes", () => createCellRun({ score: 0.2 }), null, { passed: true }, { passed: true }],
  ])("%s", (_, create, threshold, normal, negated) => {
    expect(outcomeOf(() => expect(create()).toScoreAtLeast(threshold))).toEqual(normal);
    expect(outcomeOf(() => expect(create()).not.toScoreAtLeast(threshold))).toEqual(negated);
  });

  test("records the overall score", () => {
    const run = createCellRun({ requirements: requirementResults({ formats: 0.5 }) });
    expect(run).toScoreAtLeast(0.7);
    expect(run).toScoreAtLeast(null);
    expect(run.assertions).toEqual([
      { matcher: "toScoreAtLeast", threshold: 0.7, actual: 0.75, pass: true },
      { matcher: "toScoreAtLeast", threshold: null, actual: 0.75, pass: true },
    ]);
  });

  test("a bare MaestroRun is checked but has nowhere to record", () => {
    const run = createRun({ score: 0.4 });
    expect(outcomeOf(() => expect(run).toScoreAtLeast(0.5))).toEqual({
      passed: false,
      message: "expected overall score to be at least 0.50, got 0.40 (run 3f1c9a2b…)",
    });
    expect(run).not.toHaveProperty("assertions");
  });

  test("arrays of cells aggregate by the mean, across models too", () => {
    const cells = [
      createCellRun({ model: "jamba-large", score: 0.9 }),
      createCellRun({ model: "jamba-mini", budget: "medium", repeat: 1, score: 0.6 }),
    ];
    expect(cells).toScoreAtLeast(0.75);
    expect(outcomeOf(() => expect(cells).toScoreAtLeast(0.8))).toEqual({
      passed: false,
      message: [
        "expected overall score to be at least 0.80 on average over 2 runs, got 0.75",
        "  ✓ 0.90 (jamba-large/low #0, run 3f1c9a2b…)",
        "  ✗ 0.60 (jamba-mini/medium #1, run 7d2e8c41…)",
      ].join("\n"),
    });
  });
});
