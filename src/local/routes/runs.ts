// POST /studio/v1/maestro/runs and GET /studio/v1/maestro/runs/{id}: prepare (parse, validate, seed;
// off this thread for a large body), start, count each cell's creates, answer from the store; with
// `Prefer: wait=N`, once the run is shown finished or N seconds have passed.
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  formatPreferWait,
  MAX_PREFER_WAIT_SECONDS,
  type MaestroRun,
  PREFERENCE_APPLIED_HEADER,
  readPreferWait,
} from "../../domain/index.js";
import { CELL_HEADER, REPEAT_HEADER } from "../cell-headers.js";
import type { TransportFault } from "../faults.js";
import { holdUntilShown } from "../hold-run.js";
import type { RunLifecycle } from "../run-lifecycle.js";
import type { RunPreparer } from "../run-preparer.js";
import type { RunStore } from "../run-store.js";
import { sendJson } from "../send-json.js";

/** The header a harness sends on a create to name its cell (a hash of the cell key), to count duplicates. */
export { CELL_HEADER };

/** The run routes, and how many creates named a cell that had been created before. */
export interface RunRoutes {
  /** Answers a create from its body's bytes (read whole, within the server's limit). */
  create(req: IncomingMessage, res: ServerResponse, body: Buffer, fault: TransportFault): Promise<void>;
  retrieve(req: IncomingMessage, res: ServerResponse, runId: string): Promise<void>;
  readonly duplicateCreates: number;
}

export function createRunRoutes(options: {
  store: RunStore;
  lifecycle: RunLifecycle;
  preparer: RunPreparer;
  /** Aborted when the server closes: held answers go out as the runs stand. */
  signal: AbortSignal;
}): RunRoutes {
  const { store, lifecycle, preparer, signal } = options;
  const createdCells = new Set<string>();
  let duplicateCreates = 0;
  /** Answers run `id` as it stands, after holding it as long as the request's `Prefer: wait` asks. */
  const answer = async (req: IncomingMessage, res: ServerResponse, id: string, started?: MaestroRun) => {
    const asked = readPreferWait(req.headers.prefer);
    if (asked === undefined) {
      const run = started ?? store.view(id, Date.now());
      if (run === undefined) return sendJson(res, 404, { detail: "Not Found" });
      return sendJson(res, 200, run);
    }
    const seconds = Math.min(asked, MAX_PREFER_WAIT_SECONDS);
    await holdUntilShown(store, id, seconds * 1000, res, signal);
    // The client went away while it waited (its timeout, a Ctrl-C): nobody to answer.
    if (res.destroyed) return;
    const run = store.view(id, Date.now()) ?? started;
    if (run === undefined) return sendJson(res, 404, { detail: "Not Found" });
    sendJson(res, 200, run, { [PREFERENCE_APPLIED_HEADER]: formatPreferWait(seconds) });
  };
  return {
    get duplicateCreates() {
      return duplicateCreates;
    },
    retrieve: (req, res, runId) => answer(req, res, runId),
    async create(req, res, body, fault) {
      const prepared = await preparer.prepare(body, String(req.headers[REPEAT_HEADER] ?? "0"));
      if (prepared.kind === "invalid") return sendJson(res, 422, { detail: prepared.detail });
      if (!store.prune()) {
        // Only runs whose simulated time has not come are left past the budget: they go soon.
        return sendJson(
          res,
          503,
          {
            detail: `Service Unavailable: the local server holds ${store.bytes} bytes of runs not yet finished, past its maxRunBytes of ${store.maxBytes}; retry shortly, or start it with a larger maxRunBytes (serve --max-run-bytes)`,
          },
          { "retry-after": "1" },
        );
      }
      const run = lifecycle.start(prepared.request, prepared.seed, prepared.inputTokens);
      const cell = req.headers[CELL_HEADER];
      if (typeof cell === "string" && cell !== "") {
        if (createdCells.has(cell)) duplicateCreates += 1;
        else createdCells.add(cell);
      }
      // A reset fault on create happens after the run was accepted: the client must not create it twice.
      if (fault.kind === "reset") {
        req.socket.destroy();
        return;
      }
      return answer(req, res, run.id, run);
    },
  };
}
