import { isRecord } from "./create-issue.js";
import { readSpecSchema } from "./load-spec.js";

/** Which API a request body is for. */
export type RequestKind = "run" | "chat";

let distinctive: { run: ReadonlySet<string>; chat: ReadonlySet<string> } | undefined;

function readDistinctiveFields(): { run: ReadonlySet<string>; chat: ReadonlySet<string> } {
  if (distinctive) return distinctive;
  const fields = (name: string) => Object.keys((readSpecSchema(name).properties ?? {}) as object);
  const run = fields("CreateMaestroRunRequest");
  const chat = fields("ChatCompletionRequest");
  distinctive = {
    run: new Set(run.filter((field) => !chat.includes(field))),
    chat: new Set(chat.filter((field) => !run.includes(field))),
  };
  return distinctive;
}

/**
 * Tells a run body from a chat body: `input` means run and `messages` means chat; otherwise the
 * side with more fields only it has wins; undefined when it cannot tell (or `body` is not an object).
 */
export function detectRequestKind(body: unknown): RequestKind | undefined {
  if (!isRecord(body)) return undefined;
  const hasInput = Object.hasOwn(body, "input");
  const hasMessages = Object.hasOwn(body, "messages");
  if (hasInput !== hasMessages) return hasInput ? "run" : "chat";
  const { run, chat } = readDistinctiveFields();
  let score = 0;
  for (const key of Object.keys(body)) {
    if (run.has(key)) score += 1;
    else if (chat.has(key)) score -= 1;
  }
  if (score === 0) return undefined;
  return score > 0 ? "run" : "chat";
}
