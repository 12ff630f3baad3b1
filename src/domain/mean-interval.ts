import { mean, wilsonBounds } from "./statistics.js";

/**
 * Fewer runs than this give no interval on a mean ("too few runs"): with one or two runs of a bounded score
 * any interval is either nearly all of [0, 1] or a guess about a spread nobody has seen.
 */
export const MIN_INTERVAL_RUNS = 3;

/** A mean of scores in [0, 1] with its 95% interval, also within [0, 1]. */
export interface MeanIntervalResult {
  mean: number;
  /** The 95% interval of the mean; null with fewer than {@link MIN_INTERVAL_RUNS} values. */
  interval: { low: number; high: number } | null;
  n: number;
}

/**
 * The mean of scores in [0, 1] with a 95% interval that stays in [0, 1]: the Wilson score interval taken
 * at the observed mean over n runs, as if the mean were a pass rate.
 *
 * Why this method. A Student-t interval assumes a normal spread: on two runs of a bounded score it gives
 * `0.50 ± 6.35`, and near 0 or 1 it leaves [0, 1] whatever n is. A bootstrap needs more runs than a repeat
 * sweep has (with 3 runs it has 10 distinct resamples) and a seed. The Wilson interval needs neither:
 * every score X in [0, 1] with mean μ has Var(X) ≤ μ(1 − μ), the variance of a 0/1 score with the same
 * mean, so the interval built for pass rates covers the mean of any bounded score at least as well as it
 * covers a rate (conservative when the scores vary less than 0/1 scores would). It is deterministic,
 * always within [0, 1], always contains the observed mean, narrows as n grows, and equals the pass-rate
 * interval when every score is 0 or 1. Below {@link MIN_INTERVAL_RUNS} runs the interval is null.
 *
 * Throws a `RangeError` on an empty list, or on a value that is not a finite number within [0, 1].
 *
 * @example meanInterval([1, 1, 1]) // { mean: 1, interval: { low: 0.4385, high: 1 }, n: 3 } (rounded)
 */
export function meanInterval(values: readonly number[]): MeanIntervalResult {
  const average = mean(values);
  values.forEach((value, index) => {
    if (value < 0 || value > 1) {
      throw new RangeError(`meanInterval: values[${index}] must be a score within [0, 1], got ${value}`);
    }
  });
  const n = values.length;
  if (n < MIN_INTERVAL_RUNS) return { mean: average, interval: null, n };
  // The mean of scores within [0, 1] is within [0, 1]; floating point may leave it a hair outside.
  const rate = Math.min(1, Math.max(0, average));
  const { low, high } = wilsonBounds(rate, n);
  return { mean: average, interval: { low: Math.min(low, average), high: Math.max(high, average) }, n };
}
