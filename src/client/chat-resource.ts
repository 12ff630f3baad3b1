// `chat.completions`: create (JSON) and stream (server-sent events).
import type { Client } from "openapi-fetch";
import { assertValidChatRequest } from "../constraints/index.js";
import type { ChatCompletionChunk, ChatRequest, MaestroPaths } from "../domain/index.js";
import { MaestroConnectionError } from "../errors/index.js";
import { type ClientCall, callSettings } from "./client-call.js";
import type { MaestroClient } from "./client-types.js";
import { readServerSentEvents } from "./read-server-sent-events.js";
import { readAttempts } from "./resilient-fetch.js";

const CHAT = "/studio/v1/chat/completions";

/** The chat resource of a client. */
export function createChatResource(context: {
  raw: Client<MaestroPaths>;
  call: ClientCall;
  validate: boolean | "strict";
  /** A stream that stays silent this long fails. */
  idleTimeoutMs: number;
}): MaestroClient["chat"] {
  const { raw, call, validate } = context;
  const url = `${call.baseUrl}${CHAT}`;
  return {
    completions: {
      async create(request, callOptions = {}) {
        if ((request as { stream?: unknown }).stream === true) {
          throw new TypeError(
            "chat.completions.create: stream: true is not allowed here; use chat.completions.stream()",
          );
        }
        if (validate !== false) assertValidChatRequest(request, { strict: validate === "strict" });
        let attempts = 1;
        const data = await call.data("POST", CHAT, async () => {
          const result = await raw.POST(CHAT, { body: request, ...callSettings(callOptions) });
          attempts = readAttempts(result.response);
          return result;
        });
        if (typeof data !== "object") {
          throw new MaestroConnectionError({
            method: "POST",
            url,
            attempts,
            reason: "expected a JSON chat completion, got an event stream",
          });
        }
        return data;
      },
      stream(request, callOptions = {}) {
        const body: ChatRequest = { ...request, stream: true };
        return {
          async *[Symbol.asyncIterator]() {
            if (validate !== false) assertValidChatRequest(body, { strict: validate === "strict" });
            const data = await call.data("POST", CHAT, async () => {
              const result = await raw.POST(CHAT, {
                body,
                parseAs: "stream",
                headers: { ...callOptions.headers, Accept: "text/event-stream" },
                signal: callOptions.signal ?? null,
              });
              // No stream (a null body) is as good as no data.
              return { data: result.data ?? undefined, error: result.error, response: result.response };
            });
            const source = { method: "POST", url, idleTimeoutMs: context.idleTimeoutMs };
            for await (const chunk of readServerSentEvents(data, source)) yield chunk as ChatCompletionChunk;
          },
        };
      },
    },
  };
}
