// Looks shared while learning: runs of one model and budget polled together, before any plan, take turns
// looking; a run skips at most MAX_SKIPPED_LOOKS looks in a row, and looks for itself once one is seen done.
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { createMaestroClient, DEFAULT_POLL_OPTIONS } from "../../../src/client/index.js";
import { createSharedLooks, MAX_SKIPPED_LOOKS } from "../../../src/client/shared-looks.js";
import { createTimedRunsFetch } from "../../helpers/timed-runs-fetch.js";

describe("createSharedLooks", () => {
  test("a sibling's look at the same point decides for the others, which wait for its answer", async () => {
    const looks = createSharedLooks();
    const a = looks.join("jamba-mini/low");
    const b = looks.join("jamba-mini/low");
    const reportA = await a.beforeLook(100);
    expect(reportA).toBeTypeOf("function");
    let bDecided: unknown = "pending";
    const bLook = b.beforeLook(100).then((report) => (bDecided = report));
    await Promise.resolve();
    expect(bDecided).toBe("pending");
    reportA!("in_progress");
    await bLook;
    expect(bDecided).toBeUndefined();
  });

  test("a run skips at most MAX_SKIPPED_LOOKS looks in a row, then looks for itself", async () => {
    const looks = createSharedLooks();
    const scout = looks.join("k");
    const other = looks.join("k");
    const decisions: boolean[] = [];
    for (const at of [100, 250, 475, 812, 1318]) {
      (await scout.beforeLook(at))!("in_progress");
      const report = await other.beforeLook(at);
      decisions.push(report !== undefined);
      report?.("in_progress");
    }
    expect(MAX_SKIPPED_LOOKS).toBe(2);
    expect(decisions).toEqual([false, false, true, false, false]);
  });

  test("past the point a sibling's run was seen done, and at points no sibling saw, every run looks", async () => {
    const looks = createSharedLooks();
    const a = looks.join("k");
    const b = looks.join("k");
    (await a.beforeLook(100))!("in_progress");
    // Past any point a sibling saw in progress: its own look.
    const own = await b.beforeLook(150);
    expect(own).toBeTypeOf("function");
    own!("in_progress");
    (await a.beforeLook(250))!("in_progress");
    (await a.beforeLook(475))!("completed");
    const after = await b.beforeLook(475);
    expect(after).toBeTypeOf("function");
    after!("completed");
    // Before the point a sibling was seen done, what the siblings saw in progress still holds: a run that
    // joins later skips its early looks.
    const later = looks.join("k");
    expect(await later.beforeLook(100)).toBeUndefined();
    expect(await later.beforeLook(250)).toBeUndefined();
  });

  test("a failed look tells nothing; keys are apart; the last to leave ends the group", async () => {
    const looks = createSharedLooks();
    const a = looks.join("k");
    const b = looks.join("k");
    const c = looks.join("other");
    (await a.beforeLook(100))!(undefined);
    expect(await b.beforeLook(100)).toBeTypeOf("function");
    (await a.beforeLook(250))!("in_progress");
    expect(await c.beforeLook(100)).toBeTypeOf("function");
    a.leave();
    a.leave();
    expect(await b.beforeLook(200)).toBeUndefined();
    b.leave();
    // A new group: nothing seen yet.
    expect(await looks.join("k").beforeLook(200)).toBeTypeOf("function");
  });
});

describe("runs.createAndPoll, runs of one model and budget polled together before a plan", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Creates and polls one run per duration, all at once, through one client (or a client each). */
  async function pollTogether(durationsMs: readonly number[], clientEach: boolean) {
    const server = createTimedRunsFetch((index) => durationsMs[index]!);
    const client = () => createMaestroClient({ baseUrl: "http://127.0.0.1:9", env: {}, fetch: server.fetch });
    const shared = client();
    const request = { input: "Say hello.", models: ["jamba-mini"], budget: "low" as const };
    const polled = Promise.all(
      durationsMs.map(() => (clientEach ? client() : shared).runs.createAndPoll(request)),
    );
    await vi.advanceTimersByTimeAsync(4 * Math.max(...durationsMs));
    await polled;
    return [...server.runs.values()];
  }

  /** When the default schedule alone first looks at or after `durationMs` (to within the timers' rounding). */
  function ownLook(durationMs: number, steps = 0): number {
    const { initialIntervalMs, backoffFactor } = DEFAULT_POLL_OPTIONS;
    const looks: number[] = [initialIntervalMs];
    for (let interval = initialIntervalMs * backoffFactor; looks.length < 40; interval *= backoffFactor)
      looks.push(looks.at(-1)! + Math.min(interval, DEFAULT_POLL_OPTIONS.maxIntervalMs));
    return looks[looks.findIndex((at) => at >= durationMs) + steps]!;
  }

  test("16 runs of about 10 s take turns: under half the GETs of polling each alone, each seen within two steps of its own schedule", async () => {
    const durations = Array.from({ length: 16 }, (_, index) => 10_000 * (0.8 + (0.4 * index) / 15));
    const alone = await pollTogether(durations, true);
    const together = await pollTogether(durations, false);
    const gets = (runs: typeof alone) => runs.reduce((sum, run) => sum + run.gets, 0);
    expect(gets(together)).toBeLessThan(gets(alone) / 2);
    together.forEach((run, index) => {
      const duration = durations[index]!;
      expect(run.seen! - run.created).toBeLessThanOrEqual(ownLook(duration, MAX_SKIPPED_LOOKS) + 5);
    });
    // Alone, each run is seen at its schedule's first look past its end, as before.
    alone.forEach((run, index) => {
      expect(Math.abs(run.seen! - run.created - ownLook(durations[index]!))).toBeLessThanOrEqual(5);
    });
  });

  test("a run much longer than its siblings, created first, delays them by at most two steps", async () => {
    const durations = [20_000, 1_000, 1_000, 1_000, 1_000];
    const runs = await pollTogether(durations, false);
    for (const run of runs.slice(1)) {
      expect(run.seen! - run.created).toBeLessThanOrEqual(ownLook(1_000, MAX_SKIPPED_LOOKS) + 5);
    }
    expect(Math.abs(runs[0]!.seen! - runs[0]!.created - ownLook(20_000))).toBeLessThanOrEqual(5);
  });

  test("a run polled past its timeout fails on a look of its own", async () => {
    const server = createTimedRunsFetch(() => 60_000);
    const maestro = createMaestroClient({ baseUrl: "http://127.0.0.1:9", env: {}, fetch: server.fetch });
    const request = { input: "Say hello.", models: ["jamba-mini"], budget: "low" as const };
    const polled = [0, 1].map((index) =>
      maestro.runs.createAndPoll(request, { timeoutMs: 3_000 + index }).then(
        () => "completed",
        (error: Error) => error.name,
      ),
    );
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await Promise.all(polled)).toEqual(["MaestroTimeoutError", "MaestroTimeoutError"]);
    // Each looked at the deadline itself.
    for (const run of server.runs.values()) expect(run.gets).toBeGreaterThanOrEqual(2);
  });
});
