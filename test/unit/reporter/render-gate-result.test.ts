import { describe, expect, test } from "vitest";
import type { GateResult } from "../../../src/domain/index.js";
import { renderBaselineComparisons, renderGateResult } from "../../../src/reporter/index.js";

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

describe("renderBaselineComparisons", () => {
  test("means read apart from each other, the change never as zero, the p-value in scientific notation when tiny", () => {
    const comparison = {
      suite: "orders",
      group: "jamba-mini/low",
      requirement: null,
      n: 9,
      baselineMean: 0.85,
      currentMean: 0.8,
      meanDifference: -0.05,
      pValue: 0.0123,
      verdict: "worse",
      maxDrop: 0.02,
      pass: false,
    } as const;
    expect(
      renderBaselineComparisons([
        comparison,
        {
          ...comparison,
          requirement: "formats",
          currentMean: 0.846,
          meanDifference: -0.004,
          pValue: 0.00012,
          verdict: "insufficient_data",
          pass: true,
        },
      ]).split("\n"),
    ).toEqual([
      "Against the baseline (paired over cases and repeats):",
      "  ✗ orders jamba-mini/low overall: 0.85 → 0.80 (-0.05, n=9, p=0.012) worse",
      '  ✓ orders jamba-mini/low "formats": 0.850 → 0.846 (-0.004, n=9, p=1.2e-4) insufficient data',
    ]);
  });
});
