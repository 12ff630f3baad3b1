// The client's default way to send a request: node:http and node:https over keep-alive connections, a
// body read whole (an event stream passed through as it comes), the attempt's deadline and the caller's
// signal watched without building a Request per attempt. The global fetch does the same work with about
// three times the CPU per request (its WHATWG streams and objects), which is what a run of thousands of
// cells spends its time on; a `fetch` given to the client is still used as it is.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { Readable } from "node:stream";
import { heldBodyResponseClass } from "./held-bodies.js";

/** One attempt of a request, as the resilient transport sends it. */
export interface HttpAttempt {
  method: string;
  url: string;
  headers: Headers;
  body: ArrayBuffer | undefined;
  /** Aborts the attempt with its reason: the caller's signal, if it has one. */
  signal?: AbortSignal;
  /** The attempt fails with a `TimeoutError` when its response (body included) takes longer. */
  timeoutMs: number;
}

/** Sends one attempt and resolves with its response, body read (event streams: as they come). */
export type SendAttempt = (attempt: HttpAttempt) => Promise<Response>;

/**
 * Ports the Fetch standard's "bad port" list refuses, so that a base URL pointing at mail, IRC or X11 fails
 * before anything is sent, as it does with fetch.
 */
const BAD_PORTS = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** Creates a sender with its own keep-alive connection pools. */
export function createHttpTransport(): SendAttempt {
  const agents = {
    "http:": new HttpAgent({ keepAlive: true, scheduling: "lifo" }),
    "https:": new HttpsAgent({ keepAlive: true, scheduling: "lifo" }),
  };
  return async (attempt) => {
    const url = new URL(attempt.url);
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new TypeError(`cannot send to ${url.protocol} URLs, only http: and https:`);
    }
    const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
    if (BAD_PORTS.has(port)) throw new TypeError("fetch failed", { cause: new Error("bad port") });
    try {
      return await sendOnce(attempt, url, agents[url.protocol]);
    } catch (error) {
      if (!(error instanceof StaleConnectionError)) throw error;
      // A server may close a kept-alive connection just as a request goes out on it. A GET goes again
      // once, on a connection of its own; anything else is reported as the reset it is, since a reset can
      // also come after the server accepted the request (the client then never sends a create twice).
      if (attempt.method !== "GET" && attempt.method !== "HEAD") throw error.cause;
      return sendOnce(attempt, url, false);
    }
  };
}

/** A kept-alive connection that failed before any of the response came: the server had closed it. */
class StaleConnectionError extends Error {}

function sendOnce(attempt: HttpAttempt, url: URL, agent: HttpAgent | false): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const signal = attempt.signal;
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const headers: Record<string, string> = {};
    attempt.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const body = attempt.body === undefined ? undefined : Buffer.from(attempt.body);
    if (body !== undefined) headers["content-length"] = String(body.byteLength);
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const request = send(url, { method: attempt.method, headers, agent });
    let settled = false;
    let answered = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      finish();
      request.destroy();
      const code = (error as { code?: unknown } | null)?.code;
      const stale = request.reusedSocket && !answered && (code === "ECONNRESET" || code === "EPIPE");
      reject(stale ? new StaleConnectionError("stale kept-alive connection", { cause: error }) : error);
    };
    const onAbort = () => fail(signal?.reason);
    const timer = setTimeout(
      () => fail(new DOMException(`no response within ${attempt.timeoutMs} ms`, "TimeoutError")),
      attempt.timeoutMs,
    );
    const finish = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    request.on("error", fail);
    request.on("response", (response) => {
      answered = true;
      const status = response.statusCode ?? 0;
      const init = { status, statusText: response.statusMessage ?? "", headers: responseHeaders(response) };
      if ((response.headers["content-type"] ?? "").includes("text/event-stream")) {
        // A stream may rightly last longer than one request's timeout; its reader watches for stalls.
        settled = true;
        finish();
        resolve(new Response(Readable.toWeb(response) as ReadableStream<Uint8Array>, init));
        return;
      }
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", fail);
      response.on("aborted", () => fail(Object.assign(new Error("aborted"), { code: "ECONNRESET" })));
      response.on("end", () => {
        if (settled) return;
        settled = true;
        finish();
        const buffer = Buffer.concat(chunks);
        const empty = status === 204 || status === 304 || buffer.byteLength === 0;
        const bytes = new Uint8Array(buffer.buffer as ArrayBuffer, buffer.byteOffset, buffer.byteLength);
        resolve(new (heldBodyResponseClass())(empty ? null : bytes, init));
      });
    });
    request.end(body);
  });
}

function responseHeaders(response: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = response.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) headers.append(raw[index]!, raw[index + 1]!);
  return headers;
}
