// Which of the server's Maestro and chat routes a request names (the library has its own routes).
import type { FaultRoute } from "../faults.js";

export const RUNS_PATH = "/studio/v1/maestro/runs";
export const CHAT_PATH = "/studio/v1/chat/completions";

/** A route the fault plan knows, or why no route answers. */
export type Route =
  | { name: FaultRoute; runId?: string }
  | { name: "notFound" }
  | { name: "methodNotAllowed" };

/** The route of `method` on `path` (the path without its query). */
export function routeOf(method: string, path: string): Route {
  if (path === RUNS_PATH) return method === "POST" ? { name: "createRun" } : { name: "methodNotAllowed" };
  if (path === CHAT_PATH) return method === "POST" ? { name: "chat" } : { name: "methodNotAllowed" };
  if (path.startsWith(`${RUNS_PATH}/`)) {
    const rest = path.slice(RUNS_PATH.length + 1);
    if (rest === "" || rest.includes("/")) return { name: "notFound" };
    if (method !== "GET") return { name: "methodNotAllowed" };
    let runId: string;
    try {
      runId = decodeURIComponent(rest);
    } catch {
      return { name: "notFound" };
    }
    return { name: "retrieveRun", runId };
  }
  return { name: "notFound" };
}
