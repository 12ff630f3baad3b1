import { setMaxListeners } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FileLibrary } from "../library/index.js";
import type { Judge } from "../verifiers/index.js";
import { loadParseMemory, saveParseMemory } from "../verifiers/parse-memory.js";
import { cachedParses } from "../verifiers/parse-requirement.js";
import { createFaultPlan, type FaultOptions, type FaultPlan } from "./faults.js";
import type { Generator } from "./generator.js";
import { createRequestGuard } from "./guard-request.js";
import { listenLocal } from "./listen-local.js";
import { createRequestPipeline } from "./request-pipeline.js";
import { createChatRoute } from "./routes/chat.js";
import { createRunRoutes } from "./routes/runs.js";
import { createRunLifecycle } from "./run-lifecycle.js";
import { createRunPreparer } from "./run-preparer.js";
import { createRunStore, type RunStore } from "./run-store.js";
import { createSimGenerator, type SimGeneratorOptions } from "./sim-generator.js";
import { classifyAddress, createToolRuntime, type ToolRuntimeOptions } from "./tools/index.js";
import { compilePatternsInPieces, deferWarmUp, warmUpNow } from "./warm-up.js";

/**
 * Options of {@link startLocalServer}; all optional. The tool options (`toolNetwork`, `toolTimeoutMs`,
 * `toolMaxResponseBytes`, `libraryDir`, `webCorpusDir`) are described in docs/tools.md.
 */
export interface LocalServerOptions extends ToolRuntimeOptions {
  /** The port; 0 (the default) picks a free one. */
  port?: number;
  /**
   * The address to bind. Default 127.0.0.1: the server is for this machine only. Any address that is
   * not loopback needs a `token`, and its tools reach no loopback address unless `toolNetwork` says so.
   */
  host?: string;
  /** When set, every request must carry `Authorization: Bearer <token>` (the scheme in any case). */
  token?: string | undefined;
  /**
   * Host names clients may send in `Host` besides localhost and the bound address (a proxy's or a
   * container's name). Requests naming any other host are refused with 403, against DNS rebinding.
   */
  allowedHosts?: readonly string[] | undefined;
  /** Writes the outputs. Default: the `sim` generator with `sim` options. */
  generator?: Generator;
  /** Options of the default `sim` generator. */
  sim?: SimGeneratorOptions;
  /** Scores requirements the verifiers cannot (`createJudge`); otherwise the generator assesses itself. */
  judge?: Judge | undefined;
  /** Seeds the engine and the faults: the same seed and request give the same run. Default 0. */
  seed?: number;
  /** Simulated time per real time: 1 waits the full simulated latency, 0 answers at once. Default 1. */
  timeScale?: number;
  /** Fault injection; none by default. */
  faults?: FaultOptions;
  /** The most runs kept in memory; see {@link createRunStore}. Default 10,000. */
  maxRuns?: number;
  /**
   * The most bytes of runs kept in memory (each final run's JSON); finished runs are evicted oldest
   * first past it, and creates answer 503 with Retry-After while runs not yet finished fill it.
   * Default 256 MiB.
   */
  maxRunBytes?: number;
  /** The largest request body accepted; larger ones get 413. Default 10 MiB. */
  maxBodyBytes?: number;
  /**
   * Compile the validators and the verifiers' patterns (about 0.3 s, once per process), so that no request
   * waits for them. `true` (the default) does it before listening; `false` leaves it to the first requests.
   * `"deferred"` does it in the background once `startDeferredWarmUp()` is called, one piece per turn of
   * the event loop: the harness calls it when vite has served a worker its first suite file, after which
   * this process is idle until the worker's first cell (most of a second); a request that comes first
   * waits only for the piece in progress and compiles what it needs itself.
   */
  warmUp?: boolean | "deferred";
  /**
   * A file that keeps the requirement descriptions parsed, from one process of the built package to the
   * next (verifiers/parse-memory.ts): read as the engine is made, written as it is disposed of. A run
   * again reads its descriptions from it, and the warm-up then compiles no patterns. The harness keeps it
   * in the project's node_modules/.cache. Default none.
   */
  parseMemoryFile?: string;
  /**
   * Whether the run will read descriptions that the parses recalled from `parseMemoryFile` lack, given
   * those it recalled (the harness reads its suite files). When it says so, the patterns are compiled in
   * pieces from then on, as if nothing had been recalled; a guess either way changes no result, only when
   * the patterns are compiled. Without it, a process that recalled parses compiles patterns at the first
   * description it lacks.
   */
  readsNewDescriptions?: (recalled: ReadonlySet<string>) => boolean | Promise<boolean>;
}

/** A running local server. */
export interface LocalServer {
  /** The base URL to give a client, such as `http://127.0.0.1:43121`. */
  url: string;
  port: number;
  store: RunStore;
  faults: FaultPlan;
  /** The file library that `/studio/v1/library/files` serves and file_search searches. */
  library: FileLibrary;
  /** What the server has done so far: runs created, and requests created more than once. */
  stats(): LocalServerStats;
  /** Stops accepting requests, drops open connections and abandons runs in flight. */
  close(): Promise<void>;
}

/** Counters of a local server, for soak tests and reports. */
export interface LocalServerStats {
  runsCreated: number;
  /**
   * Creates for a cell (the {@link CELL_HEADER} the harness sends) that had been created before: a run
   * created twice for one cell. Two cells with the same request are two cells, not a duplicate; creates
   * without the header are not counted.
   */
  duplicateCreates: number;
  chatCompletions: number;
  faultsInjected: Readonly<Record<string, number>>;
}

export { REPEAT_HEADER } from "./routes/chat.js";
export { CELL_HEADER } from "./routes/runs.js";

const DEFAULT_MAX_BODY = 10 * 1024 * 1024;

