import { describe, expect, test } from "vitest";
import type { GateResult } from "../../../src/domain/index.js";
import { renderGateResult } from "../../../src/reporter/index.js";

const passed: GateResult = {
  status: "passed",
  exitCode: 0,
  failures: [],
  comparisons: [],
  infrastructure: { errors: 0, cells: 12, rate: 0, maxErrorRate: 0.02 },
  checked: 3,
  notes: [],
};

describe("renderGateResult", () => {
  test("a passing gate says so with its numbers", () => {
    expect(renderGateResult(passed)).toBe(
      "Gate PASSED: 3 thresholds checked, 0 failing; infrastructure errors 0/12 cells (tolerance 2%)",
    );
  });

  test("a failed test outside the cells fails the run even when the thresholds pass", () => {
    const text = renderGateResult(passed, {
      otherFailures: [{ name: "suite > case > across cells", errors: ["expected 0.5 to be above 0.8"] }],
    });
    expect(text.split("\n")).toEqual([
      "Gate FAILED: 3 thresholds checked, 1 failing; infrastructure errors 0/12 cells (tolerance 2%)",
      "  ✗ [quality] suite > case > across cells: expected 0.5 to be above 0.8",
    ]);
  });

  test("a suite that failed to load is an error, not a pass", () => {
    expect(
      renderGateResult(passed, { runErrors: ["suites/x.eval.ts: Cannot find module"] }).split("\n")[0],
    ).toMatch(/^Gate ERROR:/);
  });
});
