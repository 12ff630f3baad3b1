import createClient from "openapi-fetch";
import type { MaestroPaths } from "../domain/index.js";
import { MaestroConfigurationError } from "../errors/index.js";
import { createChatResource } from "./chat-resource.js";
import { createClientCall } from "./client-call.js";
import type { MaestroClient, MaestroClientOptions } from "./client-types.js";
import { heldBodyRequestClass } from "./held-bodies.js";
import { createHttpTransport } from "./http-transport.js";
import { createLibraryResource } from "./library-resource.js";
import { createRequestLimiter } from "./request-limiter.js";
import { createResilientFetch } from "./resilient-fetch.js";
import { resolveRetryPolicy } from "./retry-policy.js";
import { createRunsResource } from "./runs-resource.js";

export type {
  CallOptions,
  ChatStreamRequest,
  CreateAndPollOptions,
  LibraryListQuery,
  LibraryUploadFile,
  LibraryUploadOptions,
  MaestroClient,
  MaestroClientOptions,
} from "./client-types.js";

export const AI21_BASE_URL = "https://api.ai21.com";

/**
 * Creates a client for AI21 Maestro runs and Jamba chat completions, on openapi-fetch, with
 * validation before sending, retries with backoff, adaptive polling and a shared concurrency limit.
 *
 * @example
 * const maestro = createMaestroClient(); // AI21_API_KEY and AI21_API_HOST from the environment
 * const run = await maestro.runs.createAndPoll({
 *   input: "Write a short product description for a steel water bottle.",
 *   requirements: [{ name: "length", description: "Write up to 3 sentences." }],
 *   budget: "medium",
 *   include: ["requirements_result"],
 * });
 * console.log(run.requirements_result?.score);
 */
export function createMaestroClient(options: MaestroClientOptions = {}): MaestroClient {
  const env = options.env ?? process.env;
  const apiKey = nonEmpty(options.apiKey) ?? nonEmpty(env.AI21_API_KEY);
  const baseUrl = normaliseBaseUrl(
    nonEmpty(options.baseUrl) ?? nonEmpty(env.AI21_API_HOST) ?? nonEmpty(env.AI21_BASE_URL) ?? AI21_BASE_URL,
  );
  if (apiKey === undefined && isAi21Host(baseUrl)) {
    throw new MaestroConfigurationError(
      `createMaestroClient: no API key for ${baseUrl}; set AI21_API_KEY or pass { apiKey } (or point baseUrl at the local server)`,
    );
  }
  const secrets = apiKey === undefined ? [] : [apiKey];
  const requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  if (!Number.isFinite(requestTimeoutMs) || requestTimeoutMs <= 0) {
    throw new RangeError(
      `createMaestroClient: requestTimeoutMs must be a number > 0, got ${requestTimeoutMs}`,
    );
  }
  const limiter =
    options.limiter ??
    createRequestLimiter({
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(options.requestsPerSecond === undefined ? {} : { requestsPerSecond: options.requestsPerSecond }),
    });
  const transport = createResilientFetch({
    ...(options.fetch === undefined ? { send: createHttpTransport() } : { fetch: options.fetch }),
    retry: resolveRetryPolicy(options.retry),
    limiter,
    requestTimeoutMs,
    onRetry: options.onRetry,
  });
  const raw = createClient<MaestroPaths>({
    baseUrl,
    fetch: transport,
    // Requests hold their JSON body as the string it is; the transport sends it without a stream.
    Request: heldBodyRequestClass(),
    headers: {
      ...options.headers,
      ...(apiKey === undefined ? {} : { Authorization: `Bearer ${apiKey}` }),
      Accept: "application/json",
    },
  });
  const validate = options.validate ?? true;
  const call = createClientCall({ baseUrl, secrets });
  return {
    baseUrl,
    raw,
    runs: createRunsResource({
      raw,
      call,
      validate,
      pollDefaults: options.poll ?? {},
      durations: options.durations,
      serverWaitSeconds: serverWaitSeconds(options.serverWaitMs, requestTimeoutMs),
    }),
    library: createLibraryResource({ raw, call }),
    chat: createChatResource({ raw, call, validate, idleTimeoutMs: requestTimeoutMs }),
  };
}

/** The whole seconds of `Prefer: wait` asked for, within the request timeout; undefined for none. */
function serverWaitSeconds(serverWaitMs: number | undefined, requestTimeoutMs: number): number | undefined {
  if (serverWaitMs === undefined) return undefined;
  if (!Number.isFinite(serverWaitMs) || serverWaitMs < 0) {
    throw new RangeError(`createMaestroClient: serverWaitMs must be a number >= 0, got ${serverWaitMs}`);
  }
  const seconds = Math.min(Math.ceil(serverWaitMs / 1000), Math.floor(requestTimeoutMs / 1000) - 5);
  return seconds >= 1 ? seconds : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function normaliseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new MaestroConfigurationError(
      `createMaestroClient: baseUrl must be an absolute http(s) URL, got ${JSON.stringify(value)}`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new MaestroConfigurationError(
      `createMaestroClient: baseUrl must use http or https, got ${url.protocol}`,
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "").replace(/\/studio\/v1$/, "");
}

function isAi21Host(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname;
  return host === "ai21.com" || host.endsWith(".ai21.com");
}
