// What the gate's recommendation promises beyond recommend-under-gate.test.ts, found by mutation testing
// (npm run test:mutation): a group that failed its own assertions is never recommended, whatever the gate
// ignores; failures that belong to the whole run and no suite (the total cost) rule out no group; and the
// report builder's recommendation of a group without scores or latencies says null for them.
import { describe, expect, test } from "vitest";
import {
  buildEvalReport,
  type EvalReport,
  recommendUnderGate,
  type TestOutcome,
} from "../../../src/domain/index.js";
import { recommendCheapest } from "../../../src/domain/report-pareto.js";
import { compareOutputs } from "../../../src/reporter/compare-outputs.js";
import { type CellSpec, makeOutcome, RUN_TIMES } from "../reporter/fixtures.js";

function report(specs: CellSpec[], tests: TestOutcome[] = []): EvalReport {
  return buildEvalReport(specs.map(makeOutcome), { ...RUN_TIMES, compareOutputs, tests });
}

/** A case's `compare` across cells that failed with an error, on no cell in particular. */
function failedCompare(suite: string): TestOutcome {
  return {
    name: `${suite} > acme > across cells`,
    suite,
    case: "acme",
    state: "failed",
    failures: ["TypeError: Cannot read properties of undefined"],
    assertions: [],
  };
}

/** Three runs of a group with these formats scores. */
function group(model: string, formats: number, extra: Partial<CellSpec> = {}): CellSpec[] {
  return [0, 1, 2].map((repeat) => ({ model, repeat, scores: { formats }, costUsd: 0.01, ...extra }));
}

