// The gate's behaviour where a broken gate would still pass the older tests: a threshold that passes as
// well as one that fails, the groups filter, costs under and at their limits, the baseline paired by
// requirement name, several suites, and how many thresholds were checked.
import { describe, expect, test } from "vitest";
import type { GateConfig, GateFailure } from "../../../src/domain/index.js";
import { gate, report, runs } from "./gate-fixtures.js";

/** What identifies a failure, without its wording. */
function summary(failures: readonly GateFailure[]) {
  return failures.map((failure) => ({
    kind: failure.kind,
    suite: failure.suite,
    group: failure.group,
    requirement: failure.requirement,
    threshold: failure.threshold,
    actual: failure.actual,
  }));
}

const mini = { model: "jamba-mini", budget: "low" as const };
const large = { model: "jamba-large", budget: "high" as const };

describe("evaluateGate: a threshold fails only the groups under it", () => {
  const specs = [
    ...runs({ formats: 1, fields: 1 }, { ...large, mandatory: ["fields"] }),
    ...runs({ formats: 0.5, fields: 0.5 }, { ...mini, mandatory: ["fields"] }),
  ];

  test.each<[string, GateConfig, number, number, string[]]>([
    ["mandatory", { mandatory: { minPassRate: 1 } }, 1, 0, ["jamba-mini/low"]],
    ["overall (0: a mandatory requirement is unmet)", { overall: { min: 0.9 } }, 0.9, 0, ["jamba-mini/low"]],
    ["requirement mean", { requirements: { formats: { min: 0.9 } } }, 0.9, 0.5, ["jamba-mini/low"]],
    [
      "requirement pass rate, for every requirement (*)",
      { requirements: { "*": { min: 0.9, measure: "passRate" } } },
      0.9,
      0,
      ["jamba-mini/low", "jamba-mini/low"],
    ],
  ])("%s", (_, config, threshold, actual, groups) => {
    const result = gate(report(specs), { ...config, failedCells: "ignore" });
    expect(result.exitCode).toBe(1);
    expect(result.failures.map((failure) => failure.group)).toEqual(groups);
    expect(result.failures[0]).toMatchObject({ threshold, actual });
  });

  test("a group exactly at every threshold passes them all", () => {
    const result = gate(report(runs({ formats: 0.5 }, mini)), {
      overall: { min: 0.5 },
      requirements: { formats: { min: 0.5 } },
      cost: { maxCellUsd: 0.01, maxTotalUsd: 0.09 },
    });
    expect(result).toMatchObject({ status: "passed", exitCode: 0, failures: [] });
  });
});

describe("evaluateGate: groups", () => {
  const specs = [...runs({ formats: 1 }, large), ...runs({ formats: 0.2 }, mini)];
  const config: GateConfig = { overall: { min: 0.8 } };

  test("gates every group by default", () => {
    expect(summary(gate(report(specs), config).failures)).toEqual([
      {
        kind: "overall",
        suite: "invoice extraction",
        group: "jamba-mini/low",
        requirement: undefined,
        threshold: 0.8,
        actual: 0.2,
      },
    ]);
  });

  test("gates only the listed groups, by model/budget or by model", () => {
    expect(gate(report(specs), { ...config, groups: ["jamba-large/high"] }).exitCode).toBe(0);
    expect(gate(report(specs), { ...config, groups: ["jamba-large"] }).exitCode).toBe(0);
    expect(gate(report(specs), { ...config, groups: ["jamba-mini"] }).exitCode).toBe(1);
    expect(gate(report(specs), { ...config, groups: ["jamba-mini/low"] }).exitCode).toBe(1);
  });

  test("the cell cost limit applies to gated groups only", () => {
    const costly = [...runs({ formats: 1 }, { ...large, costUsd: 0.5 }), ...runs({ formats: 1 }, mini)];
    expect(gate(report(costly), { cost: { maxCellUsd: 0.1 }, groups: ["jamba-mini"] }).exitCode).toBe(0);
    expect(
      summary(gate(report(costly), { cost: { maxCellUsd: 0.1 }, groups: ["jamba-large"] }).failures),
    ).toEqual([
      {
        kind: "cost_cell",
        suite: "invoice extraction",
        group: "jamba-large/high",
        requirement: undefined,
        threshold: 0.1,
        actual: 0.5,
      },
    ]);
  });
});

