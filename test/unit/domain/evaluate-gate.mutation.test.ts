// What evaluateGate promises beyond the other gate tests, found by mutation testing (npm run test:mutation):
// each failure's kind and category, skipped cells left out of every count, the counts it checked, tests
// outside the cells placed on their groups, the baseline paired only with usable cells, and the notes.
import { describe, expect, test } from "vitest";
import {
  type EvalReport,
  evaluateGate,
  type GateConfig,
  type TestOutcome,
} from "../../../src/domain/index.js";
import type { CellSpec } from "../reporter/fixtures.js";
import { gate, report, runs } from "./gate-fixtures.js";

const mini = { model: "jamba-mini", budget: "low" as const };
const large = { model: "jamba-large", budget: "high" as const };
const infraError = { category: "infrastructure" as const, name: "MaestroTimeoutError", message: "timed out" };
const usageError = {
  category: "usage" as const,
  name: "MaestroConstraintViolationError",
  message: "too long",
};

describe("evaluateGate: each failure says its kind and category", () => {
  test("an empty report is one usage failure", () => {
    expect(evaluateGate(report([])).failures).toStrictEqual([
      {
        kind: "usage",
        category: "usage",
        threshold: 1,
        actual: 0,
        message: "the report has no cells: the run did nothing (no suite file or filter matched a cell)",
      },
    ]);
  });

  test("usage errors of one name in a suite are one usage failure counting their cells", () => {
    const result = gate(
      report([
        ...runs({ formats: 1 }).slice(0, 2),
        { case: "x", error: usageError },
        { case: "y", error: usageError },
      ]),
    );
    expect(result.failures).toStrictEqual([
      {
        kind: "usage",
        category: "usage",
        suite: "invoice extraction",
        threshold: 0,
        actual: 2,
        message:
          'suite "invoice extraction": usage error in 2 cells (MaestroConstraintViolationError): too long (first: invoice extraction/x/jamba-mini/low/#0)',
      },
    ]);
    expect(result.exitCode).toBe(3);
  });

  test("infrastructure errors over the tolerance are an infrastructure failure", () => {
    const result = gate(report([...runs({ formats: 1 }), { case: "x", error: infraError }]));
    expect(result.failures).toStrictEqual([
      {
        kind: "infrastructure",
        category: "infrastructure",
        threshold: 0,
        actual: 0.1,
        message:
          "infrastructure errors in 1 of 10 cells (10%) exceed the tolerance of 0%: MaestroTimeoutError ×1 (first, invoice extraction/x/jamba-mini/low/#0: timed out)",
      },
    ]);
  });

  test("the overall, mandatory, cell and cost thresholds fail as quality, with their numbers", () => {
    const specs = runs({ formats: 0.5, fields: 0.5 }, { ...mini, mandatory: ["fields"], costUsd: 0.5 });
    const result = evaluateGate(report(specs), {
      overall: { min: 0.9 },
      mandatory: { minPassRate: 1 },
      cost: { maxCellUsd: 0.1, maxTotalUsd: 1 },
    });
    expect(result.failures.map(({ message: _message, ...failure }) => failure)).toStrictEqual([
      {
        kind: "overall",
        category: "quality",
        suite: "invoice extraction",
        group: "jamba-mini/low",
        threshold: 0.9,
        actual: 0,
      },
      {
        kind: "mandatory",
        category: "quality",
        suite: "invoice extraction",
        group: "jamba-mini/low",
        threshold: 1,
        actual: 0,
      },
      {
        kind: "cost_cell",
        category: "quality",
        suite: "invoice extraction",
        group: "jamba-mini/low",
        threshold: 0.1,
        actual: 0.5,
      },
      { kind: "cost_total", category: "quality", threshold: 1, actual: 4.5 },
    ]);
  });

  test("a failed cell is a quality failure counting the group's active cells", () => {
    const specs: CellSpec[] = [
      { case: "a", scores: { formats: 1 } },
      { case: "b", scores: { formats: 0.5 }, thresholds: { formats: 0.8 } },
      { case: "c", scores: { formats: 1 }, state: "skipped" },
    ];
    expect(gate(report(specs)).failures).toStrictEqual([
      {
        kind: "failed_cells",
        category: "quality",
        suite: "invoice extraction",
        group: "jamba-mini/low",
        threshold: 0,
        actual: 1,
        message:
          'suite "invoice extraction": 1 of 2 cells failed their tests on jamba-mini/low; b #0: expected requirement "formats" to score at least 0.8, got 0.5',
      },
    ]);
  });

  test("a failed cell without a failure message says that the test failed", () => {
    const result = gate(report([{ case: "a", state: "failed", failures: [] }]));
    expect(result.failures.map((failure) => failure.message)).toEqual([
      'suite "invoice extraction": 1 of 1 cell failed their tests on jamba-mini/low; a #0: the test failed',
    ]);
  });

  test("a requirement without scores and without infrastructure errors is missing data of quality", () => {
    const result = gate(report(runs({ formats: 1 })), { requirements: { tone: { min: 0.5 } } });
    // No requirement "tone" in the suite: nothing to gate.
    expect(result.failures).toEqual([]);
    const two = report([...runs({ formats: 1, tone: 1 }, large), ...runs({ formats: 1 }, mini)]);
    expect(gate(two, { requirements: { tone: { min: 0.5 } } }).failures).toStrictEqual([
      {
        kind: "no_data",
        category: "quality",
        suite: "invoice extraction",
        group: "jamba-mini/low",
        requirement: "tone",
        threshold: 0.5,
        actual: null,
        message:
          'suite "invoice extraction": requirement "tone" has no scored runs on jamba-mini/low; the requirement threshold is 0.50',
      },
    ]);
  });

  test("the overall score without data names no requirement", () => {
    const result = gate(report([{ error: infraError }]), {
      overall: { min: 0.5 },
      infrastructure: { maxErrorRate: 1 },
    });
    expect(result.failures.filter((failure) => failure.message.includes("overall"))).toStrictEqual([
      {
        kind: "no_data",
        category: "infrastructure",
        suite: "invoice extraction",
        group: "jamba-mini/low",
        threshold: 0.5,
        actual: null,
        message:
          'suite "invoice extraction": the overall score has no scored runs on jamba-mini/low (1 infrastructure error); the overall threshold is 0.50',
      },
    ]);
  });

  test("the '*' rule fails a group that never scored a requirement another group did", () => {
    const two = report([...runs({ formats: 1, tone: 1 }, large), ...runs({ formats: 1 }, mini)]);
    const result = gate(two, { requirements: { "*": { min: 0.5 } } });
    expect(result.failures.map((failure) => [failure.kind, failure.group, failure.requirement])).toEqual([
      ["no_data", "jamba-mini/low", "tone"],
    ]);
    expect(result.notes).toEqual([]);
  });

  test("regressions are quality failures", () => {
    const baseline = report(runs({ formats: 1 }));
    const result = gate(report(runs({ formats: 0.5 })), {}, baseline);
    expect(result.failures.map((failure) => [failure.kind, failure.category, failure.requirement])).toEqual([
      ["regression", "quality", "formats"],
      ["regression", "quality", undefined],
    ]);
  });
});

