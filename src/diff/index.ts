export { type DiffOutputsOptions, diffOutputs } from "./diff-outputs.js";
export type {
  JsonDifference,
  JsonDiffLine,
  JsonOutputDiff,
  JsonValue,
  OutputDiff,
  TextDiffLine,
  TextOutputDiff,
  WordSegment,
} from "./output-diff.js";
export { type SummarizeOutputDiffOptions, summarizeOutputDiff } from "./summarize-output-diff.js";
