import type { ConstraintIssue } from "../../errors/index.js";
import { formatIssueLocation } from "../../errors/index.js";
import { createIssue, isRecord, readField } from "../create-issue.js";
import type { RuleContext } from "./constraint-rule.js";

function roleOf(message: unknown): "user" | "assistant" | undefined {
  if (!isRecord(message)) return undefined;
  const role = readField(message, "role");
  return role === "user" || role === "assistant" ? role : undefined;
}

/**
 * `messages.alternating-user-assistant`: a run's turns alternate, start with a user turn and end with
 * one (the spec's decision). Turns whose role is not user or assistant are left to the schema's enum.
 */
export function checkAlternatingTurns(value: unknown, context: RuleContext): ConstraintIssue[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const issues: ConstraintIssue[] = [];
  const add = (index: number, msg: (where: string) => string, type: string) => {
    const loc = [...context.loc(), index, "role"];
    issues.push(createIssue(loc, msg(formatIssueLocation(loc)), type));
  };
  if (roleOf(value[0]) === "assistant") {
    add(
      0,
      (where) => `${where} must be "user"; a conversation starts with a user turn`,
      "value_error.messages.first_turn",
    );
  }
  for (let index = 1; index < value.length; index += 1) {
    const role = roleOf(value[index]);
    if (role !== undefined && role === roleOf(value[index - 1])) {
      add(
        index,
        (where) =>
          `${where} is "${role}" right after ${role === "user" ? "a user" : "an assistant"} turn; user and assistant turns must alternate`,
        "value_error.messages.alternation",
      );
    }
  }
  const last = value.length - 1;
  if (last > 0 && roleOf(value[last]) === "assistant") {
    add(
      last,
      (where) => `${where} must be "user"; the last turn is the one Maestro answers`,
      "value_error.messages.last_turn",
    );
  }
  return issues.length > 0 ? issues : undefined;
}
