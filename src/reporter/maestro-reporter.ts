import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Reporter, TestCase, TestModule, TestSpecification, Vitest } from "vitest/node";
import {
  applyGateRecommendations,
  buildEvalReport,
  type CellOutcome,
  type EvalReport,
  evaluateGate,
  formatResultLine,
  type GateConfig,
  type GateResult,
  parseResultLines,
  type ResultLine,
  readCellMeta,
  readTestMeta,
  resumeKey,
  type TestOutcome,
} from "../domain/index.js";
import {
  LINT_META_KEY,
  type LintFinding,
  readLintFindings,
  sortLintFindings,
} from "../domain/lint-finding.js";
import type { TrendRow } from "../domain/run-history.js";
import { compareOutputs } from "./compare-outputs.js";
import { createProgress, type Progress } from "./progress.js";
import { renderComparisonTable } from "./render-comparison-table.js";
import { renderLintFindings } from "./render-lint-findings.js";
import { renderOutputDiffs } from "./render-output-diffs.js";
import { renderRecommendation } from "./render-recommendation.js";
import { writeFileAtomic } from "./write-file-atomic.js";
import { REPORT_FILES, writeReportFiles } from "./write-report-files.js";

/** Options of {@link MaestroReporter}. */
export interface MaestroReporterOptions {
  /** Where the reports go. Default `reports`. */
  dir?: string;
  /** Keep `results.jsonl` from an earlier run and add to it (`maestro-eval run --resume`). Default false. */
  resume?: boolean;
  /** Print tables, diffs and the recommendation at the end. Default true. */
  print?: boolean;
  /** Progress while running: a live line on a terminal, plain lines otherwise, or none. Default `auto`. */
  progress?: "auto" | "live" | "lines" | "off";
  /** The cell group other cells are diffed against; default the most expensive. */
  reference?: { model: string; budget: string } | undefined;
  /** The version written into the report. */
  version?: string;
  /** Where it prints. Default `process.stdout`. */
  out?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /**
   * The gate the reports show the verdict of (`maestro-eval.config.ts`'s `gate`); default the default gate
   * (every mandatory requirement met, every assertion passed).
   */
  gate?: GateConfig | undefined;
  /** The blessed baseline the gate compares with. */
  baseline?: EvalReport | undefined;
  /** The shard (`i/n`) this run is, recorded in the report so that merge can check its inputs. */
  shard?: string | undefined;
}

/**
 * The vitest reporter of maestro-eval: appends every finished cell to `results.jsonl` the moment it
 * finishes (a killed run loses only the cells in flight), shows progress, and at the end writes
 * `report.json`, `report.html`, `junit.xml` and `summary.md` (each written whole, then renamed into
 * place) and prints the comparison tables, the output diffs and the recommendation.
 *
 * @example
 * // vitest.config.ts
 * import { defineMaestroConfig } from "maestro-eval/vitest";
 * import { MaestroReporter } from "maestro-eval/reporter";
 * export default defineMaestroConfig({}, { test: { reporters: [new MaestroReporter()] } });
 */
export class MaestroReporter implements Reporter {
  /** The report of the last finished run. */
  report: EvalReport | undefined;
  /** The gate's verdict on {@link report}, as report.html, junit.xml and summary.md show it. */
  gate: GateResult | undefined;
  /**
   * Whether the reports were written. A run without a single cell writes nothing, so that a typo in a
   * suite filter never replaces the last report with an empty one.
   */
  wrote = false;
  /** Lines of an earlier results.jsonl that `--resume` could not read (cut by a kill, or corrupt). */
  unreadableLines = 0;
  /** Tests that are not cells (a case's `across cells` test, plain tests) and failed. */
  readonly otherFailures: { name: string; errors: string[] }[] = [];
  /** Errors vitest reported outside tests (a suite file that failed to load, an unhandled rejection). */
  readonly runErrors: string[] = [];
  private readonly options: Required<
    Omit<MaestroReporterOptions, "reference" | "out" | "gate" | "baseline" | "shard">
  > &
    Pick<MaestroReporterOptions, "reference" | "gate" | "baseline" | "shard">;
  private readonly out: NonNullable<MaestroReporterOptions["out"]>;
  private readonly cells = new Map<string, ResultLine>();
  private readonly tests: TestOutcome[] = [];
  /** Whether results.jsonl has been started (emptied, unless resuming) by this run. */
  private started = false;
  private readonly recorded = new Set<string>();
  private startedAt = new Date();
  private progress: Progress | undefined;
  /** The requirement lint of each suite, by file and suite name, as the harness recorded it at collection. */
  private readonly lint = new Map<string, LintFinding[]>();
  /** The trend of the last runs, with the finished run's report as the last point, for report.html. */
  trend: ((report: EvalReport) => readonly TrendRow[]) | undefined;

  constructor(options: MaestroReporterOptions = {}) {
    this.options = {
      dir: options.dir ?? "reports",
      resume: options.resume ?? false,
      print: options.print ?? true,
      progress: options.progress ?? "auto",
      reference: options.reference,
      version: options.version ?? "0.0.0",
      gate: options.gate,
      baseline: options.baseline,
      shard: options.shard,
    };
    this.out = options.out ?? process.stdout;
  }

  /** The directory the reports are written to. */
  get dir(): string {
    return this.options.dir;
  }

