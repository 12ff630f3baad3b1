// Hand-made cell outcomes and the small fixed report the renderer snapshots are taken on.
import * as fc from "fast-check";
import type {
  AssertionRecord,
  Budget,
  CellMeta,
  CellOutcome,
  EvalReport,
  ScoreSource,
} from "../../../src/domain/index.js";
import { buildEvalReport, CELL_META_VERSION, scoreOverall } from "../../../src/domain/index.js";
import { compareOutputs } from "../../../src/reporter/compare-outputs.js";

/** What a hand-made cell says; everything has a default. */
export interface CellSpec {
  suite?: string;
  case?: string;
  model?: string;
  budget?: Budget;
  repeat?: number;
  /** Requirement name → score; names in `mandatory` are mandatory. */
  scores?: Record<string, number>;
  mandatory?: string[];
  reasons?: Record<string, string>;
  /** Requirement name → threshold of a `toMeetRequirement` assertion made on it. */
  thresholds?: Record<string, number>;
  /** A `toScoreAtLeast` assertion with this threshold. */
  overallMin?: number;
  output?: unknown;
  latencyMs?: number;
  costUsd?: number | undefined;
  state?: CellOutcome["state"];
  failures?: string[];
  error?: CellMeta["error"];
  simulated?: boolean;
  backend?: CellMeta["backend"];
  disagreements?: CellOutcome["disagreements"];
  descriptions?: Record<string, string>;
  /** Requirement name → who scored it (the local server's `x_local.score_sources`); default `verifier`. */
  sources?: Record<string, ScoreSource>;
}

/** A cell outcome as the reporter would hand it over; assertions pass or fail by the scores. */
export function makeOutcome(spec: CellSpec = {}): CellOutcome {
  const suite = spec.suite ?? "invoice extraction";
  const caseName = spec.case ?? "acme";
  const model = spec.model ?? "jamba-mini";
  const budget = spec.budget ?? "low";
  const repeat = spec.repeat ?? 0;
  const scores = spec.scores ?? { formats: 1 };
  const mandatory = new Set(spec.mandatory ?? []);
  const names = Object.keys(scores);
  const requirements = names.map((name) => ({
    name,
    description: spec.descriptions?.[name] ?? `The ${name} requirement.`,
    is_mandatory: mandatory.has(name),
  }));
  const values = names.map((name) => scores[name]!);
  const overall = scoreOverall(requirements, values);
  const assertions: AssertionRecord[] = [];
  for (const [name, threshold] of Object.entries(spec.thresholds ?? {})) {
    const actual = scores[name] ?? null;
    assertions.push({
      matcher: "toMeetRequirement",
      requirement: name,
      threshold,
      actual,
      pass: actual !== null && actual >= threshold,
    });
  }
  if (spec.overallMin !== undefined) {
    assertions.push({
      matcher: "toScoreAtLeast",
      threshold: spec.overallMin,
      actual: overall,
      pass: overall >= spec.overallMin,
    });
  }
  const failedAssertion = assertions.find((assertion) => !assertion.pass);
  const key = `${suite}/${caseName}/${model}/${budget}/#${repeat}`;
  const meta: CellMeta = {
    version: CELL_META_VERSION,
    kind: "maestro",
    cell: { suite, case: caseName, model, budget, repeat, key },
    request: { input: `Extract the invoice of ${caseName}.`, requirements, budget, models: [model] },
    run:
      spec.error === undefined
        ? {
            id: `run-${caseName}-${model}-${budget}-${repeat}`,
            status: "completed",
            result: spec.output ?? `Output of ${model}/${budget} for ${caseName}.`,
            requirements_result: {
              score: overall,
              finish_reason: overall === 1 ? "Perfect result achieved" : "Budget exhausted",
              requirements: requirements.map((requirement, index) => ({
                ...requirement,
                score: values[index]!,
                reason:
                  spec.reasons?.[requirement.name] ??
                  (values[index]! < 1 ? `${requirement.name} is off.` : null),
              })),
            },
            ...(spec.simulated === false
              ? {}
              : {
                  x_local: {
                    generator: "sim" as const,
                    simulated: true,
                    model,
                    budget,
                    steps: [],
                    cost_usd: spec.costUsd ?? 0,
                    latency_ms: spec.latencyMs ?? 1000,
                    score_sources: Object.fromEntries(
                      names.map((name) => [name, spec.sources?.[name] ?? "verifier"]),
                    ) as Record<string, "verifier" | "partial" | "judge" | "self_assessed">,
                  },
                }),
          }
        : { id: "", status: "failed", result: null },
    latencyMs: spec.error === undefined ? (spec.latencyMs ?? 1000) : 0,
    costUsd: spec.error === undefined ? spec.costUsd : undefined,
    backend: spec.backend ?? "local",
    requestHash: `hash-${key}`,
    assertions: spec.error === undefined ? assertions : [],
    ...(spec.error === undefined ? {} : { error: spec.error }),
  };
  const state =
    spec.state ?? (spec.error !== undefined || failedAssertion !== undefined ? "failed" : "passed");
  const failures =
    spec.failures ??
    (spec.error !== undefined
      ? [`${spec.error.name}: ${spec.error.message}`]
      : failedAssertion === undefined
        ? []
        : [
            `expected requirement "${failedAssertion.requirement ?? "overall"}" to score at least ${failedAssertion.threshold}, got ${failedAssertion.actual}`,
          ]);
  return {
    meta,
    state,
    failures,
    ...(spec.disagreements === undefined ? {} : { disagreements: spec.disagreements }),
  };
}

