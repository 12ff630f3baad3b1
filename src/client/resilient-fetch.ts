import { MaestroConnectionError } from "../errors/index.js";
import { readRequestBody } from "./held-bodies.js";
import type { SendAttempt } from "./http-transport.js";
import type { RequestLimiter } from "./request-limiter.js";
import { computeBackoffMs, parseRetryAfter, REFUSED_STATUSES, type RetryPolicy } from "./retry-policy.js";

/** Header added to every response this fetch returns: how many attempts it took. */
export const ATTEMPTS_HEADER = "x-maestro-eval-attempts";

/** What a retry listener is told before each retry. */
export interface RetryEvent {
  method: string;
  url: string;
  /** The attempt that just failed, from 1. */
  attempt: number;
  delayMs: number;
  /** `status 429`, `ECONNRESET`, `no response within 60000 ms`, ... */
  reason: string;
}

/** Options of {@link createResilientFetch}. */
export interface ResilientFetchOptions {
  /** A fetch to send each attempt with; without one, `send` does. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** Sends each attempt when no `fetch` is given (the client's keep-alive HTTP transport). */
  send?: SendAttempt | undefined;
  retry: RetryPolicy;
  limiter: RequestLimiter;
  /** Time allowed for each attempt, response body included (event streams: until the headers arrive). */
  requestTimeoutMs: number;
  onRetry?: ((event: RetryEvent) => void) | undefined;
  random?: () => number;
}

/**
 * Wraps `fetch` with the client's transport policy: a shared concurrency limit, a timeout per attempt,
 * and retries with backoff on transient failures. Bodies are read inside the attempt, so a connection
 * reset mid-response is retried like any other transient failure; event streams are passed through.
 *
 * A request that is not idempotent (creating a Maestro run) is retried only when the failure proves the
 * server did not accept it: the connection was refused before anything was sent, or the server
 * answered 429 or 503. A reset, a timeout or a 500 after sending may mean the run exists, so it is
 * never sent again.
 */
export function createResilientFetch(
  options: ResilientFetchOptions,
): (request: Request) => Promise<Response> {
  const { retry, limiter } = options;
  const random = options.random ?? Math.random;
  return async (request) => {
    const idempotent = isIdempotent(request);
    const body = await readRequestBody(request);
    for (let attempt = 1; ; attempt += 1) {
      let delayMs: number;
      let reason: string;
      try {
        const response = await limiter.run(() => attemptOnce(request, body, options));
        const status = response.status;
        const retryable =
          retry.statuses.includes(status) && (idempotent || REFUSED_STATUSES.includes(status));
        if (!retryable || attempt > retry.maxRetries) return withAttempts(response, attempt);
        const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
        if (retryAfter !== undefined && retryAfter > retry.maxRetryAfterMs)
          return withAttempts(response, attempt);
        await response.body?.cancel();
        delayMs = retryAfter ?? computeBackoffMs(attempt, retry, random);
        reason = `status ${status}`;
      } catch (error) {
        if (request.signal.aborted) throw request.signal.reason;
        reason = describeTransportError(error, options.requestTimeoutMs);
        // A port fetch refuses stays refused: nothing was sent, and trying again cannot help.
        const retryable = !isBlockedPort(error) && (idempotent ? isTransient(error) : wasNeverSent(error));
        if (!retryable || attempt > retry.maxRetries) {
          throw new MaestroConnectionError({
            method: request.method,
            url: request.url,
            attempts: attempt,
            reason:
              retryable || attempt > 1 || idempotent || wasNeverSent(error)
                ? reason
                : `${reason}; not retried, since the server may have accepted it`,
            cause: error,
          });
        }
        delayMs = computeBackoffMs(attempt, retry, random);
      }
      options.onRetry?.({ method: request.method, url: request.url, attempt, delayMs, reason });
      await sleep(delayMs, request.signal);
    }
  };
}

