import { describe, expect, test } from "vitest";
import { buildEvalReport } from "../../../src/domain/index.js";
import { compareOutputs, renderOutputDiffs } from "../../../src/reporter/index.js";
import { makeOutcome, RUN_TIMES } from "./fixtures.js";

describe("renderOutputDiffs", () => {
  test("cuts a long modified line around its change, so - and + never look the same", () => {
    const start = "Thank you for writing to us about order 4411; we are sorry the kettle leaks and ".repeat(
      3,
    );
    const report = buildEvalReport(
      [
        makeOutcome({
          model: "jamba-large",
          budget: "high",
          costUsd: 0.01,
          output: `${start}a refund of $40 is on its way.`,
        }),
        makeOutcome({
          model: "jamba-mini",
          budget: "low",
          costUsd: 0.001,
          output: `${start}a refund of $45 is on its way.`,
        }),
      ],
      { ...RUN_TIMES, compareOutputs },
    );
    const lines = renderOutputDiffs(report, { width: 80 }).split("\n");
    const removed = lines.find((line) => line.startsWith("    - "))!;
    const added = lines.find((line) => line.startsWith("    + "))!;
    expect(removed).not.toBe(added.replace("    + ", "    - "));
    expect(removed).toContain("$40");
    expect(added).toContain("$45");
    expect(removed.startsWith("    - …")).toBe(true);
  });
});
