import { describe, expect, test } from "vitest";
import {
  buildEvalReport,
  type EvalReport,
  evaluateGate,
  type GateConfig,
  parseGateConfig,
} from "../../../src/domain/index.js";
import { MaestroConfigurationError } from "../../../src/errors/index.js";
import { compareOutputs } from "../../../src/reporter/compare-outputs.js";
import { type CellSpec, fixtureReport, makeOutcome, RUN_TIMES } from "../reporter/fixtures.js";

const options = { ...RUN_TIMES, compareOutputs };

function report(specs: CellSpec[]): EvalReport {
  return buildEvalReport(specs.map(makeOutcome), options);
}

/** Nine runs of one group (3 cases × 3 repeats) with these "formats" scores. */
function formatsRuns(scores: number[], extra: Partial<CellSpec> = {}): CellSpec[] {
  return scores.map((score, index) => ({
    suite: "invoice extraction",
    case: `case-${Math.floor(index / 3)}`,
    repeat: index % 3,
    scores: { formats: score, "fields present": 1 },
    mandatory: ["fields present"],
    costUsd: 0.001,
    ...extra,
  }));
}

describe("evaluateGate", () => {
  const nine = [0.5, 0.5, 0.6, 0.6, 0.6, 0.7, 0.7, 0.7, 0.7];
  test.each<[string, CellSpec[], GateConfig, number, string[]]>([
    ["passes with no thresholds", formatsRuns(nine), {}, 0, []],
    [
      "fails a requirement mean under its minimum, with the numbers",
      formatsRuns(nine),
      { requirements: { formats: { min: 0.8 } } },
      1,
      ['suite "invoice extraction": requirement "formats" mean 0.62 < 0.80 on jamba-mini/low (n=9)'],
    ],
    [
      "fails a pass rate under its minimum",
      formatsRuns([1, 1, 1, 0.5, 0.5, 1, 1, 1, 1]),
      { requirements: { formats: { min: 0.9, measure: "passRate" } } },
      1,
      ['suite "invoice extraction": requirement "formats" pass rate 0.78 (7/9) < 0.90 on jamba-mini/low'],
    ],
    [
      "applies the * rule to requirements without their own",
      formatsRuns(nine),
      { requirements: { "*": { min: 0.9 }, formats: { min: 0.5 } } },
      0,
      [],
    ],
    [
      "fails the overall mean",
      formatsRuns(nine),
      { overall: { min: 0.9 } },
      1,
      ['suite "invoice extraction": overall mean 0.81 < 0.90 on jamba-mini/low (n=9)'],
    ],
    [
      "shows more decimals when two would show the numbers equal",
      formatsRuns([0.795, 0.795, 0.795]),
      { requirements: { formats: { min: 0.8 } } },
      1,
      ['suite "invoice extraction": requirement "formats" mean 0.795 < 0.800 on jamba-mini/low (n=3)'],
    ],
    [
      "fails the mandatory-gate pass rate",
      [
        ...formatsRuns([1, 1]),
        { case: "case-9", scores: { formats: 1, "fields present": 0.5 }, mandatory: ["fields present"] },
      ],
      { mandatory: { minPassRate: 1 } },
      1,
      ['suite "invoice extraction": mandatory-gate pass rate 0.67 (2/3) < 1.00 on jamba-mini/low'],
    ],
    [
      "fails cells whose tests failed, unless told to ignore them",
      formatsRuns([1, 0.5], { thresholds: { formats: 0.8 } }),
      {},
      1,
      [
        'suite "invoice extraction": 1 of 2 cells failed their tests on jamba-mini/low; case-0 #1: expected requirement "formats" to score at least 0.8, got 0.5',
      ],
    ],
    [
      "ignores failed tests when failedCells is ignore",
      formatsRuns([1, 0.5], { thresholds: { formats: 0.8 } }),
      { failedCells: "ignore" },
      0,
      [],
    ],
    [
      "fails the total cost",
      formatsRuns([1, 1, 1], { costUsd: 0.5 }),
      { cost: { maxTotalUsd: 1 } },
      1,
      ["total cost $1.50 > $1.00 (3 cells with a known cost)"],
    ],
    [
      "fails a cell above the per-cell cost",
      [...formatsRuns([1, 1]), { case: "case-9", costUsd: 0.25, scores: { formats: 1 } }],
      { cost: { maxCellUsd: 0.1 } },
      1,
      [
        'suite "invoice extraction": 1 cell cost more than $0.1 on jamba-mini/low; the most $0.25 (case-9 #0)',
      ],
    ],
    [
      "gates only the groups asked for",
      [...formatsRuns(nine), ...formatsRuns([1, 1, 1], { model: "jamba-large", budget: "high" })],
      { requirements: { formats: { min: 0.8 } }, groups: ["jamba-large"] },
      0,
      [],
    ],
    [
      "lets a suite override the top level",
      formatsRuns(nine),
      { overall: { min: 0.9 }, suites: { "invoice extraction": { overall: { min: 0.8 } } } },
      0,
      [],
    ],
    [
      "exits 2 when infrastructure errors exceed the tolerance, before quality failures",
      [
        ...formatsRuns(nine),
        {
          case: "case-9",
          error: {
            category: "infrastructure",
            name: "MaestroConnectionError",
            message:
              "POST http://127.0.0.1:4010/studio/v1/maestro/runs failed: connection refused (ECONNREFUSED)",
          },
        },
      ],
      { requirements: { formats: { min: 0.8 } } },
      2,
      [
        // The kind of error, how often, and the first one's URL and cause.
        "infrastructure errors in 1 of 10 cells (10%) exceed the tolerance of 0%: MaestroConnectionError ×1 (first, invoice extraction/case-9/jamba-mini/low/#0: POST http://127.0.0.1:4010/studio/v1/maestro/runs failed: connection refused (ECONNREFUSED))",
        'suite "invoice extraction": requirement "formats" mean 0.62 < 0.80 on jamba-mini/low (n=9)',
      ],
    ],
    [
      "tolerates infrastructure errors up to the configured rate",
      [
        ...formatsRuns(nine),
        {
          case: "case-9",
          error: { category: "infrastructure", name: "MaestroTimeoutError", message: "timed out" },
        },
      ],
      { infrastructure: { maxErrorRate: 0.1 } },
      0,
      [],
    ],
    [
      "exits 3 on a usage error in any cell",
      [
        ...formatsRuns([1]),
        {
          case: "case-9",
          error: {
            category: "usage",
            name: "MaestroConstraintViolationError",
            message: "requirements[0].description has 130 words",
          },
        },
        {
          case: "case-8",
          error: { category: "infrastructure", name: "MaestroTimeoutError", message: "timed out" },
        },
      ],
      {},
      3,
      [
        'suite "invoice extraction": usage error in 1 cell (MaestroConstraintViolationError): requirements[0].description has 130 words (first: invoice extraction/case-9/jamba-mini/low/#0)',
        "infrastructure errors in 1 of 3 cells (33.3%) exceed the tolerance of 0%: MaestroTimeoutError ×1 (first, invoice extraction/case-8/jamba-mini/low/#0: timed out)",
      ],
    ],
    [
      "counts a group with no scored runs as infrastructure when its cells errored",
      [
        {
          error: { category: "infrastructure", name: "MaestroTimeoutError", message: "timed out" },
          scores: { formats: 1 },
        },
      ],
      { requirements: { formats: { min: 0.8 } }, infrastructure: { maxErrorRate: 1 } },
      2,
      [
        'suite "invoice extraction": requirement "formats" has no scored runs on jamba-mini/low (1 infrastructure error); the requirement threshold is 0.80',
        'suite "invoice extraction": the mandatory gate has no scored runs on jamba-mini/low (1 infrastructure error); the mandatory threshold is 1.00',
      ],
    ],
  ])("%s", (_, specs, config, exitCode, messages) => {
    const result = evaluateGate(report(specs), config);
    expect(result.failures.map((failure) => failure.message)).toEqual(messages);
    expect(result.exitCode).toBe(exitCode);
    expect(result.status).toBe(exitCode === 0 ? "passed" : exitCode === 1 ? "failed" : "error");
  });

  test("records the numbers of each failure", () => {
    const result = evaluateGate(report(formatsRuns(nine)), { requirements: { formats: { min: 0.8 } } });
    expect(result.failures).toEqual([
      {
        kind: "requirement",
        category: "quality",
        suite: "invoice extraction",
        group: "jamba-mini/low",
        requirement: "formats",
        threshold: 0.8,
        actual: 0.622222,
        message: 'suite "invoice extraction": requirement "formats" mean 0.62 < 0.80 on jamba-mini/low (n=9)',
      },
    ]);
    expect(result.infrastructure).toEqual({ errors: 0, cells: 9, rate: 0, maxErrorRate: 0 });
  });

  describe("against a baseline", () => {
    const baseline = report(formatsRuns([1, 1, 1, 1, 1, 1, 1, 1, 1]));

    test("fails a requirement the paired test finds worse by more than the allowed drop", () => {
      const result = evaluateGate(report(formatsRuns(nine)), { regression: { maxDrop: 0.05 } }, baseline);
      const formats = result.comparisons.find((comparison) => comparison.requirement === "formats")!;
      expect(formats).toMatchObject({
        verdict: "worse",
        n: 9,
        currentMean: 0.622222,
        baselineMean: 1,
        pass: false,
      });
      expect(result.failures.map((failure) => failure.message)).toEqual([
        'suite "invoice extraction": requirement "formats" regressed on jamba-mini/low: mean 0.62 vs baseline 1.00 (drop 0.38 > 0.05, p=0.004, n=9)',
        'suite "invoice extraction": overall score regressed on jamba-mini/low: mean 0.81 vs baseline 1.00 (drop 0.19 > 0.05, p=0.004, n=9)',
      ]);
      expect(result.exitCode).toBe(1);
    });

    test("passes a drop within the allowance, and says noise or too few pairs without failing", () => {
      expect(
        evaluateGate(report(formatsRuns(nine)), { regression: { maxDrop: 0.4 } }, baseline).exitCode,
      ).toBe(0);
      const few = evaluateGate(report(formatsRuns([0.5, 0.5, 0.5])), {}, baseline);
      expect(few.comparisons.map((comparison) => comparison.verdict)).toEqual([
        "insufficient_data",
        "insufficient_data",
        "insufficient_data",
      ]);
      expect(few.exitCode).toBe(0);
      const mixed = evaluateGate(report(formatsRuns([1, 0.5, 1, 1, 1, 1, 1, 1, 1])), {}, baseline);
      expect(mixed.comparisons.find((comparison) => comparison.requirement === "formats")!.verdict).toBe(
        "noise",
      );
    });

    test("notes a suite with nothing to pair", () => {
      const result = evaluateGate(report(formatsRuns([1], { suite: "other" })), {}, baseline);
      expect(result.notes).toEqual([
        'suite "other": no cell pairs with the baseline (same case, model, budget and repeat)',
      ]);
    });
  });

  test("works on the renderer fixture", () => {
    const result = evaluateGate(fixtureReport(), { infrastructure: { maxErrorRate: 0.1 } });
    expect(result.exitCode).toBe(1);
    // The default gate holds every mandatory requirement to 1 in every run: jamba-mini/low misses it twice.
    expect(result.failures.map((failure) => failure.kind)).toEqual(["mandatory", "failed_cells"]);
  });
});

