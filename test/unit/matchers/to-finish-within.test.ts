import { describe, expect, test } from "vitest";
import { maestroMatchers } from "../../../src/matchers/index.js";
import { createCellRun, createRun, outcomeOf } from "./fixtures.js";

expect.extend(maestroMatchers);

describe("toFinishWithin", () => {
  test("latency at or under the limit passes; over it fails", () => {
    expect(createCellRun({ latencyMs: 30_000 })).toFinishWithin(30_000);
    expect(outcomeOf(() => expect(createCellRun({ latencyMs: 41_250.4 })).toFinishWithin(30_000))).toEqual({
      passed: false,
      message: "expected latency to be at most 30000 ms, got 41250 ms (jamba-mini/low #0, run 3f1c9a2b…)",
    });
    expect(outcomeOf(() => expect(createCellRun({ latencyMs: 900 })).not.toFinishWithin(1000))).toEqual({
      passed: false,
      message: "expected latency not to be at most 1000 ms, got 900 ms (jamba-mini/low #0, run 3f1c9a2b…)",
    });
  });

  test("a bare run uses the local server's latency, or fails either way without one", () => {
    const local = createRun({
      local: { model: "jamba-mini", budget: "medium", latencyMs: 2500, costUsd: 0.001 },
    });
    expect(local).toFinishWithin(3000);
    const message = (not: string) =>
      `expected latency ${not}to be at most 3000 ms, but its latency is unknown (run 3f1c9a2b…); a bare MaestroRun carries none unless the local server answered; pass the CellRun`;
    expect(outcomeOf(() => expect(createRun()).toFinishWithin(3000))).toEqual({
      passed: false,
      message: message(""),
    });
    expect(outcomeOf(() => expect(createRun()).not.toFinishWithin(3000))).toEqual({
      passed: false,
      message: message("not "),
    });
  });

  test("arrays: the mean latency by default, or a count of runs (p95-style: 9 of 10)", () => {
    const runs = [1000, 1200, 5000].map((latencyMs, repeat) => createCellRun({ latencyMs, repeat }));
    expect(runs).toFinishWithin(2500);
    expect(outcomeOf(() => expect(runs).toFinishWithin(2500, { aggregate: "each" }))).toEqual({
      passed: false,
      message: [
        "expected latency to be at most 2500 ms in each of 3 runs, got 2 of 3",
        "  ✓ 1000 ms (jamba-mini/low #0, run 3f1c9a2b…)",
        "  ✓ 1200 ms (jamba-mini/low #1, run 7d2e8c41…)",
        "  ✗ 5000 ms (jamba-mini/low #2, run 0a9b8c7d…)",
      ].join("\n"),
    });
    expect(runs).toFinishWithin(2500, { aggregate: { atLeast: 2 } });
  });

  test("records the latency; null records without a limit", () => {
    const run = createCellRun({ latencyMs: 1234 });
    expect(run).toFinishWithin(null);
    expect(run).toFinishWithin(2000);
    expect(run.assertions).toEqual([
      { matcher: "toFinishWithin", threshold: null, actual: 1234, pass: true },
      { matcher: "toFinishWithin", threshold: 2000, actual: 1234, pass: true },
    ]);
  });
});
