// POST /studio/v1/maestro/runs and GET /studio/v1/maestro/runs/{id}: prepare (parse, validate, seed;
// off this thread for a large body), start, count each cell's creates, answer from the store.
import type { IncomingMessage, ServerResponse } from "node:http";
import { CELL_HEADER, REPEAT_HEADER } from "../cell-headers.js";
import type { TransportFault } from "../faults.js";
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
  retrieve(res: ServerResponse, runId: string): void;
  readonly duplicateCreates: number;
}

export function createRunRoutes(options: {
  store: RunStore;
  lifecycle: RunLifecycle;
  preparer: RunPreparer;
}): RunRoutes {
  const { store, lifecycle, preparer } = options;
  const createdCells = new Set<string>();
  let duplicateCreates = 0;
  return {
    get duplicateCreates() {
      return duplicateCreates;
    },
    retrieve(res, runId) {
      const run = store.view(runId, Date.now());
      if (run === undefined) sendJson(res, 404, { detail: "Not Found" });
      else sendJson(res, 200, run);
    },
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
      sendJson(res, 200, run);
    },
  };
}
