export {
  BUDGETS,
  type Budget,
  type ChatChoice,
  type ChatCompletion,
  type ChatCompletionChunk,
  type ChatMessage,
  type ChatRequest,
  type ChatUsage,
  type CreateRunRequest,
  type DataSources,
  type ErrorDetail,
  type FileSearchResult,
  type FileSearchTool,
  type HttpTool,
  type HttpValidationError,
  INCLUDE_FIELDS,
  type IncludeField,
  isTerminalStatus,
  type LibraryFile,
  type LibraryFileId,
  type LibraryFileUpdate,
  type LocalRunInfo,
  type LocalRunStep,
  type MaestroInput,
  type MaestroMessage,
  type MaestroPaths,
  type MaestroRun,
  type MaestroTool,
  type McpTool,
  matchesUrlPrefix,
  RESPONSE_LANGUAGES,
  type Requirement,
  type RequirementResult,
  type RequirementsResult,
  type ResponseLanguage,
  type RunStatus,
  TERMINAL_RUN_STATUSES,
  type ToolCallResult,
  type ValidationErrorItem,
  type WebSearchResult,
  type WebSearchTool,
} from "./api-types.js";
export {
  type BuildEvalReportOptions,
  buildEvalReport,
} from "./build-eval-report.js";
export { CELL_META_KEY, CELL_META_VERSION, type CellMeta, readCellMeta } from "./cell-meta.js";
export { type AssertionRecord, type CellKey, type CellRun, isCellRun } from "./cell-run.js";
export {
  type CaseDiffReport,
  type CaseReport,
  type CellDisagreement,
  type CellOutcome,
  type CellReport,
  type CellRequirementReport,
  type CostReport,
  type DiffRow,
  type DiffSegment,
  type ErrorCountsReport,
  EVAL_REPORT_SCHEMA_VERSION,
  type EvalReport,
  type EvalReportSettings,
  type EvalRunReport,
  type FlakyReport,
  type GroupReport,
  type IntervalReport,
  type LatencyReport,
  type OutputComparer,
  type OutputComparison,
  type ParetoReport,
  type RateReport,
  type RecommendationReport,
  type ReferenceOption,
  type RequirementSummaryReport,
  type ScoreSummaryReport,
  type SuiteReport,
  type SuiteRequirementReport,
  type TestAssertionReport,
  type TestOutcome,
  type TestReport,
} from "./eval-report.js";
export {
  evaluateGate,
  type GateComparison,
  type GateConfig,
  type GateFailure,
  type GateFailureKind,
  type GateResult,
  type RequirementGateConfig,
  type SuiteGateConfig,
} from "./evaluate-gate.js";
export { EXIT, type ExitCode } from "./exit-codes.js";
export {
  formatDuration,
  formatP,
  formatPercent,
  formatScore,
  formatScoreChange,
  formatUsd,
  plural,
  quote,
} from "./format-text.js";
export { type MeanIntervalResult, MIN_INTERVAL_RUNS, meanInterval } from "./mean-interval.js";
export { type MergeEvalReportsOptions, mergeEvalReports } from "./merge-eval-reports.js";
export { parseGateConfig } from "./parse-gate-config.js";
export {
  formatPreferWait,
  isWaitApplied,
  MAX_PREFER_WAIT_SECONDS,
  PREFER_HEADER,
  PREFERENCE_APPLIED_HEADER,
  readPreferWait,
} from "./prefer-wait.js";
export { publishedChatPrice, type TokenPrice, tokenCostUsd } from "./published-prices.js";
export {
  applyGateRecommendations,
  type GateRecommendation,
  recommendUnderGate,
} from "./recommend-under-gate.js";
export { formatResultLine, parseResultLines, type ResultLine, resumeKey } from "./result-line.js";
export { scoreOverall } from "./score-overall.js";
export {
  DEFAULT_TRUSTED_SOURCES,
  describeScoreSource,
  isScoreSource,
  readScoreSources,
  SCORE_SOURCES,
  type ScoreSource,
  type ScoreSourceCounts,
  TRUSTABLE_SCORE_SOURCES,
} from "./score-source.js";
export { stableStringify } from "./stable-stringify.js";
export {
  isAtLeast,
  isAtMost,
  mean,
  normalCdf,
  normalQuantile,
  type PairedComparisonOptions,
  type PairedComparisonResult,
  type PairedVerdict,
  type PassRateResult,
  pairedComparison,
  passRate,
  percentile,
  type WilsonInterval,
  wilsonBounds,
  wilsonInterval,
} from "./statistics.js";
export { readTestMeta, TEST_META_KEY, TEST_META_VERSION, type TestMeta } from "./test-meta.js";
export { groupKey, type TrustedReport, type TrustReportOptions, trustReport } from "./trust-report.js";
