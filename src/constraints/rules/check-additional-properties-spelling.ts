import type { ConstraintIssue } from "../../errors/index.js";
import { formatIssueLocation } from "../../errors/index.js";
import { createIssue, isRecord, readField } from "../create-issue.js";
import { describeValue } from "../describe-value.js";
import type { RuleContext } from "./constraint-rule.js";

/**
 * `http-tool.additional-properties-spelling`: AI21's wire name is `additionalProperties`; its SDKs'
 * types spell it `additional_properties`. The SDKs' spelling is taken as the same field (a warning
 * says which is meant); both with different values is an error, since either reading would be a guess.
 */
export function checkAdditionalPropertiesSpelling(
  value: unknown,
  context: RuleContext,
): ConstraintIssue[] | undefined {
  if (!isRecord(value)) return undefined;
  const snake = readField(value, "additional_properties");
  if (snake === undefined || snake === null) return undefined;
  const camel = readField(value, "additionalProperties");
  const loc = [...context.loc(), "additional_properties"];
  const where = formatIssueLocation(loc);
  if (typeof camel === "boolean" && typeof snake === "boolean" && camel !== snake) {
    return [
      createIssue(
        loc,
        `${where} is ${describeValue(snake)} but additionalProperties is ${describeValue(camel)}; give one of them (additionalProperties is AI21's wire name)`,
        "value_error.conflicting_spelling",
      ),
    ];
  }
  return [
    createIssue(
      loc,
      `${where} is the SDKs' spelling of additionalProperties, AI21's wire name; it is read as additionalProperties`,
      "warning.sdk_spelling",
      "warning",
    ),
  ];
}
