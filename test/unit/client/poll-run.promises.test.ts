// The polling schedule the README documents, pinned on a fake clock: no waiting in real time.
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import {
  createDurationEstimator,
  createMaestroClient,
  DEFAULT_POLL_OPTIONS,
  pollRun,
} from "../../../src/client/index.js";
import type { MaestroRun } from "../../../src/domain/index.js";
import { MaestroTimeoutError } from "../../../src/errors/index.js";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A run that ends `durationMs` after `start` on the fake clock, and when it was asked. */
function runEndingAfter(durationMs: number, start = Date.now()) {
  const asked: number[] = [];
  const retrieve = async (id: string): Promise<MaestroRun> => {
    const at = Date.now() - start;
    asked.push(at);
    return { id, status: at >= durationMs ? "completed" : "in_progress", result: null };
  };
  return { start, asked, retrieve };
}

describe("pollRun's documented schedule", () => {
  test("the defaults: 100 ms, 1.5x, at most 2 s apart, 300 s in all", () => {
    expect(DEFAULT_POLL_OPTIONS).toEqual({
      initialIntervalMs: 100,
      backoffFactor: 1.5,
      maxIntervalMs: 2_000,
      timeoutMs: 300_000,
    });
  });

  test("the first poll waits 100 ms (a run just created is not done), each later wait 1.5x the last, capped at 2 s", async () => {
    const { start, asked, retrieve } = runEndingAfter(10_000);
    const polled = pollRun("r", retrieve, {}, start);
    await vi.advanceTimersByTimeAsync(15_000);
    await polled;
    // The fake clock, like Node's timers, counts whole milliseconds: 337.5 ms is a 337 ms wait.
    const gaps = asked.slice(1).map((at, index) => at - asked[index]!);
    expect(asked[0]).toBe(100);
    expect(gaps.slice(0, 9)).toEqual([150, 225, 337, 506, 759, 1139, 1708, 2000, 2000]);
    expect(asked.at(-1)).toBeGreaterThanOrEqual(10_000);
  });

  test("gives up after 300 s with MaestroTimeoutError naming the run, the time and the polls", async () => {
    const { start, asked, retrieve } = runEndingAfter(Number.POSITIVE_INFINITY);
    const polled = pollRun("run-7", retrieve, {}, start).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(299_999);
    await vi.advanceTimersByTimeAsync(1);
    const error = await polled;
    expect(error).toBeInstanceOf(MaestroTimeoutError);
    expect((error as MaestroTimeoutError).message).toBe(
      `Maestro run run-7 was still in_progress after 300000 ms (${asked.length} polls)`,
    );
    expect(asked.at(-1)).toBe(300_000);
  });

  test("with an expected window, the first poll waits for its start, then looks every quarter of its width", async () => {
    const { start, asked, retrieve } = runEndingAfter(1_700);
    const polled = pollRun("r", retrieve, { expectedWindowMs: [1_000, 2_000] }, start);
    await vi.advanceTimersByTimeAsync(5_000);
    await polled;
    expect(asked).toEqual([1_000, 1_250, 1_500, 1_750]);
  });

  test("a narrow window still spaces polls by 3% of its end (and 5 ms at least)", async () => {
    const { start, asked, retrieve } = runEndingAfter(1_050);
    const polled = pollRun("r", retrieve, { expectedWindowMs: [1_000, 1_000] }, start);
    await vi.advanceTimersByTimeAsync(5_000);
    await polled;
    expect(asked).toEqual([1_000, 1_030, 1_060]);
  });

  test("past twice the window's end, polling backs off as without one", async () => {
    const { start, asked, retrieve } = runEndingAfter(2_700);
    const polled = pollRun("r", retrieve, { expectedWindowMs: [1_000, 1_000] }, start);
    await vi.advanceTimersByTimeAsync(10_000);
    await polled;
    const late = asked.filter((at) => at > 2_000);
    expect(late.slice(1, 4).map((at, index) => Math.round(at - late[index]!))).toEqual([100, 150, 225]);
  });
});

describe("createDurationEstimator", () => {
  test("answers once three runs of a key were seen, from the last 16", () => {
    const estimator = createDurationEstimator();
    estimator.record("m/low", 499, 501);
    estimator.record("m/low", 899, 901);
    expect(estimator.estimate("m/low")).toBeUndefined();
    expect(estimator.plan("m/low")).toBeUndefined();
    estimator.record("m/low", 699, 701);
    expect(estimator.estimate("m/low")).toBeCloseTo(700, 0);
    expect(estimator.plan("m/low")).toBeDefined();
    // 16 runs of about 2 s push the first three out.
    for (let index = 0; index < 16; index += 1) estimator.record("m/low", 1_990 + index, 1_992 + index);
    expect(estimator.estimate("m/low")).toBeCloseTo(1_998.5, 0);
    expect(estimator.estimate("m/high")).toBeUndefined();
  });
});

describe("runs.createAndPoll", () => {
  test("after three runs of a model and budget, the fourth is first polled when they tended to end", async () => {
    const durationMs = 1_000;
    const created = new Map<string, number>();
    const gets: { run: string; at: number }[] = [];
    let next = 0;
    const json = (body: unknown) =>
      new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
    const fetch = async (input: Request): Promise<Response> => {
      if (input.method === "POST") {
        const id = `run-${next++}`;
        created.set(id, Date.now());
        return json({ id, status: "in_progress", result: null });
      }
      const id = decodeURIComponent(new URL(input.url).pathname.split("/").at(-1)!);
      const at = Date.now() - created.get(id)!;
      gets.push({ run: id, at });
      return json({ id, status: at >= durationMs ? "completed" : "in_progress", result: null });
    };
    const maestro = createMaestroClient({ baseUrl: "http://127.0.0.1:9", env: {}, fetch });
    const request = { input: "Say hello.", models: ["jamba-mini"], budget: "low" as const };
    for (let index = 0; index < 4; index += 1) {
      const run = maestro.runs.createAndPoll(request);
      await vi.advanceTimersByTimeAsync(5_000);
      expect((await run).status).toBe("completed");
    }
    const first = gets.filter((get) => get.run === "run-0").map((get) => get.at);
    expect(first).toEqual([100, 250, 475, 812, 1_318]);
    // Learned from the first three: each ended between its last two polls, 812 and 1,318 ms, and the fit
    // centres them between (1,065 ms); the fourth run is polled once, at the plan's first look, and is done.
    expect(gets.filter((get) => get.run === "run-3").map((get) => get.at)).toEqual([1_065]);
  });

  test("onCreated hears of the run once the create has answered, before any poll", async () => {
    const events: string[] = [];
    const json = (body: unknown) =>
      new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
    const fetch = async (input: Request): Promise<Response> => {
      events.push(input.method);
      return json({
        id: "run-1",
        status: input.method === "POST" ? "in_progress" : "completed",
        result: null,
      });
    };
    const maestro = createMaestroClient({ baseUrl: "http://127.0.0.1:9", env: {}, fetch });
    const run = maestro.runs.createAndPoll(
      { input: "Say hello." },
      { onCreated: (created) => events.push(`created ${created.id} ${created.status}`) },
    );
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await run).status).toBe("completed");
    expect(events).toEqual(["POST", "created run-1 in_progress", "GET"]);
  });
});
