import { createHash, randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { hasErrors, validateChatRequest, validateRunRequest } from "../constraints/index.js";
import type { CreateRunRequest, MaestroRun, ValidationErrorItem } from "../domain/index.js";
import { parseRequirement, verify } from "../verifiers/index.js";
import { answerChat } from "./answer-chat.js";
import { createFaultPlan, type FaultOptions, type FaultPlan, type FaultRoute } from "./faults.js";
import type { Generator } from "./generator.js";
import { createRequestGuard, type Refusal } from "./guard-request.js";
import { type FileLibrary, handleLibraryRequest, isLibraryPath } from "./library/index.js";
import { DEFAULT_RUN_MODEL } from "./model-profiles.js";
import { nextTurn } from "./next-turn.js";
import { readChatRequest, readRunRequest } from "./read-request.js";
import { runEngine, type ScoreUnverifiable } from "./run-engine.js";
import { createRunStore, type RunStore } from "./run-store.js";
import { seedText } from "./seed-text.js";
import { sendJson } from "./send-json.js";
import { createSimGenerator, type SimGeneratorOptions } from "./sim-generator.js";
import { classifyAddress, createToolRuntime, type ToolRuntimeOptions } from "./tools/index.js";
import { wait } from "./wait.js";

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
  /** Scores requirements the verifiers cannot; otherwise the generator assesses itself. */
  judge?: ScoreUnverifiable | undefined;
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

/** The header a harness sends to ask for another reproducible sample of the same request. */
export const REPEAT_HEADER = "x-maestro-eval-repeat";

/** The header a harness sends on a create to name its cell (a hash of the cell key), to count duplicates. */
export const CELL_HEADER = "x-maestro-eval-cell";

const RUNS_PATH = "/studio/v1/maestro/runs";
const CHAT_PATH = "/studio/v1/chat/completions";
const DEFAULT_MAX_BODY = 10 * 1024 * 1024;
/** Past this size, a request's parsing, validation and start each take a turn of the event loop of their own. */
const LARGE_BODY_BYTES = 256 * 1024;

type Route = { name: FaultRoute; runId?: string } | { name: "notFound" } | { name: "methodNotAllowed" };

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
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale >= 0) || !Number.isFinite(timeScale)) {
    throw new RangeError(`startLocalServer: timeScale must be a number >= 0, got ${timeScale}`);
  }
  const seed = options.seed ?? 0;
  const boundHost = options.host ?? "127.0.0.1";
  const loopbackBind = isLoopbackHost(boundHost);
  if (!loopbackBind && (options.token === undefined || options.token === "")) {
    throw new RangeError(
      `startLocalServer: binding ${boundHost}, which is not a loopback address, needs a token: anyone who can reach it could run tools and read the library. Set token (serve --token or MAESTRO_EVAL_SERVER_TOKEN), or bind 127.0.0.1.`,
    );
  }
  const guard = createRequestGuard({
    boundHost,
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
    loopbackBind || options.toolNetwork !== undefined || (env.MAESTRO_EVAL_TOOL_NETWORK ?? "").trim() !== ""
      ? options
      : { ...options, toolNetwork: "public-only" },
  );
  const closing = new AbortController();
  // Every run and chat answer in flight listens to it (removing its listener when done): many at once
  // is normal for a server, and not the leak Node warns about past 10.
  setMaxListeners(0, closing.signal);
  const createdCells = new Set<string>();
  const counters = { runsCreated: 0, duplicateCreates: 0, chatCompletions: 0 };
  const sockets = new Set<Socket>();

  const startRun = (request: CreateRunRequest, repeat: string, body: string): MaestroRun => {
    const id = randomUUID();
    const createdAt = Date.now();
    const model = request.models?.[0] ?? DEFAULT_RUN_MODEL;
    const runSeed = createHash("sha256")
      .update(`${seed}\u0000${repeat}\u0000${seedText(request, body)}`)
      .digest("hex")
      .slice(0, 16);
    counters.runsCreated += 1;
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
          signal: closing.signal,
          tools,
        }),
      )
      .then(
        (result) => {
          const include = new Set(request.include ?? []);
          const wantsRequirements =
            include.has("requirements_result") || include.has("requirements_result.metadata");
          entry.readyAt =
            fault === "stuck" ? createdAt + faults.stuckMs : createdAt + result.latencyMs * timeScale;
          entry.final = {
            id,
            status: fault === "failed" ? "failed" : "completed",
            result: fault === "failed" ? null : result.text,
            ...(fault === "failed"
              ? { error: { message: "Simulated failure injected by the local server's fault plan" } }
              : {}),
            ...(wantsRequirements && fault !== "failed"
              ? { requirements_result: result.requirementsResult }
              : {}),
            ...(include.has("data_sources") && fault !== "failed"
              ? { data_sources: result.dataSources ?? {} }
              : {}),
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
              ...(wantsRequirements && fault !== "failed" ? { score_sources: result.scoreSources } : {}),
              notes: generator.simulated
                ? [
                    `Simulated output: written by maestro-eval's ${generator.kind} generator imitating ${model}, not by a real model.`,
                  ]
                : [],
            },
          };
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
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refusal = guard.check(req);
    if (refusal !== undefined) return refuse(req, res, refusal);
    if (isLibraryPath((req.url ?? "/").split("?")[0] ?? "/")) {
      const unauthorized = guard.checkToken(req);
      if (unauthorized !== undefined) return refuse(req, res, unauthorized);
      // Uploads are multipart; the one JSON body is a file's update.
      if (req.method === "PUT") {
        const unsupported = guard.checkJsonBody(req);
        if (unsupported !== undefined) return refuse(req, res, unsupported);
      }
      return handleLibraryRequest(req, res, tools.library, { maxBodyBytes });
    }
    const route = routeOf(req.method ?? "GET", (req.url ?? "/").split("?")[0] ?? "/");
    if (route.name === "notFound") return drainThen(req, () => sendJson(res, 404, { detail: "Not Found" }));
    if (route.name === "methodNotAllowed") {
      return drainThen(req, () => sendJson(res, 405, { detail: "Method Not Allowed" }));
    }
    const unauthorized = guard.checkToken(req);
    if (unauthorized !== undefined) return refuse(req, res, unauthorized);
    if (route.name === "createRun" || route.name === "chat") {
      const unsupported = guard.checkJsonBody(req);
      if (unsupported !== undefined) return refuse(req, res, unsupported);
    }
    const fault = faults.forRequest(route.name);
    if (fault.kind === "status") {
      const headers =
        fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) };
      const detail = { 429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable" }[
        fault.status
      ];
      return drainThen(req, () => sendJson(res, fault.status, { detail }, headers));
    }
    if (fault.kind === "slow") await wait(fault.delayMs, closing.signal);
    if (fault.kind === "reset" && route.name !== "createRun") {
      req.socket.destroy();
      return;
    }

    if (route.name === "retrieveRun") {
      const run = store.view(route.runId ?? "", Date.now());
      return drainThen(req, () =>
        run === undefined ? sendJson(res, 404, { detail: "Not Found" }) : sendJson(res, 200, run),
      );
    }

    const body = await readBody(req, maxBodyBytes);
    if (body.kind === "tooLarge") {
      return sendJson(
        res,
        413,
        { detail: `Request body exceeds ${maxBodyBytes} bytes` },
        { connection: "close" },
      );
    }
    if (body.kind === "invalid") return sendJson(res, 422, { detail: [body.issue] });

    if (route.name === "createRun") {
      // Parsing and validating a body of megabytes each take tens of milliseconds: not in one turn.
      const large = body.text.length > LARGE_BODY_BYTES;
      if (large) await nextTurn();
      const issues = validateRunRequest(body.value);
      if (hasErrors(issues)) return sendJson(res, 422, { detail: toDetail(issues) });
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
      const run = startRun(readRunRequest(body.value), String(req.headers[REPEAT_HEADER] ?? "0"), body.text);
      const cell = req.headers[CELL_HEADER];
      if (typeof cell === "string" && cell !== "") {
        if (createdCells.has(cell)) counters.duplicateCreates += 1;
        else createdCells.add(cell);
      }
      // A reset fault on create happens after the run was accepted: the client must not create it twice.
      if (fault.kind === "reset") {
        req.socket.destroy();
        return;
      }
      return sendJson(res, 200, run);
    }

    const issues = validateChatRequest(body.value);
    if (hasErrors(issues)) return sendJson(res, 422, { detail: toDetail(issues) });
    counters.chatCompletions += 1;
    await answerChat(readChatRequest(body.value), res, {
      generator,
      seed: `${seed}\u0000${String(req.headers[REPEAT_HEADER] ?? "0")}`,
      body: body.text,
      timeScale,
      signal: closing.signal,
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (closing.signal.aborted) return;
      if (!res.headersSent)
        sendJson(res, 500, { detail: `Internal error in the local server: ${errorMessage(error)}` });
      else res.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
    else socket.destroy();
  });
  warmUp();
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => {
      tools.close();
      reject(error);
    };
    server.once("error", fail);
    server.listen(options.port ?? 0, boundHost, () => {
      server.off("error", fail);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    store,
    faults,
    library: tools.library,
    stats: () => ({ ...counters, faultsInjected: { ...faults.injected } }),
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort(new Error("the local server is closing"));
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          tools.close();
          resolve();
        });
      }),
  };
}

