import * as fc from "fast-check";
import { chatRequest } from "./chat-request.js";
import {
  breakRequest,
  copyRequest,
  type InvalidRequest,
  type InvalidRequestConstraints,
  type JsonObject,
  type Mutation,
  readList,
  selectMutations,
} from "./invalid-request.js";

const on = <T>(values: readonly T[]) => fc.constantFrom(...values);

const anyChat = chatRequest();
const twoTurns = chatRequest({ minTurns: 2 });

/** The index of a user or assistant message: the `k`-th turn, skipping a leading system message. */
function pickTurn(messages: readonly JsonObject[], k: number, role?: "user" | "assistant"): number {
  const candidates = messages
    .map((message, index) => ({ message, index }))
    .filter(({ message }) => (role === undefined ? message.role !== "system" : message.role === role));
  return candidates[k % candidates.length]!.index;
}

/** The request with n and its companions set so that only the mutation under test breaks a rule. */
function withoutChoiceRules(base: unknown): JsonObject {
  const request = copyRequest(base);
  delete request.stream;
  if (request.temperature === 0) request.temperature = 0.5;
  return request;
}

const mutations: Mutation[] = [
  {
    rule: "body.type",
    arbitrary: on([[], "Hello", 42, null, false]).map((body) =>
      breakRequest("body.type", body, [], "type_error.dict"),
    ),
  },
  {
    rule: "model.missing",
    arbitrary: anyChat.map((base) => {
      const request = copyRequest(base);
      delete request.model;
      return breakRequest("model.missing", request, ["model"], "value_error.missing");
    }),
  },
  {
    rule: "model.empty",
    arbitrary: anyChat.map((base) =>
      breakRequest(
        "model.empty",
        { ...copyRequest(base), model: "" },
        ["model"],
        "value_error.any_str.min_length",
      ),
    ),
  },
  {
    rule: "model.type",
    arbitrary: fc
      .tuple(anyChat, on([5, true, ["jamba-mini"], null]))
      .map(([base, model]) =>
        breakRequest("model.type", { ...copyRequest(base), model }, ["model"], "type_error.str"),
      ),
  },
  {
    rule: "messages.missing",
    arbitrary: anyChat.map((base) => {
      const request = copyRequest(base);
      delete request.messages;
      return breakRequest("messages.missing", request, ["messages"], "value_error.missing");
    }),
  },
  {
    rule: "messages.empty",
    arbitrary: anyChat.map((base) =>
      breakRequest(
        "messages.empty",
        { ...copyRequest(base), messages: [] },
        ["messages"],
        "value_error.list.min_items",
      ),
    ),
  },
  {
    rule: "messages.type",
    arbitrary: fc
      .tuple(anyChat, on(["Hello", { role: "user", content: "Hi" }, 3]))
      .map(([base, messages]) =>
        breakRequest("messages.type", { ...copyRequest(base), messages }, ["messages"], "type_error.list"),
      ),
  },
  {
    rule: "messages.no-turns",
    arbitrary: anyChat.map((base) =>
      breakRequest(
        "messages.no-turns",
        { ...copyRequest(base), messages: [{ role: "system", content: "You are terse." }] },
        ["messages"],
        "value_error.messages.no_turns",
      ),
    ),
  },
  {
    rule: "messages.system-position",
    arbitrary: fc.tuple(anyChat, fc.nat()).map(([base, k]) => {
      const request = copyRequest(base);
      const messages = readList(request, "messages");
      const index = 1 + (k % messages.length);
      messages.splice(index, 0, { role: "system", content: "Answer in French." });
      return breakRequest(
        "messages.system-position",
        request,
        ["messages", index, "role"],
        "value_error.messages.system_position",
      );
    }),
  },
  {
    rule: "messages.user-content-empty",
    arbitrary: fc.tuple(anyChat, fc.nat()).map(([base, k]) => {
      const request = copyRequest(base);
      const messages = readList(request, "messages");
      const index = pickTurn(messages, k, "user");
      messages[index]!.content = "";
      return breakRequest(
        "messages.user-content-empty",
        request,
        ["messages", index, "content"],
        "value_error.any_str.min_length",
      );
    }),
  },
  {
    rule: "messages.assistant-content-empty",
    arbitrary: fc.tuple(twoTurns, fc.nat()).map(([base, k]) => {
      const request = copyRequest(base);
      const messages = readList(request, "messages");
      const index = pickTurn(messages, k, "assistant");
      messages[index]!.content = "";
      return breakRequest(
        "messages.assistant-content-empty",
        request,
        ["messages", index, "content"],
        "value_error.any_str.min_length",
      );
    }),
  },
  {
    rule: "messages.assistant-content-missing",
    arbitrary: fc.tuple(twoTurns, fc.nat(), fc.boolean()).map(([base, k, asNull]) => {
      const request = copyRequest(base);
      const messages = readList(request, "messages");
      const index = pickTurn(messages, k, "assistant");
      if (asNull) messages[index]!.content = null;
      else delete messages[index]!.content;
      return breakRequest(
        "messages.assistant-content-missing",
        request,
        ["messages", index, "content"],
        "value_error.missing",
      );
    }),
  },
  {
    rule: "messages.alternation",
    arbitrary: fc.tuple(anyChat, fc.nat()).map(([base, k]) => {
      const request = copyRequest(base);
      const messages = readList(request, "messages");
      const index = pickTurn(messages, k);
      messages.splice(index + 1, 0, { ...messages[index]! });
      return breakRequest(
        "messages.alternation",
        request,
        ["messages", index + 1, "role"],
        "value_error.messages.alternation",
      );
    }),
  },
  {
    rule: "messages.role-unknown",
    arbitrary: fc.tuple(twoTurns, fc.nat(), on(["bot", "User", "function", "", 1])).map(([base, k, role]) => {
      const request = copyRequest(base);
      const messages = readList(request, "messages");
      const index = pickTurn(messages, k);
      messages[index]!.role = role;
      return breakRequest(
        "messages.role-unknown",
        request,
        ["messages", index, "role"],
        "value_error.discriminated_union.invalid_discriminator",
      );
    }),
  },
  {
    rule: "messages.role-missing",
    arbitrary: fc.tuple(twoTurns, fc.nat()).map(([base, k]) => {
      const request = copyRequest(base);
      const messages = readList(request, "messages");
      const index = pickTurn(messages, k);
      delete messages[index]!.role;
      return breakRequest(
        "messages.role-missing",
        request,
        ["messages", index, "role"],
        "value_error.discriminated_union.missing_discriminator",
      );
    }),
  },
  {
    rule: "messages.tool-position",
    arbitrary: fc.tuple(anyChat, fc.nat()).map(([base, k]) => {
      const request = copyRequest(base);
      const messages = readList(request, "messages");
      const first = messages[0]?.role === "system" ? 1 : 0;
      const index = first + (k % (messages.length + 1 - first));
      messages.splice(index, 0, { role: "tool", content: "42", tool_call_id: "call_1" });
      return breakRequest(
        "messages.tool-position",
        request,
        ["messages", index, "role"],
        "value_error.messages.tool_position",
      );
    }),
  },
  {
    rule: "max-tokens.maximum",
    arbitrary: fc
      .tuple(anyChat, fc.integer({ min: 65536, max: 1_000_000 }))
      .map(([base, value]) =>
        breakRequest(
          "max-tokens.maximum",
          { ...copyRequest(base), max_tokens: value },
          ["max_tokens"],
          "value_error.number.not_le",
        ),
      ),
  },
  {
    rule: "max-tokens.minimum",
    arbitrary: fc
      .tuple(anyChat, fc.integer({ min: -100_000, max: -1 }))
      .map(([base, value]) =>
        breakRequest(
          "max-tokens.minimum",
          { ...copyRequest(base), max_tokens: value },
          ["max_tokens"],
          "value_error.number.not_ge",
        ),
      ),
  },
  {
    rule: "max-tokens.type",
    arbitrary: fc
      .tuple(anyChat, on([1.5, "100", true]))
      .map(([base, value]) =>
        breakRequest(
          "max-tokens.type",
          { ...copyRequest(base), max_tokens: value },
          ["max_tokens"],
          "type_error.integer",
        ),
      ),
  },
  {
    rule: "temperature.maximum",
    arbitrary: fc
      .tuple(anyChat, fc.integer({ min: 201, max: 1000 }))
      .map(([base, value]) =>
        breakRequest(
          "temperature.maximum",
          { ...copyRequest(base), temperature: value / 100 },
          ["temperature"],
          "value_error.number.not_le",
        ),
      ),
  },
  {
    rule: "temperature.minimum",
    arbitrary: fc
      .tuple(anyChat, fc.integer({ min: -1000, max: -1 }))
      .map(([base, value]) =>
        breakRequest(
          "temperature.minimum",
          { ...copyRequest(base), temperature: value / 100 },
          ["temperature"],
          "value_error.number.not_ge",
        ),
      ),
  },
  {
    rule: "temperature.type",
    arbitrary: fc
      .tuple(anyChat, on(["hot", true, [0.5]]))
      .map(([base, temperature]) =>
        breakRequest(
          "temperature.type",
          { ...copyRequest(base), temperature },
          ["temperature"],
          "type_error.float",
        ),
      ),
  },
  {
    rule: "top-p.exclusive-minimum",
    arbitrary: fc
      .tuple(anyChat, fc.integer({ min: -100, max: 0 }))
      .map(([base, value]) =>
        breakRequest(
          "top-p.exclusive-minimum",
          { ...copyRequest(base), top_p: value / 100 },
          ["top_p"],
          "value_error.number.not_gt",
        ),
      ),
  },
  {
    rule: "top-p.maximum",
    arbitrary: fc
      .tuple(anyChat, fc.integer({ min: 101, max: 500 }))
      .map(([base, value]) =>
        breakRequest(
          "top-p.maximum",
          { ...copyRequest(base), top_p: value / 100 },
          ["top_p"],
          "value_error.number.not_le",
        ),
      ),
  },
  {
    rule: "n.minimum",
    arbitrary: fc
      .tuple(anyChat, fc.integer({ min: -16, max: 0 }))
      .map(([base, n]) =>
        breakRequest("n.minimum", { ...copyRequest(base), n }, ["n"], "value_error.number.not_ge"),
      ),
  },
  {
    rule: "n.maximum",
    arbitrary: fc
      .tuple(anyChat, fc.integer({ min: 17, max: 128 }))
      .map(([base, n]) =>
        breakRequest("n.maximum", { ...withoutChoiceRules(base), n }, ["n"], "value_error.number.not_le"),
      ),
  },
  {
    rule: "n.type",
    arbitrary: fc
      .tuple(anyChat, on([2.5, "2", false]))
      .map(([base, n]) => breakRequest("n.type", { ...copyRequest(base), n }, ["n"], "type_error.integer")),
  },
  {
    rule: "chat.n-with-zero-temperature",
    arbitrary: fc
      .tuple(anyChat, fc.integer({ min: 2, max: 16 }))
      .map(([base, n]) =>
        breakRequest(
          "chat.n-with-zero-temperature",
          { ...withoutChoiceRules(base), n, temperature: 0 },
          ["n"],
          "value_error.n_with_zero_temperature",
        ),
      ),
  },
  {
    rule: "chat.stream-with-n",
    arbitrary: fc
      .tuple(anyChat, fc.integer({ min: 2, max: 16 }))
      .map(([base, n]) =>
        breakRequest(
          "chat.stream-with-n",
          { ...withoutChoiceRules(base), n, stream: true },
          ["n"],
          "value_error.stream_with_n",
        ),
      ),
  },
  {
    rule: "stop.type",
    arbitrary: fc
      .tuple(anyChat, on([5, true, { sequence: "END" }]))
      .map(([base, stop]) =>
        breakRequest("stop.type", { ...copyRequest(base), stop }, ["stop"], "type_error.union"),
      ),
  },
  {
    rule: "stop.max-items",
    arbitrary: fc
      .tuple(anyChat, fc.integer({ min: 17, max: 24 }))
      .map(([base, count]) =>
        breakRequest(
          "stop.max-items",
          { ...copyRequest(base), stop: Array.from({ length: count }, (_, index) => `STOP${index}`) },
          ["stop"],
          "value_error.list.max_items",
        ),
      ),
  },
  {
    rule: "stop.item-empty",
    arbitrary: fc
      .tuple(anyChat, fc.array(on(["END", "###", "\n\n"]), { maxLength: 4 }), fc.nat())
      .map(([base, stop, k]) => {
        const index = k % (stop.length + 1);
        stop.splice(index, 0, "");
        return breakRequest(
          "stop.item-empty",
          { ...copyRequest(base), stop },
          ["stop", index],
          "value_error.any_str.min_length",
        );
      }),
  },
  {
    rule: "stop.empty-string",
    arbitrary: anyChat.map((base) =>
      breakRequest(
        "stop.empty-string",
        { ...copyRequest(base), stop: "" },
        ["stop"],
        "value_error.any_str.min_length",
      ),
    ),
  },
  {
    rule: "response-format.type",
    arbitrary: fc
      .tuple(anyChat, on(["xml", "json", "JSON", "markdown"]))
      .map(([base, type]) =>
        breakRequest(
          "response-format.type",
          { ...copyRequest(base), response_format: { type } },
          ["response_format", "type"],
          "type_error.enum",
        ),
      ),
  },
];

/** The names of the mutations {@link invalidChatRequest} applies, one per rule it breaks. */
export const INVALID_CHAT_REQUEST_RULES: readonly string[] = Object.freeze(
  mutations.map((mutation) => mutation.rule),
);

/**
 * A chat request broken by exactly one mutation, with the error issue (`loc` and `type`) it must
 * trigger; the validator reports no other error for it.
 */
export function invalidChatRequest(constraints?: InvalidRequestConstraints): fc.Arbitrary<InvalidRequest> {
  return selectMutations("invalidChatRequest", mutations, constraints);
}