describe("evaluateGate: costs", () => {
  test("under both limits passes; over the total fails with the total", () => {
    const specs = runs({ formats: 1 }, { ...mini, costUsd: 0.02 });
    expect(gate(report(specs), { cost: { maxTotalUsd: 1, maxCellUsd: 0.05 } })).toMatchObject({
      exitCode: 0,
      checked: 5,
    });
    const over = gate(report(specs), { cost: { maxTotalUsd: 0.1 } });
    expect(summary(over.failures)).toEqual([
      {
        kind: "cost_total",
        suite: undefined,
        group: undefined,
        requirement: undefined,
        threshold: 0.1,
        actual: 0.18,
      },
    ]);
    expect(over.failures[0]!.message).toBe("total cost $0.18 > $0.1 (9 cells with a known cost)");
  });

  test("an unknown total cost is noted, not failed", () => {
    const specs = runs({ formats: 1 }, { ...mini, costUsd: undefined, simulated: false, backend: "ai21" });
    const result = gate(report(specs), { cost: { maxTotalUsd: 0.01, maxCellUsd: 0.001 } });
    expect(result.exitCode).toBe(0);
    expect(result.notes).toEqual([
      "cost.maxTotalUsd: no cell reports a cost (AI21 does not), so it was not checked",
    ]);
  });
});

describe("evaluateGate: the baseline", () => {
  const before = report(runs({ formats: 1, fields: 0.5 }, mini));

  test("pairs each requirement with the same requirement of the baseline", () => {
    // formats dropped from 1 to 0.5; fields stayed at 0.5. Paired by the wrong name, both would look changed.
    const now = report(runs({ formats: 0.5, fields: 0.5 }, mini));
    const result = gate(now, { regression: { maxDrop: 0.05 } }, before);
    expect(summary(result.failures)).toEqual([
      {
        kind: "regression",
        suite: "invoice extraction",
        group: "jamba-mini/low",
        requirement: "formats",
        threshold: 0.05,
        actual: 0.5,
      },
      {
        kind: "regression",
        suite: "invoice extraction",
        group: "jamba-mini/low",
        requirement: undefined,
        threshold: 0.05,
        actual: 0.25,
      },
    ]);
    expect(
      result.comparisons.map(({ requirement, verdict, currentMean, baselineMean, n, pass }) => ({
        requirement,
        verdict,
        currentMean,
        baselineMean,
        n,
        pass,
      })),
    ).toEqual([
      { requirement: "formats", verdict: "worse", currentMean: 0.5, baselineMean: 1, n: 9, pass: false },
      { requirement: "fields", verdict: "noise", currentMean: 0.5, baselineMean: 0.5, n: 9, pass: true },
      { requirement: null, verdict: "worse", currentMean: 0.5, baselineMean: 0.75, n: 9, pass: false },
    ]);
    // One check per comparison, and one each for the infrastructure tolerance, the mandatory gate and
    // failed cells.
    expect(result.checked).toBe(6);
  });

  test("a drop within maxDrop passes, and a better score never fails", () => {
    const now = report(runs({ formats: 0.96, fields: 1 }, mini));
    const result = gate(now, { regression: { maxDrop: 0.05 } }, before);
    expect(result.exitCode).toBe(0);
    expect(result.comparisons.map((comparison) => comparison.pass)).toEqual([true, true, true]);
  });

  test("a suite with nothing to pair is noted", () => {
    const other = report(runs({ formats: 1 }, { ...mini, suite: "other" }));
    const result = gate(other, {}, before);
    expect(result.comparisons).toEqual([]);
    expect(result.notes).toEqual([
      'suite "other": no cell pairs with the baseline (same case, model, budget and repeat)',
    ]);
  });
});

