// When to look at a run whose duration can be expected: a plan (first look, then a fixed step) chosen
// from the durations of earlier runs like it, and the estimator `createAndPoll` learns them with.
import { normalCdf, normalQuantile } from "../domain/index.js";

/** When polling looks at a run, from the start of polling: first at `firstLookMs`, then every `stepMs`. */
export interface PollPlan {
  firstLookMs: number;
  stepMs: number;
  /** Past this, polling backs off as without a plan (the run takes longer than was expected). */
  untilMs: number;
}

/** The median share of its duration a run may wait to be seen, which {@link planPolls} aims under. */
export const PLAN_DELAY_GOAL = 0.07;

/** The first looks tried, as quantiles of the durations: never past the median, so most runs are seen. */
const FIRST_LOOK_QUANTILES = [0, 0.1, 0.2, 0.3, 0.4, 0.5] as const;
/** The steps tried, as shares of the median duration. */
const STEP_SHARES = [0.01, 0.02, 0.03, 0.05, 0.08, 0.12, 0.2] as const;
/** The shortest step: closer looks cost requests and see nothing a loopback round trip would not hide. */
const MIN_STEP_MS = 5;
/** Durations the plans are tried on, spread evenly over the quantiles of the ones seen. */
const TRIAL_POINTS = 100;

/**
 * The plan that looks at runs like the ones that took `durationsMs` with the fewest requests while
 * seeing half of them within {@link PLAN_DELAY_GOAL} of their duration (or, when none can, within a
 * quarter more than the plan that sees them soonest). Each candidate (a first look at a quantile of
 * the durations up to the median, then a step of a share of the median) is tried on durations spread
 * over the durations seen, read as a distribution with straight lines between them.
 *
 * @example
 * planPolls([180, 200, 230]); // a first look near 200 ms, then a look every 10 ms or so
 */
export function planPolls(durationsMs: readonly number[]): PollPlan {
  const sorted = durationsMs.filter((value) => Number.isFinite(value) && value >= 0).sort((a, b) => a - b);
  if (sorted.length === 0) throw new RangeError("planPolls: needs at least one duration >= 0");
  const trials = Array.from({ length: TRIAL_POINTS }, (_, index) =>
    quantile(sorted, (index + 0.5) / TRIAL_POINTS),
  );
  const median = quantile(sorted, 0.5);
  const untilMs = 2 * sorted.at(-1)!;
  const tried: Array<{ plan: PollPlan; requests: number; delay: number }> = [];
  for (const share of FIRST_LOOK_QUANTILES) {
    for (const stepShare of STEP_SHARES) {
      const plan = {
        firstLookMs: quantile(sorted, share),
        stepMs: Math.max(MIN_STEP_MS, stepShare * median),
        untilMs,
      };
      tried.push({ plan, ...tryPlan(plan, trials) });
    }
  }
  // The goal, or when no plan reaches it a quarter more than the soonest plan's delay: the soonest plan
  // alone looks every 5 ms, and costs many GETs for a small gain in delay.
  const soonest = Math.min(...tried.map((candidate) => candidate.delay));
  const goal = Math.max(PLAN_DELAY_GOAL, soonest * 1.25);
  let best: (typeof tried)[number] | undefined;
  for (const candidate of tried) {
    if (candidate.delay > goal) continue;
    if (
      best === undefined ||
      candidate.requests < best.requests ||
      (candidate.requests === best.requests && candidate.delay < best.delay)
    )
      best = candidate;
  }
  return best!.plan;
}

/** The plan a window of expected end times gives: its start, then a quarter of its width (3% of its end). */
export function planFromWindow(window: readonly [number, number]): PollPlan {
  const [start, end] = window;
  return {
    firstLookMs: start,
    stepMs: Math.max(MIN_STEP_MS, (end - start) / 4, end * 0.03),
    untilMs: 2 * end,
  };
}