async function attemptOnce(
  request: Request,
  body: ArrayBuffer | undefined,
  options: ResilientFetchOptions,
): Promise<Response> {
  if (options.fetch === undefined) {
    if (options.send === undefined) throw new TypeError("createResilientFetch: give fetch or send");
    const { method, url, headers, signal } = request;
    return options.send({ method, url, headers, body, signal, timeoutMs: options.requestTimeoutMs });
  }
  const deadline = new AbortController();
  const timer = setTimeout(
    () =>
      deadline.abort(new DOMException(`no response within ${options.requestTimeoutMs} ms`, "TimeoutError")),
    options.requestTimeoutMs,
  );
  try {
    const signal = AbortSignal.any([request.signal, deadline.signal]);
    const response = await options.fetch(
      new Request(request.url, {
        method: request.method,
        headers: request.headers,
        body: body ?? null,
        signal,
      }),
    );
    // A stream may rightly last longer than one request's timeout; its reader watches for stalls instead.
    if (isEventStream(response)) return response;
    const buffer = await response.arrayBuffer();
    const empty = response.status === 204 || response.status === 304 || buffer.byteLength === 0;
    return new Response(empty ? null : buffer, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  } finally {
    clearTimeout(timer);
  }
}

function withAttempts(response: Response, attempts: number): Response {
  try {
    // A response built here has headers of its own to add to; one straight from a fetch does not.
    response.headers.set(ATTEMPTS_HEADER, String(attempts));
    return response;
  } catch {
    // Immutable headers: copied below.
  }
  const headers = new Headers(response.headers);
  headers.set(ATTEMPTS_HEADER, String(attempts));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** Reads how many attempts a response took, 1 when it does not say. */
export function readAttempts(response: Response): number {
  const value = Number(response.headers.get(ATTEMPTS_HEADER));
  return Number.isInteger(value) && value > 0 ? value : 1;
}

function isIdempotent(request: Request): boolean {
  if (request.method === "GET" || request.method === "HEAD") return true;
  // A chat completion creates nothing on the server; sending it twice costs tokens, never state.
  return request.method === "POST" && new URL(request.url).pathname.endsWith("/chat/completions");
}

function isEventStream(response: Response): boolean {
  return (response.headers.get("content-type") ?? "").includes("text/event-stream");
}

/** The error codes undici reports for a connection that was never made. */
const NEVER_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);
const TRANSIENT = new Set([
  ...NEVER_SENT,
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CLOSED",
]);

function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function isTimeout(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === "TimeoutError";
}

function wasNeverSent(error: unknown): boolean {
  const code = errorCode(error);
  return (code !== undefined && NEVER_SENT.has(code)) || isBlockedPort(error);
}

/** fetch refuses a few ports outright (9, 25, 6000, ...: the "bad ports" of the Fetch standard), before connecting. */
function isBlockedPort(error: unknown): boolean {
  return causeMessages(error).some((message) => message === "bad port");
}

/** The messages of an error's causes, outermost first (the error's own message excluded). */
function causeMessages(error: unknown): string[] {
  const messages: string[] = [];
  let current = (error as { cause?: unknown } | null)?.cause;
  for (let depth = 0; current && depth < 5; depth += 1) {
    const message = (current as { message?: unknown }).message;
    if (typeof message === "string" && message !== "") messages.push(message);
    current = (current as { cause?: unknown }).cause;
  }
  return messages;
}

function isTransient(error: unknown): boolean {
  if (isTimeout(error)) return true;
  const code = errorCode(error);
  if (code !== undefined) return TRANSIENT.has(code);
  // undici reports a body cut short as a bare `TypeError: terminated`.
  return error instanceof TypeError && /terminated|fetch failed|other side closed/i.test(error.message);
}

function describeTransportError(error: unknown, timeoutMs: number): string {
  if (isTimeout(error)) return `no response within ${timeoutMs} ms`;
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === "ECONNREFUSED") return "connection refused (ECONNREFUSED); is the server running?";
  if (isBlockedPort(error))
    return "fetch refuses this port (a 'bad port' of the Fetch standard), nothing was sent; use another port";
  const causes = causeMessages(error);
  if (code !== undefined)
    return `connection failed (${[code, ...causes.filter((c) => !c.includes(code))].join(": ")})`;
  if (/terminated|other side closed/i.test(message))
    return "connection closed before the response was complete";
  // undici says only "fetch failed"; the reason is in its cause.
  return causes.length === 0 ? message : `${message}: ${causes.join(": ")}`;
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
