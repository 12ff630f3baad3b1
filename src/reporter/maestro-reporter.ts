import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type {
  Reporter,
  TestCase,
  TestModule,
  TestRunEndReason,
  TestSpecification,
  TestSuite,
  Vitest,
} from "vitest/node";
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
  readSuiteLintInput,
  type SuiteLinter,
  type SuiteLintInput,
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
  /**
   * Lints the suites whose workers only recorded what to lint (`maestro-eval run` gives the harness's
   * `createSuiteLinter()` and tells the workers so); without one, the findings are those the workers recorded.
   */
  linter?: SuiteLinter | undefined;
}

/** What one suite file contributed, besides its cells: replaced whole when the file runs again. */
interface FileRecord {
  tests: TestOutcome[];
  otherFailures: { name: string; errors: string[] }[];
  /** The requirement lint of each of its suites, by suite name, as the harness recorded it (at collection, or in a run once the worker was idle). */
  lint: Map<string, LintFinding[]>;
  /** Suites recorded for the reporter's linter and not linted yet, by suite name. */
  lintInputs: Map<string, SuiteLintInput>;
  /** The file's own errors (it failed to load, a hook threw). */
  errors: string[];
}

/** What the round in progress has seen, merged into the report only when the round finishes. */
interface Round {
  /** The files this round runs: their cells and records replace the earlier ones. */
  files: Set<string>;
  cells: Map<string, { line: ResultLine; file: string }>;
  records: Map<string, FileRecord>;
  /** Whether a line was appended to results.jsonl in this round. */
  appended: boolean;
}

