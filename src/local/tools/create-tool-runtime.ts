import { createFileLibrary, type FileLibrary } from "../../library/index.js";
import { createGuardedFetch, type ToolFetch } from "./guarded-fetch.js";
import { DEFAULT_TOOL_NETWORK, type ResolveHost, readToolNetwork, type ToolNetwork } from "./tool-network.js";
import { loadWebCorpus, type WebCorpus } from "./web-corpus.js";

/** Default time allowed for one http tool call (and each MCP request). */
export const DEFAULT_TOOL_TIMEOUT_MS = 5_000;
/** Default largest tool response accepted: 1 MiB. */
export const DEFAULT_TOOL_MAX_RESPONSE_BYTES = 1024 * 1024;

/** How the local server runs tools; every option is optional. */
export interface ToolRuntimeOptions {
  /**
   * Which addresses http and mcp tools may reach (see {@link ToolNetwork}). Default:
   * `MAESTRO_EVAL_TOOL_NETWORK`, else `public-and-loopback`.
   */
  toolNetwork?: ToolNetwork | undefined;
  /** Time allowed for one http tool call and for each MCP request. Default 5,000 ms. */
  toolTimeoutMs?: number | undefined;
  /** The largest tool response accepted. Default 1 MiB. */
  toolMaxResponseBytes?: number | undefined;
  /**
   * Where the file library keeps uploaded files (kept across restarts). Default:
   * `MAESTRO_EVAL_LIBRARY_DIR`, else a temporary directory removed when the server closes.
   */
  libraryDir?: string | undefined;
  /**
   * The most bytes of files the library holds; an upload past it answers 507. Default:
   * `MAESTRO_EVAL_LIBRARY_MAX_BYTES`, else 64 MiB.
   */
  libraryMaxBytes?: number | undefined;
  /**
   * A directory of pages web_search searches (see {@link loadWebCorpus}). Default:
   * `MAESTRO_EVAL_WEB_CORPUS`, else none, and web_search finds nothing.
   */
  webCorpusDir?: string | undefined;
  /** Resolves tool host names; the system resolver by default (tests inject their own). */
  resolveHost?: ResolveHost | undefined;
  /** Where the `MAESTRO_EVAL_*` defaults are read. Default: `process.env`. */
  env?: Record<string, string | undefined>;
}

/** What runs use to execute tools. */
export interface ToolRuntime {
  readonly network: ToolNetwork;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly fetch: ToolFetch;
  readonly library: FileLibrary;
  readonly web: WebCorpus | undefined;
  /** Closes the library (removing it when temporary). */
  close(): void;
}

/**
 * Sets up what the local server's tools need: the network policy and its fetch, the file library
 * and the web corpus (read once, now, so that a broken corpus fails at start). Misconfiguration throws
 * a RangeError or TypeError prefixed `startLocalServer:`.
 */
export function createToolRuntime(options: ToolRuntimeOptions = {}): ToolRuntime {
  const env = options.env ?? process.env;
  const fromEnv = (name: string) => {
    const value = env[name]?.trim();
    return value === undefined || value === "" ? undefined : value;
  };
  const network =
    options.toolNetwork !== undefined
      ? readToolNetwork(options.toolNetwork, "startLocalServer: toolNetwork")
      : fromEnv("MAESTRO_EVAL_TOOL_NETWORK") !== undefined
        ? readToolNetwork(fromEnv("MAESTRO_EVAL_TOOL_NETWORK"), "MAESTRO_EVAL_TOOL_NETWORK")
        : DEFAULT_TOOL_NETWORK;
  const timeoutMs = readPositive(options.toolTimeoutMs, DEFAULT_TOOL_TIMEOUT_MS, "toolTimeoutMs");
  const maxResponseBytes = readPositive(
    options.toolMaxResponseBytes,
    DEFAULT_TOOL_MAX_RESPONSE_BYTES,
    "toolMaxResponseBytes",
  );
  const webCorpusDir = options.webCorpusDir ?? fromEnv("MAESTRO_EVAL_WEB_CORPUS");
  let web: WebCorpus | undefined;
  try {
    web = webCorpusDir === undefined ? undefined : loadWebCorpus(webCorpusDir);
  } catch (error) {
    throw new TypeError(`startLocalServer: webCorpusDir ${webCorpusDir}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const libraryMaxBytes =
    options.libraryMaxBytes ??
    (fromEnv("MAESTRO_EVAL_LIBRARY_MAX_BYTES") === undefined
      ? undefined
      : readWholeNumber(fromEnv("MAESTRO_EVAL_LIBRARY_MAX_BYTES")!, "MAESTRO_EVAL_LIBRARY_MAX_BYTES"));
  if (libraryMaxBytes !== undefined && !(Number.isInteger(libraryMaxBytes) && libraryMaxBytes >= 1)) {
    throw new RangeError(
      `startLocalServer: libraryMaxBytes must be a whole number >= 1, got ${libraryMaxBytes}`,
    );
  }
  const library = createFileLibrary({
    directory: options.libraryDir ?? fromEnv("MAESTRO_EVAL_LIBRARY_DIR"),
    maxTotalBytes: libraryMaxBytes,
  });
  return {
    network,
    timeoutMs,
    maxResponseBytes,
    fetch: createGuardedFetch({
      network,
      ...(options.resolveHost === undefined ? {} : { resolveHost: options.resolveHost }),
    }),
    library,
    web,
    close: () => library.close(),
  };
}

function readWholeNumber(value: string, name: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new RangeError(`${name} must be a whole number of bytes >= 1, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

function readPositive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`startLocalServer: ${name} must be a number > 0, got ${value}`);
  }
  return value;
}
