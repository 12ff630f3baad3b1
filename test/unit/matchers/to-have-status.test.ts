import { describe, expect, test } from "vitest";
import { maestroMatchers } from "../../../src/matchers/index.js";
import { createCellRun, createRun, outcomeOf } from "./fixtures.js";

expect.extend(maestroMatchers);

const mini = "jamba-mini/low #0, run 3f1c9a2b…";

describe("toHaveStatus", () => {
  test("a completed run has status completed", () => {
    expect(createCellRun()).toHaveStatus("completed");
    expect(outcomeOf(() => expect(createCellRun()).not.toHaveStatus("completed"))).toEqual({
      passed: false,
      message: `expected run not to have status "completed", got "completed" (${mini})`,
    });
  });

  test("a failed run shows its error message", () => {
    const failed = () => createCellRun({ status: "failed", error: "upstream timeout", requirements: null });
    expect(outcomeOf(() => expect(failed()).toHaveStatus("completed"))).toEqual({
      passed: false,
      message: `expected run to have status "completed", got "failed" (${mini}): upstream timeout`,
    });
    expect(failed()).not.toHaveStatus("completed");
    expect(failed()).toHaveStatus("failed");
  });

  test("vitest receives both statuses for its diff", () => {
    const result = maestroMatchers.toHaveStatus.call(
      expect.getState(),
      createRun({ status: "requires_action" }),
      "completed",
    );
    expect(result).toMatchObject({ pass: false, actual: "requires_action", expected: "completed" });
  });

  test("records a pass or fail with no value", () => {
    const run = createCellRun();
    expect(run).toHaveStatus("completed");
    outcomeOf(() => expect(run).toHaveStatus("failed"));
    expect(run.assertions).toEqual([
      { matcher: "toHaveStatus", threshold: null, actual: null, pass: true },
      { matcher: "toHaveStatus", threshold: null, actual: null, pass: false },
    ]);
  });

  test("arrays: each run, or a count", () => {
    const runs = [createCellRun(), createCellRun({ repeat: 1, status: "failed", error: "rate limited" })];
    expect(outcomeOf(() => expect(runs).toHaveStatus("completed"))).toEqual({
      passed: false,
      message: [
        'expected run to have status "completed" in each of 2 runs, got 1 of 2',
        `  ✓ "completed" (${mini})`,
        '  ✗ "failed" (jamba-mini/low #1, run 7d2e8c41…): rate limited',
      ].join("\n"),
    });
    expect(runs).toHaveStatus("completed", { aggregate: { atLeast: 1 } });
    expect(runs).not.toHaveStatus("completed", { aggregate: "each" });
  });
});
