// Answering a cell's call, the one step of the cell pipeline that differs by kind: a Maestro run is
// created and polled, a chat completion is made and then scored by the verifiers (and the judge). Both
// hold the shared concurrency limit only while the API works on them.
import { createHash } from "node:crypto";
import type { MaestroClient } from "../client/index.js";
import type { ChatRequest, CreateRunRequest, MaestroRun, ScoreSource } from "../domain/index.js";
import { readScoreSources } from "../domain/index.js";
import { CELL_HEADER, REPEAT_HEADER } from "../local/cell-headers.js";
import type { MatrixCell } from "./expand-matrix.js";
import type { Harness } from "./harness-context.js";
import { chatAnswerCostUsd, readChatLocalInfo, scoreChat } from "./score-chat.js";

/** What answering a cell gave: its run as reports hold it, what it cost and took, and who scored it. */
export interface AnsweredCell {
  run: MaestroRun;
  latencyMs: number;
  costUsd: number | undefined;
  scoreSources: Record<string, ScoreSource>;
}

/** What a cell's caller hears of its answering. */
export interface AnswerHooks {
  /** A run was created and polling is about to wait for it: the worker has nothing to do for a while. */
  onWaiting?: (() => void) | undefined;
}

/** Answers a cell's call by its kind. */
export function answerCell(
  cell: MatrixCell,
  client: MaestroClient,
  harness: Harness,
  hooks: AnswerHooks = {},
): Promise<AnsweredCell> {
  const call = cell.call;
  return call.kind === "chat"
    ? answerChat(cell, call.request, client, harness)
    : answerRun(cell, call.request, client, harness, hooks);
}

async function answerRun(
  cell: MatrixCell,
  request: CreateRunRequest,
  client: MaestroClient,
  harness: Harness,
  hooks: AnswerHooks,
): Promise<AnsweredCell> {
  const { value: run, wallMs } = await timedInLimit(harness, () =>
    client.runs.createAndPoll(request, {
      timeoutMs: harness.timeoutMs,
      headers: cellHeaders(cell),
      onCreated: hooks.onWaiting,
    }),
  );
  return {
    run,
    // On the local server, the latency a run stands for is its simulated latency; elsewhere, the wall time.
    latencyMs: run.x_local?.latency_ms ?? Math.round(wallMs),
    costUsd: run.x_local?.cost_usd,
    scoreSources: readScoreSources(run),
  };
}

async function answerChat(
  cell: MatrixCell,
  request: ChatRequest,
  client: MaestroClient,
  harness: Harness,
): Promise<AnsweredCell> {
  const { value: completion, wallMs } = await timedInLimit(harness, () =>
    client.chat.completions.create(request, { headers: cellHeaders(cell) }),
  );
  // Scored outside the limit: a judge's call is not the API's work.
  const scored = await scoreChat(
    completion.id,
    completion.choices[0]?.message.content ?? "",
    cell.request.requirements ?? [],
    {
      input: cell.request.input,
      judge: harness.judge,
    },
  );
  const latencyMs = Math.round(wallMs);
  const local = readChatLocalInfo(completion);
  const costUsd = chatAnswerCostUsd(request.model, completion.usage, local !== undefined);
  // The local server says which generator answered: a simulated answer is labelled as one, as a run is.
  const run: MaestroRun =
    local === undefined
      ? scored.run
      : {
          ...scored.run,
          x_local: {
            generator: local.generator,
            simulated: local.simulated,
            model: request.model,
            budget: "low",
            steps: [],
            // Always known here: the local server's answers carry their simulated model's price.
            cost_usd: costUsd ?? 0,
            latency_ms: latencyMs,
          },
        };
  return { run, latencyMs, costUsd, scoreSources: scored.sources };
}

/** Runs `work` inside the shared concurrency limit, timing it from the moment the limit let it go. */
async function timedInLimit<T>(
  harness: Harness,
  work: () => Promise<T>,
): Promise<{ value: T; wallMs: number }> {
  return harness.semaphore.run(async () => {
    const started = performance.now();
    const value = await work();
    return { value, wallMs: performance.now() - started };
  });
}

/**
 * The headers every call of a cell carries: its repeat, so the local server answers each repeat afresh,
 * and its key (hashed: a header holds no arbitrary text), so the local server counts a cell sent twice,
 * and never two cells that send the same request.
 */
function cellHeaders(cell: MatrixCell): Record<string, string> {
  return {
    [REPEAT_HEADER]: String(cell.key.repeat),
    [CELL_HEADER]: createHash("sha256").update(cell.key.key).digest("hex").slice(0, 16),
  };
}
