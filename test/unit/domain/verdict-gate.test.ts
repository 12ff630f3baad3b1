// The gate's verdict on what a report holds beyond the cells' scores: failed assertions of a case's
// compare, suites that did not load, an empty run, and the default gate (every mandatory requirement
// met, every assertion passed). The report's own recommendation and the CLI's agree.
import { describe, expect, test } from "vitest";
import {
  applyGateRecommendations,
  buildEvalReport,
  type EvalReport,
  evaluateGate,
  recommendUnderGate,
  type TestOutcome,
} from "../../../src/domain/index.js";
import { compareOutputs } from "../../../src/reporter/compare-outputs.js";
import { type CellSpec, makeOutcome, RUN_TIMES } from "../reporter/fixtures.js";

const options = { ...RUN_TIMES, compareOutputs };

function report(specs: CellSpec[], extra: { tests?: TestOutcome[]; runErrors?: string[] } = {}): EvalReport {
  return buildEvalReport(specs.map(makeOutcome), { ...options, ...extra });
}

/** Two groups of one case, 3 repeats each: jamba-large always meets the mandatory requirement, jamba-mini never. */
const cells: CellSpec[] = [0, 1, 2].flatMap((repeat) => [
  { model: "jamba-large", repeat, scores: { formats: 1, facts: 1 }, mandatory: ["facts"], costUsd: 0.01 },
  { model: "jamba-mini", repeat, scores: { formats: 1, facts: 0 }, mandatory: ["facts"], costUsd: 0.001 },
]);

const compareTest = (pass: boolean, cell = "invoice extraction/acme/jamba-large/low/#0"): TestOutcome => ({
  name: "invoice extraction > acme > across cells",
  suite: "invoice extraction",
  case: "acme",
  state: pass ? "passed" : "failed",
  failures: pass ? [] : ["expected output to match the output of run 1 (jamba-mini/low #0)"],
  assertions: [{ cell, matcher: "toMatchOutputOf", threshold: 0, actual: pass ? 0 : 2, pass }],
});

describe("the default gate", () => {
  test("with no thresholds configured, a mandatory requirement missed fails the group", () => {
    const result = evaluateGate(report(cells));
    expect(result.exitCode).toBe(1);
    expect(result.failures.map((failure) => failure.message)).toEqual([
      'suite "invoice extraction": mandatory-gate pass rate 0.00 (0/3) < 1.00 on jamba-mini/low',
    ]);
  });

  test("mandatory: { minPassRate: 0 } turns it off; groups limit it", () => {
    expect(evaluateGate(report(cells), { mandatory: { minPassRate: 0 } }).exitCode).toBe(0);
    expect(evaluateGate(report(cells), { groups: ["jamba-large"] }).exitCode).toBe(0);
  });

  test("a group that misses a mandatory requirement is never 'passing', in the report or under the gate", () => {
    const built = report(cells);
    const mini = built.suites[0]!.groups.find((group) => group.id === "jamba-mini/low")!;
    expect(mini.passesThresholds).toBe(false);
    // The cheaper group fails the mandatory requirement: the dearer one is recommended, everywhere.
    expect(built.suites[0]!.recommendation?.group).toBe("jamba-large/low");
    expect(recommendUnderGate(built)[0]!.group?.id).toBe("jamba-large/low");
  });

  test("the report's recommendation follows the configured gate, as the CLI's does", () => {
    const built = report(cells);
    const config = { overall: { min: 0.99 } };
    const applied = applyGateRecommendations(built, config);
    // jamba-large's overall (its mandatory requirement met, formats 1) passes the stricter rule too.
    expect(applied.suites[0]!.recommendation?.group).toBe("jamba-large/low");
    expect(recommendUnderGate(built, config)[0]!.group?.id).toBe("jamba-large/low");
    const none = applyGateRecommendations(built, { requirements: { formats: { min: 1.1 } } });
    expect(none.suites[0]!.recommendation).toBeNull();
    expect(recommendUnderGate(built, { requirements: { formats: { min: 1.1 } } })[0]!.group).toBeNull();
  });
});

describe("tests outside the cells", () => {
  test("a failed assertion in a case's compare fails the gate, on the group of the cell it was made on", () => {
    const built = report(cells, { tests: [compareTest(false)] });
    const result = evaluateGate(built, { mandatory: { minPassRate: 0 } });
    expect(result.exitCode).toBe(1);
    expect(result.failures).toEqual([
      {
        kind: "failed_tests",
        category: "quality",
        suite: "invoice extraction",
        group: "jamba-large/low",
        threshold: 0,
        actual: 1,
        message:
          'suite "invoice extraction": case "acme" across cells failed: expected output to match the output of run 1 (jamba-mini/low #0)',
      },
    ]);
    const large = built.suites[0]!.groups.find((group) => group.id === "jamba-large/low")!;
    expect(large.assertions.failed).toBe(1);
    expect(large.passesThresholds).toBe(false);
    // Not gated: jamba-mini only.
    expect(evaluateGate(built, { mandatory: { minPassRate: 0 }, groups: ["jamba-mini/low"] }).exitCode).toBe(
      0,
    );
    // failedCells: "ignore" ignores it, as it ignores failed cells.
    expect(evaluateGate(built, { mandatory: { minPassRate: 0 }, failedCells: "ignore" }).exitCode).toBe(0);
  });

  test("a failure no assertion record places (a plain expect) counts for every group", () => {
    const plain: TestOutcome = { ...compareTest(false), assertions: [] };
    const result = evaluateGate(report(cells, { tests: [plain] }), { groups: ["jamba-large"] });
    expect(result.exitCode).toBe(1);
    expect(result.failures[0]!.kind).toBe("failed_tests");
    expect(result.failures[0]!.group).toBeUndefined();
  });

  test("a passing compare keeps its assertions in the report, sorted, and passes", () => {
    const built = report(cells, { tests: [compareTest(true)] });
    expect(built.tests).toEqual([compareTest(true)]);
    expect(evaluateGate(built, { mandatory: { minPassRate: 0 } }).exitCode).toBe(0);
  });

  test("a suite that did not load is a usage error", () => {
    const result = evaluateGate(report(cells, { runErrors: ["suites/broken.eval.ts: Transform failed"] }));
    expect(result.exitCode).toBe(3);
    expect(result.failures[0]).toMatchObject({
      kind: "usage",
      message:
        "error outside the tests (a suite file that did not load?): suites/broken.eval.ts: Transform failed",
    });
  });

  test("a report without cells is a usage error, not a pass", () => {
    const result = evaluateGate(report([]));
    expect(result.exitCode).toBe(3);
    expect(result.failures.map((failure) => failure.message)).toEqual([
      "the report has no cells: the run did nothing (no suite file or filter matched a cell)",
    ]);
  });
});