describe("evaluateGate: several suites", () => {
  const specs = [
    ...runs({ formats: 1 }, { ...mini, suite: "alpha" }),
    ...runs({ formats: 0.5 }, { ...mini, suite: "beta" }),
    ...runs({ formats: 1 }, { ...mini, suite: "gamma" }),
  ];

  test("each suite is gated on its own cells", () => {
    const result = gate(report(specs), { overall: { min: 0.8 }, failedCells: "ignore" });
    expect(result.failures.map((failure) => [failure.suite, failure.actual])).toEqual([["beta", 0.5]]);
    // One infrastructure check, then an overall and a mandatory check per suite and group.
    expect(result.checked).toBe(7);
  });

  test("a suite's own thresholds replace the top level's for that suite only", () => {
    const result = gate(report(specs), {
      overall: { min: 0.8 },
      suites: { beta: { overall: { min: 0.4 } }, gamma: { overall: { min: 1 } } },
    });
    expect(result.exitCode).toBe(0);
    const stricter = gate(report(specs), {
      overall: { min: 0.4 },
      suites: { alpha: { overall: { min: 1.1 } } },
    });
    expect(stricter.failures.map((failure) => [failure.suite, failure.threshold])).toEqual([["alpha", 1.1]]);
  });

  test("requirements merge by name with the top level", () => {
    const result = gate(report(specs), {
      requirements: { formats: { min: 0.9 } },
      suites: { beta: { requirements: { formats: { min: 0.5 } } } },
    });
    expect(result.exitCode).toBe(0);
  });

  test("a failed test in one suite fails that suite's group only", () => {
    const failing = [
      ...runs({ formats: 1 }, { ...mini, suite: "alpha" }),
      ...runs({ formats: 1 }, { ...mini, suite: "beta", thresholds: { formats: 1.5 } }),
    ];
    const result = gate(report(failing));
    expect(summary(result.failures)).toEqual([
      {
        kind: "failed_cells",
        suite: "beta",
        group: "jamba-mini/low",
        requirement: undefined,
        threshold: 0,
        actual: 9,
      },
    ]);
    expect(gate(report(failing), { failedCells: "ignore" }).exitCode).toBe(0);
  });
});

describe("evaluateGate: infrastructure errors", () => {
  const error = {
    category: "infrastructure" as const,
    name: "MaestroConnectionError",
    message: "ECONNREFUSED",
  };

  test("at the tolerance passes; above it exits 2; a usage error exits 3 above both", () => {
    const specs = [...runs({ formats: 1 }, mini), { ...mini, case: "case-9", error }];
    expect(gate(report(specs), { infrastructure: { maxErrorRate: 0.1 } })).toMatchObject({
      exitCode: 0,
      infrastructure: { errors: 1, cells: 10, rate: 0.1, maxErrorRate: 0.1 },
    });
    expect(gate(report(specs), { infrastructure: { maxErrorRate: 0.09 } })).toMatchObject({
      exitCode: 2,
      status: "error",
    });
    const usage = [
      ...specs,
      {
        ...mini,
        case: "case-10",
        error: { category: "usage" as const, name: "MaestroCassetteMissError", message: "no recording" },
      },
    ];
    expect(gate(report(usage), { overall: { min: 1.1 } })).toMatchObject({
      exitCode: 3,
      status: "error",
    });
  });

  test("a gated group whose every run errored has no data: infrastructure, not quality", () => {
    const specs = [
      ...runs({ formats: 1 }, large),
      ...Array.from({ length: 3 }, (_, repeat) => ({ ...mini, repeat, error })),
    ];
    const result = gate(report(specs), {
      overall: { min: 0.5 },
      infrastructure: { maxErrorRate: 1 },
    });
    expect(result.exitCode).toBe(2);
    // The overall and mandatory thresholds both lack data.
    expect(result.failures.map((failure) => [failure.kind, failure.category, failure.group])).toEqual([
      ["no_data", "infrastructure", "jamba-mini/low"],
      ["no_data", "infrastructure", "jamba-mini/low"],
    ]);
  });
});

