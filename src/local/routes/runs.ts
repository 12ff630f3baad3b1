// POST /studio/v1/maestro/runs and GET /studio/v1/maestro/runs/{id}: validate, start, count each cell's
// creates, answer from the store.
import type { IncomingMessage, ServerResponse } from "node:http";
import { hasErrors, validateRunRequest } from "../../constraints/index.js";
import type { TransportFault } from "../faults.js";
import { nextTurn } from "../next-turn.js";
import { LARGE_BODY_BYTES } from "../read-body.js";
import { readRunRequest } from "../read-request.js";
import type { RunLifecycle } from "../run-lifecycle.js";
import type { RunStore } from "../run-store.js";
import { sendJson } from "../send-json.js";
import { REPEAT_HEADER, validationDetail } from "./chat.js";

/** The header a harness sends on a create to name its cell (a hash of the cell key), to count duplicates. */
export const CELL_HEADER = "x-maestro-eval-cell";

/** The run routes, and how many creates named a cell that had been created before. */
export interface RunRoutes {
  create(
    req: IncomingMessage,
    res: ServerResponse,
    body: { value: unknown; text: string },
    fault: TransportFault,
  ): Promise<void>;
  retrieve(res: ServerResponse, runId: string): void;
  readonly duplicateCreates: number;
}

export function createRunRoutes(options: { store: RunStore; lifecycle: RunLifecycle }): RunRoutes {
  const { store, lifecycle } = options;
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
      // Parsing and validating a body of megabytes each take tens of milliseconds: not in one turn.
      const large = body.text.length > LARGE_BODY_BYTES;
      if (large) await nextTurn();
      const issues = validateRunRequest(body.value);
      if (hasErrors(issues)) return sendJson(res, 422, { detail: validationDetail(issues) });
      // Starting the run hashes the whole body for its seed.
      if (large) await nextTurn();
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
      const run = lifecycle.start(
        readRunRequest(body.value),
        String(req.headers[REPEAT_HEADER] ?? "0"),
        body.text,
      );
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