describe("evaluateGate: skipped cells count nowhere", () => {
  const skipped = (extra: Partial<CellSpec>): CellSpec => ({ case: "skipped", state: "skipped", ...extra });

  test("the infrastructure rate is over the cells that ran", () => {
    const specs = [
      ...runs({ formats: 1 }),
      { case: "x", error: infraError },
      skipped({}),
      skipped({ repeat: 1 }),
    ];
    expect(gate(report(specs), { infrastructure: { maxErrorRate: 1 } }).infrastructure).toEqual({
      errors: 1,
      cells: 10,
      rate: 0.1,
      maxErrorRate: 1,
    });
  });

  test("a run where every cell was skipped has an infrastructure rate of 0", () => {
    const result = gate(report([skipped({}), skipped({ repeat: 1 })]));
    expect(result.infrastructure).toEqual({ errors: 0, cells: 0, rate: 0, maxErrorRate: 0 });
  });

  test("a skipped cell costing more than the per-cell limit is not over it", () => {
    const specs = [...runs({ formats: 1 }), skipped({ costUsd: 5 })];
    expect(gate(report(specs), { cost: { maxCellUsd: 0.1 } }).failures).toEqual([]);
  });
});

describe("evaluateGate: the most expensive cell is named", () => {
  test.each<[string, number[], string]>([
    ["the dearest first", [0.5, 0.3], "the most $0.5 (case-0 #0)"],
    ["the dearest last", [0.3, 0.5], "the most $0.5 (case-0 #1)"],
    ["a tie to the first", [0.5, 0.5], "the most $0.5 (case-0 #0)"],
  ])("%s", (_name, costs, most) => {
    const specs = costs.map((costUsd, repeat) => ({
      case: "case-0",
      repeat,
      costUsd,
      scores: { formats: 1 },
    }));
    const [failure] = gate(report(specs), { cost: { maxCellUsd: 0.1 } }).failures;
    expect(failure?.message).toBe(
      `suite "invoice extraction": 2 cells cost more than $0.1 on jamba-mini/low; ${most}`,
    );
  });
});

