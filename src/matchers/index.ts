export { extendExpect, installMaestroMatchers } from "./install-maestro-matchers.js";
export { maestroMatchers } from "./maestro-matchers.js";
export type { MaestroMatcherResult } from "./matcher-result.js";
export { toAgreeWithVerifiers } from "./to-agree-with-verifiers.js";
export { toCallTool } from "./to-call-tool.js";
export { toCiteSource } from "./to-cite-source.js";
export { toCostAtMost } from "./to-cost-at-most.js";
export { toFinishWithin } from "./to-finish-within.js";
export { toHaveStatus } from "./to-have-status.js";
export { toMatchOutputOf } from "./to-match-output-of.js";
export { toMeetRequirement } from "./to-meet-requirement.js";
export { toPassMandatoryGate } from "./to-pass-mandatory-gate.js";
export { toScoreAtLeast } from "./to-score-at-least.js";
export { toUseOnlySources } from "./to-use-only-sources.js";
export type {
  AggregateOption,
  AgreeWithVerifiersOptions,
  CallToolOptions,
  CheckAggregateOption,
  CheckMatcherOptions,
  CostMatcherOptions,
  MaestroMatchers,
  MatchableRun,
  MatchOutputOfOptions,
  SourceReference,
  ThresholdMatcherOptions,
} from "./types.js";
