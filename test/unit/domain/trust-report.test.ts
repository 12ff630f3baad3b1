// Score sources in the gate: only the sources the configuration trusts are counted, and the result says
// what was counted and what was left out. A self-assessed 1.00 once passed a requirement threshold as if
// it had been measured.
import * as fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  buildEvalReport,
  type EvalReport,
  evaluateGate,
  type GateConfig,
  parseGateConfig,
  trustReport,
} from "../../../src/domain/index.js";
import { MaestroConfigurationError } from "../../../src/errors/index.js";
import { compareOutputs } from "../../../src/reporter/compare-outputs.js";
import { renderMarkdownSummary } from "../../../src/reporter/render-markdown-summary.js";
import { type CellSpec, cellSpecs, makeOutcome, RUN_TIMES } from "../reporter/fixtures.js";

function report(specs: CellSpec[]): EvalReport {
  return buildEvalReport(specs.map(makeOutcome), { ...RUN_TIMES, compareOutputs });
}

/**
 * Three runs of one local group: "fields" (mandatory) verified at 1, "age" scored 1 by the model's own
 * claim (no verifier understood "The age must be a number"), "tone" partly verified.
 */
function localRuns(extra: Partial<CellSpec> = {}): CellSpec[] {
  return [0, 1, 2].map((repeat) => ({
    suite: "people",
    case: "maria",
    repeat,
    scores: { fields: 1, age: 1, tone: 0.5 },
    mandatory: ["fields"],
    sources: { age: "self_assessed", tone: "partial" },
    ...extra,
  }));
}

describe("buildEvalReport score sources", () => {
  test("keeps each requirement score's source and counts them per summary", () => {
    const built = report(localRuns());
    expect(built.cells[0]!.requirements.map((item) => [item.name, item.source])).toEqual([
      ["fields", "verifier"],
      ["age", "self_assessed"],
      ["tone", "partial"],
    ]);
    const group = built.suites[0]!.groups[0]!;
    expect(group.requirements.map((item) => [item.name, item.sources])).toEqual([
      ["fields", { verifier: 3 }],
      ["age", { self_assessed: 3 }],
      ["tone", { partial: 3 }],
    ]);
    expect(group.overall!.sources).toEqual({ verifier: 3, partial: 3, self_assessed: 3 });
  });

  test("reads a run without x_local (AI21) as Maestro's own scores", () => {
    const built = report(localRuns({ simulated: false, sources: {} }));
    expect(new Set(built.cells.flatMap((cell) => cell.requirements.map((item) => item.source)))).toEqual(
      new Set(["maestro"]),
    );
  });

  test("reads a recorded source that is not one as the run's own", () => {
    const outcome = makeOutcome(localRuns()[0]!);
    outcome.meta.scoreSources = { age: "guessed" as never, fields: "judge" };
    const cell = buildEvalReport([outcome], { ...RUN_TIMES, compareOutputs }).cells[0]!;
    expect(cell.requirements.map((item) => [item.name, item.source])).toEqual([
      ["fields", "judge"],
      ["age", "self_assessed"],
      ["tone", "partial"],
    ]);
  });
});

describe("trustReport", () => {
  test("returns the report itself when every score is trusted", () => {
    const built = report(localRuns({ sources: {} }));
    const trusted = trustReport(built);
    expect(trusted.report).toBe(built);
    expect(trusted.gated).toEqual({ verifier: 9 });
    expect(trusted.excluded).toEqual({});
  });

  test("leaves out self-assessed scores by default, and recomputes the overall score from the rest", () => {
    const built = report(localRuns());
    const trusted = trustReport(built);
    expect(trusted.trusted).toEqual(["verifier", "partial", "judge", "maestro"]);
    expect(trusted.gated).toEqual({ verifier: 3, partial: 3 });
    expect(trusted.excluded).toEqual({ self_assessed: 3 });
    const group = trusted.report.suites[0]!.groups[0]!;
    expect(group.requirements.map((item) => item.name)).toEqual(["fields", "tone"]);
    // (1 + 0.5) / 2 from the trusted scores, where the written report has (1 + 1 + 0.5) / 3.
    expect(group.overall).toMatchObject({ n: 3, mean: 0.75, sources: { verifier: 3, partial: 3 } });
    expect(built.suites[0]!.groups[0]!.overall!.mean).toBeCloseTo(0.833333, 6);
    // The mandatory requirement was verified: its rate still counts every run.
    expect(group.mandatory).toMatchObject({ passed: 3, total: 3 });
    // The report as written is untouched.
    expect(built.suites[0]!.groups[0]!.requirements.map((item) => item.name)).toEqual([
      "fields",
      "age",
      "tone",
    ]);
  });

  test("leaves a run out of the mandatory rate when a mandatory score is untrusted", () => {
    const built = report(localRuns({ sources: { fields: "self_assessed" } }));
    const group = trustReport(built).report.suites[0]!.groups[0]!;
    expect(group.mandatory).toBeNull();
    expect(
      trustReport(built, { trusted: ["verifier", "self_assessed"] }).report.suites[0]!.groups[0]!.mandatory,
    ).toMatchObject({ passed: 3, total: 3 });
  });

  test("never counts unscored placeholders, even when asked to", () => {
    const built = report(localRuns({ scores: { fields: 1, age: 0 }, sources: { age: "unscored" as never } }));
    const trusted = trustReport(built, { trusted: ["verifier", "unscored" as never] });
    expect(trusted.excluded).toEqual({ unscored: 3 });
  });
});

