// Statistics against published values, and fast-check properties. The seed comes from MAESTRO_EVAL_SEED
// when set; on a failure fast-check prints the seed and the path that replay it.
import * as fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  isAtLeast,
  isAtMost,
  mean,
  normalCdf,
  normalQuantile,
  pairedComparison,
  passRate,
  percentile,
  wilsonInterval,
} from "../../../src/domain/index.js";

const params: fc.Parameters<unknown> = { numRuns: 300 };

describe("normalCdf and normalQuantile", () => {
  // Python's statistics.NormalDist().cdf and .inv_cdf.
  test.each([
    [-4, 0.00003167124183311998],
    [-3, 0.0013498980316301035],
    [-1, 0.15865525393145707],
    [0, 0.5],
    [0.5, 0.6914624612740131],
    [1.96, 0.9750021048517796],
    [4, 0.9999683287581669],
  ])("normalCdf(%s) is %s to 1.2e-7", (x, expected) => {
    expect(Math.abs(normalCdf(x) - expected)).toBeLessThan(1.2e-7);
  });

  test.each([
    [0.025, -1.9599639845400538],
    [0.5, 0],
    [0.975, 1.9599639845400536],
  ])("normalQuantile(%s) is %s", (p, expected) => {
    expect(normalQuantile(p)).toBeCloseTo(expected, 12);
  });
});

describe("mean", () => {
  test.each([
    [[1], 1],
    [[0.5, 1, 0.75], 0.75],
    [[-2, 2], 0],
    [[0.7, 0.9], 0.8],
  ])("mean(%j) is %d", (values, expected) => {
    expect(mean(values)).toBeCloseTo(expected, 12);
  });

  test("throws on an empty list and on values that are not finite", () => {
    expect(() => mean([])).toThrow(new RangeError("mean: values must not be empty"));
    expect(() => mean([1, Number.NaN])).toThrow(
      new RangeError("mean: values[1] must be a finite number, got NaN"),
    );
    expect(() => mean([Number.POSITIVE_INFINITY])).toThrow(
      new RangeError("mean: values[0] must be a finite number, got Infinity"),
    );
  });
});

describe("wilsonInterval", () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, method 3, and
  // the small-n values every Wilson calculator gives.
  test.each([
    [0, 3, 0, 0.5615],
    [2, 3, 0.2077, 0.9385],
    [3, 3, 0.4385, 1],
    [50, 100, 0.4038, 0.5962],
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [0, 10, 0, 0.2775],
    [1, 10, 0.0179, 0.4042],
  ])("%i of %i gives [%d, %d] at 95%%", (successes, trials, low, high) => {
    const interval = wilsonInterval(successes, trials);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  test.each([
    [1, 2, 0.9, 0.1209, 0.8791],
    [1, 2, 0.99, 0.0617, 0.9383],
  ])("%i of %i at confidence %d gives [%d, %d]", (successes, trials, confidence, low, high) => {
    const interval = wilsonInterval(successes, trials, confidence);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  test("the center is pulled from the rate towards one half", () => {
    expect(wilsonInterval(2, 3).center).toBeCloseTo(0.5731, 4);
    expect(wilsonInterval(50, 100).center).toBe(0.5);
  });

  test("no trials tell nothing: [0, 1]", () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1, center: 0.5 });
  });

  test.each([
    [
      "wilsonInterval: successes must be an integer within [0, trials], got 4 of 3",
      () => wilsonInterval(4, 3),
    ],
    [
      "wilsonInterval: successes must be an integer within [0, trials], got 1.5 of 3",
      () => wilsonInterval(1.5, 3),
    ],
    ["wilsonInterval: trials must be a non-negative integer, got -1", () => wilsonInterval(0, -1)],
    ["wilsonInterval: confidence must be within (0, 1), got 1", () => wilsonInterval(1, 2, 1)],
    ["wilsonInterval: confidence must be within (0, 1), got NaN", () => wilsonInterval(1, 2, Number.NaN)],
  ])("throws a RangeError: %s", (message, call) => {
    expect(call).toThrow(new RangeError(message));
  });

  const counts = fc
    .integer({ min: 1, max: 2000 })
    .chain((trials) => fc.tuple(fc.integer({ min: 0, max: trials }), fc.constant(trials)));

  test("contains the observed rate and stays within [0, 1]", () => {
    fc.assert(
      fc.property(
        counts,
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        ([successes, trials], confidence) => {
          const { low, high, center } = wilsonInterval(successes, trials, confidence);
          const rate = successes / trials;
          expect(low).toBeGreaterThanOrEqual(0);
          expect(high).toBeLessThanOrEqual(1);
          expect(low).toBeLessThanOrEqual(rate + 1e-12);
          expect(high).toBeGreaterThanOrEqual(rate - 1e-12);
          expect(low).toBeLessThanOrEqual(center);
          expect(center).toBeLessThanOrEqual(high);
        },
      ),
      params,
    );
  });

  test("narrows as the trials grow at the same rate", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 2, max: 50 }),
        (successes, extra, factor) => {
          const trials = successes + extra;
          const small = wilsonInterval(successes, trials);
          const large = wilsonInterval(successes * factor, trials * factor);
          expect(large.high - large.low).toBeLessThan(small.high - small.low);
        },
      ),
      params,
    );
  });

  test("widens as the confidence grows", () => {
    fc.assert(
      fc.property(counts, ([successes, trials]) => {
        const narrow = wilsonInterval(successes, trials, 0.8);
        const wide = wilsonInterval(successes, trials, 0.99);
        expect(wide.high - wide.low).toBeGreaterThan(narrow.high - narrow.low);
      }),
      params,
    );
  });
});

