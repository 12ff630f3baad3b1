// The polling plan learned from earlier runs: chosen to see half the runs within 7% of their duration
// with the fewest requests, and, through createAndPoll, steady as it keeps learning from what it saw.
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import {
  createDurationEstimator,
  createMaestroClient,
  fitNormal,
  PLAN_DELAY_GOAL,
  type PollPlan,
  planPolls,
  predictiveWidening,
} from "../../../src/client/index.js";
import { createTimedRunsFetch } from "../../helpers/timed-runs-fetch.js";

/** Requests and the median share of its duration a run waits, for runs of `durations` under `plan`. */
function outcome(plan: PollPlan, durations: readonly number[]) {
  let requests = 0;
  const delays = durations.map((duration) => {
    let at = plan.firstLookMs;
    requests += 1;
    while (at < duration) {
      at += plan.stepMs;
      requests += 1;
    }
    return (at - duration) / duration;
  });
  delays.sort((a, b) => a - b);
  return { requests: requests / durations.length, delay: delays[Math.floor(delays.length / 2)]! };
}

/** A small deterministic generator, so the spread runs are the same on every machine. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe("planPolls", () => {
  test("runs that all took the same time are looked at once, when they end", () => {
    expect(planPolls([500, 500, 500])).toEqual({ firstLookMs: 500, stepMs: 5, untilMs: 1_000 });
  });

  test.each([
    ["200 ms ± 20%", 200, 0.2],
    ["1 s ± 20%", 1_000, 0.2],
    ["5 s ± 20%", 5_000, 0.2],
    ["2 s ± 50%", 2_000, 0.5],
  ])(
    "runs of %s are seen within 10%% of their duration (median) in fewer requests than a 1 s loop",
    (_name, typical, spread) => {
      const random = seeded(7);
      const draw = () => typical * (1 - spread + 2 * spread * random());
      const plan = planPolls(Array.from({ length: 16 }, draw));
      const fresh = outcome(plan, Array.from({ length: 400 }, draw));
      // A fixed 1 s loop: a look at once, then one a second until the run is seen.
      const loop = outcome(
        { firstLookMs: 0, stepMs: 1_000, untilMs: Number.POSITIVE_INFINITY },
        Array.from({ length: 400 }, draw),
      );
      expect(fresh.delay).toBeLessThanOrEqual(0.1);
      expect(fresh.requests).toBeLessThan(loop.requests);
    },
  );

  test("durations it cannot see half of within the goal get the cheapest plan near the soonest", () => {
    // 5 ms steps at least: runs of 10 to 20 ms wait 25% of their duration or more at the median.
    const plan = planPolls([10, 12, 14, 16, 18, 20]);
    expect(plan.stepMs).toBe(5);
    expect(outcome(plan, [10, 12, 14, 16, 18, 20]).delay).toBeGreaterThan(PLAN_DELAY_GOAL);
  });

  test("needs a duration", () => {
    expect(() => planPolls([])).toThrow(new RangeError("planPolls: needs at least one duration >= 0"));
    expect(() => planPolls([Number.NaN, -1])).toThrow(RangeError);
  });

  test("any durations: a first look between the shortest and the median, a step of 5 ms or more, until twice the longest", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 600_000 }), { minLength: 1, maxLength: 16 }),
        (durations) => {
          const plan = planPolls(durations);
          const sorted = [...durations].sort((a, b) => a - b);
          const median =
            (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
          expect(plan.firstLookMs).toBeGreaterThanOrEqual(sorted[0]!);
          expect(plan.firstLookMs).toBeLessThanOrEqual(median + 1e-9);
          expect(plan.stepMs).toBeGreaterThanOrEqual(5);
          expect(plan.untilMs).toBe(2 * sorted.at(-1)!);
        },
      ),
    );
  });
});

/** Normal draws (Box and Muller) from a seeded generator. */
function normalDraws(seed: number, count: number, mean: number, sd: number): number[] {
  const random = seeded(seed);
  return Array.from(
    { length: count },
    () => mean + sd * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()),
  );
}

