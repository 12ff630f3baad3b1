import createClient, { type Client } from "openapi-fetch";
import { assertValidChatRequest, assertValidRunRequest } from "../constraints/index.js";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatRequest,
  CreateRunRequest,
  LibraryFile,
  LibraryFileId,
  LibraryFileUpdate,
  MaestroPaths,
  MaestroRun,
} from "../domain/index.js";
import {
  MaestroApiError,
  MaestroConfigurationError,
  MaestroConnectionError,
  MaestroRunError,
  redactSecrets,
} from "../errors/index.js";
import { createDurationEstimator, DEFAULT_POLL_OPTIONS, type PollOptions, pollRun } from "./poll-run.js";
import { readServerSentEvents } from "./read-server-sent-events.js";
import { createRequestLimiter, type RequestLimiter } from "./request-limiter.js";
import { createResilientFetch, type RetryEvent, readAttempts } from "./resilient-fetch.js";
import { type RetryOptions, resolveRetryPolicy } from "./retry-policy.js";

/** AI21 Studio's API host: the default base URL. */
export const AI21_BASE_URL = "https://api.ai21.com";

/** Options of {@link createMaestroClient}; all optional. */
export interface MaestroClientOptions {
  /** The AI21 API key, sent as `Authorization: Bearer <key>`. Default: `AI21_API_KEY`. */
  apiKey?: string | undefined;
  /**
   * Where the API is: AI21 (`https://api.ai21.com`, the default), the embedded local server, or any
   * compatible server, with or without a trailing `/studio/v1` (AI21's SDKs read their variables as the
   * whole base, `/studio/v1` included). Default: `AI21_API_HOST` (the Python SDK's variable), then
   * `AI21_BASE_URL` (the TypeScript SDK's).
   */
  baseUrl?: string | undefined;
  /** Retries on 408, 429, 5xx and connection failures; see {@link RetryOptions} for the defaults. */
  retry?: RetryOptions;
  /** Default polling for `runs.poll` and `runs.createAndPoll`; see {@link PollOptions}. */
  poll?: PollOptions;
  /** A limiter shared with other clients; otherwise one is made from `concurrency` and `requestsPerSecond`. */
  limiter?: RequestLimiter;
  /** Requests in flight at once, when no `limiter` is given. Default 16. */
  concurrency?: number;
  /** Requests started per second at most, when no `limiter` is given. Default unlimited. */
  requestsPerSecond?: number;
  /** Time allowed for one request attempt, response included. Default 60,000 ms. */
  requestTimeoutMs?: number;
  /**
   * Validate each request before sending it: `true` (the default) refuses requests with error-level
   * issues, `"strict"` also refuses warnings, `false` sends everything as given.
   */
  validate?: boolean | "strict";
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Called before each retry, for logging or counting. */
  onRetry?: (event: RetryEvent) => void;
  /** A `fetch` to send requests with. Default: the global `fetch`. */
  fetch?: (request: Request) => Promise<Response>;
  /** Where `AI21_API_KEY` and `AI21_API_HOST` are read from. Default: `process.env`. */
  env?: Record<string, string | undefined>;
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
  /** Extra headers for this request only. */
  headers?: Record<string, string> | undefined;
}

/** Options of `runs.createAndPoll`. */
export interface CreateAndPollOptions extends PollOptions {
  /** Extra headers for the create request. */
  headers?: Record<string, string> | undefined;
  /** Resolve with a `failed` run instead of throwing {@link MaestroRunError}. Default false. */
  allowFailed?: boolean;
}

/** A file to upload to the library: its name (whose extension decides its type) and its bytes. */
export interface LibraryUploadFile {
  /** The file's name in the library, such as `refunds.md`; it must be unique there. */
  name: string;
  content: string | Uint8Array | Blob;
  /** The part's Content-Type. Default: the Blob's type, else `application/octet-stream`. */
  contentType?: string;
}

/** Options of `library.files.upload`: AI21's optional upload fields, and per-call options. */
export interface LibraryUploadOptions extends CallOptions {
  labels?: readonly string[];
  /** A file-path-like string file_search can filter on by prefix. */
  path?: string;
  publicUrl?: string;
}