describe("evaluateGate: the total cost", () => {
  test("counts the cells with a known cost, and notes nothing when under its limit", () => {
    const specs: CellSpec[] = [
      ...runs({ formats: 1 }, { costUsd: 0.5 }).slice(0, 2),
      { case: "unknown", scores: { formats: 1 }, costUsd: undefined, simulated: false },
    ];
    const over = gate(report(specs), { cost: { maxTotalUsd: 0.5 } });
    expect(over.failures.map((failure) => failure.message)).toEqual([
      "total cost $1.00 > $0.5 (2 cells with a known cost)",
    ]);
    const under = gate(report(specs), { cost: { maxTotalUsd: 5 } });
    expect(under.failures).toEqual([]);
    expect(under.notes).toEqual([]);
  });
});

describe("evaluateGate: checked counts every threshold it applied", () => {
  test.each<[string, GateConfig, number]>([
    // The infrastructure tolerance, then per group: the mandatory rate and failed cells (default on).
    ["no other thresholds", {}, 1 + 2 * 2],
    ["a '*' rule over two requirements", { requirements: { "*": { min: 0.5 } } }, 1 + 2 * 4],
    ["named and '*' rules", { requirements: { formats: { min: 0.5 }, "*": { min: 0.1 } } }, 1 + 2 * 4],
    ["an overall minimum", { overall: { min: 0.5 } }, 1 + 2 * 3],
    ["failed cells ignored", { failedCells: "ignore" }, 1 + 2 * 1],
  ])("%s", (_name, config, checked) => {
    const specs = [...runs({ formats: 1, tone: 1 }, large), ...runs({ formats: 1, tone: 1 }, mini)];
    expect(gate(report(specs), config).checked).toBe(checked);
  });

  test("a failed test outside the cells counts once", () => {
    const failed: TestOutcome = {
      name: "plain test",
      suite: null,
      case: null,
      state: "failed",
      failures: [],
      assertions: [],
    };
    expect(gate(report(runs({ formats: 1 }), { tests: [failed] })).checked).toBe(1 + 2 + 1);
  });
});

