// Small-sample statistics for repeats and comparisons. Pure and dependency-free: the domain layer may not
// import packages, and every formula here is short enough to check against the published values in
// test/unit/domain/statistics.test.ts.

/** A confidence interval for a proportion. */
export interface WilsonInterval {
  low: number;
  high: number;
  /** The interval's midpoint, which Wilson pulls from the observed rate towards 1/2. */
  center: number;
}

/** How many values met a threshold, with a Wilson interval on the rate. */
export interface PassRateResult {
  passed: number;
  total: number;
  rate: number;
  interval: WilsonInterval;
}

/** What a paired comparison concludes about `a` against `b`. */
export type PairedVerdict = "better" | "worse" | "noise" | "insufficient_data";

/** Options of {@link pairedComparison}. */
export interface PairedComparisonOptions {
  /** The significance level, within (0, 1); default 0.05. */
  alpha?: number;
  /** Whether larger values are better (scores) or worse (latency, cost); default true. */
  higherIsBetter?: boolean;
}

/** The outcome of {@link pairedComparison}. */
export interface PairedComparisonResult {
  verdict: PairedVerdict;
  /** The mean of `a[i] - b[i]`; 0 when there are no pairs. */
  meanDifference: number;
  /** The two-sided p-value of the paired randomization test; absent when there are no pairs. */
  pValue?: number;
  /** The number of pairs. */
  n: number;
  /** `exact` enumerates every sign assignment; `normal` approximates them past 30 non-zero differences. */
  method: "exact" | "normal";
}

/**
 * Scores within this distance of a threshold count as meeting it, so that a mean such as
 * `(0.7 + 0.9) / 2`, which floating point may leave a hair under 0.8, still meets 0.8.
 */
const THRESHOLD_SLACK = 1e-9;

/** Past this many non-zero differences the randomization test uses its normal approximation. */
const EXACT_LIMIT = 30;

/** Whether `value` is at least `min`, allowing for floating-point noise of about 1e-9. */
export function isAtLeast(value: number, min: number): boolean {
  return value >= min - THRESHOLD_SLACK * Math.max(1, Math.abs(min));
}

/** Whether `value` is at most `max`, allowing for floating-point noise of about 1e-9. */
export function isAtMost(value: number, max: number): boolean {
  return value <= max + THRESHOLD_SLACK * Math.max(1, Math.abs(max));
}

/**
 * The arithmetic mean. Throws a `RangeError` on an empty list or a non-finite value, because a `NaN` would
 * travel silently into a report and a gate.
 *
 * @example mean([0.5, 1, 0.75]) // 0.75
 */
export function mean(values: readonly number[]): number {
  assertFiniteValues("mean", "values", values);
  if (values.length === 0) throw new RangeError("mean: values must not be empty");
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/**
 * The Wilson score interval for `successes` out of `trials` (Wilson 1927; Newcombe 1998, method 3), which,
 * unlike the normal approximation, stays within [0, 1] and behaves at 0 of n and n of n. With no trials
 * it is [0, 1]: nothing is known.
 *
 * @example wilsonInterval(2, 3) // { low: 0.2077, high: 0.9385, center: 0.5731 } (rounded)
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): WilsonInterval {
  if (!Number.isInteger(trials) || trials < 0) {
    throw new RangeError(`wilsonInterval: trials must be a non-negative integer, got ${trials}`);
  }
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(
      `wilsonInterval: successes must be an integer within [0, trials], got ${successes} of ${trials}`,
    );
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`wilsonInterval: confidence must be within (0, 1), got ${confidence}`);
  }
  if (trials === 0) return { low: 0, high: 1, center: 0.5 };
  return wilsonBounds(successes / trials, trials, confidence);
}

/**
 * The Wilson score interval at an observed `rate` over `n` trials, where the rate need not be a whole
 * number of successes over n: the mean of n scores within [0, 1] is a valid rate here (see
 * `meanInterval`). Within [0, 1], exactly 0 at a rate of 0 and exactly 1 at a rate of 1.
 *
 * @example wilsonBounds(2 / 3, 3) // { low: 0.2077, high: 0.9385, center: 0.5731 } (rounded)
 */
export function wilsonBounds(rate: number, n: number, confidence = 0.95): WilsonInterval {
  if (!(n > 0) || !Number.isFinite(n)) throw new RangeError(`wilsonBounds: n must be positive, got ${n}`);
  if (!(rate >= 0 && rate <= 1))
    throw new RangeError(`wilsonBounds: rate must be within [0, 1], got ${rate}`);
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`wilsonBounds: confidence must be within (0, 1), got ${confidence}`);
  }
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (rate + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((rate * (1 - rate)) / n + z2 / (4 * n * n));
  // The formula gives exactly 0 and 1 at the ends in exact arithmetic; pin them against rounding.
  const low = rate === 0 ? 0 : Math.max(0, center - halfWidth);
  const high = rate === 1 ? 1 : Math.min(1, center + halfWidth);
  return { low, high, center };
}

