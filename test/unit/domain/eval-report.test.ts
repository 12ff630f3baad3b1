// buildEvalReport and mergeEvalReports on hand-made cells, against the JSON Schema, and as properties
// (order independence, merge of shards equals one build). The seed comes from MAESTRO_EVAL_SEED when set;
// on a failure fast-check prints the seed and the path that replay it.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import * as fc from "fast-check";
import { describe, expect, test } from "vitest";
import { buildEvalReport, type EvalReport, mergeEvalReports } from "../../../src/domain/index.js";
import { compareOutputs } from "../../../src/reporter/compare-outputs.js";
import {
  cellSpecs,
  fixtureOutcomes,
  fixtureReport,
  hostileReport,
  makeOutcome,
  RUN_TIMES,
} from "../reporter/fixtures.js";

const params = (numRuns: number): fc.Parameters<unknown> => ({
  numRuns,
});
const options = { ...RUN_TIMES, compareOutputs };

const schema = JSON.parse(
  readFileSync(new URL("../../../schemas/eval-report.schema.json", import.meta.url), "utf8"),
);
const ajv = new Ajv2020.default({ allErrors: true, strict: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

function expectValid(report: EvalReport): void {
  const valid = validate(JSON.parse(JSON.stringify(report)));
  expect(validate.errors ?? [], "the report matches schemas/eval-report.schema.json").toEqual([]);
  expect(valid).toBe(true);
}

describe("buildEvalReport", () => {
  const report = fixtureReport();
  const invoice = report.suites[0]!;
  const [large, mini] = invoice.groups;

  test("sorts suites, groups (model, then budget low to high) and cells", () => {
    expect(report.suites.map((suite) => suite.name)).toEqual(["invoice extraction", "support replies"]);
    expect(invoice.groups.map((group) => group.id)).toEqual(["jamba-large/high", "jamba-mini/low"]);
    expect(report.cells.map((cell) => cell.key).slice(0, 4)).toEqual([
      "invoice extraction/acme/jamba-large/high/#0",
      "invoice extraction/acme/jamba-large/high/#1",
      "invoice extraction/acme/jamba-mini/low/#0",
      "invoice extraction/acme/jamba-mini/low/#1",
    ]);
  });

  test("summarises each requirement per group: mean and its interval, sources, pass count against its threshold, Wilson interval", () => {
    const formats = mini!.requirements.find((item) => item.name === "formats")!;
    expect(formats).toEqual({
      name: "formats",
      mandatory: false,
      n: 4,
      mean: 0.875,
      interval: { low: 0.395773, high: 0.986809 },
      sources: { verifier: 4 },
      min: 0.5,
      max: 1,
      pass: { passed: 3, total: 4, rate: 0.75, interval: { low: 0.300642, high: 0.954413 } },
      threshold: 0.8,
    });
    // No assertion on "tone": the threshold is 1.
    expect(mini!.requirements.find((item) => item.name === "tone")!.threshold).toBe(1);
    expect(mini!.requirements.find((item) => item.name === "tone")!.pass.passed).toBe(0);
  });

  test("counts the mandatory gate, latency percentiles, cost and assertions", () => {
    expect(mini!.mandatory).toEqual({
      passed: 2,
      total: 4,
      rate: 0.5,
      interval: { low: 0.150039, high: 0.849961 },
    });
    expect(large!.mandatory!.rate).toBe(1);
    expect(mini!.latencyMs).toEqual({ p50: 925, p95: 950, mean: 925 });
    expect(mini!.costUsd).toEqual({ mean: 0.0011, total: 0.0044, known: 4 });
    expect(mini!.assertions).toEqual({ total: 4, failed: 1 });
    expect(mini!.overall!.mean).toBe(0.425);
  });

  test("finds flaky requirements: passed in some repeats, failed in others", () => {
    expect(invoice.flaky).toEqual([
      { case: "acme", group: "jamba-mini/low", requirement: "formats", passed: 1, total: 2 },
    ]);
    expect(mini!.flaky).toBe(1);
  });

  test("recommends the cheapest group that passes every threshold, and marks the Pareto front", () => {
    expect(mini!.passesThresholds).toBe(false);
    expect(large!.passesThresholds).toBe(true);
    expect(invoice.recommendation).toEqual({
      group: "jamba-large/high",
      model: "jamba-large",
      budget: "high",
      score: large!.overall!.mean,
      meanCostUsd: 0.012,
      totalCostUsd: 0.048,
      latencyP50Ms: 4250,
      basis: "cost",
    });
    expect(invoice.pareto).toEqual({
      objectives: ["score", "cost", "latency"],
      groups: ["jamba-large/high", "jamba-mini/low"],
    });
  });

  test("counts errors by category and keeps errored cells out of the scores", () => {
    const support = report.suites[1]!;
    const miniSupport = support.groups.find((group) => group.id === "jamba-mini/medium")!;
    expect(miniSupport.errors).toEqual({ infrastructure: 1, usage: 0 });
    expect(miniSupport.scored).toBe(1);
    expect(miniSupport.passesThresholds).toBe(false);
    expect(report.totals).toEqual({
      cells: 11,
      passed: 9,
      failed: 2,
      skipped: 0,
      errors: { infrastructure: 1, usage: 0 },
      costUsd: 0.0573,
    });
  });

  test("diffs every case against the most expensive group's first run", () => {
    expect(invoice.reference).toBe("jamba-large/high");
    const [acme, globex] = invoice.cases;
    expect(acme).toMatchObject({
      reference: "invoice extraction/acme/jamba-large/high/#0",
      diffs: [],
      omitted: 0,
    });
    expect(acme!.equal).toEqual(["invoice extraction/acme/jamba-mini/low/#0"]);
    expect(globex!.diffs).toHaveLength(1);
    expect(globex!.diffs[0]!.comparison.summary).toBe(
      'JSON outputs differ at 2 paths:\n  ~ $.date: "2024-03-01" → "03/01/2024"\n  ~ $.total: 120.5 → 12.05',
    );
  });

  test("takes the reference group from the options, by model/budget or by model", () => {
    const byGroup = buildEvalReport(fixtureOutcomes(), {
      ...options,
      reference: { model: "jamba-mini", budget: "low" },
    });
    expect(byGroup.suites[0]!.reference).toBe("jamba-mini/low");
    expect(byGroup.settings.reference).toBe("jamba-mini/low");
    const byModel = buildEvalReport(fixtureOutcomes(), { ...options, reference: "jamba-mini" });
    expect(byModel.suites[0]!.reference).toBe("jamba-mini/low");
    // A suite without that group falls back to its most expensive.
    const elsewhere = buildEvalReport(fixtureOutcomes(), { ...options, reference: "jamba-mini/low" });
    expect(elsewhere.suites[1]!.reference).toBe("jamba-large/medium");
  });

  test("cuts outputs to maxOutputChars and caps the diffs per case", () => {
    const long = "x".repeat(50);
    const cut = buildEvalReport(
      [
        makeOutcome({ model: "a", output: long, costUsd: 1 }),
        makeOutcome({ model: "b", output: "y", costUsd: 0 }),
        makeOutcome({ model: "c", output: "z", costUsd: 0 }),
      ],
      { ...options, maxOutputChars: 10, maxDiffsPerCase: 1 },
    );
    expect(cut.cells[0]!.output).toBe("x".repeat(10));
    expect(cut.cells[0]!.outputChars).toBe(50);
    expect(cut.suites[0]!.cases[0]!.diffs).toHaveLength(1);
    expect(cut.suites[0]!.cases[0]!.omitted).toBe(1);
  });

  test("compares each distinct output of a case with the reference once", () => {
    const calls: string[] = [];
    const counting = (reference: string, other: string) => {
      calls.push(other);
      return compareOutputs(reference, other);
    };
    const report = buildEvalReport(
      [
        makeOutcome({ model: "a", output: "the reference", costUsd: 1 }),
        makeOutcome({ model: "b", output: "the same other" }),
        makeOutcome({ model: "c", output: "the same other" }),
        makeOutcome({ model: "d", output: "the reference" }),
      ],
      { ...options, compareOutputs: counting },
    );
    expect(calls).toEqual(["the same other"]);
    const [item] = report.suites[0]!.cases;
    expect(item!.diffs.map((diff) => diff.cell)).toEqual([
      "invoice extraction/acme/b/low/#0",
      "invoice extraction/acme/c/low/#0",
    ]);
    expect(item!.diffs[1]!.comparison).toEqual(item!.diffs[0]!.comparison);
    expect(item!.equal).toEqual(["invoice extraction/acme/d/low/#0"]);
  });

  test("does not split a surrogate pair when it cuts an output", () => {
    const cut = buildEvalReport([makeOutcome({ output: "ab😀cd" })], { ...options, maxOutputChars: 3 });
    expect(cut.cells[0]!.output).toBe("ab");
  });

  test("is JSON-serialisable and matches its JSON Schema", () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expectValid(report);
    expectValid(hostileReport());
    expectValid(buildEvalReport([], options));
  });

  test.each([
    [
      "a cell reported twice",
      () => buildEvalReport([makeOutcome(), makeOutcome()], options),
      'buildEvalReport: cell "invoice extraction/acme/jamba-mini/low/#0" appears more than once; each cell must be reported once',
    ],
    [
      "no comparer",
      () => buildEvalReport([], { ...RUN_TIMES } as never),
      "buildEvalReport: options.compareOutputs must be a function (the reporter's compareOutputs), got undefined",
    ],
    [
      "a bad date",
      () => buildEvalReport([], { ...options, startedAt: "yesterday" }),
      'buildEvalReport: options.startedAt must be an ISO 8601 date-time, got "yesterday"',
    ],
    [
      "a negative limit",
      () => buildEvalReport([], { ...options, maxOutputChars: -1 }),
      "buildEvalReport: options.maxOutputChars must be a non-negative integer, got -1",
    ],
    [
      "a bad state",
      () => buildEvalReport([{ ...makeOutcome(), state: "done" as never }], options),
      'buildEvalReport: outcomes[0].state must be "passed", "failed" or "skipped", got "done"',
    ],
  ])("throws on %s", (_, build, message) => {
    expect(build).toThrow(message);
  });

  test("gives the same report whatever order the cells finished in", () => {
    fc.assert(
      fc.property(cellSpecs(), fc.func(fc.integer()), (specs, order) => {
        const outcomes = specs.map(makeOutcome);
        const shuffled = outcomes
          .map((outcome, index) => ({ outcome, rank: order(index) }))
          .sort((a, b) => a.rank - b.rank)
          .map((item) => item.outcome);
        expect(buildEvalReport(shuffled, options)).toEqual(buildEvalReport(outcomes, options));
      }),
      params(100),
    );
  });

  test("builds reports that match the JSON Schema for random cells", () => {
    fc.assert(
      fc.property(cellSpecs(), (specs) => {
        expectValid(buildEvalReport(specs.map(makeOutcome), options));
      }),
      params(100),
    );
  });
});

describe("mergeEvalReports", () => {
  test("merging the reports of disjoint shards gives the report of all their cells", () => {
    fc.assert(
      fc.property(
        cellSpecs({ minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 4 }),
        fc.func(fc.nat()),
        (specs, shardCount, assign) => {
          const outcomes = specs.map(makeOutcome);
          const shards: (typeof outcomes)[] = Array.from({ length: shardCount }, () => []);
          outcomes.forEach((outcome, index) => {
            shards[assign(index) % shardCount]!.push(outcome);
          });
          const reports = shards.map((shard, index) =>
            buildEvalReport(shard, {
              ...options,
              shard: `${index + 1}/${shardCount}`,
              startedAt: `2025-01-02T03:0${index}:00.000Z`,
              finishedAt: `2025-01-02T04:0${index}:00.000Z`,
            }),
          );
          const merged = mergeEvalReports(reports, { compareOutputs });
          const whole = buildEvalReport(outcomes, {
            ...options,
            startedAt: "2025-01-02T03:00:00.000Z",
            finishedAt: `2025-01-02T04:0${shardCount - 1}:00.000Z`,
          });
          expect(merged).toEqual(whole);
          // And through JSON, as `maestro-eval merge` reads the shards' files.
          expect(mergeEvalReports(JSON.parse(JSON.stringify(reports)), { compareOutputs })).toEqual(whole);
        },
      ),
      params(150),
    );
  });

  test("throws when reports cannot be shards of one run", () => {
    const whole = fixtureReport();
    expect(() => mergeEvalReports([whole, whole], { compareOutputs })).toThrow(
      "mergeEvalReports: reports[0] is the report of a whole run, not of a shard (run --shard i/n); merge combines the shards of one run",
    );
    const shard = (value: string) => ({ ...whole, run: { ...whole.run, shard: value } });
    expect(() => mergeEvalReports([shard("1/2"), shard("2/3")], { compareOutputs })).toThrow(
      "mergeEvalReports: reports[0] is a shard of 2 but reports[1] is shard 2/3; merge the shards of one run",
    );
    expect(() =>
      mergeEvalReports([shard("1/2"), shard("1/2")], { compareOutputs, names: ["a.json", "b.json"] }),
    ).toThrow("mergeEvalReports: a.json and b.json are both shard 1/2");
    const ai21 = { ...shard("2/2"), run: { ...shard("2/2").run, backends: ["ai21" as const] } };
    expect(() => mergeEvalReports([shard("1/2"), ai21], { compareOutputs })).toThrow(
      "mergeEvalReports: the reports come from different backends (reports[0]: local; reports[1]: ai21); merge the shards of one run",
    );
    // Reports written before the shard was kept say nothing about it: the cells themselves must not overlap.
    const { shard: _shard, ...runWithoutShard } = whole.run;
    const report = { ...whole, run: runWithoutShard };
    expect(() => mergeEvalReports([report, report], { compareOutputs })).toThrow(
      'mergeEvalReports: cell "invoice extraction/acme/jamba-large/high/#0" appears more than once; each cell must be reported once',
    );
    const other = { ...report, run: { ...report.run, maestroEvalVersion: "0.2.0" } };
    expect(() => mergeEvalReports([report, other], { compareOutputs })).toThrow(
      "mergeEvalReports: the reports come from different maestro-eval versions (0.1.0, 0.2.0); merge the shards of one run",
    );
    const otherSettings = { ...report, cells: [], settings: { ...report.settings, maxDiffsPerCase: 3 } };
    expect(() => mergeEvalReports([report, otherSettings], { compareOutputs })).toThrow(
      "mergeEvalReports: the reports were built with different settings.maxDiffsPerCase (16, 3); pass options.maxDiffsPerCase to choose one",
    );
    expect(() => mergeEvalReports([{ ...report, schemaVersion: 1 as never }], { compareOutputs })).toThrow(
      "mergeEvalReports: reports[0] has schemaVersion 1; this maestro-eval reads version 2",
    );
    expect(() => mergeEvalReports([], { compareOutputs })).toThrow(
      "mergeEvalReports: reports must be a non-empty array of reports",
    );
  });
});
