import { MaestroConnectionError } from "../errors/index.js";

/** Where a stream came from, for error messages. */
export interface StreamSource {
  method: string;
  url: string;
  /** The longest gap allowed between two pieces of the stream. */
  idleTimeoutMs: number;
}

/**
 * Reads AI21's server-sent events: `data: <json>` lines separated by blank lines, ending with
 * `data: [DONE]`. Like AI21's own SDK decoders it rejects any other kind of line, and it fails with a
 * clear error when the stream ends before `[DONE]` or stalls, instead of hanging.
 */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
  source: StreamSource,
): AsyncGenerator<unknown, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const fail = (reason: string, cause?: unknown) =>
    new MaestroConnectionError({ method: source.method, url: source.url, attempts: 1, reason, cause });
  try {
    for (;;) {
      const { done, value } = await readWithin(reader, source.idleTimeoutMs).catch((error: unknown) => {
        throw isStall(error)
          ? fail(`stream stalled: nothing received for ${source.idleTimeoutMs} ms`, error)
          : fail("stream cut short: the connection closed before data: [DONE]", error);
      });
      if (done) {
        buffer += decoder.decode();
        if (buffer.trim() !== "") yield* parseLines(buffer, fail, true);
        throw fail("stream cut short: the connection closed before data: [DONE]");
      }
      buffer += decoder.decode(value, { stream: true });
      const cut = buffer.lastIndexOf("\n");
      if (cut === -1) continue;
      const complete = buffer.slice(0, cut + 1);
      buffer = buffer.slice(cut + 1);
      for (const event of parseLines(complete, fail, false)) {
        if (event === DONE) return;
        yield event;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

const DONE = Symbol("done");

function* parseLines(
  text: string,
  fail: (reason: string) => MaestroConnectionError,
  last: boolean,
): Generator<unknown, void, undefined> {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line === "") continue;
    if (!line.startsWith("data:"))
      throw fail(`unexpected line in event stream: ${JSON.stringify(line.slice(0, 80))}`);
    const payload = line.slice(5).trim();
    if (payload === "[DONE]") {
      yield DONE;
      return;
    }
    try {
      yield JSON.parse(payload);
    } catch {
      throw fail(
        `${last ? "stream cut short inside an event" : "event is not valid JSON"}: ${payload.slice(0, 80)}`,
      );
    }
  }
}

class StallError extends Error {
  override name = "StallError";
}

function isStall(error: unknown): boolean {
  return error instanceof StallError;
}

async function readWithin<T>(
  reader: ReadableStreamDefaultReader<T>,
  ms: number,
): Promise<Awaited<ReturnType<ReadableStreamDefaultReader<T>["read"]>>> {
  let timer: NodeJS.Timeout | undefined;
  const stall = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StallError()), ms);
  });
  try {
    return await Promise.race([reader.read(), stall]);
  } finally {
    clearTimeout(timer);
  }
}
