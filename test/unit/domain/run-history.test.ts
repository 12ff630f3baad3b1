import { describe, expect, test } from "vitest";
import {
  computeTrends,
  formatHistoryLine,
  type HistoryEntry,
  parseHistory,
} from "../../../src/domain/run-history.js";

function entry(
  run: string,
  at: string,
  commit: string | null,
  length: number,
  overrides: Partial<HistoryEntry> = {},
): HistoryEntry {
  return {
    v: 1,
    run,
    at,
    commit,
    branch: commit === null ? null : "main",
    dirty: false,
    backends: ["local"],
    simulated: true,
    shard: null,
    source: "run",
    suite: "orders",
    groups: [
      {
        group: "jamba-mini/low",
        cells: 4,
        overall: length * 0.9,
        mandatory: 1,
        costUsd: 0.0001,
        latencyP50Ms: 700,
        requirements: [
          { name: "length", mandatory: false, mean: length, pass: length },
          { name: "no CEO", mandatory: true, mean: 1, pass: 1 },
        ],
      },
    ],
    ...overrides,
  };
}

describe("parseHistory", () => {
  test("reads every well-formed line and lists the line numbers of the rest", () => {
    const good = formatHistoryLine(entry("r1", "2026-12-01T09:00:00.000Z", "aaa1111", 0.9));
    const text = `${good}{"v":1,"run":"cut${"\n"}not json\n\n${JSON.stringify({ ...entry("r2", "2026-12-01T10:00:00.000Z", null, 1), v: 99 })}\n${good}`;
    const parsed = parseHistory(text);
    expect(parsed.entries).toHaveLength(2);
    expect(parsed.unreadable).toEqual([2, 3, 5]);
  });
});

describe("computeTrends", () => {
  const history = [
    entry("r1", "2026-12-01T09:00:00.000Z", "aaa1111", 0.9),
    entry("r2", "2026-12-02T09:00:00.000Z", "bbb2222", 0.95),
    entry("r3", "2026-12-03T09:00:00.000Z", "ccc3333", 0.5),
    entry("r4", "2026-12-04T09:00:00.000Z", "ddd4444", 0.55),
    // A shard of a later run: part of its cells only, never a point of the trend.
    entry("r5", "2026-12-05T09:00:00.000Z", "eee5555", 0, { shard: "1/2" }),
  ];

  test("a row per requirement, then overall, mandatory, cost and latency, with the commit where it changed most", () => {
    const result = computeTrends(history);
    expect(result.total).toBe(4);
    expect(result.runs.map((run) => run.run)).toEqual(["r1", "r2", "r3", "r4"]);
    expect(result.rows.map((row) => [row.name, row.mandatory])).toEqual([
      ["length", false],
      ["no CEO", true],
      ["overall", false],
      ["mandatory gate", false],
      ["cost / run", false],
      ["latency p50", false],
    ]);
    const length = result.rows[0]!;
    expect(length.points.map((point) => point.value)).toEqual([0.9, 0.95, 0.5, 0.55]);
    expect(length.largestChange?.delta).toBeCloseTo(-0.45);
    expect(length.largestChange?.to.commit).toBe("ccc3333");
    expect(result.rows[1]!.largestChange).toBeNull();
  });

  test("--last keeps the most recent runs; suite and group filter the rows", () => {
    const result = computeTrends(history, { last: 2 });
    expect(result.runs.map((run) => run.commit)).toEqual(["ccc3333", "ddd4444"]);
    expect(result.rows[0]!.points.map((point) => point.value)).toEqual([0.5, 0.55]);
    expect(computeTrends(history, { suite: "other" }).rows).toEqual([]);
    expect(computeTrends(history, { group: "jamba-large/high" }).rows).toEqual([]);
  });

  test("a run without the row leaves a gap, and a change is measured across it", () => {
    const gap = [
      entry("r1", "2026-12-01T09:00:00.000Z", "aaa1111", 0.9),
      entry("r2", "2026-12-02T09:00:00.000Z", "bbb2222", 0.9, { suite: "notes" }),
      entry("r3", "2026-12-03T09:00:00.000Z", "ccc3333", 0.4),
    ];
    const length = computeTrends(gap, { suite: "orders" }).rows[0]!;
    expect(length.points.map((point) => point.value)).toEqual([0.9, null, 0.4]);
    expect(length.largestChange?.to.commit).toBe("ccc3333");
  });

  test("a bad --last is a RangeError naming the option", () => {
    expect(() => computeTrends(history, { last: 0 })).toThrow(
      new RangeError("computeTrends: last must be a whole number >= 1, got 0"),
    );
  });
});
