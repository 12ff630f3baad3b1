import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { createMaestroClient, type MaestroClient } from "../client/index.js";
import { type CellMeta, parseResultLines, resumeKey } from "../domain/index.js";
import type { LocalServer } from "../local/index.js";
import type { Judge } from "../verifiers/create-judge.js";
import { createConfiguredJudge, type JudgeConfig } from "../verifiers/judge-config.js";
import { loadedVerifiers, loadVerifiers, type VerifiersModule } from "../verifiers/load-verifiers.js";
import { type CassetteMode, readCassetteMode } from "./cassettes.js";
import { type Backend, HARNESS_DEFAULTS, readConcurrency } from "./harness-settings.js";
import { openDurationEstimator, type PollHistoryPlace, savePollHistory } from "./poll-history.js";
import { createLocalSemaphore, createRemoteSemaphore, type SettlingSemaphore } from "./shared-semaphore.js";
import { whenIdle } from "./when-idle.js";

export { type Backend, HARNESS_DEFAULTS, readConcurrency, vitestConcurrencyFor } from "./harness-settings.js";

/** What the global setup hands every worker (JSON, no secrets: workers read the key from the environment). */
export interface ProvidedHarness {
  backend: Backend;
  /** The API's base URL; empty for `replay`. */
  baseUrl: string;
  /** The shared concurrency limit's URL. */
  semaphoreUrl: string | undefined;
  concurrency: number;
  cassettes: CassetteMode;
  /** How long one cell may take, polling included. */
  timeoutMs: number;
  /** A `results.jsonl` whose finished cells are reused instead of run again (`maestro-eval run --resume`). */
  resumeFile?: string | undefined;
  /** The judge that scores what no verifier understands, without its key (workers read it from the environment). */
  judge?: JudgeConfig | undefined;
  /** Whether the reporter lints the suites (`maestro-eval run`): the workers only record what to lint. */
  lintInReporter?: boolean | undefined;
  /** Where what polling learned of run durations is kept between runs; undefined: not kept. */
  pollHistory?: PollHistoryPlace | undefined;
  /** Where the requirement descriptions parsed are kept between runs (a file); undefined: not kept. */
  parseMemory?: string | undefined;
}

declare module "vitest" {
  interface ProvidedContext {
    maestroEval: ProvidedHarness;
  }
}

/** What a worker uses to run cells. */
export interface Harness extends Omit<ProvidedHarness, "judge"> {
  client: MaestroClient | undefined;
  /** Scores a chat answer's requirements that no verifier understands; undefined when none is configured. */
  judge: Judge | undefined;
  /** The shared concurrency limit; settled before a suite ends, so no slot it gave back is lost with the worker. */
  semaphore: SettlingSemaphore;
  apiKey: string | undefined;
  /** Finished cells of an earlier run, by {@link resumeKey}. */
  resumed: ReadonlyMap<string, CellMeta>;
  /**
   * The verifiers, loaded at the first call with the descriptions an earlier run parsed: the worker loads
   * them once its event loop is idle (its first run under way), and the cells await them before their
   * assertions.
   */
  verifiers(): Promise<VerifiersModule>;
  /** Keeps what polling learned and the descriptions parsed for the next run (when a suite ends). */
  keepLearned(): void;
}

/**
 * How long the embedded local server holds a cell's create, and each retrieve after it, before answering
 * a run still going (`Prefer: wait`); a run longer than that is asked again.
 */
const LOCAL_SERVER_WAIT_MS = 30_000;

/**
 * How long the worker's event loop must have been idle, looked at this often, before it loads the
 * verifiers: once its first cell's request is sent and it waits for the answer, not on the way to it.
 */
const IDLE_BEFORE_VERIFIERS_MS = 5;

let harness: Promise<Harness> | undefined;
let fallbackServer: LocalServer | undefined;

/**
 * The worker's harness: from the global setup when the suite runs under maestro-eval's vitest config,
 * otherwise set up here (AI21 when `AI21_API_KEY` is set, else a local server in this worker).
 */
export function getHarness(): Promise<Harness> {
  harness ??= createHarness();
  return harness;
}

