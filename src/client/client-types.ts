// What a Maestro client is and takes: its options, the options of each call, and its resources.
import type { Client } from "openapi-fetch";
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
import type { DurationEstimator } from "./poll-plan.js";
import type { PollOptions } from "./poll-run.js";
import type { RequestLimiter } from "./request-limiter.js";
import type { RetryEvent } from "./resilient-fetch.js";
import type { RetryOptions } from "./retry-policy.js";

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
  /**
   * What `runs.createAndPoll` learns of how long each model and budget's runs take, to poll when they end.
   * Default: a fresh estimator per client. Pass one made with `createDurationEstimator(seed)` to start from
   * runs seen earlier, or to share one between clients; its `snapshot()` is what it learned.
   */
  durations?: DurationEstimator;
  /** A limiter shared with other clients; otherwise one is made from `concurrency` and `requestsPerSecond`. */
  limiter?: RequestLimiter;
  /** Requests in flight at once, when no `limiter` is given. Default 16. */
  concurrency?: number;
  /** Requests started per second at most, when no `limiter` is given. Default unlimited. */
  requestsPerSecond?: number;
  /** Time allowed for one request attempt, response included. Default 60,000 ms. */
  requestTimeoutMs?: number;
  /**
   * Ask the server to hold `runs.createAndPoll`'s create, and each retrieve after it, until the run ends,
   * up to this long each (`Prefer: wait=<seconds>`, RFC 7240), instead of polling on a timer: the run is
   * seen ending the moment it does, usually with the create's one request. The local server honours it
   * and says so (`Preference-Applied`); from a server that does not, polling goes on as without it. Whole
   * seconds, at most `requestTimeoutMs` less 5 s. Default: off, as AI21's API does not document it; the
   * harness turns it on against the embedded local server.
   */
  serverWaitMs?: number;
  /**
   * Validate each request before sending it: `true` (the default) refuses requests with error-level
   * issues, `"strict"` also refuses warnings, `false` sends everything as given.
   */
  validate?: boolean | "strict";
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Called before each retry, for logging or counting. */
  onRetry?: (event: RetryEvent) => void;
  /**
   * A `fetch` to send requests with. Default: node:http and node:https over keep-alive connections, which
   * behave as fetch does here (timeouts, retries, bad ports, streams) at about a third of its CPU per request.
   */
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
