// README: "The recommendation is the cheapest model/budget that passes every assertion and every threshold
// of the gate": the report builder's own choice (before the gate), by cost, or by latency when a cost is unknown.
import { describe, expect, test } from "vitest";
import { buildEvalReport, type RecommendationReport } from "../../../src/domain/index.js";
import { compareOutputs } from "../../../src/reporter/compare-outputs.js";
import { type CellSpec, makeOutcome, RUN_TIMES } from "../reporter/fixtures.js";

function recommendation(specs: CellSpec[]): RecommendationReport | null {
  return buildEvalReport(specs.map(makeOutcome), { ...RUN_TIMES, compareOutputs }).suites[0]!.recommendation;
}

/** Two runs of a group with these scores, cost and latency per run. */
function group(model: string, budget: "low" | "medium" | "high", extra: Partial<CellSpec> = {}): CellSpec[] {
  return [0, 1].map((repeat) => ({ model, budget, repeat, scores: { formats: 1 }, ...extra }));
}

describe("buildEvalReport's recommendation", () => {
  test("is the cheapest group whose assertions all pass, with its figures", () => {
    expect(
      recommendation([
        ...group("jamba-large", "high", { costUsd: 0.02, latencyMs: 3000 }),
        ...group("jamba-mini", "low", { costUsd: 0.001, latencyMs: 500, thresholds: { formats: 1.5 } }),
        ...group("jamba-mini", "high", { costUsd: 0.004, latencyMs: 900, scores: { formats: 0.9 } }),
      ]),
    ).toEqual({
      group: "jamba-mini/high",
      model: "jamba-mini",
      budget: "high",
      score: 0.9,
      meanCostUsd: 0.004,
      totalCostUsd: 0.008,
      latencyP50Ms: 900,
      basis: "cost",
    });
  });

  test("breaks a tie on cost by the higher overall score", () => {
    const chosen = recommendation([
      ...group("jamba-large", "low", { costUsd: 0.01, scores: { formats: 0.8 } }),
      ...group("jamba-mini", "low", { costUsd: 0.01, scores: { formats: 0.9 } }),
      ...group("jamba-mini", "high", { costUsd: 0.01, scores: { formats: 0.7 } }),
    ]);
    expect(chosen?.group).toBe("jamba-mini/low");
  });

  test("goes by the lowest median latency when a passing group's cost is unknown", () => {
    const chosen = recommendation([
      ...group("jamba-large", "low", { costUsd: 0.001, latencyMs: 2000 }),
      ...group("jamba-mini", "low", {
        costUsd: undefined,
        simulated: false,
        backend: "ai21",
        latencyMs: 700,
      }),
      ...group("jamba-mini", "high", { costUsd: 0.5, latencyMs: 1500 }),
    ]);
    expect(chosen).toMatchObject({
      group: "jamba-mini/low",
      basis: "latency",
      meanCostUsd: null,
      latencyP50Ms: 700,
    });
  });

  test("is null when no group passes", () => {
    expect(recommendation(group("jamba-mini", "low", { thresholds: { formats: 1.5 } }))).toBeNull();
  });
});