/**
 * The vitest reporter of maestro-eval: appends every finished cell to `results.jsonl` the moment it
 * finishes (a killed run loses only the cells in flight), shows progress, and at the end writes
 * `report.json`, `report.html`, `junit.xml` and `summary.md` (each written whole, then renamed into
 * place) and prints the comparison tables, the output diffs and the recommendation.
 *
 * In watch mode every rerun writes the whole current state again: the cells of the files that ran
 * replace theirs, the cells of the other files are kept, and results.jsonl is rewritten to one line per
 * cell. A rerun that is interrupted (Ctrl-C) is dropped once a report was written: the reports stay
 * those of the last finished round.
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
   * Whether the last round wrote the reports. A run without a single cell writes nothing, so that a typo
   * in a suite filter never replaces the last report with an empty one; nor does an interrupted rerun.
   */
  wrote = false;
  /** How many rounds (the run, then each rerun in watch mode) have started. */
  rounds = 0;
  /** Lines of an earlier results.jsonl that `--resume` could not read (cut by a kill, or corrupt). */
  unreadableLines = 0;
  /** Tests that are not cells (a case's `across cells` test, plain tests) and failed. */
  readonly otherFailures: { name: string; errors: string[] }[] = [];
  /** Errors vitest reported outside tests (a suite file that failed to load, an unhandled rejection). */
  readonly runErrors: string[] = [];
  private readonly options: Required<
    Omit<MaestroReporterOptions, "reference" | "out" | "gate" | "baseline" | "shard" | "linter">
  > &
    Pick<MaestroReporterOptions, "reference" | "gate" | "baseline" | "shard" | "linter">;
  private readonly out: NonNullable<MaestroReporterOptions["out"]>;
  private readonly cells = new Map<string, ResultLine>();
  /** The suite file of each cell; none for a cell read back from results.jsonl by --resume and not run. */
  private readonly cellFiles = new Map<string, string>();
  private readonly files = new Map<string, FileRecord>();
  /** Errors vitest reported outside any file in the last finished round. */
  private unhandled: string[] = [];
  private round: Round | undefined;
  /** The lines results.jsonl held when the reports were last written: what an interrupted rerun restores. */
  private written: ResultLine[] | undefined;
  /** Whether results.jsonl has been started (emptied, unless resuming) by this run. */
  private started = false;
  private readonly recorded = new Set<string>();
  private startedAt = new Date();
  private progress: Progress | undefined;
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
      linter: options.linter,
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

  /** A round (the run, or a rerun in watch mode) begins: the files it runs will replace what they gave before. */
  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.rounds += 1;
    this.wrote = false;
    this.round = createRound(specifications.map((specification) => specification.moduleId));
    // The linter gets ready at this process's first idle moment, as its workers start, rather than once the
    // first suite is collected, when the run's first cells are already waiting on this process.
    this.options.linter?.expectSuites?.(specifications.map((specification) => specification.moduleId));
    this.options.linter?.whenIdle(() => undefined);
    if (this.rounds > 1) {
      this.startedAt = new Date();
      // Only the first round read an earlier results.jsonl.
      this.unreadableLines = 0;
    }
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
    for (const suite of module.children.allSuites()) this.readLint(suite);
  }

  /** A suite's lint: at collection, or when the suite ends (a run lints once its worker is idle). */
  onTestSuiteResult(suite: TestSuite): void {
    this.readLint(suite);
  }

  private readLint(suite: TestSuite): void {
    const meta = suite.meta();
    const record = this.recordOf(suite.module.moduleId);
    const findings = meta[LINT_META_KEY];
    if (findings !== undefined) {
      record.lint.set(suite.name, readLintFindings(findings));
      return;
    }
    const linter = this.options.linter;
    const input = readSuiteLintInput(meta);
    if (linter === undefined || input === undefined) return;
    if (record.lint.has(suite.name) || record.lintInputs.has(suite.name)) return;
    record.lintInputs.set(suite.name, input);
    const round = this.round;
    linter.whenIdle(() => this.lintPending(round), input);
  }

  /** Lints what the round's suites recorded for the linter and is not linted yet. */
  private lintPending(round: Round | undefined): void {
    const linter = this.options.linter;
    if (round === undefined || linter === undefined || !linter.ready) return;
    for (const record of round.records.values()) {
      for (const [name, input] of record.lintInputs) {
        record.lint.set(name, linter.lint(input));
        record.lintInputs.delete(name);
      }
    }
  }

  onTestCaseResult(testCase: TestCase): void {
    const result = testCase.result();
    const state = result.state === "passed" || result.state === "failed" ? result.state : "skipped";
    const failures = (result.errors ?? []).map((error) => error.message);
    const file = testCase.module.moduleId;
    const meta = readCellMeta(testCase.meta());
    if (meta === undefined) {
      const record = this.recordOf(file);
      if (state === "failed") record.otherFailures.push({ name: testCase.fullName, errors: failures });
      const test = readTestMeta(testCase.meta());
      record.tests.push({
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
    const round = this.currentRound();
    // Appended synchronously, the moment the cell is known to be finished.
    if (!this.recorded.has(key)) {
      this.start();
      appendFileSync(join(this.options.dir, REPORT_FILES.results), formatResultLine(line));
      this.recorded.add(key);
      round.appended = true;
    }
    round.cells.set(meta.cell.key, { line, file });
    this.progress?.tick(state === "failed", meta.error !== undefined);
  }

  onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<{ message?: string }>,
    reason?: TestRunEndReason,
  ): void | Promise<void> {
    this.progress?.finish();
    const round = this.currentRound();
    this.round = undefined;
    const linter = this.options.linter;
    const pending = [...round.records.values()].some((record) => record.lintInputs.size > 0);
    if (pending && linter !== undefined && !linter.ready) {
      // The run never left this process idle long enough to lint: the linter is loaded now, and the
      // reports written once it has linted (a reporter that reads them awaits `finishing`).
      this.finishing = linter
        .prepare()
        .catch(() => undefined)
        .then(() => this.endRound(round, modules, unhandledErrors, reason));
      return this.finishing;
    }
    this.endRound(round, modules, unhandledErrors, reason);
  }

  /** Settles once the last round's reports are written, when writing them waited for the linter. */
  finishing: Promise<void> | undefined;

  private endRound(
    round: Round,
    modules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<{ message?: string }>,
    reason: TestRunEndReason | undefined,
  ): void {
    // What the linter has not had an idle moment for is linted now, before the reports are written.
    this.lintPending(round);
    if (reason === "interrupted" && this.written !== undefined) {
      // A rerun cut short is dropped: the reports stay those of the last finished round, and results.jsonl
      // loses the lines this round appended. A first round cut short is written as it stands (below): its
      // finished cells are all there is, as after a killed run.
      if (round.appended) this.writeResults(this.written);
      return;
    }
    for (const module of modules)
      for (const error of module.errors())
        this.recordOf(module.moduleId, round).errors.push(`${module.moduleId}: ${error.message}`);
    // The files that ran replace what they gave before; the cells of the other files stay as they were.
    for (const file of round.files) this.files.delete(file);
    for (const [key, file] of this.cellFiles) {
      if (round.files.has(file) && !round.cells.has(key)) {
        this.cells.delete(key);
        this.cellFiles.delete(key);
      }
    }
    for (const [key, { line, file }] of round.cells) {
      this.cells.set(key, line);
      this.cellFiles.set(key, file);
    }
    for (const [file, record] of round.records) this.files.set(file, record);
    this.unhandled = unhandledErrors.map((error) => error.message ?? String(error));
    this.finish();
  }

  /** A suite file was deleted (watch mode): its cells leave the report, which is written again. */
  onTestRemoved(file?: string): void {
    if (file === undefined) return;
    let known = this.files.delete(file);
    for (const [key, owner] of this.cellFiles) {
      if (owner !== file) continue;
      this.cells.delete(key);
      this.cellFiles.delete(key);
      known = true;
    }
    this.wrote = false;
    if (known && this.written !== undefined) this.finish();
  }

  private currentRound(): Round {
    this.round ??= createRound([]);
    return this.round;
  }

  private recordOf(file: string, round = this.currentRound()): FileRecord {
    let record = round.records.get(file);
    if (record === undefined) {
      record = { tests: [], otherFailures: [], lint: new Map(), lintInputs: new Map(), errors: [] };
      round.records.set(file, record);
    }
    return record;
  }

  /** Replaces results.jsonl with these lines, one per cell, atomically. */
  private writeResults(lines: readonly ResultLine[]): void {
    writeFileAtomic(
      join(this.options.dir, REPORT_FILES.results),
      lines.map((line) => formatResultLine(line)),
    );
  }

  /** Builds the report of every cell known, writes the reports and prints the tables. */
  private finish(): void {
    const records = [...this.files.values()];
    this.otherFailures.length = 0;
    this.runErrors.length = 0;
    for (const record of records) {
      this.otherFailures.push(...record.otherFailures);
      this.runErrors.push(...record.errors);
    }
    this.runErrors.push(...this.unhandled);
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
      tests: records.flatMap((record) => record.tests),
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
    // One line per cell, the last outcome of each: a resumed cell that had ended in an error, lines that
    // could not be read, or a cell a rerun replaced or removed leave no extra line behind.
    const lines = [...this.cells.values()];
    if (this.options.resume || this.written !== undefined || this.rounds > 1) this.writeResults(lines);
    this.written = lines;
    // Streamed: a report of 100,000 cells is never held as one string per file.
    report.lint = sortLintFindings(records.flatMap((record) => [...record.lint.values()].flat()));
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

function createRound(files: readonly string[]): Round {
  return { files: new Set(files), cells: new Map(), records: new Map(), appended: false };
}

/** The non-blank lines of a results.jsonl that did not parse as a result. */
function countUnreadableLines(text: string, parsed: number): number {
  let lines = 0;
  for (const raw of text.split("\n")) if (raw.trim() !== "") lines += 1;
  return lines - parsed;
}
