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

  test("a failing threshold is listed under the verdict with its category", () => {
    const text = renderGateResult({
      ...passed,
      status: "failed",
      exitCode: 1,
      failures: [
        {
          kind: "failed_tests",
          category: "quality",
          suite: "orders",
          threshold: 0,
          actual: 1,
          message: 'suite "orders": case "refund" across cells failed: expected 0.5 to be above 0.8',
        },
      ],
    });
    expect(text.split("\n")).toEqual([
      "Gate FAILED: 3 thresholds checked, 1 failing; infrastructure errors 0/12 cells (tolerance 2%)",
      '  ✗ [quality] suite "orders": case "refund" across cells failed: expected 0.5 to be above 0.8',
    ]);
  });

  test("a usage error reads ERROR, not PASSED", () => {
    expect(renderGateResult({ ...passed, status: "error", exitCode: 3 }).split("\n")[0]).toMatch(
      /^Gate ERROR:/,
    );
  });
});
