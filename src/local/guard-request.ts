// What keeps a web page in the user's browser from driving the local server: a page can send simple
// cross-site requests (text/plain or form bodies, no preflight), and DNS rebinding can point a name it
// controls at 127.0.0.1. So a request with a foreign Origin, a Host that is not this server's address,
// or a JSON route's body in another content type is refused before anything runs. SDKs and curl send
// no Origin and the address they were given as Host, so they are not affected.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { hostname as machineName } from "node:os";
import { classifyAddress } from "./tools/tool-network.js";

/** A refused request: the status and the FastAPI-shaped `detail` to answer with. */
export interface Refusal {
  status: 401 | 403 | 415;
  detail: string;
}

/** Options of {@link createRequestGuard}. */
export interface RequestGuardOptions {
  /** The address the server is bound to, as given to `listen` (`127.0.0.1`, `::1`, `0.0.0.0`, a name). */
  boundHost: string;
  /** The bearer token every request must carry; none when undefined. */
  token?: string | undefined;
  /** More host names clients may use in `Host` (a proxy's or a container's name). */
  allowedHosts?: readonly string[] | undefined;
}

/** Checks one request's Origin and Host, its token and its content type. */
export interface RequestGuard {
  /** Refuses a cross-site request (403); undefined when it may go on. */
  check(req: IncomingMessage): Refusal | undefined;
  /** Refuses a request without the token (401); undefined when it carries it or none is needed. */
  checkToken(req: IncomingMessage): Refusal | undefined;
  /** Refuses a body on a JSON route that is not declared `application/json` (415). */
  checkJsonBody(req: IncomingMessage): Refusal | undefined;
}

const WILDCARDS = new Set(["0.0.0.0", "::", "[::]", ""]);

/**
 * Creates the guard the local server puts in front of every route.
 *
 * @example
 * const guard = createRequestGuard({ boundHost: "127.0.0.1", token: "t0ken" });
 * const refusal = guard.check(req); // { status: 403, detail: "Forbidden: ..." } for a web page's request
 */
export function createRequestGuard(options: RequestGuardOptions): RequestGuard {
  const bound = bare(options.boundHost);
  const wildcard = WILDCARDS.has(bound);
  const names = new Set(
    ["localhost", bound, ...(options.allowedHosts ?? []), ...(wildcard ? [machineName()] : [])].map((name) =>
      bare(name).toLowerCase(),
    ),
  );
  const expected = options.token === undefined ? undefined : digest(options.token);

  const isLocalHost = (host: string): boolean => {
    const name = host.toLowerCase();
    if (names.has(name) || name.endsWith(".localhost")) return true;
    if (!isIpLiteral(name)) return false;
    // An address literal cannot be rebound by DNS; a wildcard bind is reached through any of them.
    return wildcard || classifyAddress(name).kind === "loopback";
  };

  return {
    check(req) {
      const origin = req.headers.origin;
      if (origin !== undefined) {
        const host = originHost(origin);
        if (host === undefined || !(isIpLiteral(host) ? isLoopback(host) : isLocalName(host))) {
          return {
            status: 403,
            detail: `Forbidden: a cross-site request from Origin ${JSON.stringify(origin)} was refused. The local server answers programs on this machine (SDKs, curl, maestro-eval), which send no Origin header, and pages served from localhost; a page from elsewhere cannot drive it.`,
          };
        }
      }
      const hostHeader = req.headers.host;
      if (hostHeader !== undefined) {
        const host = hostOf(hostHeader);
        if (host === undefined || !isLocalHost(host)) {
          return {
            status: 403,
            detail: `Forbidden: Host ${JSON.stringify(hostHeader)} is not this server's address. Call it as http://${formatHost(wildcard ? "127.0.0.1" : bound)}:<port> or http://localhost:<port>; to accept another name (a proxy's, a container's), start it with allowedHosts (serve --allowed-host).`,
          };
        }
      }
      return undefined;
    },
    checkToken(req) {
      if (expected === undefined || hasToken(req.headers.authorization, expected)) return undefined;
      return { status: 401, detail: "Forbidden: Bad or missing API token." };
    },
    checkJsonBody(req) {
      const type = req.headers["content-type"];
      const mediaType = (type ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      if (mediaType === "application/json" || /^application\/[\w.+-]+\+json$/.test(mediaType))
        return undefined;
      return {
        status: 415,
        detail: `Unsupported Media Type: the body must be JSON sent with Content-Type: application/json, got ${
          type === undefined ? "no Content-Type" : JSON.stringify(type)
        } (with curl: -H "content-type: application/json")`,
      };
    },
  };
}

/** Whether an `Authorization` header carries the token: the scheme in any case, compared in constant time. */
function hasToken(header: string | undefined, expected: Buffer): boolean {
  const match = /^\s*bearer\s+(.*?)\s*$/i.exec(header ?? "");
  // Digests have one length whatever the token's, so the comparison leaks neither length nor content.
  return timingSafeEqual(digest(match?.[1] ?? ""), expected) && match !== null;
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

function isIpLiteral(host: string): boolean {
  try {
    classifyAddress(host);
    return true;
  } catch {
    return false;
  }
}

function isLoopback(host: string): boolean {
  return classifyAddress(host).kind === "loopback";
}

function isLocalName(host: string): boolean {
  const name = host.toLowerCase();
  return name === "localhost" || name.endsWith(".localhost");
}

/** The host of an Origin header (`null` and anything unparsable give undefined). */
function originHost(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.protocol === "http:" || url.protocol === "https:" ? bare(url.hostname) : undefined;
  } catch {
    return undefined;
  }
}

/** The host of a Host header without its port; undefined when it is not one. */
function hostOf(header: string): string | undefined {
  try {
    const url = new URL(`http://${header}`);
    return url.username === "" && url.pathname === "/" ? bare(url.hostname) : undefined;
  } catch {
    return undefined;
  }
}

function bare(host: string): string {
  return host.replace(/^\[|\]$/g, "").replace(/\.$/, "");
}

function formatHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}