describe("trustReport properties", () => {
  test("every score is either counted or left out, and the figures it leaves rest on trusted sources only", () => {
    fc.assert(
      fc.property(cellSpecs({ maxLength: 30 }), (specs) => {
        const built = report(specs);
        const trusted = trustReport(built);
        let total = 0;
        for (const cell of built.cells)
          if (cell.state !== "skipped" && cell.error === null) total += cell.requirements.length;
        const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
        expect(sum(trusted.gated) + sum(trusted.excluded)).toBe(total);
        for (const suite of trusted.report.suites) {
          for (const group of suite.groups) {
            for (const summary of [
              ...group.requirements,
              ...(group.overall === null ? [] : [group.overall]),
            ]) {
              expect(Object.keys(summary.sources).every((source) => source !== "self_assessed")).toBe(true);
              expect(
                summary.interval === null ||
                  (summary.interval.low <= summary.mean && summary.mean <= summary.interval.high),
              ).toBe(true);
            }
          }
        }
        // Trusting every source changes nothing.
        expect(
          trustReport(built, { trusted: ["verifier", "partial", "judge", "maestro", "self_assessed"] })
            .report,
        ).toBe(built);
      }),
      { numRuns: 60 },
    );
  });
});

describe("evaluateGate with score sources", () => {
  const ageThreshold: GateConfig = { requirements: { age: { min: 1 } }, mandatory: { minPassRate: 1 } };

  test("does not pass a requirement on self-assessed scores, and says why", () => {
    const result = evaluateGate(report(localRuns()), ageThreshold);
    expect(result.exitCode).toBe(1);
    expect(result.failures.map((failure) => failure.message)).toEqual([
      'suite "people": requirement "age" has no scored runs on jamba-mini/low; the requirement threshold is 1.00 (3 self-assessed scores left out: not in gate.trustedSources)',
    ]);
    expect(result.sources).toEqual({
      trusted: ["verifier", "partial", "judge", "maestro"],
      gated: { verifier: 3, partial: 3 },
      excluded: { self_assessed: 3 },
    });
    expect(result.notes).toEqual([
      "3 of 6 gated scores are only partly verified: the verifiers checked some clauses and did not understand the rest (marked P)",
      "left out of the gate: 3 self-assessed scores; trusted sources: verifier, partial, judge, maestro (gate.trustedSources)",
    ]);
  });

  test('"*" leaves out, and names, a requirement only the model\'s own claim scored; a named threshold fails', () => {
    const wildcard = evaluateGate(report(localRuns()), { requirements: { "*": { min: 0.5 } } });
    expect(wildcard.failures).toEqual([]);
    expect(wildcard.notes).toContain(
      'suite "people": requirement "age" not gated on jamba-mini/low: none of its 3 scores comes from a trusted source (name it in gate.requirements to require one)',
    );
    // "fields" and "tone" were checked by "*", "age" was not; the mandatory gate is the third check.
    expect(wildcard.checked).toBe(
      evaluateGate(report(localRuns()), { requirements: { fields: { min: 0.5 }, tone: { min: 0.5 } } })
        .checked,
    );
    const named = evaluateGate(report(localRuns()), {
      requirements: { "*": { min: 0.5 }, age: { min: 0.5 } },
    });
    expect(named.exitCode).toBe(1);
    expect(named.failures.map((failure) => failure.requirement)).toEqual(["age"]);
  });

  test("passes it when the configuration trusts self-assessed scores", () => {
    const result = evaluateGate(report(localRuns()), {
      ...ageThreshold,
      trustedSources: ["verifier", "partial", "self_assessed"],
    });
    expect(result.failures).toEqual([]);
    expect(result.sources!.gated).toEqual({ verifier: 3, partial: 3, self_assessed: 3 });
    expect(result.sources!.excluded).toEqual({});
  });

  test("holds the overall threshold to the trusted scores only, and has no overall when none is trusted", () => {
    const result = evaluateGate(report(localRuns()), { overall: { min: 0.8 } });
    expect(result.failures.map((failure) => failure.message)).toEqual([
      'suite "people": overall mean 0.75 < 0.80 on jamba-mini/low (n=3)',
    ]);
    const untrusted = report(
      localRuns({ sources: { fields: "self_assessed", age: "self_assessed", tone: "self_assessed" } }),
    );
    const none = evaluateGate(untrusted, { overall: { min: 0.5 } });
    const overall = none.failures.filter((failure) => failure.message.includes("overall"));
    expect(overall.map((failure) => failure.kind)).toEqual(["no_data"]);
    expect(overall[0]!.message).toContain("the overall score has no scored runs");
  });

  test("leaves partly verified scores out when only full verification is trusted", () => {
    const result = evaluateGate(report(localRuns()), {
      requirements: { tone: { min: 0.5 } },
      trustedSources: ["verifier"],
    });
    expect(result.failures.map((failure) => failure.requirement)).toEqual(["tone"]);
    expect(result.sources!.excluded).toEqual({ partial: 3, self_assessed: 3 });
  });

  test("counts only the gated groups' scores", () => {
    const specs = [...localRuns(), ...localRuns({ model: "jamba-large" })];
    const result = evaluateGate(report(specs), { groups: ["jamba-large"] });
    expect(result.sources!.excluded).toEqual({ self_assessed: 3 });
  });

  test("compares with a baseline on trusted scores only", () => {
    const current = report(localRuns({ scores: { fields: 1, age: 0, tone: 0.5 } }));
    const baseline = report(localRuns());
    const result = evaluateGate(current, { regression: { maxDrop: 0 } }, baseline);
    // The overall score is compared as the trusted scores make it, on both sides.
    expect(result.comparisons.map((comparison) => comparison.requirement)).toEqual(["fields", "tone", null]);
    expect(result.comparisons.at(-1)).toMatchObject({ currentMean: 0.75, baselineMean: 0.75 });
  });
});