describe("evaluateGate: tests outside the cells", () => {
  const cells: CellSpec[] = [
    { ...large, case: "acme", scores: { formats: 1 } },
    { ...mini, case: "acme", scores: { formats: 1 } },
  ];
  const largeKey = "invoice extraction/acme/jamba-large/high/#0";
  const miniKey = "invoice extraction/acme/jamba-mini/low/#0";
  const assertion = (cell: string, pass: boolean) => ({
    cell,
    matcher: "toMatchOutputOf",
    threshold: 0,
    actual: pass ? 0 : 2,
    pass,
  });
  const compare = (
    assertions: TestOutcome["assertions"],
    state: TestOutcome["state"] = "failed",
  ): TestOutcome => ({
    name: "invoice extraction > acme > across cells",
    suite: "invoice extraction",
    case: "acme",
    state,
    failures: state === "failed" ? ["outputs differ"] : [],
    assertions,
  });

  test("a plain test that failed without a message names the test, no suite and no group", () => {
    const plain: TestOutcome = {
      name: "sanity",
      suite: null,
      case: null,
      state: "failed",
      failures: [],
      assertions: [],
    };
    expect(gate(report(cells, { tests: [plain] })).failures).toStrictEqual([
      {
        kind: "failed_tests",
        category: "quality",
        threshold: 0,
        actual: 1,
        message: 'test "sanity" failed: the test failed',
      },
    ]);
  });

  test("a failure on two groups counts when one of them is gated, on no single group", () => {
    const built = report(cells, {
      tests: [compare([assertion(largeKey, false), assertion(miniKey, false)])],
    });
    const [failure] = gate(built, { groups: ["jamba-large"] }).failures;
    expect(failure).toStrictEqual({
      kind: "failed_tests",
      category: "quality",
      suite: "invoice extraction",
      threshold: 0,
      actual: 1,
      message: 'suite "invoice extraction": case "acme" across cells failed: outputs differ',
    });
  });

  test("only failed assertions place a failed test: a passed one on a gated group does not", () => {
    const built = report(cells, { tests: [compare([assertion(miniKey, true), assertion(largeKey, false)])] });
    expect(gate(built, { groups: ["jamba-mini"] }).failures).toEqual([]);
    expect(gate(built, { groups: ["jamba-large"] }).failures.map((failure) => failure.group)).toEqual([
      "jamba-large/high",
    ]);
  });

  test("a failed test is placed on its group when a passed test comes with it", () => {
    const passed = { ...compare([assertion(miniKey, true)], "passed"), name: "another test" };
    const built = report(cells, { tests: [compare([assertion(largeKey, false)]), passed] });
    expect(gate(built).failures.map((failure) => failure.group)).toEqual(["jamba-large/high"]);
  });

  test("a report written without tests and run errors passes", () => {
    const { tests: _tests, runErrors: _runErrors, ...older } = report(cells);
    const result = gate(older as EvalReport);
    expect(result.failures).toEqual([]);
    expect(result.exitCode).toBe(0);
  });
});

describe("evaluateGate against a baseline", () => {
  test("pairs each group with its own cells only and notes nothing when cells pair", () => {
    const specs = [...runs({ formats: 1 }, large), ...runs({ formats: 0.5 }, mini)];
    const result = gate(report(specs), {}, report(specs));
    expect(
      result.comparisons.map((comparison) => [
        comparison.group,
        comparison.requirement,
        comparison.n,
        comparison.meanDifference,
      ]),
    ).toEqual([
      ["jamba-large/high", "formats", 9, 0],
      ["jamba-large/high", null, 9, 0],
      ["jamba-mini/low", "formats", 9, 0],
      ["jamba-mini/low", null, 9, 0],
    ]);
    expect(result.notes).toEqual([]);
  });

  test("skipped cells pair on neither side", () => {
    const current = report([
      ...runs({ formats: 1 }),
      { case: "case-9", scores: { formats: 0 }, state: "skipped" },
    ]);
    const baseline = report([
      ...runs({ formats: 1 }),
      { case: "case-9", scores: { formats: 1 }, state: "skipped" },
    ]);
    const result = gate(current, {}, baseline);
    expect(result.comparisons.map((comparison) => comparison.n)).toEqual([9, 9]);
    const skippedBefore = report([
      ...runs({ formats: 1 }),
      { case: "case-9", scores: { formats: 1 }, state: "skipped" },
    ]);
    const now = report([...runs({ formats: 1 }), { case: "case-9", scores: { formats: 0 } }]);
    expect(gate(now, {}, skippedBefore).comparisons.map((comparison) => comparison.n)).toEqual([9, 9]);
  });

  test("the overall score pairs only where both sides have one from trusted scores", () => {
    const selfAssessed = runs({ tone: 1 }, { sources: { tone: "self_assessed" } });
    const verified = runs({ tone: 1 });
    expect(gate(report(selfAssessed), {}, report(verified)).comparisons).toEqual([]);
    expect(gate(report(verified), {}, report(selfAssessed)).comparisons).toEqual([]);
  });

  test("the baseline's scores are read with the trusted sources of the gate", () => {
    const selfAssessed = runs({ tone: 1 }, { sources: { tone: "self_assessed" } });
    const result = gate(
      report(selfAssessed),
      { trustedSources: ["verifier", "self_assessed"] },
      report(selfAssessed),
    );
    expect(result.comparisons.map((comparison) => [comparison.requirement, comparison.n])).toEqual([
      ["tone", 9],
      [null, 9],
    ]);
  });

  test("uses the configured significance level", () => {
    const baseline = report(runs({ formats: 1 }));
    const current = report(runs({ formats: 0.5 }));
    // Nine pairs all worse: p = 2/2^9 ≈ 0.0039, significant at 0.05; at 0.001 nine pairs are too few.
    expect(
      gate(current, { regression: { maxDrop: 0, alpha: 0.001 } }, baseline).comparisons.map((c) => c.verdict),
    ).toEqual(["insufficient_data", "insufficient_data"]);
    expect(
      gate(current, { regression: { maxDrop: 0, alpha: 0.05 } }, baseline).comparisons.map((c) => c.verdict),
    ).toEqual(["worse", "worse"]);
  });

  test("a p-value under 0.001 is written in exponent notation", () => {
    const twelve = (score: number) =>
      Array.from({ length: 12 }, (_, index) => ({ case: `case-${index}`, scores: { formats: score } }));
    const result = gate(report(twelve(0.5)), {}, report(twelve(1)));
    expect(result.failures[0]?.message).toBe(
      'suite "invoice extraction": requirement "formats" regressed on jamba-mini/low: mean 0.50 vs baseline 1.00 (drop 0.50 > 0.00, p=4.9e-4, n=12)',
    );
  });

  test("a difference under a millionth is 0, not -0", () => {
    const result = gate(report(runs({ formats: 0.9999999 })), {}, report(runs({ formats: 1 })));
    expect(Object.is(result.comparisons[0]?.meanDifference, 0)).toBe(true);
  });
});

