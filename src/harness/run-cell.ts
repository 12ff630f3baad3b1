// The one cell pipeline, for Maestro and chat cells alike: a cell an interrupted run finished is reused;
// one the cassette holds is replayed; otherwise its call is answered inside the shared concurrency limit,
// scored, and recorded. Only answering differs by kind (answer-cell.ts).
import {
  type CellKey,
  type CellRun,
  type MaestroRun,
  readScoreSources,
  resumeKey,
  type ScoreSource,
} from "../domain/index.js";
import { type AnsweredCell, type AnswerHooks, answerCell } from "./answer-cell.js";
import type { Cassette, CassetteEntry } from "./cassettes.js";
import { type CellCall, hashCellCall } from "./cell-call.js";
import type { MatrixCell } from "./expand-matrix.js";
import type { Harness } from "./harness-context.js";
import { readChatScoreSources } from "./score-chat.js";

/** What running a cell produced. */
export interface CellRunOutcome {
  cellRun: CellRun;
  requestHash: string;
}

/**
 * Runs one cell once: reused from `--resume`'s results when an earlier run finished it, from the cassette
 * when it holds the request, otherwise answered through the shared limit and recorded when the cassette
 * records.
 */
export async function runCell(
  cell: MatrixCell,
  harness: Harness,
  cassette: Cassette,
  hooks: AnswerHooks = {},
): Promise<CellRunOutcome> {
  const requestHash = hashCellCall(cell.call, cell.key.repeat);
  const earlier = resumedCell(harness, cell.key, requestHash);
  if (earlier !== undefined) return { requestHash, cellRun: earlier };
  const recorded = cassette.lookup(requestHash);
  if (recorded !== undefined) return { requestHash, cellRun: await replayedCell(cell, recorded) };
  const client = harness.client;
  if (harness.backend === "replay" || client === undefined)
    throw cassette.miss(requestHash, cell.key.key, cell.request);
  const answered = await answerCell(cell, client, harness, hooks);
  cassette.record({
    requestHash,
    cell: cell.key.key,
    repeat: cell.key.repeat,
    request: cell.request,
    run: answered.run,
    latencyMs: answered.latencyMs,
    ...(answered.costUsd === undefined ? {} : { costUsd: answered.costUsd }),
    scoreSources: answered.scoreSources,
    recordedAt: new Date().toISOString(),
  });
  return { requestHash, cellRun: toCellRun(cell, answered, harness.backend) };
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

async function replayedCell(cell: MatrixCell, recorded: CassetteEntry): Promise<CellRun> {
  return toCellRun(
    cell,
    {
      run: recorded.run,
      latencyMs: recorded.latencyMs,
      costUsd: recorded.costUsd,
      scoreSources: recorded.scoreSources ?? (await recordedScoreSources(cell.call, recorded.run)),
    },
    "replay",
  );
}

/** The sources of a recording made before cassettes stored them, read again from its run. */
async function recordedScoreSources(call: CellCall, run: MaestroRun): Promise<Record<string, ScoreSource>> {
  return call.kind === "chat" ? readChatScoreSources(run) : readScoreSources(run);
}

function toCellRun(cell: MatrixCell, answered: AnsweredCell, backend: CellRun["backend"]): CellRun {
  return {
    cell: cell.key,
    request: cell.request,
    run: answered.run,
    latencyMs: answered.latencyMs,
    costUsd: answered.costUsd,
    backend,
    scoreSources: answered.scoreSources,
    assertions: [],
  };
}
