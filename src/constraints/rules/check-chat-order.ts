import type { ConstraintIssue } from "../../errors/index.js";
import { formatIssueLocation } from "../../errors/index.js";
import { createIssue, isRecord, readField } from "../create-issue.js";
import type { RuleContext } from "./constraint-rule.js";

/**
 * `messages.chat-order`: an optional leading system message, then user and assistant turns that
 * alternate; tool messages only after an assistant message with tool calls (alternation starts afresh
 * after them); at least one user or assistant message; assistant and tool content non-empty.
 * Messages with an unknown role are left to the schema's discriminator and break no sequence.
 */
export function checkChatOrder(value: unknown, context: RuleContext): ConstraintIssue[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const issues: ConstraintIssue[] = [];
  const add = (path: readonly (string | number)[], msg: (where: string) => string, type: string) => {
    const loc = [...context.loc(), ...path];
    issues.push(createIssue(loc, msg(formatIssueLocation(loc)), type));
  };
  let turns = 0;
  // "unknown" follows a message the schema rejects: nothing is reported relative to it.
  let previous: "user" | "assistant" | "tool" | "unknown" | undefined;
  let previousCalledTools = false;
  for (let index = 0; index < value.length; index += 1) {
    const message = value[index];
    if (!isRecord(message)) {
      previous = "unknown";
      continue;
    }
    const role = readField(message, "role");
    const content = readField(message, "content");
    if (role === "system") {
      if (index !== 0) {
        add(
          [index, "role"],
          (where) => `${where} is "system"; only the first message may be a system message`,
          "value_error.messages.system_position",
        );
      }
      continue;
    }
    if (role === "user" || role === "assistant") {
      turns += 1;
      if (previous === role) {
        add(
          [index, "role"],
          (where) =>
            `${where} is "${role}" right after ${role === "user" ? "a user" : "an assistant"} message; user and assistant messages must alternate`,
          "value_error.messages.alternation",
        );
      }
      let calledTools = false;
      if (role === "assistant") {
        const toolCalls = readField(message, "tool_calls");
        calledTools = Array.isArray(toolCalls) && toolCalls.length > 0;
        if (content === "" && !calledTools) {
          add([index, "content"], (where) => `${where} must not be empty`, "value_error.any_str.min_length");
        } else if ((content === undefined || content === null) && !calledTools) {
          add(
            [index, "content"],
            (where) => `${where} is required unless the message has tool_calls`,
            "value_error.missing",
          );
        }
      }
      previous = role;
      previousCalledTools = calledTools;
      continue;
    }
    if (role === "tool") {
      const placed =
        previous === "tool" || previous === "unknown" || (previous === "assistant" && previousCalledTools);
      if (!placed) {
        add(
          [index, "role"],
          (where) => `${where} is "tool"; a tool message must follow an assistant message with tool_calls`,
          "value_error.messages.tool_position",
        );
      }
      if (content === "") {
        add([index, "content"], (where) => `${where} must not be empty`, "value_error.any_str.min_length");
      }
      previous = "tool";
      continue;
    }
    previous = "unknown";
  }
  if (turns === 0) {
    add(
      [],
      (where) => `${where} has no user or assistant message; at least one is required`,
      "value_error.messages.no_turns",
    );
  }
  return issues.length > 0 ? issues : undefined;
}