export const RUN_TIMES = {
  maestroEvalVersion: "0.1.0",
  startedAt: "2025-01-02T03:04:05.000Z",
  finishedAt: "2025-01-02T03:05:00.000Z",
};

const invoice = (caseName: string, amount: number, date: string) =>
  JSON.stringify({ vendor: caseName.toUpperCase(), total: amount, date, currency: "USD" }, null, 2);

/**
 * The fixed outcomes: an invoice suite (JSON outputs, two cases, two groups, two repeats, a mandatory
 * requirement, thresholds from assertions, a flaky requirement, a verifier disagreement) and a support
 * suite (text outputs, one infrastructure error).
 */
export function fixtureOutcomes(): CellOutcome[] {
  const outcomes: CellOutcome[] = [];
  for (const repeat of [0, 1]) {
    for (const caseName of ["acme", "globex"]) {
      outcomes.push(
        makeOutcome({
          case: caseName,
          model: "jamba-large",
          budget: "high",
          repeat,
          scores: { "fields present": 1, formats: 1, tone: 0.9 },
          mandatory: ["fields present"],
          thresholds: { formats: 0.8 },
          output: invoice(caseName, 120.5, "2024-03-01"),
          latencyMs: 4200 + repeat * 100,
          costUsd: 0.012,
        }),
      );
      const miniFormats = caseName === "acme" && repeat === 1 ? 0.5 : 1;
      outcomes.push(
        makeOutcome({
          case: caseName,
          model: "jamba-mini",
          budget: "low",
          repeat,
          scores: { "fields present": caseName === "globex" ? 0.5 : 1, formats: miniFormats, tone: 0.8 },
          mandatory: ["fields present"],
          thresholds: { formats: 0.8 },
          output: invoice(
            caseName,
            caseName === "acme" ? 120.5 : 12.05,
            caseName === "acme" ? "2024-03-01" : "03/01/2024",
          ),
          latencyMs: 900 + repeat * 50,
          costUsd: 0.0011,
          ...(caseName === "globex" && repeat === 0
            ? {
                disagreements: [
                  {
                    name: "formats",
                    reportedScore: 1,
                    verifiedScore: 0,
                    reportedReason: null,
                    verifiedReason: 'date "03/01/2024" is not YYYY-MM-DD',
                  },
                ],
              }
            : {}),
        }),
      );
    }
  }
  outcomes.push(
    makeOutcome({
      suite: "support replies",
      case: "refund",
      model: "jamba-large",
      budget: "medium",
      scores: { polite: 1, concise: 1 },
      output: "Dear customer,\nWe have issued your refund.\nBest regards",
      latencyMs: 2500,
      costUsd: 0.004,
    }),
    makeOutcome({
      suite: "support replies",
      case: "refund",
      model: "jamba-mini",
      budget: "medium",
      scores: { polite: 1, concise: 0.7 },
      output: "Dear customer,\nYour refund was issued today and should arrive soon.\nBest regards",
      latencyMs: 800,
      costUsd: 0.0009,
    }),
    makeOutcome({
      suite: "support replies",
      case: "refund",
      model: "jamba-mini",
      budget: "medium",
      repeat: 1,
      scores: { polite: 1, concise: 1 },
      error: {
        category: "infrastructure",
        name: "MaestroTimeoutError",
        message: "run did not finish within 60000 ms",
      },
    }),
  );
  return outcomes;
}

/** The fixed report the renderer snapshots are taken on. */
export function fixtureReport(): EvalReport {
  return buildEvalReport(fixtureOutcomes(), { ...RUN_TIMES, compareOutputs });
}

