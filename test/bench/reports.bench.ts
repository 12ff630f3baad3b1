// Reports at scale: 100,000 synthetic cells (10 suites × 100 cases × 5 models × 2 budgets × 10 repeats,
// four requirements each, outputs of 300 to 900 characters) through buildEvalReport, then every file the
// reporter writes, written for real (streamed, through writeFileAtomic, into a temporary directory) and
// the terminal output. Targets from the issue: all reports in under 10 s and under 1 GiB RSS; the HTML of
// 10,000 cells opens in Chromium and responds in under 3 s (measured when /usr/bin/chromium exists).
//
// Each phase reports its wall time, its CPU time (user + system, which GC threads add to) and the
// process's peak RSS once it is done. The machine may be shared: the load average is printed with the
// figures, and when it is high, wall times exceed CPU times.

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
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
import { renderHtmlReportChunks } from "../../src/reporter/render-html-report.js";
import { renderJunitChunks } from "../../src/reporter/render-junit.js";
import { renderMarkdownSummary } from "../../src/reporter/render-markdown-summary.js";
import { renderOutputDiffs } from "../../src/reporter/render-output-diffs.js";
import { renderRecommendation } from "../../src/reporter/render-recommendation.js";
import { renderReportJsonChunks } from "../../src/reporter/render-report-json.js";
import { writeFileAtomic } from "../../src/reporter/write-file-atomic.js";
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

const MiB = 2 ** 20;
const CHROMIUM = "/usr/bin/chromium";

/** Wall and CPU milliseconds of one phase, and the process's peak RSS (MiB) once it is done. */
interface Phase<T> {
  result: T;
  wallMs: number;
  cpuMs: number;
  peakRssMiB: number;
}

function measure<T>(run: () => T): Phase<T> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = run();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    result,
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

/** A phase's wall and CPU times; its peak RSS goes to `rss` when given (the first run's are the ones shown). */
function pushPhase(
  figures: BenchFigure[],
  name: string,
  phase: Phase<unknown>,
  rss: BenchFigure[] = figures,
): void {
  figures.push({ name: `${name}: wall`, value: phase.wallMs, unit: "ms" });
  figures.push({ name: `${name}: CPU (user + system)`, value: phase.cpuMs, unit: "ms" });
  rss.push({ name: `${name}: peak RSS so far`, value: phase.peakRssMiB, unit: "MiB" });
}

/** One run of everything the reporter does at the end: the figures of each phase and the totals. */
interface PipelineRun {
  figures: BenchFigure[];
  /** The peak RSS once each phase is done. */
  rss: BenchFigure[];
  wallMs: number;
  cpuMs: number;
  peakRssMiB: number;
}

const RUNS = 3;