describe("evaluateGate: what the messages say", () => {
  test("cell costs: the count, the limit and the most expensive cell, in dollars", () => {
    const specs = [
      ...runs({ formats: 1 }, { ...mini, costUsd: 0.002 }),
      { ...mini, case: "case-9", scores: { formats: 1 }, costUsd: 2.5 },
    ];
    expect(gate(report(specs), { cost: { maxCellUsd: 0.001 } }).failures.map((f) => f.message)).toEqual([
      'suite "invoice extraction": 10 cells cost more than $0.001 on jamba-mini/low; the most $2.50 (case-9 #0)',
    ]);
    expect(gate(report(specs), { cost: { maxCellUsd: 1 } }).failures.map((f) => f.message)).toEqual([
      'suite "invoice extraction": 1 cell cost more than $1.00 on jamba-mini/low; the most $2.50 (case-9 #0)',
    ]);
    expect(gate(report(specs), { cost: { maxTotalUsd: 0 } }).failures.map((f) => f.message)).toEqual([
      "total cost $2.52 > $0 (10 cells with a known cost)",
    ]);
  });

  test("infrastructure errors: count, share, tolerance and the errors by name", () => {
    const error = (name: string) => ({ category: "infrastructure" as const, name, message: "x" });
    const specs = [
      ...runs({ formats: 1 }, mini),
      ...Array.from({ length: 191 }, (_, index) => ({
        ...mini,
        case: `ok-${index}`,
        scores: { formats: 1 },
      })),
      { ...mini, case: "e-1", error: error("MaestroConnectionError") },
      { ...mini, case: "e-2", error: error("MaestroTimeoutError") },
      { ...mini, case: "e-3", error: error("MaestroConnectionError") },
    ];
    // The errors by name, most frequent first (what follows each name may say more).
    const [message] = gate(report(specs)).failures.map((f) => f.message);
    expect(message).toMatch(
      /^infrastructure errors in 3 of 203 cells \(1\.5%\) exceed the tolerance of 0%: MaestroConnectionError ×2\b.*, MaestroTimeoutError ×1\b/,
    );
    const [tolerant] = gate(report(specs), { infrastructure: { maxErrorRate: 0.005 } }).failures.map(
      (f) => f.message,
    );
    expect(tolerant).toMatch(
      /^infrastructure errors in 3 of 203 cells \(1\.5%\) exceed the tolerance of 0\.5%: /,
    );
  });

  test("usage errors: per suite and error name, with the first cell", () => {
    const usage = { category: "usage" as const, name: "MaestroCassetteMissError", message: "no recording" };
    const specs = [
      { ...mini, case: "a", error: usage },
      { ...mini, case: "b", error: usage },
      { ...mini, case: "c", scores: { formats: 1 } },
    ];
    expect(gate(report(specs)).failures.map((f) => f.message)).toEqual([
      'suite "invoice extraction": usage error in 2 cells (MaestroCassetteMissError): no recording (first: invoice extraction/a/jamba-mini/low/#0)',
    ]);
  });

  test("no data: what lacks scored runs, why, and the threshold", () => {
    const error = { category: "infrastructure" as const, name: "MaestroTimeoutError", message: "timed out" };
    const specs = [{ ...mini, error }, ...runs({ formats: 1 }, large)];
    expect(
      gate(report(specs), { overall: { min: 0.5 }, infrastructure: { maxErrorRate: 1 } }).failures.map(
        (f) => f.message,
      ),
    ).toEqual([
      'suite "invoice extraction": the overall score has no scored runs on jamba-mini/low (1 infrastructure error); the overall threshold is 0.50',
      'suite "invoice extraction": the mandatory gate has no scored runs on jamba-mini/low (1 infrastructure error); the mandatory threshold is 0.00',
    ]);
  });

  test("regressions: the means, the drop against maxDrop, the p-value and n", () => {
    const before = report(runs({ formats: 1 }, mini));
    const now = report(runs({ formats: 0.4 }, mini));
    const messages = gate(now, { regression: { maxDrop: 0.1 } }, before).failures.map((f) => f.message);
    expect(messages).toEqual([
      'suite "invoice extraction": requirement "formats" regressed on jamba-mini/low: mean 0.40 vs baseline 1.00 (drop 0.60 > 0.10, p=0.004, n=9)',
      'suite "invoice extraction": overall score regressed on jamba-mini/low: mean 0.40 vs baseline 1.00 (drop 0.60 > 0.10, p=0.004, n=9)',
    ]);
  });
});
