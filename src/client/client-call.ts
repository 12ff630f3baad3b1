// One way to send a request of the client: openapi-fetch's call, an unreadable body turned into a
// connection error, an answer that is not a success turned into MaestroApiError (secrets removed).
import { MaestroApiError, MaestroConnectionError, redactSecrets } from "../errors/index.js";
import type { CallOptions } from "./client-types.js";
import { readAttempts } from "./resilient-fetch.js";

/** What openapi-fetch answers. */
interface FetchResult<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** Sends a call and reads its answer; see {@link createClientCall}. */
export interface ClientCall {
  /** The call's data; an error status (or no data) throws {@link MaestroApiError}. */
  data<D>(method: string, path: string, send: () => Promise<FetchResult<D>>): Promise<Exclude<D, undefined>>;
  /** For calls answered with no body: an error status throws {@link MaestroApiError}. */
  ok(method: string, path: string, send: () => Promise<FetchResult<unknown>>): Promise<void>;
  /** The error an answer of `response` with `error` as its body makes. */
  fail(method: string, path: string, response: Response, error: unknown): MaestroApiError;
  readonly baseUrl: string;
}

export function createClientCall(options: { baseUrl: string; secrets: readonly string[] }): ClientCall {
  const { baseUrl, secrets } = options;
  const fail = (method: string, path: string, response: Response, error: unknown): MaestroApiError => {
    const body = redactSecrets(error, [...secrets]);
    const detail = typeof body === "object" && body !== null && "detail" in body ? body.detail : body;
    return new MaestroApiError({
      status: response.status,
      method,
      url: `${baseUrl}${path}`,
      detail,
      attempts: readAttempts(response),
    });
  };
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
  return {
    baseUrl,
    fail,
    async data<D>(method: string, path: string, call: () => Promise<FetchResult<D>>) {
      const result = await send(method, path, call);
      if (result.data === undefined) throw fail(method, path, result.response, result.error);
      return result.data as Exclude<D, undefined>;
    },
    async ok(method, path, call) {
      const { error, response } = await send(method, path, call);
      if (!response.ok) throw fail(method, path, response, error);
    },
  };
}

/** A call's signal and headers as openapi-fetch takes them. */
export function callSettings(options: CallOptions): {
  signal: AbortSignal | null;
  headers: Record<string, string>;
} {
  return { signal: options.signal ?? null, headers: options.headers ?? {} };
}
