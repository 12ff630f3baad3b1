import { randomUUID } from "node:crypto";
import type { Reporter } from "vitest/node";
import type { EvalReport } from "../domain/eval-report.js";
import { type HistoryRunInfo, summarizeForHistory } from "../domain/run-history.js";
import { appendHistory } from "./history-file.js";

/** Options of {@link HistoryReporter}. */
export interface HistoryReporterOptions {
  /** The history file, `reports/history.jsonl` by default in the CLI. */
  file: string;
  /** Where the finished report is read: the {@link MaestroReporter}, listed before this reporter. */
  source: { readonly report: EvalReport | undefined };
  /** The git state and shard of the run, read when it ends. */
  describeRun: () => Pick<HistoryRunInfo, "commit" | "branch" | "dirty" | "shard">;
}

/**
 * Appends a summary of every finished run (each rerun in watch mode) to the history file: one line per
 * suite. List it after the `MaestroReporter` whose report it summarises.
 *
 * @example
 * const reporter = new MaestroReporter({ dir: "reports" });
 * const history = new HistoryReporter({ file: "reports/history.jsonl", source: reporter, describeRun: () => readGitState(process.cwd()) });
 * // reporters: [reporter, history]
 */
export class HistoryReporter implements Reporter {
  /** How many lines the last run appended. */
  appended = 0;

  constructor(private readonly options: HistoryReporterOptions) {}

  onTestRunEnd(): void {
    this.appended = 0;
    const report = this.options.source.report;
    if (report === undefined || report.cells.length === 0) return;
    const entries = summarizeForHistory(report, {
      run: `${report.run.finishedAt}-${randomUUID().slice(0, 8)}`,
      at: report.run.finishedAt,
      source: "run",
      ...this.options.describeRun(),
    });
    appendHistory(this.options.file, entries);
    this.appended = entries.length;
  }
}
