import type { ConstraintIssue } from "../../errors/index.js";
import { formatIssueLocation } from "../../errors/index.js";
import { createIssue, isRecord, readField } from "../create-issue.js";
import type { RuleContext } from "./constraint-rule.js";

const SEARCH_TOOL_TYPES = ["web_search", "file_search"] as const;

/**
 * `tools.one-search-tool-per-type`: at most one web_search and at most one file_search tool, reported
 * at `["body", "tools"]` as the spec decides.
 */
export function checkOneSearchToolPerType(
  value: unknown,
  context: RuleContext,
): ConstraintIssue[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const issues: ConstraintIssue[] = [];
  for (const type of SEARCH_TOOL_TYPES) {
    let count = 0;
    for (const tool of value) if (isRecord(tool) && readField(tool, "type") === type) count += 1;
    if (count > 1) {
      const loc = context.loc();
      issues.push(
        createIssue(
          loc,
          `${formatIssueLocation(loc)} has ${count} ${type} tools; at most 1 is allowed`,
          "value_error.too_many_search_tools",
        ),
      );
    }
  }
  return issues.length > 0 ? issues : undefined;
}