describe("recommendUnderGate", () => {
  test("never recommends a group that failed its assertions, even when the gate ignores failed cells", () => {
    const built = report([
      ...group("jamba-mini", 0.5, { costUsd: 0.001, thresholds: { formats: 0.8 } }),
      ...group("jamba-large", 1, { costUsd: 0.02 }),
    ]);
    const [recommended] = recommendUnderGate(built, { failedCells: "ignore" });
    expect(recommended?.passing).toEqual(["jamba-large/low"]);
    expect(recommended?.group?.id).toBe("jamba-large/low");
  });

  test("a run over its total cost limit rules out no group: the total is the run's, not a group's", () => {
    const built = report([
      ...group("jamba-mini", 1, { costUsd: 0.5 }),
      ...group("jamba-large", 1, { costUsd: 1 }),
    ]);
    const [recommended] = recommendUnderGate(built, { cost: { maxTotalUsd: 1 } });
    expect(recommended?.passing).toEqual(["jamba-mini/low", "jamba-large/low"]);
  });

  test("a case's compare that failed on no cell rules out every group of its suite, and no other", () => {
    const built = report(
      [
        ...group("jamba-mini", 1, { suite: "a", costUsd: 0.001 }),
        ...group("jamba-large", 1, { suite: "a" }),
        ...group("jamba-mini", 1, { suite: "b", costUsd: 0.001 }),
        ...group("jamba-large", 1, { suite: "b" }),
      ],
      [failedCompare("a")],
    );
    // No assertion of a cell failed, so the report builder's own check lets every group through.
    expect(built.suites.flatMap((suite) => suite.groups.map((item) => item.passesThresholds))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    const recommended = recommendUnderGate(built);
    expect(recommended.map((item) => [item.suite, item.group?.id ?? null, item.passing])).toEqual([
      ["a", null, []],
      ["b", "jamba-mini/low", ["jamba-mini/low", "jamba-large/low"]],
    ]);
  });

  test("each suite is recommended from its own groups and failures", () => {
    const built = report([
      ...group("jamba-mini", 0.5, { suite: "a", costUsd: 0.001 }),
      ...group("jamba-large", 1, { suite: "a" }),
      ...group("jamba-mini", 1, { suite: "b", costUsd: 0.001 }),
      ...group("jamba-large", 1, { suite: "b" }),
    ]);
    const recommended = recommendUnderGate(built, { overall: { min: 0.8 } });
    expect(recommended.map((item) => [item.suite, item.group?.id ?? null, item.passing])).toEqual([
      ["a", "jamba-large/low", ["jamba-large/low"]],
      ["b", "jamba-mini/low", ["jamba-mini/low", "jamba-large/low"]],
    ]);
  });
});

/** A passing test of a suite, as a case's `compare` across its cells reports one. */
function passedCompare(suite: string): TestOutcome {
  return { ...failedCompare(suite), state: "passed", failures: [] };
}

/**
 * `report` with the suite `suite`'s summary, cells and tests behind proxies that count every property read
 * of them and of the objects under them, except the suite's name and the cells' and tests' suite (what
 * picking a suite's part out of the run reads).
 */
function countReads(built: EvalReport, suite: string): { report: EvalReport; reads: () => number } {
  let reads = 0;
  const free = new Set<PropertyKey>(["name", "suite"]);
  const proxies = new WeakMap<object, object>();
  const wrap = <T>(value: T): T => {
    if (typeof value !== "object" || value === null) return value;
    const known = proxies.get(value);
    if (known !== undefined) return known as T;
    const proxy = new Proxy(value, {
      get(target, key, receiver) {
        if (!free.has(key)) reads += 1;
        return wrap(Reflect.get(target, key, receiver));
      },
    });
    proxies.set(value, proxy);
    return proxy;
  };
  return {
    report: {
      ...built,
      suites: built.suites.map((item) => (item.name === suite ? wrap(item) : item)),
      cells: built.cells.map((cell) => (cell.suite === suite ? wrap(cell) : cell)),
      tests: (built.tests ?? []).map((item) => (item.suite === suite ? wrap(item) : item)),
    },
    reads: () => reads,
  };
}

describe("recommendUnderGate's cost", () => {
  test("reads no more of a suite when the run has other suites: a gate on one suite costs its cells only", () => {
    const suiteB = [
      ...group("jamba-mini", 1, { suite: "b", costUsd: 0.001 }),
      ...group("jamba-large", 1, { suite: "b" }),
    ];
    const alone = countReads(report(suiteB, [passedCompare("b")]), "b");
    const config = { overall: { min: 0.8 }, failedCells: "fail" } as const;
    const expected = recommendUnderGate(alone.report, config);
    const readsAlone = alone.reads();
    expect(readsAlone).toBeGreaterThan(0);
    const withOthers = countReads(
      report(
        [
          ...group("jamba-mini", 1, { suite: "a", costUsd: 0.001 }),
          ...group("jamba-large", 1, { suite: "a" }),
          ...suiteB,
        ],
        [passedCompare("a"), passedCompare("b")],
      ),
      "b",
    );
    const recommended = recommendUnderGate(withOthers.report, config);
    expect(withOthers.reads()).toBe(readsAlone);
    expect(recommended.map((item) => [item.suite, item.passing])).toEqual([
      ["a", ["jamba-mini/low", "jamba-large/low"]],
      ["b", ["jamba-mini/low", "jamba-large/low"]],
    ]);
    expect(recommended[1]).toEqual(expected[0]);
  });

  test("gates a report written before tests were kept (no tests) as one with none failed", () => {
    const built = report(
      [...group("jamba-mini", 0.5, { costUsd: 0.001 }), ...group("jamba-large", 1, { costUsd: 0.02 })],
      [passedCompare("invoice extraction")],
    );
    // As report.json was read from such a run: the type has `tests`, the file does not.
    const { tests: _tests, ...written } = built;
    const older = written as EvalReport;
    expect(recommendUnderGate(older, { overall: { min: 0.8 } })).toEqual(
      recommendUnderGate(built, { overall: { min: 0.8 } }),
    );
    expect(recommendUnderGate(older, { overall: { min: 0.8 } })[0]?.passing).toEqual(["jamba-large/low"]);
  });
});

describe("recommendCheapest", () => {
  test("says null for the score and the latency of a group that has none", () => {
    const built = report(group("jamba-mini", 1));
    const [only] = built.suites[0]!.groups;
    const recommendation = recommendCheapest([{ ...only!, overall: null, latencyMs: null }]);
    expect(recommendation).toMatchObject({
      group: "jamba-mini/low",
      score: null,
      latencyP50Ms: null,
      basis: "cost",
    });
  });
});
