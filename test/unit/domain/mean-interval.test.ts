// Intervals on means of bounded scores: table-driven values and fast-check properties. The seed comes
// from MAESTRO_EVAL_SEED when set; on a failure fast-check prints the seed and the path that replay it.
import * as fc from "fast-check";
import { describe, expect, test } from "vitest";
import { MIN_INTERVAL_RUNS, meanInterval, wilsonBounds, wilsonInterval } from "../../../src/domain/index.js";

const params: fc.Parameters<unknown> = { numRuns: 300 };

const score = fc.double({ min: 0, max: 1, noNaN: true });

describe("meanInterval", () => {
  test.each([
    // Scores of 0 or 1: the Wilson interval of the pass rate (Newcombe 1998, method 3).
    [[1, 1, 1], 1, 0.4385, 1],
    [[0, 0, 0], 0, 0, 0.5615],
    [[1, 0, 1], 2 / 3, 0.2077, 0.9385],
    [[1, 1, 1, 1, 1, 1, 1, 1, 1], 1, 0.70085, 1],
    // Scores in between: the interval at the mean, as if it were a rate over n runs.
    [[0.5, 1, 0.75], 0.75, 0.2561, 0.9632],
    [[0.5, 0.5, 0.5, 0.5], 0.5, 0.15, 0.85],
  ])("%j has mean %d and interval [%d, %d]", (values, mean, low, high) => {
    const result = meanInterval(values);
    expect(result.mean).toBeCloseTo(mean, 10);
    expect(result.n).toBe(values.length);
    expect(result.interval?.low).toBeCloseTo(low, 4);
    expect(result.interval?.high).toBeCloseTo(high, 4);
  });

  test("gives no interval below 3 runs: the t interval once printed 0.50 ± 6.35 for two runs", () => {
    expect(MIN_INTERVAL_RUNS).toBe(3);
    expect(meanInterval([0, 1])).toEqual({ mean: 0.5, interval: null, n: 2 });
    expect(meanInterval([0.4])).toEqual({ mean: 0.4, interval: null, n: 1 });
  });

  test("throws on an empty list and on a score outside [0, 1], naming it", () => {
    expect(() => meanInterval([])).toThrow(new RangeError("mean: values must not be empty"));
    expect(() => meanInterval([0.5, 1.2, 1])).toThrow(
      new RangeError("meanInterval: values[1] must be a score within [0, 1], got 1.2"),
    );
    expect(() => meanInterval([0.5, Number.NaN, 1])).toThrow(
      new RangeError("mean: values[1] must be a finite number, got NaN"),
    );
  });

  test("stays within [0, 1] and contains the mean", () => {
    fc.assert(
      fc.property(fc.array(score, { minLength: MIN_INTERVAL_RUNS, maxLength: 60 }), (values) => {
        const { mean, interval } = meanInterval(values);
        expect(interval).not.toBeNull();
        expect(interval!.low).toBeGreaterThanOrEqual(0);
        expect(interval!.high).toBeLessThanOrEqual(1);
        expect(interval!.low).toBeLessThanOrEqual(mean);
        expect(interval!.high).toBeGreaterThanOrEqual(mean);
      }),
      params,
    );
  });

  test("narrows as the same scores are seen more often", () => {
    fc.assert(
      fc.property(
        fc.array(score, { minLength: MIN_INTERVAL_RUNS, maxLength: 12 }),
        fc.integer({ min: 2, max: 6 }),
        (values, times) => {
          const once = meanInterval(values).interval!;
          const more = meanInterval(Array.from({ length: times }, () => values).flat()).interval!;
          expect(more.high - more.low).toBeLessThanOrEqual(once.high - once.low + 1e-12);
        },
      ),
      params,
    );
  });

  test("equals the pass rate's Wilson interval when every score is 0 or 1", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(0, 1), { minLength: MIN_INTERVAL_RUNS, maxLength: 60 }),
        (values) => {
          const passed = values.filter((value) => value === 1).length;
          const rate = wilsonInterval(passed, values.length);
          const interval = meanInterval(values).interval!;
          expect(interval.low).toBeCloseTo(rate.low, 12);
          expect(interval.high).toBeCloseTo(rate.high, 12);
        },
      ),
      params,
    );
  });
});

describe("wilsonBounds", () => {
  test("takes a rate that is not a whole number of successes, and checks its arguments", () => {
    expect(wilsonBounds(0.5, 4).low).toBeCloseTo(0.15, 4);
    expect(wilsonBounds(1, 3)).toMatchObject({ high: 1 });
    expect(wilsonBounds(0, 3)).toMatchObject({ low: 0 });
    expect(() => wilsonBounds(1.5, 3)).toThrow(
      new RangeError("wilsonBounds: rate must be within [0, 1], got 1.5"),
    );
    expect(() => wilsonBounds(0.5, 0)).toThrow(new RangeError("wilsonBounds: n must be positive, got 0"));
  });
});