describe("passRate", () => {
  test("counts the values at least the threshold and puts a Wilson interval on the rate", () => {
    expect(passRate([1, 0.5, 0.9], 0.8)).toEqual({
      passed: 2,
      total: 3,
      rate: 2 / 3,
      interval: wilsonInterval(2, 3),
    });
  });

  test("a value a floating-point hair under the threshold meets it", () => {
    expect(passRate([mean([0.7, 0.9]), 0.1 + 0.2], 0.8).passed).toBe(1);
    expect(passRate([0.3], 0.1 + 0.2).passed).toBe(1);
  });

  test.each([
    ["passRate: values must not be empty", () => passRate([], 0.5)],
    ["passRate: threshold must be a finite number, got NaN", () => passRate([0.5], Number.NaN)],
    ["passRate: values[1] must be a finite number, got NaN", () => passRate([0.5, Number.NaN], 0.5)],
  ])("throws a RangeError: %s", (message, call) => {
    expect(call).toThrow(new RangeError(message));
  });
});

describe("isAtLeast and isAtMost", () => {
  test.each([
    [0.8, 0.8, true, true],
    [0.7999999999999999, 0.8, true, true],
    [0.79, 0.8, false, true],
    [0.81, 0.8, true, false],
    [2000.0000001, 2000, true, true],
    [2001, 2000, true, false],
  ])("%d against %d: at least %s, at most %s", (value, bound, atLeast, atMost) => {
    expect(isAtLeast(value, bound)).toBe(atLeast);
    expect(isAtMost(value, bound)).toBe(atMost);
  });
});