/** Builds the report, writes every file into `dir` and renders the terminal output, timing each phase. */
function runPipeline(
  outcomes: readonly CellOutcome[],
  options: Parameters<typeof buildEvalReport>[1],
  dir: string,
): PipelineRun {
  const figures: BenchFigure[] = [];
  const rss: BenchFigure[] = [];
  let comparisons = 0;
  let comparingMs = 0;
  const counted = {
    ...options,
    compareOutputs: (reference: string, other: string) => {
      const started = performance.now();
      const comparison = compareOutputs(reference, other);
      comparingMs += performance.now() - started;
      comparisons += 1;
      return comparison;
    },
  };
  const cpu = process.cpuUsage();
  const started = performance.now();
  const build = measure(() => buildEvalReport(outcomes, counted));
  const report: EvalReport = build.result;
  pushPhase(figures, "buildEvalReport, 100k cells", build, rss);
  figures.push({ name: "  of which output diffs (wall)", value: comparingMs, unit: "ms" });
  figures.push({ name: "  output diffs computed", value: comparisons, unit: "diffs" });
  const files = [
    ["report.json", () => renderReportJsonChunks(report)],
    ["report.html", () => renderHtmlReportChunks(report)],
    ["junit.xml", () => renderJunitChunks(report)],
    ["summary.md", () => renderMarkdownSummary(report)],
  ] as const;
  for (const [file, render] of files) {
    const path = join(dir, file);
    pushPhase(
      figures,
      `write ${file}`,
      measure(() => writeFileAtomic(path, render())),
      rss,
    );
    figures.push({ name: `${file} size`, value: statSync(path).size / MiB, unit: "MiB" });
  }
  pushPhase(
    figures,
    "terminal: comparison tables, output diffs, recommendation",
    measure(() =>
      [
        renderComparisonTable(report, { width: 160, color: true }),
        renderOutputDiffs(report, { width: 160, maxLines: 12 }),
        renderRecommendation(report),
      ].join("\n\n"),
    ),
    rss,
  );
  const used = process.cpuUsage(cpu);
  return {
    figures,
    rss,
    wallMs: performance.now() - started,
    cpuMs: (used.user + used.system) / 1000,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

export default async function bench(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const run = {
    maestroEvalVersion: "0.1.0",
    startedAt: "2025-01-01T00:00:00.000Z",
    finishedAt: "2025-01-01T01:00:00.000Z",
    compareOutputs,
  };
  const dir = mkdtempSync(join(tmpdir(), "maestro-eval-bench-"));
  try {
    const outcomes = syntheticOutcomes(100_000);
    figures.push({ name: "cells", value: outcomes.length, unit: "cells" });
    figures.push({ name: "load average (1 min) at the start", value: loadavg()[0]!, unit: "" });
    figures.push({
      name: "RSS before building (input cells)",
      value: process.memoryUsage().rss / MiB,
      unit: "MiB",
    });
    // The same work three times: a shared machine slows some runs down, so the phases shown are those of
    // the median run, with the fastest and slowest beside it. The peak RSS that counts is the first
    // run's: later runs start while the previous report may still wait for the collector.
    const runs: PipelineRun[] = [];
    for (let index = 0; index < RUNS; index++) runs.push(runPipeline(outcomes, run, dir));
    const byWall = [...runs].sort((a, b) => a.wallMs - b.wallMs);
    const median = byWall[Math.floor(RUNS / 2)]!;
    figures.push(...median.figures);
    figures.push({
      name: `all reports, 100k cells: wall (median of ${RUNS} runs)`,
      value: median.wallMs,
      unit: "ms",
      target: "< 10000 ms",
      met: median.wallMs < 10_000,
    });
    figures.push({
      name: "all reports, 100k cells: CPU (user + system) of that run",
      value: median.cpuMs,
      unit: "ms",
    });
    figures.push({
      name: "all reports, 100k cells: fastest run, wall",
      value: byWall[0]!.wallMs,
      unit: "ms",
    });
    figures.push({
      name: "all reports, 100k cells: slowest run, wall",
      value: byWall[RUNS - 1]!.wallMs,
      unit: "ms",
    });
    figures.push({ name: "all reports, 100k cells: first run, wall", value: runs[0]!.wallMs, unit: "ms" });
    figures.push(...runs[0]!.rss.map((figure) => ({ ...figure, name: `first run, ${figure.name}` })));
    figures.push({
      name: "peak RSS of the first run (whole process, input cells included)",
      value: runs[0]!.peakRssMiB,
      unit: "MiB",
      target: "< 1024 MiB",
      met: runs[0]!.peakRssMiB < 1024,
    });
    figures.push({
      name: `peak RSS after ${RUNS} runs`,
      value: process.resourceUsage().maxRSS / 1024,
      unit: "MiB",
    });
    figures.push({ name: "load average (1 min) at the end", value: loadavg()[0]!, unit: "" });

    // Not part of the targets: the streamed report.json reads back whole, as `maestro-eval gate` reads it.
    const readBack = measure(
      () => (JSON.parse(readFileSync(join(dir, "report.json"), "utf8")) as EvalReport).cells.length,
    );
    figures.push({ name: "report.json read back (JSON.parse): wall", value: readBack.wallMs, unit: "ms" });
    figures.push({ name: "report.json read back: cells", value: readBack.result, unit: "cells" });

    const small = buildEvalReport(outcomes.slice(0, 10_000), run);
    const smallHtml = join(dir, "report-10k.html");
    pushPhase(
      figures,
      "write report.html, 10k cells",
      measure(() => writeFileAtomic(smallHtml, renderHtmlReportChunks(small))),
      [],
    );
    figures.push({ name: "report.html size, 10k cells", value: statSync(smallHtml).size / MiB, unit: "MiB" });
    if (existsSync(CHROMIUM)) {
      const { chromium } = await import("playwright-core");
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
      });
      try {
        // A running browser, as a user's would be: the first page it ever opens pays its start-up.
        await measureInChromium(browser, smallHtml, "warm-up", undefined);
        figures.push(...(await measureInChromium(browser, smallHtml, "10k cells", 3000)));
        figures.push(
          ...(await measureInChromium(browser, join(dir, "report.html"), "100k cells", undefined)),
        );
      } finally {
        await browser.close();
      }
    } else {
      figures.push({ name: `Chromium not found at ${CHROMIUM}: page figures skipped`, value: 0, unit: "" });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

/**
 * Opens a report in headless Chromium and times what a user sees: the first rows of the cell list, a
 * click that opens a cell's detail, a filter that redraws the list, and every chunk read.
 */
async function measureInChromium(
  browser: Browser,
  file: string,
  label: string,
  targetMs: number | undefined,
): Promise<BenchFigure[]> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  const started = performance.now();
  await page.goto(pathToFileURL(file).href, { waitUntil: "commit", timeout: 120_000 });
  await page.locator("#cells-table tbody tr.cell").first().waitFor({ timeout: 120_000 });
  const firstRows = performance.now() - started;
  await page.locator("#cells-table tbody tr.cell").first().click();
  await page.locator("tr.detail").first().waitFor();
  const responded = performance.now() - started;
  const filterStarted = performance.now();
  await page.locator("#f-failing").check();
  // The page's Content-Security-Policy forbids evaluated strings: wait on locators only.
  await page.locator("#cells .badge.good").first().waitFor({ state: "detached" });
  const filtered = performance.now() - filterStarted;
  await page.locator("#count", { hasText: "in the report" }).waitFor({ timeout: 120_000 });
  const loaded = performance.now() - started;
  const figures: BenchFigure[] = [
    { name: `Chromium, ${label}: first rows shown`, value: firstRows, unit: "ms" },
    {
      name: `Chromium, ${label}: opened and a click showed a cell's detail`,
      value: responded,
      unit: "ms",
      ...(targetMs === undefined ? {} : { target: `< ${targetMs} ms`, met: responded < targetMs }),
    },
    { name: `Chromium, ${label}: "failing only" filter applied`, value: filtered, unit: "ms" },
    { name: `Chromium, ${label}: every cell loaded`, value: loaded, unit: "ms" },
  ];
  if (errors.length > 0)
    figures.push({
      name: `Chromium, ${label}: page errors (${errors[0]})`,
      value: errors.length,
      unit: "",
    });
  await page.close();
  return figures;
}
