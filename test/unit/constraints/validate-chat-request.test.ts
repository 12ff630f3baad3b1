import { describe, expect, test } from "vitest";
import { validateChatRequest } from "../../../src/constraints/index.js";

const user = (content: string) => ({ role: "user", content });
const assistant = (content: string | null, extra: Record<string, unknown> = {}) => ({
  role: "assistant",
  content,
  ...extra,
});
const system = (content: string) => ({ role: "system", content });
const toolCall = { id: "call_1", type: "function", function: { name: "lookup", arguments: "{}" } };

const valid = {
  model: "jamba-mini",
  messages: [system("You are terse."), user("Hi"), assistant("Hello"), user("Write a haiku")],
  max_tokens: 512,
  temperature: 0.7,
  top_p: 0.9,
  n: 2,
  stop: ["\n\n"],
};

function rows(request: unknown) {
  return validateChatRequest(request).map((issue) => [issue.loc, issue.msg, issue.type, issue.severity]);
}

describe("validateChatRequest", () => {
  test("returns no issue for a valid request", () => {
    expect(validateChatRequest(valid)).toEqual([]);
    expect(
      validateChatRequest({ model: "jamba-large", messages: [assistant("Hi")], stream: true, stop: "END" }),
    ).toEqual([]);
    expect(
      validateChatRequest({
        model: "jamba-large",
        messages: [
          user("Price of X?"),
          assistant(null, { tool_calls: [toolCall] }),
          { role: "tool", content: "3", tool_call_id: "call_1" },
          assistant("3 euros"),
        ],
        tools: [
          { type: "function", function: { name: "lookup", parameters: { type: "object", properties: {} } } },
        ],
        response_format: { type: "json_object" },
        documents: [{ content: "doc", metadata: { source: "wiki" } }],
      }),
    ).toEqual([]);
  });

  test("requires a non-empty model and messages", () => {
    expect(rows({})).toEqual([
      [["body", "model"], "model is required", "value_error.missing", "error"],
      [["body", "messages"], "messages is required", "value_error.missing", "error"],
    ]);
    expect(rows({ model: "", messages: [] })).toEqual([
      [["body", "model"], "model must not be empty", "value_error.any_str.min_length", "error"],
      [["body", "messages"], "messages must not be empty", "value_error.list.min_items", "error"],
    ]);
  });

  test("requires at least one user or assistant message", () => {
    expect(rows({ model: "jamba-mini", messages: [system("Be terse")] })).toEqual([
      [
        ["body", "messages"],
        "messages has no user or assistant message; at least one is required",
        "value_error.messages.no_turns",
        "error",
      ],
    ]);
  });

  test("allows a system message only first", () => {
    expect(rows({ model: "jamba-mini", messages: [user("a"), system("b"), assistant("c")] })).toEqual([
      [
        ["body", "messages", 1, "role"],
        'messages[1].role is "system"; only the first message may be a system message',
        "value_error.messages.system_position",
        "error",
      ],
    ]);
  });

  test("requires non-empty content except in the system message", () => {
    expect(
      rows({
        model: "jamba-mini",
        messages: [system(""), user(""), assistant(""), user("x"), assistant(null)],
      }),
    ).toEqual([
      [
        ["body", "messages", 2, "content"],
        "messages[2].content must not be empty",
        "value_error.any_str.min_length",
        "error",
      ],
      [
        ["body", "messages", 4, "content"],
        "messages[4].content is required unless the message has tool_calls",
        "value_error.missing",
        "error",
      ],
      [
        ["body", "messages", 1, "content"],
        "messages[1].content must not be empty",
        "value_error.any_str.min_length",
        "error",
      ],
    ]);
  });

  test("requires user and assistant messages to alternate", () => {
    expect(rows({ model: "jamba-mini", messages: [user("a"), assistant("b"), assistant("c")] })).toEqual([
      [
        ["body", "messages", 2, "role"],
        'messages[2].role is "assistant" right after an assistant message; user and assistant messages must alternate',
        "value_error.messages.alternation",
        "error",
      ],
    ]);
  });

  test("allows tool messages only after an assistant message with tool calls", () => {
    expect(
      rows({
        model: "jamba-mini",
        messages: [user("a"), { role: "tool", content: "x", tool_call_id: "1" }, assistant("b")],
      }),
    ).toEqual([
      [
        ["body", "messages", 1, "role"],
        'messages[1].role is "tool"; a tool message must follow an assistant message with tool_calls',
        "value_error.messages.tool_position",
        "error",
      ],
    ]);
  });

  test("reports an unknown role once, through the discriminator", () => {
    expect(
      rows({ model: "jamba-mini", messages: [user("a"), { role: "bot", content: "b" }, user("c")] }),
    ).toEqual([
      [
        ["body", "messages", 1, "role"],
        'messages[1].role must be one of system, user, assistant, tool; got "bot"',
        "value_error.discriminated_union.invalid_discriminator",
        "error",
      ],
    ]);
  });

  test("checks the ranges of max_tokens, temperature, top_p and n", () => {
    const base = { model: "jamba-mini", messages: [user("a")] };
    expect(rows({ ...base, max_tokens: 1.5, temperature: 2.5, top_p: 0, n: 17 })).toEqual([
      [
        ["body", "max_tokens"],
        "max_tokens must be an integer or null; got 1.5",
        "type_error.integer",
        "error",
      ],
      [
        ["body", "temperature"],
        "temperature must be at most 2; got 2.5",
        "value_error.number.not_le",
        "error",
      ],
      [["body", "top_p"], "top_p must be greater than 0; got 0", "value_error.number.not_gt", "error"],
      [["body", "n"], "n must be at most 16; got 17", "value_error.number.not_le", "error"],
    ]);
    expect(rows({ ...base, max_tokens: -1, temperature: -0.1, top_p: 1.01, n: 0 })).toEqual([
      [["body", "max_tokens"], "max_tokens must be at least 0; got -1", "value_error.number.not_ge", "error"],
      [
        ["body", "temperature"],
        "temperature must be at least 0; got -0.1",
        "value_error.number.not_ge",
        "error",
      ],
      [["body", "top_p"], "top_p must be at most 1; got 1.01", "value_error.number.not_le", "error"],
      [["body", "n"], "n must be at least 1; got 0", "value_error.number.not_ge", "error"],
    ]);
    expect(
      validateChatRequest({ ...base, max_tokens: 0, temperature: 0.01, top_p: 1, n: 16, stream: false }),
    ).toEqual([]);
    expect(validateChatRequest({ ...base, temperature: 0, n: 1 })).toEqual([]);
    expect(validateChatRequest({ ...base, temperature: 2 })).toEqual([]);
  });

  test("warns on max_tokens above the documented 4096 and rejects it above 65535", () => {
    const base = { model: "jamba-mini", messages: [user("a")] };
    expect(rows({ ...base, max_tokens: 4096 })).toEqual([]);
    expect(rows({ ...base, max_tokens: 8192 })).toEqual([
      [
        ["body", "max_tokens"],
        "max_tokens is 8192, above the 4096 AI21 documents; it may be rejected",
        "warning.above_documented_maximum",
        "warning",
      ],
    ]);
    expect(rows({ ...base, max_tokens: 65536 }).map((row) => row[2])).toEqual([
      "value_error.number.not_le",
      "warning.above_documented_maximum",
    ]);
  });

  test("rejects n > 1 with temperature 0 and n > 1 when streaming", () => {
    const base = { model: "jamba-mini", messages: [user("a")] };
    expect(rows({ ...base, n: 3, temperature: 0 })).toEqual([
      [
        ["body", "n"],
        "n must be 1 when temperature is 0 (every choice would be the same); got 3",
        "value_error.n_with_zero_temperature",
        "error",
      ],
    ]);
    expect(rows({ ...base, n: 2, stream: true })).toEqual([
      [["body", "n"], "n must be 1 when stream is true; got 2", "value_error.stream_with_n", "error"],
    ]);
    expect(validateChatRequest({ ...base, n: 1, temperature: 0, stream: true })).toEqual([]);
  });

  test("accepts stop as a string or at most 16 strings", () => {
    const base = { model: "jamba-mini", messages: [user("a")] };
    expect(rows({ ...base, stop: 5 })).toEqual([
      [["body", "stop"], "stop must be a string, an array or null; got 5", "type_error.union", "error"],
    ]);
    expect(rows({ ...base, stop: Array.from({ length: 17 }, (_, index) => `s${index}`) })).toEqual([
      [["body", "stop"], "stop has 17 items; at most 16 are allowed", "value_error.list.max_items", "error"],
    ]);
    expect(rows({ ...base, stop: ["a", "", 3] })).toEqual([
      [["body", "stop", 1], "stop[1] must not be empty", "value_error.any_str.min_length", "error"],
      [["body", "stop", 2], "stop[2] must be a string; got 3", "type_error.str", "error"],
    ]);
    expect(rows({ ...base, stop: "" })).toEqual([
      [["body", "stop"], "stop must not be empty", "value_error.any_str.min_length", "error"],
    ]);
  });

  test("warns on unknown fields", () => {
    expect(rows({ model: "jamba-mini", messages: [user("a")], temprature: 0.2 })).toEqual([
      [
        ["body", "temprature"],
        "temprature is not a known field; AI21 ignores unknown fields",
        "warning.unknown_field",
        "warning",
      ],
    ]);
  });
});