let warm = false;

/**
 * Compiles the validators and the verifiers' patterns once per process (about 3 s cold), before the
 * first server listens: otherwise the first create pays it on the thread every request waits for.
 */
function warmUp(): void {
  if (warm) return;
  warm = true;
  validateRunRequest({ input: "warm-up" });
  validateChatRequest({ model: DEFAULT_RUN_MODEL, messages: [{ role: "user", content: "warm-up" }] });
  for (const description of [
    "Write at most 3 paragraphs in English and start with the word Hello",
    "Dates must follow YYYY-MM-DD and amounts should be in USD format; do not mention the CEO",
    "Use a friendly tone, include the keyword invoice and end with a question",
  ]) {
    verify(
      "Hello. The invoice is due 2026-03-15, total $12.50. Is that fine?",
      parseRequirement(description),
    );
  }
}

function routeOf(method: string, path: string): Route {
  if (path === RUNS_PATH) return method === "POST" ? { name: "createRun" } : { name: "methodNotAllowed" };
  if (path === CHAT_PATH) return method === "POST" ? { name: "chat" } : { name: "methodNotAllowed" };
  if (path.startsWith(`${RUNS_PATH}/`)) {
    const rest = path.slice(RUNS_PATH.length + 1);
    if (rest === "" || rest.includes("/")) return { name: "notFound" };
    if (method !== "GET") return { name: "methodNotAllowed" };
    let runId: string;
    try {
      runId = decodeURIComponent(rest);
    } catch {
      return { name: "notFound" };
    }
    return { name: "retrieveRun", runId };
  }
  return { name: "notFound" };
}

