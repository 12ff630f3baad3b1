import { describe, expect, test } from "vitest";
import { maestroMatchers } from "../../../src/matchers/index.js";
import { createCellRun, createRun, outcomeOf } from "./fixtures.js";

expect.extend(maestroMatchers);

const mini = "jamba-mini/low #0, run 3f1c9a2b…";

describe("toCostAtMost", () => {
  test.each([
    [0.0042, 0.01, true, "$0.0042", "$0.01"],
    [0.023, 0.01, false, "$0.023", "$0.01"],
    [0.00042, 0.0001, false, "$0.00042", "$0.0001"],
    [1.5, 2, true, "$1.50", "$2.00"],
    [0.01, 0.01, true, "$0.01", "$0.01"],
  ])("cost %d against %d: passes is %s", (costUsd, usd, passes, cost, limit) => {
    const run = () => createCellRun({ costUsd });
    const normal = outcomeOf(() => expect(run()).toCostAtMost(usd));
    const negated = outcomeOf(() => expect(run()).not.toCostAtMost(usd));
    expect(normal).toEqual(
      passes
        ? { passed: true }
        : { passed: false, message: `expected cost to be at most ${limit}, got ${cost} (${mini})` },
    );
    expect(negated).toEqual(
      passes
        ? { passed: false, message: `expected cost not to be at most ${limit}, got ${cost} (${mini})` }
        : { passed: true },
    );
  });

  test("an unknown cost fails, .not or not, and says how to allow it", () => {
    const ai21 = () => createCellRun({ backend: "ai21", costUsd: undefined });
    const message = (not: string) =>
      `expected cost ${not}to be at most $0.01, but its cost is unknown: the ai21 backend reports none (${mini}); pass { allowUnknown: true } to let unknown costs pass`;
    expect(outcomeOf(() => expect(ai21()).toCostAtMost(0.01))).toEqual({
      passed: false,
      message: message(""),
    });
    expect(outcomeOf(() => expect(ai21()).not.toCostAtMost(0.01))).toEqual({
      passed: false,
      message: message("not "),
    });
  });

  test("allowUnknown lets an unknown cost pass, and null records it", () => {
    const run = createCellRun({ backend: "ai21", costUsd: undefined });
    expect(run).toCostAtMost(0.01, { allowUnknown: true });
    expect(run).toCostAtMost(null);
    expect(run.assertions).toEqual([
      { matcher: "toCostAtMost", threshold: 0.01, actual: null, pass: true },
      { matcher: "toCostAtMost", threshold: null, actual: null, pass: true },
    ]);
  });

  test("allowUnknown aggregates the runs whose cost is known", () => {
    const runs = [
      createCellRun({ costUsd: 0.02 }),
      createCellRun({ repeat: 1, backend: "ai21", costUsd: undefined }),
      createCellRun({ repeat: 2, costUsd: 0.01 }),
    ];
    expect(outcomeOf(() => expect(runs).toCostAtMost(0.012, { allowUnknown: true }))).toEqual({
      passed: false,
      message: [
        "expected cost to be at most $0.012 on average over 2 runs, got $0.015 (1 run with unknown cost left out)",
        "  ✗ $0.02 (jamba-mini/low #0, run 3f1c9a2b…)",
        "  ? unknown (jamba-mini/low #1, run 7d2e8c41…)",
        "  ✓ $0.01 (jamba-mini/low #2, run 0a9b8c7d…)",
      ].join("\n"),
    });
    expect(runs).toCostAtMost(0.02, { allowUnknown: true, aggregate: "each" });
  });

  test("a bare run uses the local server's cost", () => {
    const run = createRun({ local: { model: "jamba-large", budget: "high", latencyMs: 100, costUsd: 0.05 } });
    expect(outcomeOf(() => expect(run).toCostAtMost(0.01))).toEqual({
      passed: false,
      message: "expected cost to be at most $0.01, got $0.05 (jamba-large/high, run 3f1c9a2b…)",
    });
    expect(outcomeOf(() => expect(createRun()).toCostAtMost(0.01))).toEqual({
      passed: false,
      message:
        "expected cost to be at most $0.01, but its cost is unknown: the run reports none (run 3f1c9a2b…); pass { allowUnknown: true } to let unknown costs pass",
    });
  });
});
