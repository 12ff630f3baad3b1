import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { TestProject } from "vitest/node";
import { stableStringify } from "../domain/index.js";
import { MaestroConfigurationError } from "../errors/index.js";
import type { FaultOptions } from "../local/faults.js";
import type { SimGeneratorOptions } from "../local/sim-generator.js";
import { type DeferredLocalServer, startDeferredLocalServer } from "../local/start-deferred-server.js";
import type { ToolRuntimeOptions } from "../local/tools/create-tool-runtime.js";
import { startDeferredWarmUp } from "../local/warm-up-trigger.js";
import { createConfiguredJudge, type JudgeConfig } from "../verifiers/judge-config.js";
import { type CassetteMode, readCassetteMode } from "./cassette-mode.js";
import { type Backend, HARNESS_DEFAULTS, readConcurrency } from "./harness-settings.js";
import { pollHistoryPlace } from "./poll-history.js";
import { parseMemoryPlace } from "./project-cache.js";
import { type SemaphoreServer, startSemaphoreServer } from "./shared-semaphore.js";
import { spellsOutNewDescriptions } from "./suite-descriptions.js";
import { IDLE_BEFORE_WARM_UP_MS } from "./warm-up-plugin.js";
import { whenIdle } from "./when-idle.js";

/** What a vitest config passes to the harness (through `test.provide.maestroEvalOptions`). */
export interface HarnessOptions {
  /** Default: `MAESTRO_EVAL_BACKEND`, else `replay` when cassettes replay, `ai21` with a key, `local` otherwise. */
  backend?: Backend;
  /** Cells in flight at once across every worker. Default: `MAESTRO_EVAL_CONCURRENCY`, else 8. */
  concurrency?: number;
  /** Default: `MAESTRO_EVAL_CASSETTES`, else `off`. */
  cassettes?: CassetteMode;
  /** How long one cell may take, polling included. Default 600,000 ms. */
  timeoutMs?: number;
  /** A `results.jsonl` whose finished cells are reused instead of run again. */
  resumeFile?: string;
  /**
   * The embedded local server, when it is the backend: its seed, time scale, faults and simulated models,
   * and how it runs tools (docs/tools.md; the `MAESTRO_EVAL_*` variables set the other tool defaults).
   */
  local?: {
    seed?: number;
    timeScale?: number;
    faults?: FaultOptions;
    sim?: SimGeneratorOptions;
  } & Pick<ToolRuntimeOptions, "toolNetwork" | "toolTimeoutMs" | "toolMaxResponseBytes">;
  /**
   * A judge model (an OpenAI-compatible endpoint) that scores the requirements no verifier understands:
   * the local engine's runs and chat answers. Its key comes from `MAESTRO_EVAL_JUDGE_API_KEY`. Default none:
   * such a requirement is self-assessed by the local engine and left unscored in a chat answer.
   */
  judge?: JudgeConfig;
  /** Where the local server's counters (runs created, duplicates, faults injected) are written at the end. */
  statsFile?: string;
  /** Whether the run's reporter lints the suites (given `createSuiteLinter()`); otherwise each worker lints its own. */
  lintInReporter?: boolean;
}

declare module "vitest" {
  interface ProvidedContext {
    maestroEvalOptions: HarnessOptions;
  }
}

const BACKENDS: readonly Backend[] = ["ai21", "local", "replay"];

