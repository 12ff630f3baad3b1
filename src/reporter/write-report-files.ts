import { join } from "node:path";
import type { EvalReport, GateResult } from "../domain/index.js";
import type { TrendRow } from "../domain/run-history.js";
import { renderHtmlReportChunks } from "./render-html-report.js";
import { renderJunitChunks } from "./render-junit.js";
import { renderMarkdownSummary } from "./render-markdown-summary.js";
import { renderReportJsonChunks } from "./render-report-json.js";
import { writeFileAtomic } from "./write-file-atomic.js";

/** The files a run writes under its reports directory. */
export const REPORT_FILES = {
  results: "results.jsonl",
  json: "report.json",
  html: "report.html",
  junit: "junit.xml",
  markdown: "summary.md",
} as const;

/**
 * Writes `report.json`, `report.html`, `junit.xml` and `summary.md` for a report and the gate's verdict on
 * it, each streamed whole to a temporary file and renamed into place. The one place these four are
 * written (the reporter at the end of a run, `maestro-eval merge`), so that every file tells the verdict
 * of the same gate.
 *
 * @example
 * writeReportFiles("reports", report, evaluateGate(report, gateConfig));
 */
export function writeReportFiles(
  dir: string,
  report: EvalReport,
  gate: GateResult,
  trend?: readonly TrendRow[] | undefined,
): void {
  writeFileAtomic(join(dir, REPORT_FILES.json), renderReportJsonChunks(report));
  writeFileAtomic(join(dir, REPORT_FILES.html), renderHtmlReportChunks(report, { gate, trend }));
  writeFileAtomic(join(dir, REPORT_FILES.junit), renderJunitChunks(report, gate));
  writeFileAtomic(join(dir, REPORT_FILES.markdown), renderMarkdownSummary(report, gate));
}
