// One pipeline for every request of the local server: the guard (Origin, Host, token, JSON bodies),
// the library's routes, the fault plan, the body, then the Maestro or chat route.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FileLibrary } from "../library/index.js";
import type { FaultPlan } from "./faults.js";
import type { Refusal, RequestGuard } from "./guard-request.js";
import { readBodyBytes, readJsonBody } from "./read-body.js";
import type { ChatRoute } from "./routes/chat.js";
import { handleLibraryRequest, isLibraryPath } from "./routes/library.js";
import { routeOf } from "./routes/route-of.js";
import type { RunRoutes } from "./routes/runs.js";
import { sendJson } from "./send-json.js";
import { wait } from "./wait.js";

/** What {@link createRequestPipeline} dispatches to. */
export interface RequestPipelineOptions {
  guard: RequestGuard;
  faults: FaultPlan;
  library: FileLibrary;
  runs: RunRoutes;
  chat: ChatRoute;
  maxBodyBytes: number;
  /** Aborted when the server closes: a slow fault stops waiting. */
  signal: AbortSignal;
}

/** The server's request handler. */
export function createRequestPipeline(
  options: RequestPipelineOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { guard, faults, maxBodyBytes } = options;
  return async (req, res) => {
    const refusal = guard.check(req);
    if (refusal !== undefined) return refuse(req, res, refusal);
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (isLibraryPath(path)) {
      const unauthorized = guard.checkToken(req);
      if (unauthorized !== undefined) return refuse(req, res, unauthorized);
      // Uploads are multipart; the one JSON body is a file's update.
      if (req.method === "PUT") {
        const unsupported = guard.checkJsonBody(req);
        if (unsupported !== undefined) return refuse(req, res, unsupported);
      }
      return handleLibraryRequest(req, res, options.library, { maxBodyBytes });
    }
    const route = routeOf(req.method ?? "GET", path);
    if (route.name === "notFound") return drainThen(req, () => sendJson(res, 404, { detail: "Not Found" }));
    if (route.name === "methodNotAllowed") {
      return drainThen(req, () => sendJson(res, 405, { detail: "Method Not Allowed" }));
    }
    const unauthorized = guard.checkToken(req);
    if (unauthorized !== undefined) return refuse(req, res, unauthorized);
    if (route.name === "createRun" || route.name === "chat") {
      const unsupported = guard.checkJsonBody(req);
      if (unsupported !== undefined) return refuse(req, res, unsupported);
    }
    const fault = faults.forRequest(route.name);
    if (fault.kind === "status") {
      const headers =
        fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) };
      const detail = { 429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable" }[
        fault.status
      ];
      return drainThen(req, () => sendJson(res, fault.status, { detail }, headers));
    }
    if (fault.kind === "slow") await wait(fault.delayMs, options.signal);
    if (fault.kind === "reset" && route.name !== "createRun") {
      req.socket.destroy();
      return;
    }
    if (route.name === "retrieveRun")
      return drainThen(req, () => options.runs.retrieve(req, res, route.runId ?? ""));

    const tooLarge = () =>
      sendJson(res, 413, { detail: `Request body exceeds ${maxBodyBytes} bytes` }, { connection: "close" });
    // A create's body is parsed with the rest of its preparation, off this thread when it is large.
    if (route.name === "createRun") {
      const bytes = await readBodyBytes(req, maxBodyBytes);
      if (bytes === undefined) return tooLarge();
      return options.runs.create(req, res, bytes, fault);
    }
    const body = await readJsonBody(req, maxBodyBytes);
    if (body.kind === "tooLarge") return tooLarge();
    if (body.kind === "invalid") return sendJson(res, 422, { detail: [body.issue] });
    return options.chat.complete(req, res, body);
  };
}

/** Answers a refused request; its body, if any, is read and dropped. */
function refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
  req.resume();
  sendJson(res, refusal.status, { detail: refusal.detail });
}

async function drainThen(req: IncomingMessage, send: () => void | Promise<void>): Promise<void> {
  req.resume();
  await send();
}