/** Which files `library.files.list` returns; AI21's Python SDK sends only `offset` and `limit`. */
export interface LibraryListQuery {
  offset?: number;
  limit?: number;
  /** Only the file with exactly this name. */
  name?: string;
  status?: string;
  /** Only files carrying any of these labels. */
  label?: readonly string[];
}

/** A chat request for `chat.completions.stream`: `stream` is set by the method. */
export type ChatStreamRequest = Omit<ChatRequest, "stream">;

/** The typed client for Maestro runs and Jamba chat completions. */
export interface MaestroClient {
  /** The base URL requests go to, without `/studio/v1`. */
  readonly baseUrl: string;
  readonly runs: {
    /** Creates a run; it answers at once with `status: in_progress`. Never retried once it may have been accepted. */
    create(request: CreateRunRequest, options?: CallOptions): Promise<MaestroRun>;
    /** The run as it stands. */
    retrieve(runId: string, options?: CallOptions): Promise<MaestroRun>;
    /** Polls a run until it is `completed`, `failed` or `requires_action`. */
    poll(runId: string, options?: PollOptions): Promise<MaestroRun>;
    /** Creates a run and polls it until it ends; a `failed` run throws {@link MaestroRunError}. */
    createAndPoll(request: CreateRunRequest, options?: CreateAndPollOptions): Promise<MaestroRun>;
  };
  /** AI21's file library, which file_search tools search. */
  readonly library: {
    readonly files: {
      /** Uploads a file (multipart, as AI21's SDK sends it) and answers its `{fileId}`. Never retried once sent. */
      upload(file: LibraryUploadFile, options?: LibraryUploadOptions): Promise<LibraryFileId>;
      /** The library's files, in upload order. */
      list(query?: LibraryListQuery, options?: CallOptions): Promise<LibraryFile[]>;
      /** One file's metadata. */
      retrieve(fileId: string, options?: CallOptions): Promise<LibraryFile>;
      /** Replaces a file's labels or public URL (the fields given). */
      update(fileId: string, changes: LibraryFileUpdate, options?: CallOptions): Promise<void>;
      /** Deletes a file. */
      delete(fileId: string, options?: CallOptions): Promise<void>;
    };
  };
  readonly chat: {
    readonly completions: {
      /** Creates a chat completion (not streamed). */
      create(request: ChatRequest, options?: CallOptions): Promise<ChatCompletion>;
      /** Streams a chat completion chunk by chunk, ending at AI21's `data: [DONE]`. */
      stream(request: ChatStreamRequest, options?: CallOptions): AsyncIterable<ChatCompletionChunk>;
    };
  };
  /** The underlying openapi-fetch client, for `{data, error, response}` access to any path. */
  readonly raw: Client<MaestroPaths>;
}