describe("evaluateGate: numbers in messages", () => {
  test("a pass rate and a minimum it misses by less than a millionth are shown apart, with seven decimals", () => {
    const specs = runs({ formats: 1 }).map((spec, index) =>
      index < 2 ? { ...spec, scores: { formats: 0 } } : spec,
    );
    const [failure] = gate(report(specs), {
      requirements: { formats: { min: 0.7777781, measure: "passRate" } },
    }).failures;
    expect(failure?.message).toBe(
      'suite "invoice extraction": requirement "formats" pass rate 0.7777780 (7/9) < 0.7777781 on jamba-mini/low',
    );
  });
});

describe("evaluateGate: notes on the sources it counted", () => {
  test("one partly verified score 'is'", () => {
    const specs: CellSpec[] = [{ scores: { formats: 1, tone: 1 }, sources: { tone: "partial" } }];
    expect(gate(report(specs)).notes).toEqual([
      "1 of 2 gated scores is only partly verified: the verifiers checked some clauses and did not understand the rest (marked P)",
    ]);
  });

  test("the sources left out are listed with their counts, one score in the singular", () => {
    const one: CellSpec[] = [{ scores: { formats: 1, tone: 1 }, sources: { tone: "self_assessed" } }];
    expect(gate(report(one)).notes).toEqual([
      "left out of the gate: 1 self-assessed score; trusted sources: verifier, partial, judge, maestro (gate.trustedSources)",
    ]);
    const three: CellSpec[] = [
      { case: "a", scores: { formats: 1, tone: 1 }, sources: { tone: "self_assessed" } },
      { case: "b", scores: { formats: 1, tone: 1 }, sources: { tone: "judge" } },
    ];
    expect(gate(report(three), { trustedSources: ["verifier"] }).notes).toEqual([
      "left out of the gate: 1 judged, 1 self-assessed scores; trusted sources: verifier (gate.trustedSources)",
    ]);
  });

  test("a requirement only a model's own claim scored is noted for its own suite and group", () => {
    const specs: CellSpec[] = [
      ...runs({ formats: 1 }, { ...large, suite: "a" }),
      ...runs({ formats: 1 }, { ...large, suite: "b" }),
      ...runs({ formats: 1, tone: 1 }, { ...mini, suite: "b", sources: { tone: "self_assessed" } }),
    ];
    const result = gate(report(specs), { requirements: { "*": { min: 0.5 } } });
    expect(
      result.failures.map((failure) => [failure.kind, failure.suite, failure.group, failure.requirement]),
    ).toEqual([["no_data", "b", "jamba-large/high", "tone"]]);
    expect(result.notes[0]).toBe(
      'suite "b": requirement "tone" not gated on jamba-mini/low: none of its 9 scores comes from a trusted source (name it in gate.requirements to require one)',
    );
  });
});