  onInit(_vitest: Vitest): void {
    this.startedAt = new Date();
    // Nothing in the reports directory changes here: only the first finished cell starts results.jsonl.
    if (!this.options.resume) return;
    let text = "";
    try {
      text = readFileSync(join(this.options.dir, REPORT_FILES.results), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    const lines = parseResultLines(text);
    this.unreadableLines = countUnreadableLines(text, lines.length);
    for (const line of lines) {
      this.cells.set(line.meta.cell.key, line);
      // Only a cell that finished with a run is reused; one that ended in an error runs again (see
      // readResumedCells), and its new outcome is appended after the error, the last line winning.
      if (line.meta.error === undefined) this.recorded.add(resumeKey(line.meta));
    }
  }

  /** Creates the directory and, unless resuming, empties results.jsonl: once, when there is a cell to write. */
  private start(): void {
    if (this.started) return;
    this.started = true;
    mkdirSync(this.options.dir, { recursive: true });
    if (!this.options.resume) writeFileSync(join(this.options.dir, REPORT_FILES.results), "");
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    const mode = this.options.progress;
    if (mode === "off") return;
    const live = mode === "live" || (mode === "auto" && this.out.isTTY === true);
    this.progress = createProgress(this.out, { live });
    this.progress.expectFiles(specifications.length);
  }

  onTestModuleCollected(module: TestModule): void {
    let cells = 0;
    for (const test of module.children.allTests()) if (!test.name.endsWith("across cells")) cells += 1;
    this.progress?.addTotal(cells);
    for (const suite of module.children.allSuites()) {
      const findings = suite.meta()[LINT_META_KEY];
      if (findings !== undefined)
        this.lint.set(`${module.moduleId}\u0000${suite.name}`, readLintFindings(findings));
    }
  }

  onTestCaseResult(testCase: TestCase): void {
    const result = testCase.result();
    const state = result.state === "passed" || result.state === "failed" ? result.state : "skipped";
    const failures = (result.errors ?? []).map((error) => error.message);
    const meta = readCellMeta(testCase.meta());
    if (meta === undefined) {
      if (state === "failed") this.otherFailures.push({ name: testCase.fullName, errors: failures });
      const test = readTestMeta(testCase.meta());
      this.tests.push({
        name: testCase.fullName,
        suite: test?.suite ?? null,
        case: test?.case ?? null,
        state,
        failures,
        assertions: test?.assertions ?? [],
      });
      return;
    }
    const line: ResultLine = { meta, state, failures, at: new Date().toISOString() };
    const key = resumeKey(meta);
    // Appended synchronously, the moment the cell is known to be finished.
    if (!this.recorded.has(key)) {
      this.start();
      appendFileSync(join(this.options.dir, REPORT_FILES.results), formatResultLine(line));
      this.recorded.add(key);
    }
    this.cells.set(meta.cell.key, line);
    this.progress?.tick(state === "failed", meta.error !== undefined);
  }

  onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<{ message?: string }>,
  ): void {
    this.progress?.finish();
    for (const module of modules)
      for (const error of module.errors()) this.runErrors.push(`${module.moduleId}: ${error.message}`);
    for (const error of unhandledErrors) this.runErrors.push(error.message ?? String(error));
    const outcomes: CellOutcome[] = [...this.cells.values()].map(({ meta, state, failures }) => ({
      meta,
      state,
      failures,
    }));
    const built = buildEvalReport(outcomes, {
      maestroEvalVersion: this.options.version,
      startedAt: this.startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      compareOutputs,
      ...(this.options.reference === undefined ? {} : { reference: this.options.reference }),
      tests: this.tests,
      runErrors: this.runErrors,
      shard: this.options.shard ?? null,
    });
    // Every file names the recommendation and the verdict of the same gate the CLI exits with.
    const report = applyGateRecommendations(built, this.options.gate ?? {});
    const gate = evaluateGate(report, this.options.gate ?? {}, this.options.baseline);
    this.report = report;
    this.gate = gate;
    // No cell ran: the run did nothing, and the last run's reports stay as they were.
    if (report.cells.length === 0) return;
    this.start();
    this.wrote = true;
    const dir = this.options.dir;
    // One line per cell, the last outcome of each: a resumed cell that had ended in an error, or lines
    // that could not be read, leave no extra line behind.
    if (this.options.resume) {
      writeFileAtomic(
        join(dir, REPORT_FILES.results),
        [...this.cells.values()].map((line) => formatResultLine(line)),
      );
    }
    // Streamed: a report of 100,000 cells is never held as one string per file.
    report.lint = sortLintFindings([...this.lint.values()].flat());
    writeReportFiles(dir, report, gate, this.trend?.(report));
    if (!this.options.print) return;
    const width = Math.max(60, Math.min(this.out.columns ?? 120, 200));
    const color = this.out.isTTY === true;
    const sections = [
      renderLintFindings(report.lint),
      renderComparisonTable(report, { width, color }),
      renderOutputDiffs(report, { width, maxLines: 12 }),
      renderRecommendation(report),
    ].filter((section) => section.trim() !== "");
    if (this.unreadableLines > 0)
      sections.push(
        `--resume: ${this.unreadableLines} unreadable line${this.unreadableLines === 1 ? "" : "s"} in ${join(dir, REPORT_FILES.results)} (cut by a kill, or corrupt): skipped, and their cells ran again unless another line held them`,
      );
    for (const failure of this.otherFailures)
      sections.push(`FAILED ${failure.name}\n  ${failure.errors.join("\n  ")}`);
    for (const error of this.runErrors) sections.push(`ERROR ${error}`);
    sections.push(
      `Reports: ${Object.values(REPORT_FILES)
        .map((file) => join(dir, file))
        .join(", ")}`,
    );
    this.out.write(`\n${sections.join("\n\n")}\n`);
  }
}

/** The non-blank lines of a results.jsonl that did not parse as a result. */
function countUnreadableLines(text: string, parsed: number): number {
  let lines = 0;
  for (const raw of text.split("\n")) if (raw.trim() !== "") lines += 1;
  return lines - parsed;
}
