import { describe, expect, test } from "vitest";
import type { CellRun, RequirementResult } from "../../../src/domain/index.js";
import { maestroMatchers } from "../../../src/matchers/index.js";
import { createCellRun, type Outcome, outcomeOf, requirementResults } from "./fixtures.js";

expect.extend(maestroMatchers);

const mini = "jamba-mini/low #0, run 3f1c9a2b…";

const tone: RequirementResult = {
  name: "tone",
  description: "Use a friendly, professional tone.",
  is_mandatory: true,
  score: 0,
  reason: "The reply is curt",
};

describe("toPassMandatoryGate", () => {
  test.each<[string, () => CellRun, Outcome, Outcome]>([
    [
      "every mandatory requirement at 1 passes",
      () => createCellRun({ requirements: requirementResults({ formats: 0.5 }) }),
      { passed: true },
      {
        passed: false,
        message: `expected mandatory requirements not to all score 1, got "fields present" 1.00 (${mini})`,
      },
    ],
    [
      "a mandatory requirement below 1 fails with its reason",
      () => createCellRun({ requirements: requirementResults({ fields: 0.5 }) }),
      {
        passed: false,
        message: `expected mandatory requirements to all score 1, got "fields present" 0.50 (${mini}): Missing the invoice number`,
      },
      { passed: true },
    ],
    [
      "several misses name each reason",
      () => createCellRun({ requirements: [...requirementResults({ fields: 0.5 }), tone] }),
      {
        passed: false,
        message: `expected mandatory requirements to all score 1, got "fields present" 0.50, "tone" 0.00 (${mini}): "fields present": Missing the invoice number; "tone": The reply is curt`,
      },
      { passed: true },
    ],
    [
      "a run with no mandatory requirement passes",
      () => createCellRun({ requirements: requirementResults().filter((item) => !item.is_mandatory) }),
      { passed: true },
      {
        passed: false,
        message: `expected mandatory requirements not to all score 1, got no mandatory requirements (${mini})`,
      },
    ],
  ])("%s", (_, create, normal, negated) => {
    expect(outcomeOf(() => expect(create()).toPassMandatoryGate())).toEqual(normal);
    expect(outcomeOf(() => expect(create()).not.toPassMandatoryGate())).toEqual(negated);
  });

  test("an overall score above 0 with a mandatory miss is API drift, and fails under .not too", () => {
    const drift = () => createCellRun({ requirements: requirementResults({ fields: 0.5 }), score: 0.7 });
    const message = (not: string) =>
      `expected mandatory requirements ${not}to all score 1, but the run shows API drift: mandatory "fields present" 0.50 below 1, yet the overall score is 0.70, not 0 (${mini})`;
    expect(outcomeOf(() => expect(drift()).toPassMandatoryGate())).toEqual({
      passed: false,
      message: message(""),
    });
    expect(outcomeOf(() => expect(drift()).not.toPassMandatoryGate())).toEqual({
      passed: false,
      message: message("not "),
    });
  });

  test("a run without requirements_result fails either way", () => {
    const run = () => createCellRun({ requirements: null });
    const message = `expected mandatory requirements to all score 1, but the run has no requirements_result (${mini}); create it with include: ["requirements_result"]`;
    expect(outcomeOf(() => expect(run()).toPassMandatoryGate())).toEqual({ passed: false, message });
    expect(outcomeOf(() => expect(run()).not.toPassMandatoryGate()).passed).toBe(false);
  });

  test("records the lowest mandatory score against 1", () => {
    const run = createCellRun({ requirements: [...requirementResults({ fields: 0.5 }), tone] });
    outcomeOf(() => expect(run).toPassMandatoryGate());
    const empty = createCellRun({ requirements: [] });
    expect(empty).toPassMandatoryGate();
    expect(run.assertions).toEqual([
      { matcher: "toPassMandatoryGate", threshold: 1, actual: 0, pass: false },
    ]);
    expect(empty.assertions).toEqual([
      { matcher: "toPassMandatoryGate", threshold: 1, actual: null, pass: true },
    ]);
  });

  test("arrays check each run by default, or count them", () => {
    const cells = [
      createCellRun({ model: "jamba-large" }),
      createCellRun({ repeat: 1, requirements: requirementResults({ fields: 0 }) }),
    ];
    expect(outcomeOf(() => expect(cells).toPassMandatoryGate())).toEqual({
      passed: false,
      message: [
        "expected mandatory requirements to all score 1 in each of 2 runs, got 1 of 2",
        '  ✓ "fields present" 1.00 (jamba-large/low #0, run 3f1c9a2b…)',
        '  ✗ "fields present" 0.00 (jamba-mini/low #1, run 7d2e8c41…): Missing the invoice number',
      ].join("\n"),
    });
    expect(cells).toPassMandatoryGate({ aggregate: { atLeast: 1 } });
  });
});

describe("toPassMandatoryGate and score sources", () => {
  test("says which mandatory scores the verifiers did not measure", () => {
    const cellRun: CellRun = {
      ...createCellRun({ requirements: [...requirementResults(), { ...tone, score: 1, reason: "None" }] }),
      scoreSources: { "fields present": "verifier", tone: "self_assessed" },
    };
    const result = maestroMatchers.toPassMandatoryGate.call({ isNot: true } as never, cellRun) as {
      pass: boolean;
      message: () => string;
    };
    expect(result.pass).toBe(true);
    expect(result.message()).toBe(
      `expected mandatory requirements not to all score 1, got "fields present" 1.00, "tone" 1.00 (self-assessed) (${mini})`,
    );
  });
});
