// Properties of the gate over random reports. The seed comes from MAESTRO_EVAL_SEED when set; on a failure
// fast-check prints the seed and the path that replay it.
import * as fc from "fast-check";
import { describe, expect, test } from "vitest";
import { buildEvalReport, evaluateGate, type GateConfig } from "../../src/domain/index.js";
import { compareOutputs } from "../../src/reporter/compare-outputs.js";
import { type CellSpec, cellSpecs, makeOutcome, RUN_TIMES } from "../unit/reporter/fixtures.js";

const params: fc.Parameters<unknown> = { numRuns: 300 };
const options = { ...RUN_TIMES, compareOutputs };

const unit = fc.constantFrom(0, 0.3, 0.5, 0.7, 0.8, 0.9, 1);

/** Random gate configurations over the requirements cellSpecs makes (r1 mandatory, r2, r3). */
const gateConfig: fc.Arbitrary<GateConfig> = fc
  .record(
    {
      overall: fc.record({ min: unit }),
      requirements: fc.dictionary(
        fc.constantFrom("r1", "r2", "r3", "*"),
        fc.record({ min: unit, measure: fc.constantFrom<"mean" | "passRate">("mean", "passRate") }),
      ),
      mandatory: fc.record({ minPassRate: unit }),
      regression: fc.record({ maxDrop: fc.constantFrom(0, 0.1, 0.3) }),
      infrastructure: fc.record({ maxErrorRate: fc.constantFrom(0, 0.1, 0.5, 1) }),
      failedCells: fc.constantFrom<"fail" | "ignore">("fail", "ignore"),
      groups: fc.constantFrom(["m1"], ["m2/low"], ["m1", "m2"]),
    },
    { requiredKeys: [] },
  )
  .map((config) => config as unknown as GateConfig);

function gate(specs: readonly CellSpec[], config: GateConfig, baseline?: readonly CellSpec[]) {
  const report = buildEvalReport(specs.map(makeOutcome), options);
  const base = baseline === undefined ? undefined : buildEvalReport(baseline.map(makeOutcome), options);
  return evaluateGate(report, config, base);
}

/**
 * The failures other than regressions, by what failed. Regressions are left out of the set comparisons:
 * a paired randomization test's p-value is not monotone in one pair's difference, so a raised score can
 * move a comparison from "noise" to "worse" by chance; the exit-code checks still cover them.
 */
function failing(result: ReturnType<typeof evaluateGate>): string[] {
  return result.failures
    .filter((failure) => failure.kind !== "regression")
    .map((failure) => JSON.stringify([failure.kind, failure.suite, failure.group, failure.requirement]));
}

/** Raises one requirement score of one cell; the cell's assertions are made again on the new scores. */
function raise(specs: readonly CellSpec[], index: number, name: "r1" | "r2" | "r3", to: number): CellSpec[] {
  return specs.map((spec, position) => {
    if (position !== index || spec.scores?.[name] === undefined || spec.scores[name]! >= to) return spec;
    return { ...spec, scores: { ...spec.scores, [name]: to } };
  });
}

describe("evaluateGate properties", () => {
  test("raising any score never turns a pass into a fail", () => {
    fc.assert(
      fc.property(
        cellSpecs(),
        gateConfig,
        fc.option(cellSpecs({ errors: false }), { nil: undefined }),
        fc.nat(),
        fc.constantFrom<"r1" | "r2" | "r3">("r1", "r2", "r3"),
        unit,
        (specs, config, baseline, at, name, to) => {
          // Stronger than "pass stays pass", and needs no precondition that rejects most cases: the exit
          // code never goes up (scores touch only quality checks, which are the lowest non-zero code).
          const before = gate(specs, config, baseline);
          const after = gate(raise(specs, at % specs.length, name, to), config, baseline);
          expect(after.exitCode).toBeLessThanOrEqual(before.exitCode);
          if (before.exitCode === 0) expect(after.failures).toEqual([]);
          // And no threshold that held before fails after.
          expect(failing(before)).toEqual(expect.arrayContaining(failing(after)));
        },
      ),
      params,
    );
  });

  test("adding a failing mandatory requirement never turns a fail into a pass", () => {
    fc.assert(
      fc.property(
        cellSpecs(),
        gateConfig,
        fc.option(cellSpecs({ errors: false }), { nil: undefined }),
        fc.constantFrom(0, 0.5, 0.9),
        fc.func(fc.boolean()),
        (specs, config, baseline, score, pick) => {
          const before = gate(specs, config, baseline);
          const after = gate(
            specs.map((spec, index) =>
              pick(index)
                ? {
                    ...spec,
                    scores: { ...spec.scores, extra: score },
                    mandatory: [...(spec.mandatory ?? []), "extra"],
                  }
                : spec,
            ),
            config,
            baseline,
          );
          if (before.exitCode !== 0) expect(after.exitCode).not.toBe(0);
          // And every threshold that failed before still fails.
          expect(failing(after)).toEqual(expect.arrayContaining(failing(before)));
        },
      ),
      params,
    );
  });

  test("more infrastructure errors never lower the exit code", () => {
    fc.assert(
      fc.property(cellSpecs(), gateConfig, fc.integer({ min: 1, max: 5 }), (specs, config, extra) => {
        const before = gate(specs, config);
        // New cells (further repeats) that never got a run.
        const errors = Array.from(
          { length: extra },
          (_, index): CellSpec => ({
            ...specs[index % specs.length]!,
            repeat: 10 + index,
            state: "failed",
            error: { category: "infrastructure", name: "MaestroConnectionError", message: "ECONNRESET" },
          }),
        );
        const after = gate([...specs, ...errors], config);
        expect(after.exitCode).toBeGreaterThanOrEqual(before.exitCode);
      }),
      params,
    );
  });

  test("with no tolerance, an infrastructure error in place of any run never lowers the exit code", () => {
    fc.assert(
      fc.property(cellSpecs(), gateConfig, fc.nat(), (specs, config, at) => {
        const strict = { ...config, infrastructure: { maxErrorRate: 0 } };
        const index = at % specs.length;
        fc.pre(specs[index]!.error?.category !== "usage" && specs[index]!.state !== "skipped");
        const before = gate(specs, strict);
        const after = gate(
          specs.map((spec, position) =>
            position === index
              ? {
                  ...spec,
                  state: "failed" as const,
                  error: {
                    category: "infrastructure" as const,
                    name: "MaestroTimeoutError",
                    message: "timed out",
                  },
                }
              : spec,
          ),
          strict,
        );
        expect(after.exitCode).toBeGreaterThanOrEqual(before.exitCode);
        expect(after.exitCode).toBeGreaterThanOrEqual(2);
      }),
      params,
    );
  });
});
