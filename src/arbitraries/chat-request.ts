import * as fc from "fast-check";
import type { ChatMessage, ChatRequest } from "../domain/index.js";
import {
  fakerSeed,
  fakerValue,
  readConstraints,
  readCount,
  withFaker,
  writeInstruction,
  writeReply,
} from "./faker-value.js";

/** Jamba model names AI21 documents. */
const CHAT_MODELS = ["jamba-mini", "jamba-large", "jamba-large-1.7", "jamba-mini-2"];

/** Options of {@link chatMessages}. */
export interface ChatMessagesConstraints {
  /** Fewest user and assistant turns (default 1). */
  minTurns?: number;
  /** Most user and assistant turns (default 7). */
  maxTurns?: number;
  /** Whether a leading system message may appear (default true). */
  withSystem?: boolean;
}

/**
 * Valid chat messages: an optional leading system message, then user and assistant turns alternating
 * from a user turn, with realistic content.
 */
export function chatMessages(constraints?: ChatMessagesConstraints): fc.Arbitrary<ChatMessage[]> {
  const options = readConstraints("chatMessages", constraints);
  const maxTurns = readCount("chatMessages", "maxTurns", options.maxTurns, 1, 99, 7);
  const minTurns = readCount("chatMessages", "minTurns", options.minTurns, 1, maxTurns, 1);
  const system = options.withSystem === false ? fc.constant(false) : fc.boolean();
  return fc
    .tuple(fc.integer({ min: minTurns, max: maxTurns }), system, fakerSeed())
    .map(([turns, withSystem, seed]) =>
      withFaker(seed, (f) => {
        const list: ChatMessage[] = Array.from(
          { length: turns },
          (_, index): ChatMessage =>
            index % 2 === 0
              ? { role: "user", content: writeInstruction(f) }
              : { role: "assistant", content: writeReply(f) },
        );
        if (withSystem)
          list.unshift({
            role: "system",
            content: `You are a ${f.word.adjective()} assistant. Answer briefly.`,
          });
        return list;
      }),
    );
}

/** Options of {@link chatRequest}. */
export interface ChatRequestConstraints extends ChatMessagesConstraints {
  /** Whether the optional sampling fields (max_tokens, temperature, top_p, n, stop, stream) may appear (default true). */
  withOptionalFields?: boolean;
}

/**
 * A valid, warning-free Jamba chat completion request: `n > 1` only with a temperature above 0 and
 * without streaming, `max_tokens` within the documented 4096.
 *
 * @example fc.assert(fc.property(chatRequest(), (request) => validateChatRequest(request).length === 0))
 */
export function chatRequest(constraints?: ChatRequestConstraints): fc.Arbitrary<ChatRequest> {
  const options = readConstraints("chatRequest", constraints);
  const { withOptionalFields, ...messageConstraints } = options;
  const stop = fakerValue((f) => f.helpers.arrayElement(["\n\n", "END", "###", "</answer>", f.word.noun()]));
  const optional =
    withOptionalFields === false
      ? fc.constant({})
      : fc.record(
          {
            max_tokens: fc.integer({ min: 0, max: 4096 }),
            temperature: fc.integer({ min: 0, max: 200 }).map((value) => value / 100),
            top_p: fc.integer({ min: 1, max: 100 }).map((value) => value / 100),
            n: fc.integer({ min: 1, max: 16 }),
            stop: fc.oneof(stop, fc.array(stop, { minLength: 1, maxLength: 4 })),
            stream: fc.boolean(),
          },
          { requiredKeys: [] },
        );
  return fc
    .tuple(fc.constantFrom(...CHAT_MODELS), chatMessages(messageConstraints), optional)
    .map(([model, list, rest]): ChatRequest => {
      const request: ChatRequest = { model, messages: list, ...rest };
      // AI21 rejects several identical choices (temperature 0) and several streamed ones.
      if (request.n !== undefined && request.n > 1) {
        if (request.temperature === 0) request.temperature = 0.7;
        if (request.stream === true) request.stream = false;
      }
      return request;
    });
}
