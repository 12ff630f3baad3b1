import type { ConstraintIssue } from "../../errors/index.js";
import { formatIssueLocation } from "../../errors/index.js";
import { createIssue, isRecord, readField } from "../create-issue.js";
import type { RuleContext } from "./constraint-rule.js";

/**
 * Reports every item whose `field` repeats an earlier item's, among items whose `filter` holds.
 * Empty and non-string values are left to the schema.
 */
export function findDuplicates(
  items: readonly unknown[],
  field: string,
  context: RuleContext,
  describe: (where: string, name: string, first: string) => string,
  type: string,
  filter: (item: Record<string, unknown>) => boolean = () => true,
): ConstraintIssue[] | undefined {
  const issues: ConstraintIssue[] = [];
  const seen = new Map<string, number>();
  for (let index = 0; index < items.length; index += 1) {
    const item = items[index];
    if (!isRecord(item) || !filter(item)) continue;
    const name = readField(item, field);
    if (typeof name !== "string" || name === "") continue;
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, index);
      continue;
    }
    const base = context.loc();
    const loc = [...base, index, field];
    const firstWhere = formatIssueLocation([...base, first]);
    issues.push(createIssue(loc, describe(formatIssueLocation(loc), name, firstWhere), type));
  }
  return issues.length > 0 ? issues : undefined;
}

/** `requirements.unique-names`: a duplicate name makes every later reference to it ambiguous. */
export function checkUniqueNames(value: unknown, context: RuleContext): ConstraintIssue[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return findDuplicates(
    value,
    "name",
    context,
    (where, name, first) =>
      `${where} ${JSON.stringify(name)} is already used by ${first}; requirement names must be unique`,
    "value_error.duplicate_name",
  );
}

/** `tools.unique-mcp-labels`: AI21 documents `server_label` as unique within the session. */
export function checkUniqueMcpLabels(value: unknown, context: RuleContext): ConstraintIssue[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return findDuplicates(
    value,
    "server_label",
    context,
    (where, name, first) =>
      `${where} ${JSON.stringify(name)} is already used by ${first}; MCP server labels must be unique`,
    "value_error.duplicate_server_label",
    (tool) => readField(tool, "type") === "mcp",
  );
}