/**
 * vitest global setup: decides the backend once per test run, starts the embedded local server when
 * it is the backend, and serves the shared concurrency limit; stops both when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const options: HarnessOptions = project.getProvidedContext().maestroEvalOptions ?? {};
  const env = process.env;
  const cassettes = options.cassettes ?? readCassetteMode(env);
  const apiKey = env.AI21_API_KEY?.trim() || undefined;
  const fromEnv = env.MAESTRO_EVAL_BACKEND?.trim() || undefined;
  if (fromEnv !== undefined && !(BACKENDS as readonly string[]).includes(fromEnv)) {
    throw new MaestroConfigurationError(
      `MAESTRO_EVAL_BACKEND must be one of ${BACKENDS.join(", ")}, got ${JSON.stringify(fromEnv)}`,
    );
  }
  const backend: Backend =
    options.backend ??
    (fromEnv as Backend | undefined) ??
    (cassettes === "replay" ? "replay" : apiKey !== undefined ? "ai21" : "local");
  if (backend === "ai21" && apiKey === undefined) {
    throw new MaestroConfigurationError(
      "the ai21 backend needs AI21_API_KEY; set it, or use the local backend",
    );
  }
  const concurrency = options.concurrency ?? readConcurrency(env) ?? HARNESS_DEFAULTS.concurrency;
  const judge = createConfiguredJudge(options.judge, "the run's judge", env);
  let server: DeferredLocalServer | undefined;
  let baseUrl = "";
  const parseMemory = parseMemoryPlace(project.config.root, env);
  if (backend === "local") {
    // Its engine is loaded and compiled once the workers are starting (below) or have their first suite
    // file (warmUpOnFirstTransform), while this process has nothing else to do: not before listening,
    // which would hold up the workers' start, nor at the first create, which would hold up its cell.
    server = await startDeferredLocalServer({
      seed: options.local?.seed ?? 0,
      timeScale: options.local?.timeScale ?? HARNESS_DEFAULTS.localTimeScale,
      ...(options.local?.faults === undefined ? {} : { faults: options.local.faults }),
      ...(options.local?.sim === undefined ? {} : { sim: options.local.sim }),
      ...toolOptionsOf(options.local),
      judge,
      ...(parseMemory === undefined
        ? {}
        : {
            parseMemoryFile: parseMemory,
            // Read as the engine loads, while the workers start: a suite whose descriptions the memory
            // lacks has the patterns compiled ahead of its first create.
            readsNewDescriptions: async (recalled: ReadonlySet<string>) =>
              spellsOutNewDescriptions((await project.globTestFiles()).testFiles, (description) =>
                recalled.has(description),
              ),
          }),
    });
    baseUrl = server.url;
  } else if (backend === "ai21") {
    baseUrl = env.AI21_API_HOST?.trim() || "https://api.ai21.com";
  }
  const semaphore: SemaphoreServer = await startSemaphoreServer(concurrency);
  // Durations differ by backend and host, and on the local server by its timing.
  const pollScope =
    backend === "local"
      ? `local ${stableStringify({ timeScale: options.local?.timeScale ?? HARNESS_DEFAULTS.localTimeScale, sim: options.local?.sim ?? {} })}`
      : `${backend} ${baseUrl}`;
  project.provide("maestroEval", {
    backend,
    baseUrl,
    semaphoreUrl: semaphore.url,
    concurrency,
    cassettes,
    timeoutMs: options.timeoutMs ?? HARNESS_DEFAULTS.timeoutMs,
    resumeFile: options.resumeFile,
    judge: options.judge === undefined ? undefined : { url: options.judge.url, model: options.judge.model },
    pollHistory: backend === "replay" ? undefined : pollHistoryPlace(project.config.root, pollScope, env),
    lintInReporter: options.lintInReporter === true,
    parseMemory,
  });
  // The warm-up starts once this process has nothing to do after the set-up (its workers are starting:
  // a worker spends about 0.25 s loading vitest before it asks this process for anything), or once a
  // worker has its suite file (warmUpOnFirstTransform), whichever comes first; it runs once.
  if (server !== undefined) whenIdle(IDLE_BEFORE_WARM_UP_MS, () => void startDeferredWarmUp());
  return async () => {
    await semaphore.close();
    if (server !== undefined && options.statsFile !== undefined) {
      mkdirSync(dirname(options.statsFile), { recursive: true });
      // Written whole, then renamed over the old one, as the other report files: a reader never sees half.
      const partial = `${options.statsFile}.${process.pid}.tmp`;
      writeFileSync(partial, `${JSON.stringify({ backend, ...server.stats() }, null, 2)}\n`);
      renameSync(partial, options.statsFile);
    }
    await server?.close();
  };
}

/** The tool options a config's `local` sets, without the ones it leaves to their defaults. */
function toolOptionsOf(local: HarnessOptions["local"]): ToolRuntimeOptions {
  const options: ToolRuntimeOptions = {};
  if (local?.toolNetwork !== undefined) options.toolNetwork = local.toolNetwork;
  if (local?.toolTimeoutMs !== undefined) options.toolTimeoutMs = local.toolTimeoutMs;
  if (local?.toolMaxResponseBytes !== undefined) options.toolMaxResponseBytes = local.toolMaxResponseBytes;
  return options;
}