/** Mean requests per run, and the median share of its duration a run waits to be seen. */
function tryPlan(plan: PollPlan, durations: readonly number[]): { requests: number; delay: number } {
  let requests = 0;
  const delays = new Float64Array(durations.length);
  durations.forEach((duration, index) => {
    const later = duration <= plan.firstLookMs ? 0 : Math.ceil((duration - plan.firstLookMs) / plan.stepMs);
    requests += later + 1;
    delays[index] = (plan.firstLookMs + later * plan.stepMs - duration) / Math.max(duration, 1);
  });
  delays.sort();
  return { requests: requests / durations.length, delay: delays[Math.floor(delays.length / 2)]! };
}

/** The `p` quantile of sorted values, on the straight lines between them. */
function quantile(sorted: readonly number[], p: number): number {
  const at = p * (sorted.length - 1);
  const low = Math.floor(at);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

/** Learns how long runs take, per model and budget, to tell polling when to look. */
export interface DurationEstimator {
  /** The expected duration for `key` (the median), once three runs were seen; undefined before. */
  estimate(key: string): number | undefined;
  /** The polling plan for `key` ({@link planPolls} over the durations fitted), once three runs were seen. */
  plan(key: string): PollPlan | undefined;
  /**
   * A run of `key` that ended after `afterMs` and by `byMs`: the last look that saw it in progress (or
   * its creation) and the look that saw it done. Runs seen done at their first look tell only that
   * they ended by then; the fit reads them as such, neither as the look nor as halfway to it.
   */
  record(key: string, afterMs: number, byMs: number): void;
  /**
   * The runs kept per key (each `[after, by]`), oldest first: what {@link createDurationEstimator} takes
   * back as `seed`, so that what polling learned outlives the process (the harness keeps it between runs).
   */
  snapshot(): Record<string, Array<[number, number]>>;
}

/** Runs learned earlier, per key, each `[after, by]` in milliseconds (a {@link DurationEstimator.snapshot}). */
export type DurationSeed = Readonly<Record<string, ReadonlyArray<readonly [number, number]>>>;

/** The durations an estimator keeps per key: the last 16, robust to a slow outlier and quick to follow a change. */
const KEPT_RUNS = 16;
/**
 * Runs recorded before a fit is made again once the kept runs are full (a fit and its plan take about
 * 0.5 ms): 8 while runs end where the fit expects them (half a window: a plan from one window's runs
 * alone is noisier), 4 once one did not.
 */
const REFIT_STEADY = 8;
const REFIT_AFTER_SURPRISE = 4;
/** The predictive range outside which a run's end is a surprise: its central 90%. */
const EXPECTED_Z = 1.645;
/** Runs an estimator needs before it answers. */
const LEARNED_AFTER = 3;

/**
 * An estimator that keeps the last 16 runs of each key as the interval each ended in, and fits a
 * normal distribution to them by maximum likelihood (intervals censored on both sides): a run seen at
 * the plan's first look adds "by then", a run seen later "between these two looks", and the fit places
 * the middle where those agree. Its plan is {@link planPolls} over the fitted distribution's quantiles.
 * A fit is made again after each new run until it keeps 16; then after every 8 while runs end within
 * the fit's central 90%, and after 4 once one ended outside it: a run of thousands of cells of one model
 * and budget fits about once per 8 cells, and follows a change in their durations within a few runs.
 */
export function createDurationEstimator(seed: DurationSeed = {}): DurationEstimator {
  const keys = new Map<string, Learned>();
  for (const [key, runs] of Object.entries(seed)) {
    const kept = runs.filter(isInterval).slice(-KEPT_RUNS);
    if (kept.length > 0)
      keys.set(key, { runs: kept.map(([after, by]) => [after, by] as const), since: 0, surprised: false });
  }
  const fitted = (key: string) => {
    const learned = keys.get(key);
    if (learned === undefined || learned.runs.length < LEARNED_AFTER) return undefined;
    const refitAfter =
      learned.runs.length < KEPT_RUNS ? 1 : learned.surprised ? REFIT_AFTER_SURPRISE : REFIT_STEADY;
    if (learned.fit !== undefined && learned.since < refitAfter) return learned.fit;
    const { mean, sd } = fitNormal(learned.runs);
    const spread = sd * predictiveWidening(learned.runs.length);
    const durations = Array.from({ length: TRIAL_POINTS }, (_, index) =>
      Math.max(0, mean + spread * normalQuantile((index + 0.5) / TRIAL_POINTS)),
    );
    learned.fit = {
      median: Math.max(0, mean),
      plan: planPolls(durations),
      expected: [mean - EXPECTED_Z * spread, mean + EXPECTED_Z * spread],
    };
    learned.since = 0;
    learned.surprised = false;
    return learned.fit;
  };
  return {
    estimate: (key) => fitted(key)?.median,
    plan: (key) => fitted(key)?.plan,
    record(key, afterMs, byMs) {
      const learned = keys.get(key) ?? { runs: [], since: 0, surprised: false };
      const interval = [Math.max(0, Math.min(afterMs, byMs)), Math.max(afterMs, byMs)] as const;
      learned.runs.push(interval);
      const expected = learned.fit?.expected;
      // A run that surely ended outside the expected range: before it (by its look) or after it.
      if (expected !== undefined && (interval[1] < expected[0] || interval[0] > expected[1]))
        learned.surprised = true;
      if (learned.runs.length > KEPT_RUNS) learned.runs.shift();
      learned.since += 1;
      keys.set(key, learned);
    },
    snapshot: () =>
      Object.fromEntries(
        [...keys].map(([key, learned]) => [key, learned.runs.map(([after, by]) => [after, by])]),
      ),
  };
}

/** An `[after, by]` pair of finite durations, 0 <= after <= by, as {@link DurationEstimator.record} keeps them. */
function isInterval(value: unknown): value is readonly [number, number] {
  if (!Array.isArray(value) || value.length !== 2) return false;
  const [after, by] = value as unknown[];
  return (
    typeof after === "number" &&
    typeof by === "number" &&
    Number.isFinite(after) &&
    Number.isFinite(by) &&
    after >= 0 &&
    by >= after
  );
}

// Student's t 95% quantiles for 2 to 15 degrees of freedom, over the normal's (1.645).
const T95 = [2.92, 2.353, 2.132, 2.015, 1.943, 1.895, 1.86, 1.833, 1.812, 1.796, 1.782, 1.771, 1.761, 1.753];

/**
 * How much wider than the fitted spread the next run's duration should be read, from `runs` runs: the
 * predictive spread of a normal whose mean and spread were both estimated (Student's t with n - 1
 * degrees of freedom, matched at its 90% range, times sqrt(1 + 1/n)). From three runs a fit is
 * often too narrow, and a plan from it looked every 5 ms at a run that took a little longer (17 GETs
 * for one 200 ms run in a benchmark); from 16 it widens by about 10%.
 */
export function predictiveWidening(runs: number): number {
  const n = Math.max(3, Math.floor(runs));
  const t = T95[Math.min(T95.length, n - 2) - 1]!;
  return (t / 1.645) * Math.sqrt(1 + 1 / n);
}

/** What an estimator knows of one key: its last runs, and its fit with the runs recorded since. */
interface Learned {
  runs: Array<readonly [number, number]>;
  /** The last fit: its median, its plan, and the central 90% of the next run's duration it predicts. */
  fit?: { median: number; plan: PollPlan; expected: readonly [number, number] };
  /** Runs recorded since the last fit. */
  since: number;
  /** Whether one of them ended outside the fit's expected range. */
  surprised: boolean;
}

/** Intervals narrower than this are read as this wide: a duration is known to a millisecond at best. */
const RESOLUTION_MS = 1;

/**
 * The normal distribution most likely to give durations in `intervals` (each `[after, by]`): Nelder and
 * Mead's simplex over the mean and the log of the spread, started at the midpoints' median and
 * spread. The spread is kept to at least 1% of the mean (runs that all took one time would fit none)
 * and to what the typical interval between two looks allows.
 */
export function fitNormal(intervals: ReadonlyArray<readonly [number, number]>): { mean: number; sd: number } {
  const bounds = intervals.map(([after, by]) => {
    const middle = (after + by) / 2;
    const half = Math.max(RESOLUTION_MS, by - after) / 2;
    return [middle - half, middle + half] as const;
  });
  const middles = bounds.map(([low, high]) => (low + high) / 2).sort((a, b) => a - b);
  const start = middles[Math.floor(middles.length / 2)]!;
  const longest = Math.max(RESOLUTION_MS, ...bounds.map(([, high]) => high));
  const spread = Math.max(
    longest * 0.01,
    Math.sqrt(middles.reduce((sum, value) => sum + (value - start) ** 2, 0) / middles.length),
  );
  // Intervals that all share some stretch are best explained by a spread of nothing inside it, which
  // no run told (three runs looked at coarsely while learning, say): then the spread is at least that
  // of a duration anywhere in the typical interval between two looks (its width over sqrt(12)). Runs
  // done at their first look ("by then", from 0) are left out of that width.
  const overlap = Math.max(...bounds.map(([low]) => low)) < Math.min(...bounds.map(([, high]) => high));
  const widths = intervals
    .filter(([after, by]) => Math.min(after, by) > 0)
    .map(([after, by]) => Math.abs(by - after))
    .sort((a, b) => a - b);
  const coarse = !overlap || widths.length === 0 ? 0 : widths[Math.floor(widths.length / 2)]! / Math.sqrt(12);
  // Minus the log likelihood, at a mean and the log of a spread.
  const cost = ([mean, logSd]: readonly number[]) => {
    const sd = Math.max(Math.exp(logSd!), Math.abs(mean!) * 0.01, coarse, 1e-9);
    let total = 0;
    for (const [low, high] of bounds) {
      const share = normalCdf((high - mean!) / sd) - normalCdf((low - mean!) / sd);
      total -= Math.log(Math.max(share, 1e-300));
    }
    return total;
  };
  const [mean, logSd] = minimise(cost, [start, Math.log(spread)], [spread, 0.5]);
  const clampedMean = Math.min(Math.max(mean!, 0), longest);
  return {
    mean: clampedMean,
    sd: Math.max(Math.exp(logSd!), clampedMean * 0.01, coarse, RESOLUTION_MS / 10),
  };
}

/** Nelder and Mead's downhill simplex in two dimensions, until its values agree or for 120 steps. */
function minimise(
  cost: (point: readonly number[]) => number,
  start: readonly [number, number],
  scale: readonly [number, number],
): number[] {
  let simplex = [
    [start[0], start[1]],
    [start[0] + scale[0], start[1]],
    [start[0], start[1] + scale[1]],
  ].map((point) => ({ point, value: cost(point) }));
  for (let step = 0; step < 120; step += 1) {
    simplex.sort((a, b) => a.value - b.value);
    const [best, middle, worst] = simplex as [Vertex, Vertex, Vertex];
    if (worst.value - best.value <= 1e-9 * (1 + Math.abs(best.value))) break;
    const centre = [(best.point[0]! + middle.point[0]!) / 2, (best.point[1]! + middle.point[1]!) / 2];
    const along = (t: number) => centre.map((value, index) => value + t * (worst.point[index]! - value));
    const reflected = along(-1);
    const reflectedValue = cost(reflected);
    if (reflectedValue < best.value) {
      const expanded = along(-2);
      const expandedValue = cost(expanded);
      simplex = [
        best,
        middle,
        expandedValue < reflectedValue
          ? { point: expanded, value: expandedValue }
          : { point: reflected, value: reflectedValue },
      ];
    } else if (reflectedValue < middle.value) {
      simplex = [best, middle, { point: reflected, value: reflectedValue }];
    } else {
      const contracted = along(0.5);
      const contractedValue = cost(contracted);
      if (contractedValue < worst.value)
        simplex = [best, middle, { point: contracted, value: contractedValue }];
      else
        simplex = [
          best,
          ...[middle, worst].map(({ point }) => {
            const shrunk = point.map((value, index) => (value + best.point[index]!) / 2);
            return { point: shrunk, value: cost(shrunk) };
          }),
        ];
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  return simplex[0]!.point;
}

interface Vertex {
  point: number[];
  value: number;
}