describe("parseGateConfig", () => {
  test("reads a complete configuration", () => {
    const config = {
      overall: { min: 0.8 },
      requirements: { formats: { min: 0.8 }, "*": { min: 0.5, measure: "passRate" } },
      mandatory: { minPassRate: 1 },
      regression: { maxDrop: 0.05, alpha: 0.01 },
      cost: { maxTotalUsd: 5, maxCellUsd: 0.05 },
      infrastructure: { maxErrorRate: 0.02 },
      failedCells: "ignore",
      groups: ["jamba-mini/medium"],
      suites: { "invoice extraction": { overall: { min: 0.9 } } },
    };
    expect(parseGateConfig(config, "maestro-eval.config.ts")).toEqual(config);
    expect(parseGateConfig(undefined, "maestro-eval.config.ts")).toEqual({});
  });

  test.each([
    [
      { requirements: { formats: { min: 1.2 } } },
      "maestro-eval.config.ts: gate.requirements.formats.min must be within [0, 1], got 1.2",
    ],
    [
      { requirements: { "fields present": { min: "high" } } },
      'maestro-eval.config.ts: gate.requirements["fields present"].min must be a number within [0, 1], got "high"',
    ],
    [
      { requirements: { formats: { min: 0.5, measure: "median" } } },
      'maestro-eval.config.ts: gate.requirements.formats.measure must be "mean" or "passRate", got "median"',
    ],
    [
      { overal: { min: 0.5 } },
      "maestro-eval.config.ts: gate.overal is not a setting here; expected one of overall, requirements, mandatory, regression, suites, groups, cost, infrastructure, failedCells, trustedSources",
    ],
    [{ overall: 0.8 }, "maestro-eval.config.ts: gate.overall must be an object, got 0.8"],
    [
      { regression: { maxDrop: 0.1, alpha: 0 } },
      "maestro-eval.config.ts: gate.regression.alpha must be within (0, 1), got 0",
    ],
    [
      { cost: { maxTotalUsd: -1 } },
      "maestro-eval.config.ts: gate.cost.maxTotalUsd must be a non-negative number of US dollars, got -1",
    ],
    [
      { infrastructure: {} },
      "maestro-eval.config.ts: gate.infrastructure.maxErrorRate must be a number within [0, 1], got nothing",
    ],
    [
      { groups: [] },
      'maestro-eval.config.ts: gate.groups must be a non-empty array of "model/budget" or "model" names, got an array',
    ],
    [
      { failedCells: "warn" },
      'maestro-eval.config.ts: gate.failedCells must be "fail" or "ignore", got "warn"',
    ],
    [
      { suites: { x: { cost: {} } } },
      "maestro-eval.config.ts: gate.suites.x.cost is not a setting here; expected one of overall, requirements, mandatory, regression",
    ],
    [[], "maestro-eval.config.ts: gate must be an object, got an array"],
  ])("names the file and the field: %j", (value, message) => {
    let thrown: unknown;
    try {
      parseGateConfig(value, "maestro-eval.config.ts");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MaestroConfigurationError);
    expect((thrown as Error).message).toBe(message);
  });
});
