// What the statistics promise beyond statistics.test.ts, found by mutation testing (npm run test:mutation):
// the Wilson interval at any confidence, whose normal quantile comes from three regions of AS 241 (central,
// near and far tail). At 0 successes of n the upper bound is z² / (n + z²), so the quantile shows exactly.
import { describe, expect, test } from "vitest";
import { wilsonBounds, wilsonInterval } from "../../../src/domain/index.js";

describe("the Wilson interval at other confidence levels", () => {
  // z from Python's statistics.NormalDist().inv_cdf(1 - (1 - confidence) / 2); the bound is z² / (10 + z²).
  test.each([
    // Central region of the quantile (|p - 0.5| <= 0.425).
    [0.5, 0.6744897501960817, 0.04351403056966917],
    [0.8, 1.2815515655446008, 0.14106868209054096],
    // Near tail.
    [0.95, 1.9599639845400536, 0.27753279986288915],
    [0.99, 2.5758293035489, 0.398854093304908],
    // Far tail (r = sqrt(-log(1 - p)) > 5).
    [1 - 2e-12, 7.0344869100478356, 0.831887583609154],
  ])("at %d, 0 of 10 gives [0, z²/(10 + z²)] with z = %d", (confidence, z, high) => {
    expect(z ** 2 / (10 + z ** 2)).toBeCloseTo(high, 15);
    const interval = wilsonInterval(0, 10, confidence);
    expect(interval.low).toBe(0);
    expect(interval.high).toBeCloseTo(high, 12);
    expect(wilsonBounds(0, 10, confidence).high).toBeCloseTo(high, 12);
  });
});
