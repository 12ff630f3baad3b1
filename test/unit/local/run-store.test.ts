import { describe, expect, test } from "vitest";
import type { MaestroRun } from "../../../src/domain/index.js";
import { createRunStore, type StoredRun } from "../../../src/local/index.js";

const CREATED = Date.parse("2026-11-23T10:00:00.000Z");

type State = "finished" | "working" | "waiting" | "stuck";

/** A stored run: finished and shown, still with the engine, finished but not yet due, or stuck on purpose. */
function stored(id: string, state: State): StoredRun {
  const final: MaestroRun = { id, status: "completed", result: `result of ${id}` };
  if (state === "working")
    return { id, createdAt: CREATED, final: undefined, readyAt: Number.POSITIVE_INFINITY };
  if (state === "waiting") return { id, createdAt: CREATED, final, readyAt: Date.now() + 60_000 };
  if (state === "stuck") return { id, createdAt: CREATED, final, readyAt: Number.POSITIVE_INFINITY };
  return { id, createdAt: CREATED, final, readyAt: CREATED };
}

function fill(maxRuns: number, states: readonly State[]) {
  const store = createRunStore({ maxRuns });
  for (const [index, state] of states.entries()) store.add(stored(`r${index}`, state));
  const kept = states.map((_, index) => `r${index}`).filter((id) => store.get(id) !== undefined);
  return { store, kept };
}

