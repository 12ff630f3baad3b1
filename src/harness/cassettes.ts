import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { diffOutputs, summarizeOutputDiff } from "../diff/index.js";
import {
  type ChatRequest,
  type CreateRunRequest,
  type MaestroRun,
  type ScoreSource,
  stableStringify,
} from "../domain/index.js";
import { MaestroCassetteMissError, MaestroConfigurationError, redactSecrets } from "../errors/index.js";
import type { CassetteMode } from "./cassette-mode.js";
import { collectRequestSecrets } from "./request-secrets.js";

export { type CassetteMode, readCassetteMode } from "./cassette-mode.js";

/**
 * The request a cassette stores and hashes: with every header value and secret removed, so that the
 * key does not depend on credentials and a cassette never holds one.
 */
export function normaliseRequest(request: CreateRunRequest): CreateRunRequest {
  return redactSecrets(request);
}

/**
 * A stable hash of the normalised request (model and budget included) and the repeat index. The port of
 * a loopback URL (`http://127.0.0.1:<port>`, `localhost`, `[::1]`) does not count: a service a suite
 * starts for its tools may listen on a port chosen at run time, and the same cell must keep its hash, so
 * that `--resume` and cassettes recognise it.
 */
export function hashCellRequest(request: CreateRunRequest, repeat: number): string {
  return hashRequestText(
    normalisedText(request, runTexts, (value) => value),
    repeat,
  );
}

/** The hash of a chat cell's request: as {@link hashCellRequest}, marked as chat so it never equals a run's. */
export function hashChatRequest(request: ChatRequest, repeat: number): string {
  return hashRequestText(
    normalisedText(request, chatTexts, (value) => ({ ...value, kind: "chat" })),
    repeat,
  );
}

// The normalised text of each request object, kept while the object lives: the cells of one case, model
// and budget share their request, and its repeats are hashed with it (secrets removed, keys sorted: about
// 0.1 ms a cell) once instead of once each.
const runTexts = new WeakMap<object, string>();
const chatTexts = new WeakMap<object, string>();

function normalisedText<T extends object>(
  request: T,
  texts: WeakMap<object, string>,
  marked: (request: T) => object,
): string {
  let text = texts.get(request);
  if (text === undefined) {
    text = stableStringify(withoutLoopbackPorts(redactSecrets(marked(request))));
    texts.set(request, text);
  }
  return text;
}

function hashRequestText(text: string, repeat: number): string {
  return createHash("sha256").update(`${text}\u0000#${repeat}`).digest("hex").slice(0, 16);
}

const LOOPBACK_URL = /^(https?:\/\/(?:[^@/?#]*@)?(?:127\.0\.0\.1|localhost|\[::1\])):\d+(?=[/?#]|$)/i;

/** Every string in `value` that is a loopback URL, with its port removed. */
function withoutLoopbackPorts<T>(value: T): T {
  if (typeof value === "string") return value.replace(LOOPBACK_URL, "$1") as T;
  if (Array.isArray(value)) return value.map(withoutLoopbackPorts) as T;
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = withoutLoopbackPorts(item);
    return out as T;
  }
  return value;
}

/** One recorded cell: the final run, with the create-and-poll sequence collapsed. */
export interface CassetteEntry {
  requestHash: string;
  cell: string;
  repeat: number;
  request: CreateRunRequest;
  run: MaestroRun;
  latencyMs: number;
  costUsd?: number;
  /**
   * Who scored each requirement, by name, as the cell reported it; absent in recordings made before it was
   * stored, whose sources are then read again from the run.
   */
  scoreSources?: Record<string, ScoreSource>;
  recordedAt: string;
}

/** A suite's cassette file. */
export interface Cassette {
  readonly path: string;
  readonly mode: CassetteMode;
  lookup(requestHash: string): CassetteEntry | undefined;
  record(entry: CassetteEntry): void;
  /** The error to throw on a miss in replay: names the hash and diffs against the closest recording. */
  miss(requestHash: string, cellKey: string, request: CreateRunRequest): MaestroCassetteMissError;
  /**
   * Writes the whole cassette (atomically) when anything was recorded, keeping the cells other suites of
   * the same file wrote to it since it was opened.
   */
  flush(): void;
}

interface CassetteFile {
  version: 1;
  entries: CassetteEntry[];
}

/**
 * Opens a cassette: readable JSON beside its suite, entries sorted by hash so that a re-recording
 * diffs cleanly. `secrets` (the API key) are removed from everything written.
 */
export function openCassette(path: string, mode: CassetteMode, secrets: readonly string[] = []): Cassette {
  const entries = new Map<string, CassetteEntry>();
  if (mode !== "off") for (const entry of readCassetteEntries(path)) entries.set(entry.requestHash, entry);
  let dirty = false;
  return {
    path,
    mode,
    lookup: (requestHash) => (mode === "replay" || mode === "auto" ? entries.get(requestHash) : undefined),
    record(entry) {
      if (mode === "off" || mode === "replay") return;
      entries.set(
        entry.requestHash,
        redactSecrets(entry, [...secrets, ...collectRequestSecrets(entry.request)]),
      );
      dirty = true;
    },
    miss(requestHash, cellKey, request) {
      let closest: { requestHash: string; difference: string } | undefined;
      let best: [number, number] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
      const wanted = normaliseRequest(request);
      // The recording of this very cell first, then one of the same case, then any: a cell is best
      // explained by what changed in its own request, not by the request of another case.
      const caseOf = (key: string) => key.split("/").slice(0, 2).join("/");
      for (const entry of entries.values()) {
        const kinship = entry.cell === cellKey ? 0 : caseOf(entry.cell) === caseOf(cellKey) ? 1 : 2;
        if (kinship > best[0]) continue;
        const diff = diffOutputs(entry.request, wanted);
        if (kinship < best[0] || diff.changes < best[1]) {
          best = [kinship, diff.changes];
          // One line: the heading and each changed part, as a message that is cut at its first line
          // would otherwise say "differ at 1 path:" and nothing more.
          const summary = summarizeOutputDiff(diff, { maxLines: 6 })
            .split("\n")
            .map((line) => line.trim())
            .join(" ");
          closest = {
            requestHash: entry.requestHash,
            difference: `${entry.cell === cellKey ? "" : `(cell ${entry.cell}) `}${summary}`,
          };
        }
      }
      return new MaestroCassetteMissError({
        cassette: path,
        requestHash,
        cellKey,
        ...(closest === undefined ? {} : { closest }),
      });
    },
    flush() {
      if (!dirty) return;
      // Another suite of the same file may have written this cassette since it was opened: keep its
      // cells, so that the file holds every suite's recordings (this suite's win on the same hash).
      for (const entry of readCassetteEntries(path))
        if (!entries.has(entry.requestHash)) entries.set(entry.requestHash, entry);
      const file: CassetteFile = {
        version: 1,
        entries: [...entries.values()].sort((a, b) => a.requestHash.localeCompare(b.requestHash)),
      };
      mkdirSync(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`);
      renameSync(temporary, path);
      dirty = false;
    },
  };
}

/** The entries of the cassette at `path`; none when the file does not exist. */
function readCassetteEntries(path: string): CassetteEntry[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  let parsed: CassetteFile;
  try {
    parsed = JSON.parse(text) as CassetteFile;
  } catch (error) {
    throw new MaestroConfigurationError(`cassette ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (parsed.version !== 1 || !Array.isArray(parsed.entries)) {
    throw new MaestroConfigurationError(`cassette ${path} is not a version 1 maestro-eval cassette`);
  }
  return parsed.entries;
}
