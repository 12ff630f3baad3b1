import type { ConstraintIssue } from "../../errors/index.js";
import { formatIssueLocation } from "../../errors/index.js";
import { createIssue, isRecord, readField } from "../create-issue.js";
import type { RuleContext } from "./constraint-rule.js";

/** `run.requirements-with-tools`: AI21 documents that requirements work only when no tools are selected. */
export function checkRequirementsWithTools(
  value: unknown,
  context: RuleContext,
): ConstraintIssue[] | undefined {
  if (!isRecord(value)) return undefined;
  const requirements = readField(value, "requirements");
  const tools = readField(value, "tools");
  if (!Array.isArray(requirements) || requirements.length === 0) return undefined;
  if (!Array.isArray(tools) || tools.length === 0) return undefined;
  const loc = [...context.loc(), "requirements"];
  return [
    createIssue(
      loc,
      `${formatIssueLocation(loc)} are given together with tools; AI21 documents that requirements work only when no tools are selected`,
      "warning.requirements_with_tools",
      "warning",
    ),
  ];
}

function readChoiceCount(value: Record<string, unknown>): number | undefined {
  const n = readField(value, "n");
  return typeof n === "number" && Number.isInteger(n) && n > 1 ? n : undefined;
}

/** `chat.n-with-zero-temperature`: with temperature 0 every choice would be the same, so AI21 rejects it. */
export function checkNWithZeroTemperature(
  value: unknown,
  context: RuleContext,
): ConstraintIssue[] | undefined {
  if (!isRecord(value)) return undefined;
  const n = readChoiceCount(value);
  if (n === undefined || readField(value, "temperature") !== 0) return undefined;
  const loc = [...context.loc(), "n"];
  return [
    createIssue(
      loc,
      `${formatIssueLocation(loc)} must be 1 when temperature is 0 (every choice would be the same); got ${n}`,
      "value_error.n_with_zero_temperature",
    ),
  ];
}

/** `chat.stream-with-n`: AI21 streams a single choice, so `n` must be 1 when `stream` is true. */
export function checkStreamWithN(value: unknown, context: RuleContext): ConstraintIssue[] | undefined {
  if (!isRecord(value)) return undefined;
  const n = readChoiceCount(value);
  if (n === undefined || readField(value, "stream") !== true) return undefined;
  const loc = [...context.loc(), "n"];
  return [
    createIssue(
      loc,
      `${formatIssueLocation(loc)} must be 1 when stream is true; got ${n}`,
      "value_error.stream_with_n",
    ),
  ];
}
