import { mean } from "./statistics.js";

/** A mean with the half-width of its 95% confidence interval. */
export interface MeanIntervalResult {
  mean: number;
  /** Half the width of the 95% Student-t interval; null with fewer than two values. */
  halfWidth: number | null;
  n: number;
}

// The 0.975 quantiles of Student's t with 1 to 30 degrees of freedom (to 7 decimals).
const T_975 = [
  12.7062047, 4.3026527, 3.1824463, 2.7764451, 2.5705818, 2.4469119, 2.3646243, 2.3060041, 2.2621572,
  2.2281389, 2.2009852, 2.1788128, 2.1603687, 2.1447867, 2.1314495, 2.1199053, 2.1098156, 2.100922, 2.0930241,
  2.0859634, 2.0796138, 2.0738731, 2.0686576, 2.0638986, 2.0595386, 2.0555294, 2.0518305, 2.0484071,
  2.0452296, 2.0422725,
];

const Z_975 = 1.959963984540054;

/** The 0.975 quantile of Student's t with `df` degrees of freedom. */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1) {
    throw new RangeError(`tQuantile975: df must be a positive integer, got ${df}`);
  }
  const tabled = T_975[df - 1];
  if (tabled !== undefined) return tabled;
  // Past 30 degrees of freedom the Cornish-Fisher expansion around the normal quantile is good to 1e-6.
  const z = Z_975;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3)
  );
}

/**
 * The mean of `values` with the half-width of its 95% Student-t interval (sample standard deviation),
 * the "± 0.09" of a comparison table. Throws a `RangeError` on an empty list, as {@link mean} does.
 *
 * @example meanInterval([0.5, 1, 0.75]) // { mean: 0.75, halfWidth: 0.621, n: 3 }
 */
export function meanInterval(values: readonly number[]): MeanIntervalResult {
  const average = mean(values);
  const n = values.length;
  if (n < 2) return { mean: average, halfWidth: null, n };
  let squares = 0;
  for (const value of values) squares += (value - average) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  return { mean: average, halfWidth: (tQuantile975(n - 1) * sd) / Math.sqrt(n), n };
}