describe("renderMarkdownSummary with score sources", () => {
  test("prints the gate's notes: what it left out and how many scores were partly verified", () => {
    const built = report(localRuns());
    const markdown = renderMarkdownSummary(built, evaluateGate(built, {}));
    expect(markdown).toContain(
      "### Gate notes\n\n- 3 of 6 gated scores are only partly verified: the verifiers checked some clauses and did not understand the rest (marked P)\n- left out of the gate: 3 self-assessed scores; trusted sources: verifier, partial, judge, maestro (gate.trustedSources)\n",
    );
    expect(markdown).toContain("S self-assessed by the model (not gated by default)");
  });
});

describe("parseGateConfig trustedSources", () => {
  test("reads a list of sources", () => {
    expect(parseGateConfig({ trustedSources: ["verifier", "maestro"] }, "x.json")).toEqual({
      trustedSources: ["verifier", "maestro"],
    });
  });

  test.each([
    [
      { trustedSources: ["verifier", "self"] },
      'x.json: gate.trustedSources[1] must be one of "verifier", "partial", "judge", "maestro", "self_assessed", got "self"',
    ],
    [
      { trustedSources: ["verifier", "unscored"] },
      'x.json: gate.trustedSources[1] must be one of "verifier", "partial", "judge", "maestro", "self_assessed", got "unscored"',
    ],
    [
      { trustedSources: [] },
      'x.json: gate.trustedSources must be a non-empty array of score sources ("verifier", "partial", "judge", "maestro", "self_assessed"), got an array',
    ],
    [
      { trustedSources: "verifier" },
      'x.json: gate.trustedSources must be a non-empty array of score sources ("verifier", "partial", "judge", "maestro", "self_assessed"), got "verifier"',
    ],
    [{ trustedSources: ["judge", "judge"] }, 'x.json: gate.trustedSources[1] repeats "judge"'],
  ])("names the bad value: %j", (value, message) => {
    expect(() => parseGateConfig(value, "x.json")).toThrow(new MaestroConfigurationError(message));
  });
});