/**
 * Starts the embedded Maestro-compatible server: a real HTTP server on 127.0.0.1 that speaks
 * `openapi/maestro.yaml`, runs Maestro's generate-score-refine loop with the verifiers, simulates
 * time and cost, and injects faults on request.
 *
 * @example
 * const server = await startLocalServer({ timeScale: 0 });
 * const maestro = createMaestroClient({ baseUrl: server.url });
 * const run = await maestro.runs.createAndPoll({ input: "Say hi in one sentence.", include: ["requirements_result"] });
 * await server.close();
 */
export async function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const boundHost = options.host ?? "127.0.0.1";
  const loopbackBind = isLoopbackHost(boundHost);
  if (!loopbackBind && (options.token === undefined || options.token === "")) {
    throw new RangeError(
      `startLocalServer: binding ${boundHost}, which is not a loopback address, needs a token: anyone who can reach it could run tools and read the library. Set token (serve --token or MAESTRO_EVAL_SERVER_TOKEN), or bind 127.0.0.1.`,
    );
  }
  const app = createLocalApp(options, { boundHost, loopbackBind });
  const listening = await listenLocal(app.handle, boundHost, options.port ?? 0, app.signal).catch(
    async (error: unknown) => {
      await app.dispose();
      throw error;
    },
  );
  return {
    url: listening.url,
    port: listening.port,
    store: app.store,
    faults: app.faults,
    library: app.library,
    stats: app.stats,
    close: () => listening.close(app),
  };
}

/** A local server's request handling, without the HTTP server that feeds it. */
export interface LocalApp {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  store: RunStore;
  faults: FaultPlan;
  library: FileLibrary;
  stats(): LocalServerStats;
  /** Aborted when the server closes: runs and chat answers in flight stop. */
  signal: AbortSignal;
  /** Aborts what is in flight (runs, chat answers, tool calls). */
  abort(): void;
  /** Releases the tools and the preparing thread (after {@link abort}). */
  dispose(): Promise<void>;
}

/**
 * Builds what answers a local server's requests (the pipeline, the engine, the tools), for
 * {@link startLocalServer} and for the harness's server that loads it once its process is idle.
 */
export function createLocalApp(
  options: LocalServerOptions,
  bind: { boundHost: string; loopbackBind: boolean },
): LocalApp {
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale >= 0) || !Number.isFinite(timeScale)) {
    throw new RangeError(`startLocalServer: timeScale must be a number >= 0, got ${timeScale}`);
  }
  const seed = options.seed ?? 0;
  const guard = createRequestGuard({
    boundHost: bind.boundHost,
    token: options.token,
    allowedHosts: options.allowedHosts,
  });
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const generator = options.generator ?? createSimGenerator(options.sim);
  const store = createRunStore({
    ...(options.maxRuns === undefined ? {} : { maxRuns: options.maxRuns }),
    ...(options.maxRunBytes === undefined ? {} : { maxBytes: options.maxRunBytes }),
  });
  const faults = createFaultPlan(options.faults, seed);
  // Bound beyond this machine, a client's tools must not reach the services listening on its loopback.
  const env = options.env ?? process.env;
  const tools = createToolRuntime(
    bind.loopbackBind ||
      options.toolNetwork !== undefined ||
      (env.MAESTRO_EVAL_TOOL_NETWORK ?? "").trim() !== ""
      ? options
      : { ...options, toolNetwork: "public-only" },
  );
  const closing = new AbortController();
  // Every run and chat answer in flight listens to it (removing its listener when done): many at once
  // is normal for a server, and not the leak Node warns about past 10.
  setMaxListeners(0, closing.signal);
  const lifecycle = createRunLifecycle({
    generator,
    judge: options.judge,
    tools,
    store,
    faults,
    timeScale,
    signal: closing.signal,
  });
  const preparer = createRunPreparer({ serverSeed: seed });
  const runs = createRunRoutes({ store, lifecycle, preparer, signal: closing.signal });
  const chat = createChatRoute({ generator, seed, timeScale, signal: closing.signal });
  const handle = createRequestPipeline({
    guard,
    faults,
    library: tools.library,
    runs,
    chat,
    maxBodyBytes,
    signal: closing.signal,
  });
  // Before the warm-up, which compiles no patterns once parses were recalled.
  if (options.parseMemoryFile !== undefined && loadParseMemory(options.parseMemoryFile) > 0) {
    const recalled = new Set(cachedParses().map((parse) => parse.description));
    void Promise.resolve(options.readsNewDescriptions?.(recalled)).then(
      (lacking) => {
        if (lacking === true) compilePatternsInPieces(closing.signal);
      },
      () => undefined,
    );
  }
  if (options.warmUp === undefined || options.warmUp === true) warmUpNow();
  else if (options.warmUp === "deferred") deferWarmUp(closing.signal);
  return {
    handle,
    store,
    faults,
    library: tools.library,
    signal: closing.signal,
    stats: () => ({
      runsCreated: lifecycle.started,
      duplicateCreates: runs.duplicateCreates,
      chatCompletions: chat.completions,
      faultsInjected: { ...faults.injected },
    }),
    abort: () => closing.abort(new Error("the local server is closing")),
    dispose: async () => {
      if (!closing.signal.aborted) closing.abort(new Error("the local server is closing"));
      tools.close();
      if (options.parseMemoryFile !== undefined) saveParseMemory(options.parseMemoryFile);
      await preparer.close().catch(() => undefined);
    },
  };
}

/** Whether a bind address keeps the server on this machine: a loopback literal or `localhost`. */
function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "");
  if (bare.toLowerCase() === "localhost") return true;
  try {
    return classifyAddress(bare).kind === "loopback";
  } catch {
    return false;
  }
}