describe("fitNormal", () => {
  test("durations known to the millisecond give their mean and spread", () => {
    const durations = normalDraws(11, 400, 1_000, 100);
    const fit = fitNormal(durations.map((value) => [value - 0.5, value + 0.5] as const));
    expect(fit.mean).toBeGreaterThan(985);
    expect(fit.mean).toBeLessThan(1_015);
    expect(fit.sd).toBeGreaterThan(90);
    expect(fit.sd).toBeLessThan(110);
  });

  test("runs seen done at one look count as 'by then', so the middle is neither the look nor halfway to it", () => {
    // Runs of 5 s ± 0.5 s looked at first at 5.2 s: those done then say only that; the rest were seen
    // in progress at 5.2 s and then done at the next look, 100 ms later.
    const look = 5_200;
    const intervals = normalDraws(5, 400, 5_000, 500).map((duration) =>
      duration <= look ? ([0, look] as const) : ([duration - 50, duration + 50] as const),
    );
    const fit = fitNormal(intervals);
    expect(fit.mean).toBeGreaterThan(4_900);
    expect(fit.mean).toBeLessThan(5_100);
    expect(fit.sd).toBeGreaterThan(400);
    expect(fit.sd).toBeLessThan(600);
  });

  test("runs looked at coarsely, whose intervals all overlap, keep the spread of a duration anywhere in a typical interval", () => {
    // Three runs seen in progress at about 100 ms and done at about 258 ms (intervals of 154 to 157 ms,
    // 156 typically), two done at their first look, 191 and 187 ms: every interval holds 105-187 ms,
    // where a spread of nothing would fit best.
    const fit = fitNormal([
      [105, 259],
      [101, 258],
      [101, 257],
      [0, 191],
      [0, 187],
    ]);
    expect(fit.sd).toBeGreaterThanOrEqual(156 / Math.sqrt(12) - 1e-9);
    // Intervals that do not all overlap are left to the fit.
    const apart = fitNormal([
      [100, 102],
      [150, 152],
      [200, 202],
    ]);
    expect(apart.sd).toBeGreaterThan(35);
    expect(apart.sd).toBeLessThan(50);
  });

  test("runs that all took one time fit a spread of 1% of it", () => {
    const fit = fitNormal([
      [500, 500],
      [500, 500],
      [500, 500],
    ]);
    expect(fit.mean).toBeCloseTo(500, 0);
    expect(fit.sd).toBeCloseTo(5, 1);
  });

  test("any intervals: a mean between 0 and the latest end, a spread above 0", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 600_000 }), fc.integer({ min: 0, max: 600_000 })), {
          minLength: 1,
          maxLength: 16,
        }),
        (pairs) => {
          const intervals = pairs.map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
          const fit = fitNormal(intervals);
          expect(fit.mean).toBeGreaterThanOrEqual(0);
          expect(fit.mean).toBeLessThanOrEqual(Math.max(1, ...intervals.map(([, by]) => by)) + 1);
          expect(fit.sd).toBeGreaterThan(0);
          expect(Number.isFinite(fit.sd)).toBe(true);
        },
      ),
    );
  });
});

describe("predictiveWidening", () => {
  test("reads the next run from n runs as Student's t over the normal at 90%, times sqrt(1 + 1/n)", () => {
    expect(predictiveWidening(3)).toBeCloseTo((2.92 / 1.645) * Math.sqrt(4 / 3), 10);
    expect(predictiveWidening(16)).toBeCloseTo((1.753 / 1.645) * Math.sqrt(17 / 16), 10);
    expect(predictiveWidening(1)).toBe(predictiveWidening(3));
    for (let n = 3; n < 16; n += 1) expect(predictiveWidening(n + 1)).toBeLessThan(predictiveWidening(n));
  });
});

describe("createDurationEstimator's plan", () => {
  test("none before three runs, then the plan of the fitted durations, made again after each new one", () => {
    const estimator = createDurationEstimator();
    estimator.record("m/low", 395, 405);
    estimator.record("m/low", 395, 405);
    expect(estimator.plan("m/low")).toBeUndefined();
    estimator.record("m/low", 395, 405);
    const plan = estimator.plan("m/low")!;
    expect(plan.firstLookMs).toBeGreaterThan(380);
    expect(plan.firstLookMs).toBeLessThanOrEqual(400);
    expect(estimator.plan("m/low")).toBe(plan);
    estimator.record("m/low", 795, 805);
    expect(estimator.plan("m/low")).not.toEqual(plan);
    expect(estimator.plan("m/high")).toBeUndefined();
  });
});

