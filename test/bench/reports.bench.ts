// Reports at scale: 100,000 synthetic cells (10 suites × 100 cases × 5 models × 2 budgets × 10 repeats,
// four requirements each, outputs of 300 to 900 characters) through buildEvalReport, report.json's
// serialisation and every renderer. Targets from the issue: all reports in under 10 s and under 1 GiB RSS.

import {
  type Budget,
  buildEvalReport,
  CELL_META_VERSION,
  type CellOutcome,
  type EvalReport,
  scoreOverall,
} from "../../src/domain/index.js";
import { compareOutputs } from "../../src/reporter/compare-outputs.js";
import { renderComparisonTable } from "../../src/reporter/render-comparison-table.js";
import { renderHtmlReport } from "../../src/reporter/render-html-report.js";
import { renderJunit } from "../../src/reporter/render-junit.js";
import { renderMarkdownSummary } from "../../src/reporter/render-markdown-summary.js";
import { renderOutputDiffs } from "../../src/reporter/render-output-diffs.js";
import { renderRecommendation } from "../../src/reporter/render-recommendation.js";
import type { BenchFigure } from "./run.js";

const MODELS = ["jamba-mini", "jamba-large", "jamba-1.5", "llama-70b", "qwen-32b"];
const BUDGETS: Budget[] = ["low", "high"];
const REQUIREMENTS = [
  { name: "fields present", description: "Include the vendor, the date and the total.", is_mandatory: true },
  {
    name: "formats",
    description: "Dates must follow YYYY-MM-DD and amounts use two decimals.",
    is_mandatory: false,
  },
  { name: "tone", description: "Write in a neutral, professional tone.", is_mandatory: false },
  { name: "length", description: "Write up to 3 paragraphs.", is_mandatory: false },
];
const WORDS =
  "the invoice total vendor date amount paid due net tax item quantity price shipped order account".split(
    " ",
  );