/** Strings that break out of HTML, XML, JSON-in-script and Markdown when not escaped. */
export const HOSTILE = [
  "<script>window.__pwned = 1</script>",
  '<img src=x onerror="window.__pwned = 2">',
  "</textarea><script>window.__pwned = 3</script>",
  "</script><script>window.__pwned = 4</script>",
  "]]><x>&amp;\u2028\u2029",
] as const;

/** A report whose names, outputs, reasons and failures are all hostile. */
export function hostileReport(): EvalReport {
  const outcomes = HOSTILE.flatMap((text, index) => [
    makeOutcome({
      suite: `suite ${text}`,
      case: `case ${text}`,
      model: `model${index}<b>`,
      budget: "low",
      scores: { [`req ${text}`]: 0.5 },
      reasons: { [`req ${text}`]: `reason ${text}` },
      thresholds: { [`req ${text}`]: 0.8 },
      output: `output ${text}`,
      failures: [`failure ${text}`],
      costUsd: 0.001,
      disagreements: [
        {
          name: `req ${text}`,
          reportedScore: 0.5,
          verifiedScore: 1,
          reportedReason: text,
          verifiedReason: text,
        },
      ],
    }),
    makeOutcome({
      suite: `suite ${text}`,
      case: `case ${text}`,
      model: "jamba-large",
      budget: "high",
      scores: { [`req ${text}`]: 1 },
      output: `other output ${text}\n${text}`,
      costUsd: 0.01,
    }),
  ]);
  return buildEvalReport(outcomes, { ...RUN_TIMES, compareOutputs });
}

const SCORE = fc.constantFrom(0, 0.25, 0.5, 0.8, 0.9, 1);

/** Options of {@link cellSpecs}. */
export interface CellSpecsConstraints {
  minLength?: number;
  maxLength?: number;
  /** Whether cells may end in an error; default true. */
  errors?: boolean;
}

/**
 * Random cells of one or two suites: unique coordinates, scores on a coarse grid (so ties and repeats
 * happen), a mandatory requirement, thresholds from assertions, sometimes an error, a skipped cell or an
 * unknown cost.
 */
export function cellSpecs(constraints: CellSpecsConstraints = {}): fc.Arbitrary<CellSpec[]> {
  const { minLength = 1, maxLength = 24, errors = true } = constraints;
  const coordinates = fc.tuple(
    fc.constantFrom("s1", "s2"),
    fc.constantFrom("a", "b", "c"),
    fc.constantFrom("m1", "m2"),
    fc.constantFrom<Budget>("low", "high"),
    fc.integer({ min: 0, max: 3 }),
  );
  const details = fc.record({
    r1: SCORE,
    r2: SCORE,
    r3: fc.option(SCORE, { nil: undefined }),
    r2Threshold: fc.option(fc.constantFrom(0.5, 0.8), { nil: undefined }),
    overallMin: fc.option(fc.constantFrom(0.5, 0.8), { nil: undefined }),
    latencyMs: fc.integer({ min: 100, max: 9000 }),
    costUsd: fc.option(fc.constantFrom(0.001, 0.002, 0.01), { nil: undefined, freq: 8 }),
    error: errors
      ? fc.option(fc.constantFrom<"infrastructure" | "usage">("infrastructure", "usage"), { freq: 8 })
      : fc.constant(null),
    skipped: fc.integer({ min: 0, max: 9 }).map((value) => value === 0),
    output: fc.constantFrom('{"a": 1}', '{"a": 2}', "one\ntwo", "one\nthree"),
    r3Source: fc.constantFrom<ScoreSource>("verifier", "partial", "judge", "self_assessed"),
  });
  return fc
    .uniqueArray(fc.tuple(coordinates, details), {
      minLength,
      maxLength,
      selector: ([coordinate]) => coordinate.join("/"),
    })
    .map((items) =>
      items.map(
        ([[suite, caseName, model, budget, repeat], item]): CellSpec => ({
          suite,
          case: caseName,
          model,
          budget,
          repeat,
          scores: { r1: item.r1, r2: item.r2, ...(item.r3 === undefined ? {} : { r3: item.r3 }) },
          mandatory: ["r1"],
          ...(item.r3 === undefined ? {} : { sources: { r3: item.r3Source } }),
          ...(item.r2Threshold === undefined ? {} : { thresholds: { r2: item.r2Threshold } }),
          ...(item.overallMin === undefined ? {} : { overallMin: item.overallMin }),
          latencyMs: item.latencyMs,
          costUsd: item.costUsd,
          output: item.output,
          ...(item.error === null
            ? {}
            : { error: { category: item.error, name: `${item.error}Error`, message: "boom" } }),
          ...(item.skipped ? { state: "skipped" as const } : {}),
        }),
      ),
    );
}
