import { describe, expect, test } from "vitest";
import { buildEvalReport, type EvalReport, recommendUnderGate } from "../../../src/domain/index.js";
import { compareOutputs } from "../../../src/reporter/compare-outputs.js";
import { type CellSpec, makeOutcome, RUN_TIMES } from "../reporter/fixtures.js";

function report(specs: CellSpec[]): EvalReport {
  return buildEvalReport(specs.map(makeOutcome), { ...RUN_TIMES, compareOutputs });
}

/** Three runs (one case, three repeats) of a group: its formats scores, cost and latency per run. */
function group(
  model: string,
  budget: "low" | "medium" | "high",
  formats: number,
  extra: Partial<CellSpec> = {},
): CellSpec[] {
  return [0, 1, 2].map((repeat) => ({
    model,
    budget,
    repeat,
    scores: { formats },
    costUsd: 0.01,
    latencyMs: 1000,
    ...extra,
  }));
}

describe("recommendUnderGate", () => {
  test("is the cheapest group that passes the gate; the others that pass follow, cheapest first", () => {
    const recommended = recommendUnderGate(
      report([
        ...group("jamba-large", "high", 1, { costUsd: 0.05 }),
        ...group("jamba-mini", "low", 0.5, { costUsd: 0.001 }),
        ...group("jamba-mini", "high", 0.9, { costUsd: 0.003 }),
        ...group("jamba-large", "low", 0.95, { costUsd: 0.02 }),
      ]),
      { overall: { min: 0.8 } },
    );
    expect(recommended).toHaveLength(1);
    expect(recommended[0]!.suite).toBe("invoice extraction");
    expect(recommended[0]!.group?.id).toBe("jamba-mini/high");
    expect(recommended[0]!.passing).toEqual(["jamba-mini/high", "jamba-large/low", "jamba-large/high"]);
  });

  test("leaves out a group with a failed assertion, however cheap, even with no gate", () => {
    const recommended = recommendUnderGate(
      report([
        ...group("jamba-mini", "low", 0.5, { costUsd: 0.001, thresholds: { formats: 0.8 } }),
        ...group("jamba-large", "low", 1, { costUsd: 0.02, thresholds: { formats: 0.8 } }),
      ]),
    );
    expect(recommended[0]!.group?.id).toBe("jamba-large/low");
    expect(recommended[0]!.passing).toEqual(["jamba-large/low"]);
  });

  test("gates every group on its own: the gate's groups filter does not narrow the choice", () => {
    const recommended = recommendUnderGate(
      report([
        ...group("jamba-large", "high", 1, { costUsd: 0.05 }),
        ...group("jamba-mini", "low", 0.9, { costUsd: 0.001 }),
      ]),
      { groups: ["jamba-large/high"], overall: { min: 0.8 } },
    );
    expect(recommended[0]!.passing).toEqual(["jamba-mini/low", "jamba-large/high"]);
  });

  test("applies every kind of threshold: requirement, mandatory gate and cost", () => {
    const specs = [
      ...group("jamba-mini", "low", 0.6, { costUsd: 0.001 }),
      ...group("jamba-mini", "medium", 1, {
        costUsd: 0.002,
        scores: { formats: 1, fields: 0.5 },
        mandatory: ["fields"],
      }),
      ...group("jamba-mini", "high", 1, { costUsd: 0.1 }),
      ...group("jamba-large", "low", 1, { costUsd: 0.03 }),
    ];
    const recommended = recommendUnderGate(report(specs), {
      requirements: { formats: { min: 0.8 } },
      mandatory: { minPassRate: 1 },
      cost: { maxCellUsd: 0.05 },
    });
    expect(recommended[0]!.passing).toEqual(["jamba-large/low"]);
  });

  test("breaks a tie on cost by the lower median latency", () => {
    const recommended = recommendUnderGate(
      report([
        ...group("jamba-large", "low", 1, { costUsd: 0.01, latencyMs: 3000 }),
        ...group("jamba-mini", "low", 1, { costUsd: 0.01, latencyMs: 800 }),
      ]),
    );
    expect(recommended[0]!.passing).toEqual(["jamba-mini/low", "jamba-large/low"]);
  });

  test("puts groups of unknown cost last", () => {
    const recommended = recommendUnderGate(
      report([
        ...group("jamba-mini", "low", 1, { costUsd: undefined, simulated: false, backend: "ai21" }),
        ...group("jamba-large", "low", 1, { costUsd: 0.5 }),
      ]),
    );
    expect(recommended[0]!.passing).toEqual(["jamba-large/low", "jamba-mini/low"]);
  });

  test("is null when no group passes", () => {
    const recommended = recommendUnderGate(report(group("jamba-mini", "low", 0.5)), {
      overall: { min: 0.9 },
    });
    expect(recommended).toEqual([{ suite: "invoice extraction", group: null, passing: [] }]);
  });

  test("recommends per suite: a failure in one suite does not rule the group out in another", () => {
    const recommended = recommendUnderGate(
      report([
        ...group("jamba-mini", "low", 1, { suite: "a", costUsd: 0.001 }),
        ...group("jamba-large", "low", 1, { suite: "a", costUsd: 0.02 }),
        ...group("jamba-mini", "low", 0.5, { suite: "b", costUsd: 0.001 }),
        ...group("jamba-large", "low", 1, { suite: "b", costUsd: 0.02 }),
      ]),
      { overall: { min: 0.8 } },
    );
    expect(recommended.map((item) => [item.suite, item.group?.id, item.passing])).toEqual([
      ["a", "jamba-mini/low", ["jamba-mini/low", "jamba-large/low"]],
      ["b", "jamba-large/low", ["jamba-large/low"]],
    ]);
  });

  test("applies a suite's own thresholds to that suite only", () => {
    const recommended = recommendUnderGate(
      report([
        ...group("jamba-mini", "low", 0.85, { suite: "a", costUsd: 0.001 }),
        ...group("jamba-mini", "low", 0.85, { suite: "b", costUsd: 0.001 }),
      ]),
      { suites: { a: { overall: { min: 0.9 } } } },
    );
    expect(recommended.map((item) => item.group?.id ?? null)).toEqual([null, "jamba-mini/low"]);
  });
});
