// A run's life on the local server: accepted at once (`in_progress`), worked on by the engine on a
// later turn of the event loop, then stored as its final run, due when its simulated time has come
// (or never, for a run the fault plan keeps stuck).
import { randomUUID } from "node:crypto";
import type { CreateRunRequest, MaestroRun } from "../domain/index.js";
import type { Judge } from "../verifiers/index.js";
import type { FaultPlan, RunFault } from "./faults.js";
import type { Generator } from "./generator.js";
import { DEFAULT_RUN_MODEL } from "./model-profiles.js";
import { nextTurn } from "./next-turn.js";
import { type RunEngineResult, runEngine } from "./run-engine.js";
import type { RunStore } from "./run-store.js";
import type { ToolRuntime } from "./tools/index.js";

/** What {@link createRunLifecycle} needs: the engine's parts, where runs are kept, and the server's clock. */
export interface RunLifecycleOptions {
  generator: Generator;
  judge?: Judge | undefined;
  tools: ToolRuntime;
  store: RunStore;
  faults: FaultPlan;
  timeScale: number;
  /** Aborted when the server closes: runs in flight are abandoned. */
  signal: AbortSignal;
}

/** Starts runs: {@link RunLifecycle.start} answers the accepted run and leaves the work to a later turn. */
export interface RunLifecycle {
  /** Starts `request` with its own seed, and its input's tokens when counted already (see `prepareRun`). */
  start(request: CreateRunRequest, runSeed: string, inputTokens?: number): MaestroRun;
  /** Runs started so far. */
  readonly started: number;
}

export function createRunLifecycle(options: RunLifecycleOptions): RunLifecycle {
  const { generator, store, faults } = options;
  let started = 0;
  return {
    get started() {
      return started;
    },
    start(request, runSeed, inputTokens) {
      const id = randomUUID();
      const createdAt = Date.now();
      const model = request.models?.[0] ?? DEFAULT_RUN_MODEL;
      started += 1;
      const entry = {
        id,
        createdAt,
        final: undefined as MaestroRun | undefined,
        readyAt: Number.POSITIVE_INFINITY,
      };
      store.add(entry);
      const fault = faults.forRun(id);
      // The answer goes out first; the engine's work (generating, scoring, refining) follows on a later turn.
      nextTurn()
        .then(() =>
          runEngine(request, {
            generator,
            judge: options.judge,
            seed: runSeed,
            model,
            signal: options.signal,
            tools: options.tools,
            inputTokens,
          }),
        )
        .then(
          (result) => {
            entry.readyAt =
              fault === "stuck"
                ? createdAt + faults.stuckMs
                : createdAt + result.latencyMs * options.timeScale;
            entry.final = finalRun({ id, createdAt, model, request, result, fault, generator });
            store.settle(id);
          },
          (error: unknown) => {
            entry.readyAt = createdAt;
            entry.final = {
              id,
              status: "failed",
              result: null,
              error: {
                message: `The local engine failed: ${error instanceof Error ? error.message : String(error)}`,
              },
              created_at: new Date(createdAt).toISOString(),
            };
            store.settle(id);
          },
        );
      return { id, status: "in_progress", result: null, created_at: new Date(createdAt).toISOString() };
    },
  };
}

/** The run as the server answers it once done: what `include` asked for, and the local engine's `x_local`. */
function finalRun(run: {
  id: string;
  createdAt: number;
  model: string;
  request: CreateRunRequest;
  result: RunEngineResult;
  fault: RunFault;
  generator: Generator;
}): MaestroRun {
  const { id, createdAt, model, request, result, fault, generator } = run;
  const include = new Set(request.include ?? []);
  const wantsRequirements = include.has("requirements_result") || include.has("requirements_result.metadata");
  const failed = fault === "failed";
  return {
    id,
    status: failed ? "failed" : "completed",
    result: failed ? null : result.text,
    ...(failed ? { error: { message: "Simulated failure injected by the local server's fault plan" } } : {}),
    ...(wantsRequirements && !failed ? { requirements_result: result.requirementsResult } : {}),
    ...(include.has("data_sources") && !failed ? { data_sources: result.dataSources ?? {} } : {}),
    created_at: new Date(createdAt).toISOString(),
    x_local: {
      generator: generator.kind,
      simulated: generator.simulated,
      model,
      budget: request.budget ?? "low",
      steps: result.steps,
      cost_usd: result.costUsd,
      latency_ms: result.latencyMs,
      prompt_tokens: result.promptTokens,
      completion_tokens: result.completionTokens,
      ...(result.fileLabels === undefined || Object.keys(result.fileLabels).length === 0
        ? {}
        : { file_labels: result.fileLabels }),
      ...(wantsRequirements && !failed ? { score_sources: result.scoreSources } : {}),
      notes: generator.simulated
        ? [
            `Simulated output: written by maestro-eval's ${generator.kind} generator imitating ${model}, not by a real model.`,
          ]
        : [],
    },
  };
}
