import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { diffOutputs, summarizeOutputDiff } from "../diff/index.js";
import { type CreateRunRequest, type MaestroRun, stableStringify } from "../domain/index.js";
import { MaestroCassetteMissError, MaestroConfigurationError, redactSecrets } from "../errors/index.js";
import { collectRequestSecrets } from "./request-secrets.js";

/** off: always call the API; record: call and store; replay: only stored runs; auto: stored when there, else call and store. */
export type CassetteMode = "off" | "record" | "replay" | "auto";

const MODES: readonly CassetteMode[] = ["off", "record", "replay", "auto"];

/** Reads `MAESTRO_EVAL_CASSETTES`; `off` when unset. */
export function readCassetteMode(env: Record<string, string | undefined> = process.env): CassetteMode {
  const value = env.MAESTRO_EVAL_CASSETTES?.trim();
  if (value === undefined || value === "") return "off";
  if ((MODES as readonly string[]).includes(value)) return value as CassetteMode;
  throw new MaestroConfigurationError(
    `MAESTRO_EVAL_CASSETTES must be one of ${MODES.join(", ")}, got ${JSON.stringify(value)}`,
  );
}

/**
 * The request a cassette stores and hashes: with every header value and secret removed, so that the
 * key does not depend on credentials and a cassette never holds one.
 */
export function normaliseRequest(request: CreateRunRequest): CreateRunRequest {
  return redactSecrets(request);
}

/** A stable hash of the normalised request (model and budget included) and the repeat index. */
export function hashCellRequest(request: CreateRunRequest, repeat: number): string {
  return createHash("sha256")
    .update(`${stableStringify(normaliseRequest(request))}\u0000#${repeat}`)
    .digest("hex")
    .slice(0, 16);
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
      let fewest = Number.POSITIVE_INFINITY;
      const wanted = normaliseRequest(request);
      for (const entry of entries.values()) {
        const diff = diffOutputs(entry.request, wanted);
        if (diff.changes < fewest) {
          fewest = diff.changes;
          closest = {
            requestHash: entry.requestHash,
            difference: summarizeOutputDiff(diff, { maxLines: 6 }),
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