describe("createDurationEstimator's seed and snapshot", () => {
  test("an estimator seeded with another's snapshot plans as it does, and keeps learning from there", () => {
    const first = createDurationEstimator();
    for (const [after, by] of [
      [0, 100],
      [45, 60],
      [48, 55],
    ] as const)
      first.record("m/low", after, by);
    const snapshot = first.snapshot();
    expect(snapshot).toEqual({
      "m/low": [
        [0, 100],
        [45, 60],
        [48, 55],
      ],
    });
    const second = createDurationEstimator(JSON.parse(JSON.stringify(snapshot)));
    expect(second.plan("m/low")).toEqual(first.plan("m/low"));
    second.record("m/low", 50, 52);
    expect(second.snapshot()["m/low"]).toHaveLength(4);
    expect(second.plan("m/high")).toBeUndefined();
  });

  test("a seed keeps the last 16 runs of a key and drops what is not an [after, by] pair of durations", () => {
    const runs = Array.from({ length: 20 }, (_, index) => [index, index + 10] as const);
    const broken = [[5], [-1, 3], [9, 4], ["1", 2], [1, Number.NaN], null, [1, 2, 3]] as unknown as [
      number,
      number,
    ][];
    const estimator = createDurationEstimator({
      "m/low": runs,
      "m/high": broken,
      "m/mid": [...broken, [40, 60]],
    });
    expect(estimator.snapshot()).toEqual({
      "m/low": runs.slice(4).map(([a, b]) => [a, b]),
      "m/mid": [[40, 60]],
    });
  });
});

describe("createDurationEstimator's refits once it keeps 16 runs", () => {
  /** An estimator that has kept 16 runs of about 400 ms (395 to 410), and was fitted after the last. */
  function learned() {
    const estimator = createDurationEstimator();
    for (let index = 0; index < 16; index += 1) estimator.record("m/low", 395 + index, 400 + index);
    return { estimator, fit: estimator.estimate("m/low")! };
  }

  test("while runs end where the fit expects them, it fits again after every 8", () => {
    const { estimator, fit } = learned();
    for (let index = 0; index < 7; index += 1) {
      estimator.record("m/low", 405 + (index % 3), 410 + (index % 3));
      expect(estimator.estimate("m/low")).toBe(fit);
    }
    estimator.record("m/low", 406, 411);
    expect(estimator.estimate("m/low")).not.toBe(fit);
  });

  test("once a run ended outside the fit's central 90%, it fits again after 4, and follows the change", () => {
    const { estimator, fit } = learned();
    for (let index = 0; index < 3; index += 1) {
      estimator.record("m/low", 795, 805);
      expect(estimator.estimate("m/low")).toBe(fit);
    }
    estimator.record("m/low", 795, 805);
    expect(estimator.estimate("m/low")).toBeGreaterThan(fit + 50);
    // The same holds for runs that ended sooner than expected.
    const sooner = learned();
    for (let index = 0; index < 4; index += 1) sooner.estimator.record("m/low", 95, 105);
    expect(sooner.estimator.estimate("m/low")).toBeLessThan(sooner.fit - 50);
  });
});

describe("runs.createAndPoll, learning as it goes", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  // 100 runs, the first three on the documented schedule: once learned, the median run is seen within
  // a tenth of its duration in fewer GETs than a fixed 1 s loop (about 6% and 1.7 to 1.9 GETs).
  test.each([200, 1_000, 5_000])(
    "runs of %s ms ± 20%, one after another: once learned, seen within a tenth of their duration (median), in fewer GETs than a 1 s loop",
    async (typical) => {
      const random = seeded(typical);
      const { runs, fetch } = createTimedRunsFetch(() => typical * (0.8 + 0.4 * random()));
      const maestro = createMaestroClient({ baseUrl: "http://127.0.0.1:9", env: {}, fetch });
      const request = { input: "Say hello.", models: ["jamba-mini"], budget: "low" as const };
      for (let index = 0; index < 100; index += 1) {
        const run = maestro.runs.createAndPoll(request);
        await vi.advanceTimersByTimeAsync(4 * typical);
        await run;
      }
      const all = [...runs.values()].slice(3);
      const delays = all.map((run) => (run.seen! - run.end) / (run.end - run.created)).sort((a, b) => a - b);
      const gets = all.reduce((sum, run) => sum + run.gets, 0) / all.length;
      // A fixed 1 s loop looks at once, then every second until it sees the run done.
      const loopGets =
        all.reduce((sum, run) => sum + 1 + Math.ceil((run.end - run.created) / 1_000), 0) / all.length;
      expect(delays[Math.floor(delays.length / 2)]).toBeLessThanOrEqual(0.1);
      expect(gets).toBeLessThan(loopGets);
    },
  );
});