/**
 * How many of `values` are at least `threshold` (see {@link isAtLeast}), with a 95% Wilson interval on the
 * rate. Throws a `RangeError` on an empty list: a rate of nothing has no value.
 *
 * @example passRate([1, 0.5, 0.9], 0.8) // { passed: 2, total: 3, rate: 0.667, interval: {...} }
 */
export function passRate(values: readonly number[], threshold: number): PassRateResult {
  assertFiniteValues("passRate", "values", values);
  if (values.length === 0) throw new RangeError("passRate: values must not be empty");
  if (!Number.isFinite(threshold)) {
    throw new RangeError(`passRate: threshold must be a finite number, got ${threshold}`);
  }
  const passed = values.filter((value) => isAtLeast(value, threshold)).length;
  return {
    passed,
    total: values.length,
    rate: passed / values.length,
    interval: wilsonInterval(passed, values.length),
  };
}

/**
 * The `p`-th percentile (0 to 100) by linear interpolation between closest ranks: Hyndman and Fan's
 * definition 7, the default of numpy, R and spreadsheets' PERCENTILE.INC.
 *
 * @example percentile(latencies, 95) // p95 latency
 */
export function percentile(values: readonly number[], p: number): number {
  assertFiniteValues("percentile", "values", values);
  if (values.length === 0) throw new RangeError("percentile: values must not be empty");
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: p must be within [0, 100], got ${p}`);
  const sorted = [...values].sort((x, y) => x - y);
  const rank = ((sorted.length - 1) * p) / 100;
  const below = Math.floor(rank);
  const lower = sorted[below]!;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)]!;
  return lower + (rank - below) * (upper - lower);
}

/**
 * Compares paired measurements, `a[i]` against `b[i]` (the same case scored under two models or budgets),
 * with the paired randomization test (Fisher 1935; recommended for NLP metrics by Dror et al. 2018): under
 * "no difference" each difference is as likely to have either sign, so the p-value is the share of the
 * 2^n sign assignments whose summed difference is at least as far from 0 as the one observed. It is exact,
 * assumes no distribution, handles ties, and its direction always agrees with `meanDifference`. Past 30
 * non-zero differences it uses the normal approximation of the same distribution (variance Σd²).
 *
 * With n pairs no result can be smaller than 2/2^n, so when that exceeds `alpha` (n ≤ 5 at 0.05) the
 * verdict is `insufficient_data` whatever the values; otherwise `better` or `worse` when p ≤ alpha, else
 * `noise`.
 *
 * @example pairedComparison(largeScores, miniScores, { alpha: 0.05 }).verdict // "better"
 */
export function pairedComparison(
  a: readonly number[],
  b: readonly number[],
  options: PairedComparisonOptions = {},
): PairedComparisonResult {
  const { alpha = 0.05, higherIsBetter = true } = options;
  if (!(alpha > 0 && alpha < 1)) {
    throw new RangeError(`pairedComparison: alpha must be within (0, 1), got ${alpha}`);
  }
  assertFiniteValues("pairedComparison", "a", a);
  assertFiniteValues("pairedComparison", "b", b);
  if (a.length !== b.length) {
    throw new RangeError(`pairedComparison: a and b must pair up, got ${a.length} and ${b.length} values`);
  }
  const n = a.length;
  if (n === 0) return { verdict: "insufficient_data", meanDifference: 0, n, method: "exact" };
  const differences = a.map((value, index) => value - b[index]!);
  const meanDifference = mean(differences);
  const nonZero = differences.filter((difference) => difference !== 0);
  const method = nonZero.length > EXACT_LIMIT ? "normal" : "exact";
  const pValue = method === "exact" ? exactSignFlipPValue(nonZero) : normalSignFlipPValue(nonZero);
  let verdict: PairedVerdict;
  if (2 ** (1 - n) > alpha) verdict = "insufficient_data";
  else if (pValue > alpha || meanDifference === 0) verdict = "noise";
  else verdict = meanDifference > 0 === higherIsBetter ? "better" : "worse";
  return { verdict, meanDifference, pValue, n, method };
}

/** P(|Σ ±d| ≥ |Σ d|) over all sign assignments, counted by meeting in the middle (2 × 2^(n/2) sums). */
function exactSignFlipPValue(differences: readonly number[]): number {
  if (differences.length === 0) return 1;
  const observed = Math.abs(differences.reduce((sum, difference) => sum + difference, 0));
  const scale = differences.reduce((sum, difference) => sum + Math.abs(difference), 0);
  // Sums reached by different routes differ by a few ulps; count those as ties with the observed sum.
  const cutoff = observed - scale * 1e-10;
  if (cutoff <= 0) return 1;
  const middle = Math.floor(differences.length / 2);
  const left = signedSums(differences.slice(0, middle));
  const right = signedSums(differences.slice(middle)).sort((x, y) => x - y);
  let extreme = 0;
  for (const sum of left) {
    // |sum + other| >= cutoff, with cutoff > 0, splits into two disjoint tails of the sorted right sums.
    extreme += right.length - lowerBound(right, cutoff - sum);
    extreme += upperBound(right, -cutoff - sum);
  }
  return Math.min(1, extreme / (left.length * right.length));
}

function normalSignFlipPValue(differences: readonly number[]): number {
  const sum = differences.reduce((total, difference) => total + difference, 0);
  const variance = differences.reduce((total, difference) => total + difference * difference, 0);
  if (variance === 0) return 1;
  return Math.min(1, erfc(Math.abs(sum) / Math.sqrt(2 * variance)));
}

function signedSums(values: readonly number[]): number[] {
  let sums = [0];
  for (const value of values) sums = sums.flatMap((sum) => [sum + value, sum - value]);
  return sums;
}

/** The first index whose value is >= target. */
function lowerBound(sorted: readonly number[], target: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < target) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The first index whose value is > target, which is the count of values <= target. */
function upperBound(sorted: readonly number[], target: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! <= target) low = mid + 1;
    else high = mid;
  }
  return low;
}

// Numerical Recipes' erfcc coefficients, lowest order first.
const ERFC = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
  -0.82215223, 0.17087277,
];

/** The complementary error function (Numerical Recipes' erfcc, fractional error below 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const result = t * Math.exp(-z * z + evaluatePolynomial(ERFC, t));
  return x >= 0 ? result : 2 - result;
}

// AS 241's coefficients, lowest order first, written as the doubles they round to.
const CENTRAL_NUMERATOR = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const CENTRAL_DENOMINATOR = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852546,
];
const NEAR_NUMERATOR = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const NEAR_DENOMINATOR = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
  0.0005475938084995345, 1.0507500716444169e-9,
];
const TAIL_NUMERATOR = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
];
const TAIL_DENOMINATOR = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
];

/** The standard normal distribution function: the share of a standard normal below `x` (error < 1.2e-7). */
export function normalCdf(x: number): number {
  return erfc(-x / Math.SQRT2) / 2;
}

/** The standard normal quantile, Wichura's algorithm AS 241 (PPND16), accurate to about 1e-16. */
export function normalQuantile(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * evaluatePolynomial(CENTRAL_NUMERATOR, r)) / evaluatePolynomial(CENTRAL_DENOMINATOR, r);
  }
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const value =
    r <= 5
      ? evaluatePolynomial(NEAR_NUMERATOR, r - 1.6) / evaluatePolynomial(NEAR_DENOMINATOR, r - 1.6)
      : evaluatePolynomial(TAIL_NUMERATOR, r - 5) / evaluatePolynomial(TAIL_DENOMINATOR, r - 5);
  return q < 0 ? -value : value;
}

/** Horner's rule over coefficients given lowest order first. */
function evaluatePolynomial(coefficients: readonly number[], x: number): number {
  let result = 0;
  for (let index = coefficients.length - 1; index >= 0; index--) result = result * x + coefficients[index]!;
  return result;
}

function assertFiniteValues(api: string, name: string, values: readonly number[]): void {
  if (!Array.isArray(values)) throw new TypeError(`${api}: ${name} must be an array of numbers`);
  values.forEach((value, index) => {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new RangeError(`${api}: ${name}[${index}] must be a finite number, got ${String(value)}`);
    }
  });
}
