// The statistics behind the reports and the gate, at the edges the older tests leave open: the threshold
// slack, argument checks with their exact messages, the Wilson interval's exact ends, the normal quantile
// behind every confidence level, and the paired test's edges.
import { describe, expect, test } from "vitest";
import {
  isAtLeast,
  isAtMost,
  mean,
  pairedComparison,
  percentile,
  wilsonBounds,
  wilsonInterval,
} from "../../../src/domain/statistics.js";

describe("isAtLeast and isAtMost", () => {
  test("allow 1e-9 of slack, scaled by the threshold past 1", () => {
    expect(isAtLeast(1 - 1e-9, 1)).toBe(true);
    expect(isAtLeast(1 - 2e-9, 1)).toBe(false);
    expect(isAtMost(1 + 1e-9, 1)).toBe(true);
    expect(isAtMost(1 + 2e-9, 1)).toBe(false);
    expect(isAtLeast(10 - 5e-9, 10)).toBe(true);
    expect(isAtLeast(10 - 2e-8, 10)).toBe(false);
    expect(isAtMost(10 + 5e-9, 10)).toBe(true);
    expect(isAtMost(10 + 2e-8, 10)).toBe(false);
  });
});

describe("the normal quantile behind every confidence level", () => {
  /** The z of a confidence level, read back from the Wilson interval of 0 successes in 1 trial. */
  const zOf = (confidence: number) => {
    const { center } = wilsonBounds(0, 1, confidence);
    return Math.sqrt((2 * center) / (1 - 2 * center));
  };

  test.each([
    [0.5, 0.6744897501960817],
    [0.8, 1.2815515655446008],
    [0.95, 1.9599639845400536],
    [0.99, 2.5758293035489],
    [1 - 2e-13, 7.348902996595286],
  ])("confidence %f: z = %f", (confidence, z) => {
    expect(zOf(confidence)).toBeCloseTo(z, 6);
  });
});

describe("wilsonBounds and wilsonInterval", () => {
  test.each([10, 13, 17, 34])("are exactly 0 at a rate of 0 and exactly 1 at a rate of 1 (n = %i)", (n) => {
    expect(wilsonBounds(0, n).low).toBe(0);
    expect(wilsonBounds(1, n).high).toBe(1);
    expect(wilsonInterval(0, n).low).toBe(0);
    expect(wilsonInterval(n, n).high).toBe(1);
  });

  test.each([
    [
      () => wilsonInterval(4, 3),
      "wilsonInterval: successes must be an integer within [0, trials], got 4 of 3",
    ],
    [
      () => wilsonInterval(-1, 3),
      "wilsonInterval: successes must be an integer within [0, trials], got -1 of 3",
    ],
    [
      () => wilsonInterval(1.5, 3),
      "wilsonInterval: successes must be an integer within [0, trials], got 1.5 of 3",
    ],
    [() => wilsonInterval(1, 3, 0), "wilsonInterval: confidence must be within (0, 1), got 0"],
    [() => wilsonInterval(1, 3, 1), "wilsonInterval: confidence must be within (0, 1), got 1"],
    [() => wilsonBounds(-0.1, 3), "wilsonBounds: rate must be within [0, 1], got -0.1"],
    [() => wilsonBounds(1.1, 3), "wilsonBounds: rate must be within [0, 1], got 1.1"],
    [() => wilsonBounds(0.5, 3, 0), "wilsonBounds: confidence must be within (0, 1), got 0"],
    [() => wilsonBounds(0.5, 3, 1), "wilsonBounds: confidence must be within (0, 1), got 1"],
    [() => wilsonBounds(0.5, 3, -0.5), "wilsonBounds: confidence must be within (0, 1), got -0.5"],
  ])("refuses misuse: %#", (call, message) => {
    expect(call).toThrow(new RangeError(message));
  });
});

describe("argument checks name the function and the argument", () => {
  test.each([
    [() => percentile([1, Number.NaN], 0.5), "percentile: values[1] must be a finite number, got NaN"],
    [() => pairedComparison([Number.NaN], [1]), "pairedComparison: a[0] must be a finite number, got NaN"],
    [
      () => pairedComparison([1], [Number.POSITIVE_INFINITY]),
      "pairedComparison: b[0] must be a finite number, got Infinity",
    ],
    [() => pairedComparison([1], [1], { alpha: 1 }), "pairedComparison: alpha must be within (0, 1), got 1"],
    [() => pairedComparison([1], [1], { alpha: 0 }), "pairedComparison: alpha must be within (0, 1), got 0"],
  ])("%#", (call, message) => {
    expect(call).toThrow(new RangeError(message));
  });

  test("a value that is not an array is a TypeError", () => {
    expect(() => mean("0.5" as unknown as number[])).toThrow(
      new TypeError("mean: values must be an array of numbers"),
    );
  });
});

describe("pairedComparison's edges", () => {
  test("at exactly alpha = 2/2^n, n pairs all one way are enough, and p = alpha is significant", () => {
    const better = pairedComparison([1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0], { alpha: 2 / 2 ** 6 });
    expect(better).toMatchObject({ verdict: "better", pValue: 0.03125, n: 6, method: "exact" });
    const fewer = pairedComparison([1, 1, 1, 1, 1], [0, 0, 0, 0, 0], { alpha: 2 / 2 ** 6 });
    expect(fewer.verdict).toBe("insufficient_data");
  });

  test("ties do not count towards the normal approximation's 30 differences", () => {
    const a = [...Array(25).fill(1), ...Array(10).fill(0.5)];
    const b = [...Array(25).fill(0), ...Array(10).fill(0.5)];
    const result = pairedComparison(a, b);
    expect(result).toMatchObject({ method: "exact", verdict: "better", n: 35 });
    expect(result.pValue).toBeCloseTo(2 / 2 ** 25, 15);
  });
});
