export { type CreateOutputComparerOptions, compareOutputs, createOutputComparer } from "./compare-outputs.js";
export { MaestroReporter, type MaestroReporterOptions } from "./maestro-reporter.js";
export { createProgress, type Progress } from "./progress.js";
export { type RenderComparisonTableOptions, renderComparisonTable } from "./render-comparison-table.js";
export {
  renderBaselineComparisons,
  renderGateRecommendation,
  renderGateResult,
} from "./render-gate-result.js";
export {
  type RenderHtmlReportOptions,
  renderHtmlReport,
  renderHtmlReportChunks,
} from "./render-html-report.js";
export { renderJunit, renderJunitChunks } from "./render-junit.js";
export { renderMarkdownSummary } from "./render-markdown-summary.js";
export { type RenderOutputDiffsOptions, renderOutputDiffs } from "./render-output-diffs.js";
export { renderRecommendation } from "./render-recommendation.js";
export { renderReportJson, renderReportJsonChunks } from "./render-report-json.js";
export { writeFileAtomic } from "./write-file-atomic.js";
export { REPORT_FILES, writeReportFiles } from "./write-report-files.js";