describe("percentile", () => {
  // numpy.percentile's default (linear) method.
  test.each([
    [[15, 20, 35, 40, 50], 40, 29],
    [[15, 20, 35, 40, 50], 0, 15],
    [[15, 20, 35, 40, 50], 100, 50],
    [[1, 2, 3, 4], 50, 2.5],
    [[4, 1, 3, 2], 50, 2.5],
    [[10], 95, 10],
    [[100, 200, 300, 400, 500, 600, 700, 800, 900, 1000], 95, 955],
    [[100, 200, 300, 400, 500, 600, 700, 800, 900, 1000], 50, 550],
  ])("percentile(%j, %d) is %d", (values, p, expected) => {
    expect(percentile(values, p)).toBeCloseTo(expected, 9);
  });

  test("does not reorder its input", () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  test.each([
    ["percentile: values must not be empty", () => percentile([], 50)],
    ["percentile: p must be within [0, 100], got 101", () => percentile([1], 101)],
    ["percentile: p must be within [0, 100], got -1", () => percentile([1], -1)],
  ])("throws a RangeError: %s", (message, call) => {
    expect(call).toThrow(new RangeError(message));
  });

  test("lies between the smallest and largest value and grows with p", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (values, p, q) => {
          const [lowP, highP] = p <= q ? [p, q] : [q, p];
          const low = percentile(values, lowP);
          expect(low).toBeGreaterThanOrEqual(Math.min(...values));
          expect(percentile(values, highP)).toBeLessThanOrEqual(Math.max(...values));
          expect(low).toBeLessThanOrEqual(percentile(values, highP) + 1e-9);
        },
      ),
      params,
    );
  });
});

/** The paired randomization test's p-value by brute force over every sign assignment. */
function bruteForcePValue(differences: readonly number[]): number {
  const observed = Math.abs(differences.reduce((sum, difference) => sum + difference, 0));
  const scale = differences.reduce((sum, difference) => sum + Math.abs(difference), 0);
  let extreme = 0;
  const total = 2 ** differences.length;
  for (let mask = 0; mask < total; mask++) {
    let sum = 0;
    differences.forEach((difference, index) => {
      sum += mask & (1 << index) ? -difference : difference;
    });
    if (Math.abs(sum) >= observed - scale * 1e-10) extreme++;
  }
  return extreme / total;
}

