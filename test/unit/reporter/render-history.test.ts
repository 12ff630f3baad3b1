import { describe, expect, test } from "vitest";
import { computeTrends, type HistoryEntry } from "../../../src/domain/run-history.js";
import { renderHistory, renderSparkline } from "../../../src/reporter/render-history.js";

describe("renderSparkline", () => {
  test("maps values onto eight bars on the given scale, a space for a missing value", () => {
    expect(renderSparkline([0, 0.5, 1, null, 0.25], { min: 0, max: 1 })).toBe("▁▅█ ▃");
    expect(renderSparkline([3, 3, 3])).toBe("▄▄▄");
    expect(renderSparkline([10, 20])).toBe("▁█");
  });
});

describe("renderHistory", () => {
  const entry = (run: string, at: string, commit: string, mean: number): HistoryEntry => ({
    v: 1,
    run,
    at,
    commit,
    branch: "main",
    dirty: false,
    backends: ["local"],
    simulated: true,
    shard: null,
    source: "run",
    suite: "orders",
    groups: [
      {
        group: "jamba-mini/low",
        cells: 2,
        overall: mean,
        mandatory: 1,
        costUsd: 0.0000374,
        latencyP50Ms: 746,
        requirements: [
          { name: "length", mandatory: false, mean, pass: mean },
          { name: "no CEO", mandatory: true, mean: 1, pass: 1 },
        ],
      },
    ],
  });

  test("a heading, then per suite and model/budget a row per requirement with its sparkline, last value and largest change", () => {
    const result = computeTrends([
      entry("r1", "2026-12-01T09:12:00.000Z", "1111111", 1),
      entry("r2", "2026-12-02T09:12:00.000Z", "3f9c2e1", 0.5),
      entry("r3", "2026-12-04T16:40:00.000Z", "4444444", 0.625),
    ]);
    expect(renderHistory(result, { file: "reports/history.jsonl", unreadable: [7] })).toBe(
      [
        "History: reports/history.jsonl · 3 runs from 2026-12-01 09:12 to 2026-12-04 16:40 · simulated models",
        "  1 unreadable line skipped (line 7): cut by a kill, or not a history entry",
        "",
        'suite "orders" · jamba-mini/low',
        "                   trend   last         largest change",
        "  length           █▅▅     0.63         -0.50 at 3f9c2e1 (main)",
        "  no CEO *         ███     1.00         none",
        "  overall          █▅▅     0.63         -0.50 at 3f9c2e1 (main)",
        "  mandatory gate   ███     1.00         none",
        "  cost / run       ▄▄▄     $0.0000374   none",
        "  latency p50      ▄▄▄     746 ms       none",
      ].join("\n"),
    );
  });

  test("money and durations read as in every other report: cents from a dollar up, minutes from 60 s", () => {
    const spend = (run: string, at: string, costUsd: number, latencyP50Ms: number): HistoryEntry => {
      const base = entry(run, at, run, 1);
      return { ...base, groups: base.groups.map((group) => ({ ...group, costUsd, latencyP50Ms })) };
    };
    const result = computeTrends([
      spend("a", "2026-12-01T09:12:00.000Z", 1.5, 65_000),
      spend("b", "2026-12-02T09:12:00.000Z", 12.5, 90_000),
    ]);
    const lines = renderHistory(result, { file: "reports/history.jsonl" }).split("\n");
    expect(lines.find((line) => line.includes("cost / run"))).toMatch(/\$12\.50 +\+\$11\.00 at b \(main\)$/);
    expect(lines.find((line) => line.includes("latency p50"))).toMatch(/1\.5 min +\+25\.0 s at b \(main\)$/);
  });

  test("an empty history says so", () => {
    expect(renderHistory(computeTrends([]), { file: "reports/history.jsonl" })).toBe(
      "History: reports/history.jsonl · no runs recorded yet",
    );
  });
});
