// A `fetch` for tools, on node:http(s): it connects only to addresses the tool network policy allows,
// checked after DNS resolution and then used for the connection itself, and never follows redirects
// (a redirect could lead anywhere).
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { Readable } from "node:stream";
import {
  type ResolveHost,
  resolveAllowedAddresses,
  systemResolveHost,
  type ToolNetwork,
  ToolNetworkError,
} from "./tool-network.js";

/** The `fetch` signature tools use (the MCP SDK's `FetchLike`). */
export type ToolFetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

/** Options of {@link createGuardedFetch}. */
export interface GuardedFetchOptions {
  network: ToolNetwork;
  /** Resolves host names; the system resolver by default (tests inject their own). */
  resolveHost?: ResolveHost;
}

/**
 * Creates a fetch that refuses URLs other than http(s) and addresses `network` does not allow, with
 * a {@link ToolNetworkError} that names the address. The response body streams, so callers can cap
 * its size; redirects are returned as they are, not followed.
 */
export function createGuardedFetch(options: GuardedFetchOptions): ToolFetch {
  const resolveHost = options.resolveHost ?? systemResolveHost;
  return async (input, init = {}) => {
    const url = new URL(input);
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new ToolNetworkError(
        `only http and https URLs can be called, got ${url.protocol.replace(/:$/, "")}`,
      );
    }
    const addresses = await resolveAllowedAddresses(url.hostname, options.network, resolveHost);
    // The connection uses the addresses just checked, never a second resolution.
    const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
      if (lookupOptions.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    };
    const body =
      init.body === undefined || init.body === null
        ? undefined
        : Buffer.from(await new Response(init.body).arrayBuffer());
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key] = value;
    });
    if (body !== undefined) headers["content-length"] = String(body.byteLength);
    const method = init.method ?? "GET";
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise<Response>((resolve, reject) => {
      const request = send(
        url,
        {
          method,
          headers,
          lookup,
          agent: false,
          ...(init.signal ? { signal: init.signal } : {}),
        },
        (response) => resolve(toResponse(response, method)),
      );
      request.on("error", reject);
      request.end(body);
    });
  };
}

function toResponse(response: IncomingMessage, method: string): Response {
  const headers = new Headers();
  for (let index = 0; index + 1 < response.rawHeaders.length; index += 2) {
    headers.append(response.rawHeaders[index]!, response.rawHeaders[index + 1]!);
  }
  const status = response.statusCode ?? 502;
  const bodyless = method === "HEAD" || status === 204 || status === 304;
  if (bodyless) response.resume();
  return new Response(bodyless ? null : (Readable.toWeb(response) as ReadableStream<Uint8Array>), {
    status: status < 200 ? 502 : status,
    statusText: response.statusMessage ?? "",
    headers,
  });
}