describe("createRunStore", () => {
  test.each([
    [0, "createRunStore: maxRuns must be a whole number >= 1, got 0"],
    [-1, "createRunStore: maxRuns must be a whole number >= 1, got -1"],
    [2.5, "createRunStore: maxRuns must be a whole number >= 1, got 2.5"],
    [Number.NaN, "createRunStore: maxRuns must be a whole number >= 1, got NaN"],
  ])("refuses maxRuns %s", (maxRuns, message) => {
    expect(() => createRunStore({ maxRuns })).toThrow(new RangeError(message));
  });

  test("keeps 10,000 runs by default", () => {
    expect(createRunStore().maxRuns).toBe(10_000);
  });

  test.each<[string, number, State[], string[], number]>([
    ["under the limit, everything", 3, ["finished", "finished"], ["r0", "r1"], 0],
    ["past the limit, the oldest finished runs", 3, Array(5).fill("finished"), ["r2", "r3", "r4"], 2],
    [
      "runs still with the engine, whatever their age",
      2,
      ["working", "finished", "working", "finished"],
      ["r0", "r2"],
      2,
    ],
    [
      "finished runs not yet due (their simulated time has not passed)",
      2,
      ["waiting", "finished", "finished", "finished"],
      ["r0", "r3"],
      2,
    ],
    [
      "more than the limit while that many are in flight",
      2,
      ["working", "working", "working"],
      ["r0", "r1", "r2"],
      0,
    ],
    [
      "no run stuck forever past the limit, so stuck runs cannot pile up",
      2,
      ["stuck", "stuck", "stuck", "finished"],
      ["r2", "r3"],
      2,
    ],
  ])("keeps %s", (_name, maxRuns, states, kept, evicted) => {
    const result = fill(maxRuns, states);
    expect(result.kept).toEqual(kept);
    expect(result.store.size).toBe(kept.length);
    expect(result.store.evicted).toBe(evicted);
  });

  test("shows a run in progress until it is finished and due, then as it finished", () => {
    const store = createRunStore();
    const run = stored("a", "working");
    store.add(run);
    const inProgress = {
      id: "a",
      status: "in_progress",
      result: null,
      created_at: "2026-11-23T10:00:00.000Z",
    };
    expect(store.view("a", CREATED + 10)).toEqual(inProgress);
    run.final = { id: "a", status: "completed", result: "done" };
    run.readyAt = CREATED + 500;
    expect(store.view("a", CREATED + 499)).toEqual(inProgress);
    expect(store.view("a", CREATED + 500)).toEqual({ id: "a", status: "completed", result: "done" });
    expect(store.view("missing", CREATED)).toBeUndefined();
  });

  test("a run whose turn came to be evicted while in flight goes once it is finished, at the next add", () => {
    const store = createRunStore({ maxRuns: 1 });
    const first = stored("a", "working");
    store.add(first);
    store.add(stored("b", "working"));
    expect(store.size).toBe(2);
    first.final = { id: "a", status: "completed", result: "x" };
    first.readyAt = CREATED;
    // The run that just finished is never the one its own settling evicts.
    store.settle("a");
    expect(store.size).toBe(2);
    store.add(stored("c", "working"));
    expect(store.get("a")).toBeUndefined();
    expect([store.get("b")?.id, store.get("c")?.id]).toEqual(["b", "c"]);
    expect(store.evicted).toBe(1);
  });

  test("evicts in the order runs finished, stepping over runs still with the engine", () => {
    const store = createRunStore({ maxRuns: 3 });
    const runs = ["a", "b", "c", "d"].map((id) => stored(id, "working"));
    for (const run of runs) store.add(run);
    // d then b finish: d, finished first, goes when b finishes (never the run that just finished), and b
    // when e comes; a and c, still with the engine, stay though they are the oldest.
    for (const run of [runs[3]!, runs[1]!]) {
      run.final = { id: run.id, status: "completed", result: "x" };
      run.readyAt = CREATED;
      store.settle(run.id);
    }
    store.add(stored("e", "working"));
    expect(["a", "b", "c", "d", "e"].filter((id) => store.get(id) !== undefined)).toEqual(["a", "c", "e"]);
    expect(store.evicted).toBe(2);
  });

  test("a store full of runs still with the engine takes each create in constant work", () => {
    // Counted, not timed: eviction looks only at finished runs, so 20,000 creates over a limit of 10
    // with nothing finished read no stored run (before, each create stepped over every one of them).
    const store = createRunStore({ maxRuns: 10 });
    let reads = 0;
    for (let index = 0; index < 20_000; index += 1) {
      const run = stored(`w${index}`, "working");
      store.add(
        new Proxy(run, {
          get(target, key, receiver) {
            if (key === "readyAt" || key === "final") reads += 1;
            return Reflect.get(target, key, receiver);
          },
        }),
      );
    }
    expect(store.size).toBe(20_000);
    expect(reads).toBeLessThanOrEqual(20_000);
  });

  describe("bounded in bytes", () => {
    /** A finished run whose result has `size` characters; its JSON is a little larger. */
    function finishedOf(store: ReturnType<typeof createRunStore>, id: string, size: number): void {
      store.add({ id, createdAt: CREATED, final: undefined, readyAt: Number.POSITIVE_INFINITY });
      const run = store.get(id)!;
      run.final = { id, status: "completed", result: "x".repeat(size) };
      run.readyAt = CREATED;
      store.settle(id);
    }

    test("keeps 256 MiB by default, and refuses a budget that is not a whole number >= 1", () => {
      expect(createRunStore().maxBytes).toBe(256 * 1024 * 1024);
      expect(() => createRunStore({ maxBytes: 0 })).toThrow(
        new RangeError("createRunStore: maxBytes must be a whole number >= 1, got 0"),
      );
    });

    test("evicts finished runs oldest first past the budget, never the run that just finished", () => {
      const store = createRunStore({ maxBytes: 2_500 });
      for (const id of ["a", "b", "c", "d"]) finishedOf(store, id, 1_000);
      expect(["a", "b", "c", "d"].filter((id) => store.get(id) !== undefined)).toEqual(["c", "d"]);
      expect(store.bytes).toBeLessThanOrEqual(2_500);
      expect(store.evicted).toBe(2);
      // One run larger than the whole budget stays until the next one finishes.
      finishedOf(store, "huge", 10_000);
      expect(store.get("huge")).toBeDefined();
      expect(store.size).toBe(1);
      finishedOf(store, "e", 10);
      expect(store.get("huge")).toBeUndefined();
      expect(store.bytes).toBe(Buffer.byteLength(JSON.stringify(store.get("e")!.final)));
    });

    test("runs not yet due are kept past the budget, and prune() says so until their time comes", () => {
      const store = createRunStore({ maxBytes: 1_500 });
      const later = Date.now() + 60_000;
      for (const id of ["a", "b"]) {
        store.add({
          id,
          createdAt: CREATED,
          final: { id, status: "completed", result: "x".repeat(1_000) },
          readyAt: later,
        });
        store.settle(id);
      }
      expect(store.size).toBe(2);
      expect(store.prune()).toBe(false);
      store.get("a")!.readyAt = CREATED;
      expect(store.prune()).toBe(true);
      expect(store.get("a")).toBeUndefined();
    });
  });
});
