import type { MatcherState } from "vitest";
import { type RunStatus, TERMINAL_RUN_STATUSES } from "../domain/index.js";
import { evaluateCheck } from "./evaluate-check.js";
import { describeArgument, readReason } from "./format.js";
import type { MaestroMatcherResult } from "./matcher-result.js";
import { readOptionsObject } from "./read-options.js";
import type { CheckMatcherOptions } from "./types.js";

const RUN_STATUSES: readonly RunStatus[] = ["in_progress", ...TERMINAL_RUN_STATUSES];

/**
 * Asserts that a run ended with `status`; a failed run's error message follows its label.
 *
 * @example
 * expect(run).toHaveStatus("completed");
 * // expected run to have status "completed", got "failed" (jamba-mini/low #0, run 3f1c9a2b…): upstream timeout
 */
export function toHaveStatus(
  this: MatcherState,
  received: unknown,
  status: RunStatus,
  options?: CheckMatcherOptions,
): MaestroMatcherResult {
  if (!RUN_STATUSES.includes(status)) {
    throw new TypeError(
      `toHaveStatus: status must be one of ${RUN_STATUSES.map((item) => `"${item}"`).join(", ")}, got ${describeArgument(status)}`,
    );
  }
  const { aggregate } = readOptionsObject("toHaveStatus", options);
  return evaluateCheck(this.isNot, received, {
    matcher: "toHaveStatus",
    subject: "run",
    goal: `to have status "${status}"`,
    threshold: null,
    aggregate,
    check: ({ run }) => ({
      ok: true,
      pass: run.status === status,
      seen: `"${run.status}"`,
      value: null,
      detail: readReason(run.error?.message),
      actual: run.status,
      expected: status,
    }),
  });
}