const RUNS = "/studio/v1/maestro/runs";
const RUN = "/studio/v1/maestro/runs/{run_id}";
const CHAT = "/studio/v1/chat/completions";
const FILES = "/studio/v1/library/files";
const FILE = "/studio/v1/library/files/{file_id}";

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
    fetch: options.fetch ?? ((request) => fetch(request)),
    retry: resolveRetryPolicy(options.retry),
    limiter,
    requestTimeoutMs,
    onRetry: options.onRetry,
  });
  const raw = createClient<MaestroPaths>({
    baseUrl,
    fetch: transport,
    headers: {
      ...options.headers,
      ...(apiKey === undefined ? {} : { Authorization: `Bearer ${apiKey}` }),
      Accept: "application/json",
    },
  });
  const validate = options.validate ?? true;
  const pollDefaults = options.poll ?? {};
  const durations = createDurationEstimator();

  const fail = (method: string, path: string, response: Response, error: unknown): MaestroApiError => {
    const body = redactSecrets(error, secrets);
    const detail = typeof body === "object" && body !== null && "detail" in body ? body.detail : body;
    return new MaestroApiError({
      status: response.status,
      method,
      url: `${baseUrl}${path}`,
      detail,
      attempts: readAttempts(response),
    });
  };

  /** Runs an openapi-fetch call and turns an unreadable body into a clear error. */
  const send = async <T>(method: string, path: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (error instanceof SyntaxError) {
        throw new MaestroConnectionError({
          method,
          url: `${baseUrl}${path}`,
          attempts: 1,
          reason: `response body is not valid JSON (${error.message})`,
          cause: error,
        });
      }
      throw error;
    }
  };

  const retrieve = async (runId: string, signal: AbortSignal | undefined): Promise<MaestroRun> => {
    if (typeof runId !== "string" || runId === "") {
      throw new TypeError(`runs.retrieve: runId must be a non-empty string, got ${JSON.stringify(runId)}`);
    }
    const path = `${RUNS}/${encodeURIComponent(runId)}`;
    const { data, error, response } = await send("GET", path, () =>
      raw.GET(RUN, { params: { path: { run_id: runId } }, signal: signal ?? null }),
    );
    if (data === undefined) throw fail("GET", path, response, error);
    return data;
  };

  const create = async (request: CreateRunRequest, callOptions: CallOptions): Promise<MaestroRun> => {
    if (validate !== false) assertValidRunRequest(request, { strict: validate === "strict" });
    const { data, error, response } = await send("POST", RUNS, () =>
      raw.POST(RUNS, {
        body: request,
        signal: callOptions.signal ?? null,
        headers: callOptions.headers ?? {},
      }),
    );
    if (data === undefined) throw fail("POST", RUNS, response, error);
    return data;
  };

  const filePath = (method: string, fileId: string) => {
    if (typeof fileId !== "string" || fileId === "") {
      throw new TypeError(
        `library.files.${method}: fileId must be a non-empty string, got ${JSON.stringify(fileId)}`,
      );
    }
    return { path: `${FILES}/${encodeURIComponent(fileId)}`, params: { path: { file_id: fileId } } };
  };

  const library: MaestroClient["library"] = {
    files: {
      async upload(file, uploadOptions = {}) {
        if (typeof file?.name !== "string" || file.name.trim() === "") {
          throw new TypeError("library.files.upload: file.name must be a non-empty string");
        }
        const form = new FormData();
        const blob =
          file.content instanceof Blob
            ? file.content
            : new Blob([typeof file.content === "string" ? file.content : Uint8Array.from(file.content)], {
                type: file.contentType ?? "application/octet-stream",
              });
        form.append("file", blob, file.name);
        for (const label of uploadOptions.labels ?? []) form.append("labels", label);
        if (uploadOptions.path !== undefined) form.append("path", uploadOptions.path);
        if (uploadOptions.publicUrl !== undefined) form.append("publicUrl", uploadOptions.publicUrl);
        const { data, error, response } = await send("POST", FILES, () =>
          raw.POST(FILES, {
            // openapi-fetch sends FormData as it is, with its own multipart Content-Type.
            body: form as unknown as { file: string },
            signal: uploadOptions.signal ?? null,
            headers: uploadOptions.headers ?? {},
          }),
        );
        if (data === undefined) throw fail("POST", FILES, response, error);
        return data;
      },
      async list(query = {}, callOptions = {}) {
        const { data, error, response } = await send("GET", FILES, () =>
          raw.GET(FILES, {
            params: {
              query: {
                ...(query.offset === undefined ? {} : { offset: query.offset }),
                ...(query.limit === undefined ? {} : { limit: query.limit }),
                ...(query.name === undefined ? {} : { name: query.name }),
                ...(query.status === undefined ? {} : { status: query.status }),
                ...(query.label === undefined ? {} : { label: [...query.label] }),
              },
            },
            signal: callOptions.signal ?? null,
            headers: callOptions.headers ?? {},
          }),
        );
        if (data === undefined) throw fail("GET", FILES, response, error);
        return data;
      },
      async retrieve(fileId, callOptions = {}) {
        const { path, params } = filePath("retrieve", fileId);
        const { data, error, response } = await send("GET", path, () =>
          raw.GET(FILE, { params, signal: callOptions.signal ?? null, headers: callOptions.headers ?? {} }),
        );
        if (data === undefined) throw fail("GET", path, response, error);
        return data;
      },
      async update(fileId, changes, callOptions = {}) {
        const { path, params } = filePath("update", fileId);
        const { error, response } = await send("PUT", path, () =>
          raw.PUT(FILE, {
            params,
            body: changes,
            signal: callOptions.signal ?? null,
            headers: callOptions.headers ?? {},
          }),
        );
        if (!response.ok) throw fail("PUT", path, response, error);
      },
      async delete(fileId, callOptions = {}) {
        const { path, params } = filePath("delete", fileId);
        const { error, response } = await send("DELETE", path, () =>
          raw.DELETE(FILE, {
            params,
            signal: callOptions.signal ?? null,
            headers: callOptions.headers ?? {},
          }),
        );
        if (!response.ok) throw fail("DELETE", path, response, error);
      },
    },
  };

  const poll = (runId: string, pollOptions: PollOptions = {}, startedAt?: number) =>
    pollRun(runId, retrieve, { ...DEFAULT_POLL_OPTIONS, ...pollDefaults, ...pollOptions }, startedAt);

  return {
    baseUrl,
    raw,
    library,
    runs: {
      create: (request, callOptions = {}) => create(request, callOptions),
      retrieve: (runId, callOptions = {}) => retrieve(runId, callOptions.signal),
      poll: (runId, pollOptions) => poll(runId, pollOptions),
      async createAndPoll(request, pollOptions = {}) {
        const startedAt = Date.now();
        const created = await create(request, { signal: pollOptions.signal, headers: pollOptions.headers });
        // Runs of one model and budget take similar times: poll when this one is expected to end.
        const durationKey = `${request.models?.[0] ?? ""}/${request.budget ?? "low"}`;
        const learned =
          pollOptions.expectedDurationMs === undefined ? durations.window(durationKey) : undefined;
        // The run ended between the last time it was seen in progress and the poll that saw it done.
        let lastInProgress = Date.now() - startedAt;
        const onPoll = (polled: MaestroRun, polls: number) => {
          if (polled.status === "in_progress") lastInProgress = Date.now() - startedAt;
          pollOptions.onPoll?.(polled, polls);
        };
        const run =
          created.status === "in_progress"
            ? await poll(
                created.id,
                {
                  ...pollOptions,
                  onPoll,
                  ...(learned === undefined || pollOptions.expectedWindowMs !== undefined
                    ? {}
                    : { expectedWindowMs: learned }),
                },
                startedAt,
              )
            : created;
        if (run.status === "completed")
          durations.record(durationKey, (lastInProgress + (Date.now() - startedAt)) / 2);
        if (run.status === "failed" && pollOptions.allowFailed !== true) {
          throw new MaestroRunError({
            runId: run.id,
            status: run.status,
            ...(run.error?.message === undefined ? {} : { reason: run.error.message }),
          });
        }
        return run;
      },
    },
    chat: {
      completions: {
        async create(request, callOptions = {}) {
          if ((request as { stream?: unknown }).stream === true) {
            throw new TypeError(
              "chat.completions.create: stream: true is not allowed here; use chat.completions.stream()",
            );
          }
          if (validate !== false) assertValidChatRequest(request, { strict: validate === "strict" });
          const { data, error, response } = await send("POST", CHAT, () =>
            raw.POST(CHAT, {
              body: request,
              signal: callOptions.signal ?? null,
              headers: callOptions.headers ?? {},
            }),
          );
          if (data === undefined) throw fail("POST", CHAT, response, error);
          if (typeof data !== "object") {
            throw new MaestroConnectionError({
              method: "POST",
              url: `${baseUrl}${CHAT}`,
              attempts: readAttempts(response),
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
              const { data, error, response } = await send("POST", CHAT, () =>
                raw.POST(CHAT, {
                  body,
                  parseAs: "stream",
                  headers: { ...callOptions.headers, Accept: "text/event-stream" },
                  signal: callOptions.signal ?? null,
                }),
              );
              if (data === undefined || data === null) throw fail("POST", CHAT, response, error);
              const source = { method: "POST", url: `${baseUrl}${CHAT}`, idleTimeoutMs: requestTimeoutMs };
              for await (const chunk of readServerSentEvents(data, source))
                yield chunk as ChatCompletionChunk;
            },
          };
        },
      },
    },
  };
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