describe("pairedComparison", () => {
  test.each([
    // All six differences positive: only 2 of the 64 sign assignments are as extreme.
    [[1, 2, 3, 4, 5, 6], [0, 0, 0, 0, 0, 0], "better", 3.5, 2 / 64],
    [[0, 0, 0, 0, 0, 0], [1, 2, 3, 4, 5, 6], "worse", -3.5, 2 / 64],
    // Flipping 1 or 2 (or all but them) reaches |sum| >= 17: 6 of 64.
    [[1, -2, 3, 4, 5, 6], [0, 0, 0, 0, 0, 0], "noise", 17 / 6, 6 / 64],
    [[0.9, 0.8, 1, 1, 0.7, 0.9, 1], [0.9, 0.8, 1, 1, 0.7, 0.9, 1], "noise", 0, 1],
    // Five pairs can never reach 0.05 (the smallest p is 2/32), whatever the values.
    [[1, 1, 1, 1, 1], [0, 0, 0, 0, 0], "insufficient_data", 1, 2 / 32],
    [[0.9, 0.7, 1], [0.5, 0.6, 0.8], "insufficient_data", 0.7 / 3, 2 / 8],
  ] as const)("%j against %j is %s", (a, b, verdict, meanDifference, pValue) => {
    const result = pairedComparison(a, b, { alpha: 0.05 });
    expect(result.verdict).toBe(verdict);
    expect(result.meanDifference).toBeCloseTo(meanDifference, 12);
    expect(result.pValue).toBeCloseTo(pValue, 12);
    expect(result.n).toBe(a.length);
    expect(result.method).toBe("exact");
  });

  test("ties (zero differences) keep their pairs but cannot make a difference significant", () => {
    const result = pairedComparison([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(result).toMatchObject({ verdict: "noise", n: 10, pValue: 0.5 });
  });

  test("higherIsBetter: false turns a drop in latency into better", () => {
    const fast = [100, 120, 90, 110, 95, 105];
    const slow = [200, 220, 190, 210, 195, 205];
    expect(pairedComparison(fast, slow, { higherIsBetter: false }).verdict).toBe("better");
    expect(pairedComparison(slow, fast, { higherIsBetter: false }).verdict).toBe("worse");
  });

  test("a larger alpha lets a weaker result through", () => {
    const a = [1, -2, 3, 4, 5, 6];
    const zeros = [0, 0, 0, 0, 0, 0];
    expect(pairedComparison(a, zeros, { alpha: 0.1 }).verdict).toBe("better");
    expect(pairedComparison(a, zeros, { alpha: 0.05 }).verdict).toBe("noise");
  });

  test("no pairs: insufficient data, no p-value", () => {
    expect(pairedComparison([], [])).toEqual({
      verdict: "insufficient_data",
      meanDifference: 0,
      n: 0,
      method: "exact",
    });
  });

  test("past 30 non-zero differences it uses the normal approximation of the same distribution", () => {
    // 40 differences of ±1 with 25 positive: sum 10, variance 40, z = 10/√40, two-sided p = 0.1138.
    const a = Array.from({ length: 40 }, (_, index) => (index < 25 ? 1 : -1));
    const result = pairedComparison(
      a,
      a.map(() => 0),
    );
    expect(result.method).toBe("normal");
    expect(result.pValue).toBeCloseTo(0.1138, 4);
    expect(result.verdict).toBe("noise");
    const strong = pairedComparison(
      a.map(() => 0.9),
      a.map(() => 0.5),
    );
    expect(strong.verdict).toBe("better");
    expect(strong.pValue).toBeLessThan(1e-6);
  });

  test("the normal approximation is close to the exact p-value at 30 differences", () => {
    const differences = Array.from({ length: 30 }, (_, index) => Math.sin(index * 1.7) * 0.5 + 0.15);
    const exact = pairedComparison(
      differences,
      differences.map(() => 0),
    );
    const approximate = pairedComparison([...differences, 1e-9], [...differences.map(() => 0), 0]);
    expect(exact.method).toBe("exact");
    expect(approximate.method).toBe("normal");
    // 0.0337 exact against 0.0352: close where it matters, around alpha.
    expect(Math.abs((exact.pValue ?? 0) - (approximate.pValue ?? 0))).toBeLessThan(0.005);
  });

  test.each([
    ["pairedComparison: a and b must pair up, got 1 and 2 values", () => pairedComparison([1], [1, 2])],
    ["pairedComparison: alpha must be within (0, 1), got 0", () => pairedComparison([1], [1], { alpha: 0 })],
    [
      "pairedComparison: alpha must be within (0, 1), got 1.5",
      () => pairedComparison([1], [1], { alpha: 1.5 }),
    ],
    ["pairedComparison: b[0] must be a finite number, got NaN", () => pairedComparison([1], [Number.NaN])],
  ])("throws a RangeError: %s", (message, call) => {
    expect(call).toThrow(new RangeError(message));
  });

  const pairs = fc
    .integer({ min: 1, max: 12 })
    .chain((n) =>
      fc.tuple(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
      ),
    );

  test("the exact p-value equals a brute-force count over every sign assignment", () => {
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        const differences = a
          .map((value, index) => value - b[index]!)
          .filter((difference) => difference !== 0);
        const expected = differences.length === 0 ? 1 : bruteForcePValue(differences);
        expect(pairedComparison(a, b).pValue).toBeCloseTo(expected, 12);
      }),
      params,
    );
  });

  test("swapping a and b mirrors the verdict and keeps the p-value", () => {
    const mirror = {
      better: "worse",
      worse: "better",
      noise: "noise",
      insufficient_data: "insufficient_data",
    };
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        const forward = pairedComparison(a, b);
        const backward = pairedComparison(b, a);
        expect(backward.verdict).toBe(mirror[forward.verdict]);
        expect(backward.pValue).toBeCloseTo(forward.pValue ?? Number.NaN, 12);
        expect(backward.meanDifference).toBeCloseTo(-forward.meanDifference, 12);
      }),
      params,
    );
  });

  test("the verdict's direction agrees with the mean difference and p-values lie in (0, 1]", () => {
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        const result = pairedComparison(a, b, { alpha: 0.2 });
        if (result.verdict === "better") expect(result.meanDifference).toBeGreaterThan(0);
        if (result.verdict === "worse") expect(result.meanDifference).toBeLessThan(0);
        expect(result.pValue).toBeGreaterThan(0);
        expect(result.pValue).toBeLessThanOrEqual(1);
      }),
      params,
    );
  });
});
