// POST /studio/v1/chat/completions: validated, then answered (or streamed) by the generator.
import type { IncomingMessage, ServerResponse } from "node:http";
import { hasErrors, validateChatRequest } from "../../constraints/index.js";
import { answerChat } from "../answer-chat.js";
/** The header a harness sends to ask for another reproducible sample of the same request. */
import { REPEAT_HEADER } from "../cell-headers.js";
import type { Generator } from "../generator.js";
import { readChatRequest } from "../read-request.js";
import { sendJson } from "../send-json.js";
import { validationDetail } from "../validation-detail.js";

export { REPEAT_HEADER };

/** The chat route, and how many completions it answered. */
export interface ChatRoute {
  complete(req: IncomingMessage, res: ServerResponse, body: { value: unknown; text: string }): Promise<void>;
  readonly completions: number;
}

export function createChatRoute(options: {
  generator: Generator;
  seed: number;
  timeScale: number;
  signal: AbortSignal;
}): ChatRoute {
  let completions = 0;
  return {
    get completions() {
      return completions;
    },
    async complete(req, res, body) {
      const issues = validateChatRequest(body.value);
      if (hasErrors(issues)) return sendJson(res, 422, { detail: validationDetail(issues) });
      completions += 1;
      await answerChat(readChatRequest(body.value), res, {
        generator: options.generator,
        seed: `${options.seed}\u0000${String(req.headers[REPEAT_HEADER] ?? "0")}`,
        body: body.text,
        timeScale: options.timeScale,
        signal: options.signal,
      });
    },
  };
}
