import { createHash } from "node:crypto";
import {
  type CellKey,
  type CellRun,
  type CreateRunRequest,
  type MaestroRun,
  readScoreSources,
  resumeKey,
} from "../domain/index.js";
import { CELL_HEADER, REPEAT_HEADER } from "../local/index.js";
import { type Cassette, hashCellRequest } from "./cassettes.js";
import type { Harness } from "./harness-context.js";

/** What running a cell produced. */
export interface CellRunOutcome {
  cellRun: CellRun;
  requestHash: string;
}

/**
 * Runs one cell once: from the cassette when it holds the request, otherwise through the shared
 * concurrency limit with create-and-poll, recording the final run when the cassette records.
 */
export async function runCell(
  key: CellKey,
  request: CreateRunRequest,
  harness: Harness,
  cassette: Cassette,
): Promise<CellRunOutcome> {
  const requestHash = hashCellRequest(request, key.repeat);
  const earlier = resumedCell(harness, key, requestHash);
  if (earlier !== undefined) return { requestHash, cellRun: earlier };
  const recorded = cassette.lookup(requestHash);
  if (recorded !== undefined) {
    return {
      requestHash,
      cellRun: {
        cell: key,
        request,
        run: recorded.run,
        latencyMs: recorded.latencyMs,
        costUsd: recorded.costUsd,
        backend: "replay",
        scoreSources: readScoreSources(recorded.run),
        assertions: [],
      },
    };
  }
  if (harness.backend === "replay" || harness.client === undefined)
    throw cassette.miss(requestHash, key.key, request);
  const client = harness.client;
  const { run, wallMs } = await harness.semaphore.run(async () => {
    const started = performance.now();
    const finished = await client.runs.createAndPoll(request, {
      timeoutMs: harness.timeoutMs,
      headers: {
        [REPEAT_HEADER]: String(key.repeat),
        // Names the cell (hashed: a header holds no arbitrary text), so the local server counts a run
        // created twice for one cell, and never two cells that send the same request.
        [CELL_HEADER]: createHash("sha256").update(key.key).digest("hex").slice(0, 16),
      },
    });
    return { run: finished, wallMs: performance.now() - started };
  });
  const latencyMs = latencyOf(run, wallMs);
  const costUsd = run.x_local?.cost_usd;
  cassette.record({
    requestHash,
    cell: key.key,
    repeat: key.repeat,
    request,
    run,
    latencyMs,
    ...(costUsd === undefined ? {} : { costUsd }),
    recordedAt: new Date().toISOString(),
  });
  return {
    requestHash,
    cellRun: {
      cell: key,
      request,
      run,
      latencyMs,
      costUsd,
      backend: harness.backend,
      scoreSources: readScoreSources(run),
      assertions: [],
    },
  };
}

/** A cell an earlier, interrupted run finished: reused as it was, so nothing finished runs twice. */
export function resumedCell(harness: Harness, key: CellKey, requestHash: string): CellRun | undefined {
  const meta = harness.resumed.get(resumeKey({ cell: key, requestHash }));
  if (meta === undefined) return undefined;
  return {
    cell: key,
    request: meta.request,
    run: meta.run,
    latencyMs: meta.latencyMs,
    costUsd: meta.costUsd,
    backend: meta.backend,
    ...(meta.scoreSources === undefined ? {} : { scoreSources: meta.scoreSources }),
    assertions: [],
  };
}

/** On the local server, the latency a run stands for is its simulated latency; elsewhere, the wall time. */
function latencyOf(run: MaestroRun, wallMs: number): number {
  return run.x_local?.latency_ms ?? Math.round(wallMs);
}
