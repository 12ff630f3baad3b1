import { toAgreeWithVerifiers } from "./to-agree-with-verifiers.js";
import { toCallTool } from "./to-call-tool.js";
import { toCiteSource } from "./to-cite-source.js";
import { toCostAtMost } from "./to-cost-at-most.js";
import { toFinishWithin } from "./to-finish-within.js";
import { toHaveStatus } from "./to-have-status.js";
import { toMatchOutputOf } from "./to-match-output-of.js";
import { toMeetRequirement } from "./to-meet-requirement.js";
import { toPassMandatoryGate } from "./to-pass-mandatory-gate.js";
import { toScoreAtLeast } from "./to-score-at-least.js";
import { toUseOnlySources } from "./to-use-only-sources.js";

/**
 * Every Maestro matcher, for `expect.extend`. Each is synchronous (`toAgreeWithVerifiers` once the verifiers
 * are loaded: see {@link installMaestroMatchers}), reads only the stored run, and appends
 * one `AssertionRecord` to each CellRun it receives.
 *
 * @example
 * import { expect } from "vitest";
 * expect.extend(maestroMatchers);
 */
export const maestroMatchers = {
  toHaveStatus,
  toScoreAtLeast,
  toMeetRequirement,
  toPassMandatoryGate,
  toAgreeWithVerifiers,
  toMatchOutputOf,
  toFinishWithin,
  toCostAtMost,
  toCallTool,
  toCiteSource,
  toUseOnlySources,
};
