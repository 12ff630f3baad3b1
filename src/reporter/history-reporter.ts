import { randomUUID } from "node:crypto";
import type { Reporter, TestCase } from "vitest/node";
import { readCellMeta } from "../domain/cell-meta.js";
import type { EvalReport } from "../domain/eval-report.js";
import { type HistoryRunInfo, summarizeForHistory } from "../domain/run-history.js";
import { appendHistory } from "./history-file.js";

/** Options of {@link HistoryReporter}. */
export interface HistoryReporterOptions {
  /** The history file, `reports/history.jsonl` by default in the CLI. */
  file: string;
  /**
   * Where the finished report is read: the {@link MaestroReporter}, listed before this reporter. When it
   * says it did not write the reports of a round (`wrote: false`: no cell, or an interrupted rerun),
   * nothing is appended.
   */
  source: {
    readonly report: EvalReport | undefined;
    readonly wrote?: boolean;
    /** Settles once the source has written its reports, when that waits (MaestroReporter's). */
    readonly finishing?: Promise<void> | undefined;
  };
  /** The git state and shard of the run, read when it ends. */
  describeRun: () => Pick<HistoryRunInfo, "commit" | "branch" | "dirty" | "shard">;
}

/**
 * Appends a summary of every finished run to the history file: one line per suite. In watch mode each
 * rerun appends the lines of the suites that ran in it, not again those of the suites it left as they
 * were. List it after the `MaestroReporter` whose report it summarises.
 *
 * @example
 * const reporter = new MaestroReporter({ dir: "reports" });
 * const history = new HistoryReporter({ file: "reports/history.jsonl", source: reporter, describeRun: () => readGitState(process.cwd()) });
 * // reporters: [reporter, history]
 */
export class HistoryReporter implements Reporter {
  /** How many lines the last run appended. */
  appended = 0;
  private rounds = 0;
  /** The suites that had a cell in the round in progress. */
  private readonly suites = new Set<string>();

  constructor(private readonly options: HistoryReporterOptions) {}

  onTestRunStart(): void {
    this.rounds += 1;
    this.suites.clear();
  }

  onTestCaseResult(testCase: TestCase): void {
    const meta = readCellMeta(testCase.meta());
    if (meta !== undefined) this.suites.add(meta.cell.suite);
  }

  async onTestRunEnd(): Promise<void> {
    // Called beside the source's own onTestRunEnd: its reports are read once it has written them.
    await this.options.source.finishing;
    this.appended = 0;
    const report = this.options.source.report;
    if (report === undefined || report.cells.length === 0 || this.options.source.wrote === false) return;
    const entries = summarizeForHistory(report, {
      run: `${report.run.finishedAt}-${randomUUID().slice(0, 8)}`,
      at: report.run.finishedAt,
      source: "run",
      ...this.options.describeRun(),
    }).filter((entry) => this.rounds <= 1 || this.suites.has(entry.suite));
    if (entries.length === 0) return;
    appendHistory(this.options.file, entries);
    this.appended = entries.length;
  }
}