async function createHarness(): Promise<Harness> {
  const apiKey = nonEmpty(process.env.AI21_API_KEY);
  let provided: ProvidedHarness | undefined;
  try {
    provided = inject("maestroEval");
  } catch {
    provided = undefined;
  }
  if (provided === undefined) provided = await setUpInWorker(apiKey);
  const pollHistory = provided.pollHistory;
  const durations = openDurationEstimator(pollHistory);
  const parseMemory = provided.parseMemory;
  // A chat cell's answer is scored here, and the matchers read requirements: their descriptions parsed by
  // an earlier run need no pattern compiled in this worker.
  let verifiers: Promise<VerifiersModule> | undefined;
  const client =
    provided.backend === "replay"
      ? undefined
      : createMaestroClient({
          baseUrl: provided.baseUrl,
          ...(provided.backend === "ai21" ? { apiKey } : { apiKey: undefined, env: {} }),
          concurrency: Math.max(16, provided.concurrency * 2),
          durations,
          // The embedded server holds each create until its run ends: one request a cell, seen at once.
          ...(provided.backend === "local" ? { serverWaitMs: LOCAL_SERVER_WAIT_MS } : {}),
          // Every cell's request was validated when its suite was collected, before anything was sent.
          validate: false,
        });
  const semaphore =
    provided.semaphoreUrl === undefined
      ? createLocalSemaphore(provided.concurrency)
      : createRemoteSemaphore(provided.semaphoreUrl);
  const loadVerifiersOnce = (): Promise<VerifiersModule> => {
    verifiers ??= loadVerifiers().then((loaded) => {
      if (parseMemory !== undefined) loaded.loadParseMemory(parseMemory);
      return loaded;
    });
    return verifiers;
  };
  // About 35 ms of loading, while the first cell waits for its answer rather than before it is sent.
  whenIdle(IDLE_BEFORE_VERIFIERS_MS, () => void loadVerifiersOnce().catch(() => undefined), {
    checkMs: IDLE_BEFORE_VERIFIERS_MS,
  });
  return {
    ...provided,
    client,
    semaphore,
    apiKey: provided.backend === "ai21" ? apiKey : undefined,
    resumed: readResumedCells(provided.resumeFile),
    judge: createConfiguredJudge(provided.judge, "the run's judge"),
    verifiers: loadVerifiersOnce,
    keepLearned: () => {
      savePollHistory(pollHistory, durations);
      // Only a worker that loaded the verifiers parsed anything.
      if (parseMemory !== undefined) loadedVerifiers()?.saveParseMemory(parseMemory);
    },
  };
}

async function setUpInWorker(apiKey: string | undefined): Promise<ProvidedHarness> {
  const cassettes = readCassetteMode();
  const concurrency = readConcurrency(process.env) ?? HARNESS_DEFAULTS.concurrency;
  const timeoutMs = HARNESS_DEFAULTS.timeoutMs;
  if (cassettes === "replay")
    return { backend: "replay", baseUrl: "", semaphoreUrl: undefined, concurrency, cassettes, timeoutMs };
  if (apiKey !== undefined) {
    const baseUrl = nonEmpty(process.env.AI21_API_HOST) ?? "https://api.ai21.com";
    return { backend: "ai21", baseUrl, semaphoreUrl: undefined, concurrency, cassettes, timeoutMs };
  }
  // Loaded here only: a worker of a run with a global setup never starts a server of its own.
  const { startLocalServer } = await import("../local/index.js");
  fallbackServer ??= await startLocalServer({ timeScale: HARNESS_DEFAULTS.localTimeScale, warmUp: false });
  return {
    backend: "local",
    baseUrl: fallbackServer.url,
    semaphoreUrl: undefined,
    concurrency,
    cassettes,
    timeoutMs,
  };
}

/** The cells an earlier run finished with a run, from its `results.jsonl`; empty when there is none. */
export function readResumedCells(file: string | undefined): Map<string, CellMeta> {
  const cells = new Map<string, CellMeta>();
  if (file === undefined) return cells;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return cells;
    throw error;
  }
  for (const line of parseResultLines(text)) {
    if (line.meta.error === undefined) cells.set(resumeKey(line.meta), line.meta);
  }
  return cells;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