type BodyResult =
  | { kind: "ok"; value: unknown; text: string }
  | { kind: "tooLarge" }
  | { kind: "invalid"; issue: ValidationErrorItem };

async function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      return { kind: "tooLarge" };
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  // Joining, decoding and parsing a body of megabytes each take milliseconds: not all in one turn.
  if (size > LARGE_BODY_BYTES) await nextTurn();
  if (text.trim() === "")
    return { kind: "invalid", issue: { loc: ["body"], msg: "field required", type: "value_error.missing" } };
  try {
    return { kind: "ok", value: JSON.parse(text), text };
  } catch (error) {
    return {
      kind: "invalid",
      issue: {
        loc: ["body", 0],
        msg: `JSON decode error: ${errorMessage(error)}`,
        type: "value_error.jsondecode",
      },
    };
  }
}

/** Answers a refused request; its body, if any, is read and dropped. */
function refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
  req.resume();
  sendJson(res, refusal.status, { detail: refusal.detail });
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

async function drainThen(req: IncomingMessage, send: () => void): Promise<void> {
  req.resume();
  send();
}

function toDetail(issues: ReturnType<typeof validateRunRequest>): ValidationErrorItem[] {
  return issues
    .filter((issue) => issue.severity === "error")
    .map(({ loc, msg, type }) => ({ loc, msg, type }));
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