/** A small deterministic generator, so every run of the bench sees the same cells. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticOutcomes(count: number): CellOutcome[] {
  const random = createRandom(7);
  const outcomes: CellOutcome[] = [];
  const cases = Math.max(1, Math.round(count / (10 * MODELS.length * BUDGETS.length * 10)));
  for (let suite = 0; suite < 10; suite++) {
    for (let caseIndex = 0; caseIndex < cases; caseIndex++) {
      const base = Array.from(
        { length: 60 + Math.floor(random() * 90) },
        () => WORDS[Math.floor(random() * WORDS.length)]!,
      );
      for (const [modelIndex, model] of MODELS.entries()) {
        for (const budget of BUDGETS) {
          for (let repeat = 0; repeat < 10; repeat++) {
            if (outcomes.length >= count) return outcomes;
            const skill = 0.55 + modelIndex * 0.08 + (budget === "high" ? 0.1 : 0);
            const scores = REQUIREMENTS.map(() => (random() < skill ? 1 : random() < 0.5 ? 0.5 : 0));
            const overall = scoreOverall(REQUIREMENTS, scores);
            // Outputs differ between models in a few words, and now and then between repeats.
            const words = base.map((word, index) =>
              (index + modelIndex) % 17 === 0 || random() < 0.01
                ? WORDS[(index + modelIndex) % WORDS.length]!
                : word,
            );
            const output = `${words.slice(0, 40).join(" ")}.\n${words.slice(40).join(" ")}.`;
            const key = `suite-${suite}/case-${caseIndex}/${model}/${budget}/#${repeat}`;
            const infra = random() < 0.002;
            outcomes.push({
              meta: {
                version: CELL_META_VERSION,
                kind: "maestro",
                cell: { suite: `suite-${suite}`, case: `case-${caseIndex}`, model, budget, repeat, key },
                request: {
                  input: "Extract the invoice.",
                  requirements: REQUIREMENTS,
                  budget,
                  models: [model],
                },
                run: infra
                  ? { id: "", status: "failed", result: null }
                  : {
                      id: `run-${outcomes.length}`,
                      status: "completed",
                      result: output,
                      requirements_result: {
                        score: overall,
                        finish_reason: overall === 1 ? "Perfect result achieved" : "Budget exhausted",
                        requirements: REQUIREMENTS.map((requirement, index) => ({
                          ...requirement,
                          score: scores[index]!,
                          reason:
                            scores[index] === 1
                              ? null
                              : `${requirement.name}: ${Math.round(scores[index]! * 4)} of 4 checks met`,
                        })),
                      },
                    },
                latencyMs:
                  500 + modelIndex * 400 + (budget === "high" ? 2000 : 0) + Math.floor(random() * 300),
                costUsd: infra ? undefined : 0.0005 * (modelIndex + 1) * (budget === "high" ? 3 : 1),
                backend: "local",
                requestHash: key,
                assertions: [
                  {
                    matcher: "toMeetRequirement",
                    requirement: "formats",
                    threshold: 0.5,
                    actual: scores[1]!,
                    pass: scores[1]! >= 0.5,
                  },
                  { matcher: "toPassMandatoryGate", threshold: 1, actual: null, pass: scores[0] === 1 },
                ],
                ...(infra
                  ? {
                      error: {
                        category: "infrastructure" as const,
                        name: "MaestroTimeoutError",
                        message: "timed out",
                      },
                    }
                  : {}),
              },
              state: infra || scores[1]! < 0.5 || scores[0] !== 1 ? "failed" : "passed",
              failures: infra
                ? ["MaestroTimeoutError: timed out"]
                : scores[1]! < 0.5
                  ? ['expected requirement "formats" to score at least 0.5, got 0']
                  : [],
            });
          }
        }
      }
    }
  }
  return outcomes;
}

function time<T>(figures: BenchFigure[], name: string, target: number | undefined, run: () => T): T {
  const started = performance.now();
  const result = run();
  const ms = performance.now() - started;
  figures.push({
    name,
    value: ms,
    unit: "ms",
    ...(target === undefined ? {} : { target: `< ${target} ms`, met: ms < target }),
  });
  return result;
}

export default async function bench(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const run = {
    maestroEvalVersion: "0.1.0",
    startedAt: "2025-01-01T00:00:00.000Z",
    finishedAt: "2025-01-01T01:00:00.000Z",
    compareOutputs,
  };
  const outcomes = syntheticOutcomes(100_000);
  figures.push({ name: "cells", value: outcomes.length, unit: "cells" });
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const report: EvalReport = time(figures, "buildEvalReport, 100k cells", undefined, () =>
    buildEvalReport(outcomes, run),
  );
  const sizes: Record<string, number> = {};
  const json = time(figures, "report.json (JSON.stringify, not indented), 100k cells", undefined, () =>
    JSON.stringify(report),
  );
  sizes.json = json.length;
  time(figures, "renderComparisonTable", undefined, () =>
    renderComparisonTable(report, { width: 160, color: true }),
  );
  time(figures, "renderOutputDiffs", undefined, () =>
    renderOutputDiffs(report, { width: 160, maxLines: 12 }),
  );
  time(figures, "renderRecommendation", undefined, () => renderRecommendation(report));
  time(figures, "renderMarkdownSummary", undefined, () => renderMarkdownSummary(report));
  sizes.junit = time(figures, "renderJunit, 100k cells", undefined, () => renderJunit(report)).length;
  sizes.html = time(figures, "renderHtmlReport, 100k cells", undefined, () =>
    renderHtmlReport(report),
  ).length;
  const total = performance.now() - started;
  figures.push({
    name: "all reports, 100k cells",
    value: total,
    unit: "ms",
    target: "< 10000 ms",
    met: total < 10_000,
  });
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  figures.push({
    name: "peak RSS (whole process, input cells included)",
    value: maxRssMiB,
    unit: "MiB",
    target: "< 1024 MiB",
    met: maxRssMiB < 1024,
  });
  figures.push({ name: "RSS before building (input cells)", value: rssBefore / 2 ** 20, unit: "MiB" });
  figures.push({ name: "report.json size", value: sizes.json! / 2 ** 20, unit: "MiB" });
  figures.push({ name: "junit.xml size", value: sizes.junit! / 2 ** 20, unit: "MiB" });
  figures.push({ name: "report.html size, 100k cells", value: sizes.html! / 2 ** 20, unit: "MiB" });

  const small = buildEvalReport(outcomes.slice(0, 10_000), run);
  const html = time(figures, "renderHtmlReport, 10k cells", undefined, () => renderHtmlReport(small));
  figures.push({ name: "report.html size, 10k cells", value: html.length / 2 ** 20, unit: "MiB" });
  return figures;
}
