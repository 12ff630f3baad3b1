// What polling learned of each model and budget's run durations, kept between runs in the project's cache
// (node_modules/.cache/maestro-eval/poll-history.json): the inner loop re-runs the same cases, and from the
// fourth run of a model and budget on, the first run of a process polls when it is expected to end
// instead of at the documented back-off. It is a cache: unreadable or unwritable, it is ignored.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createDurationEstimator, type DurationEstimator, type DurationSeed } from "../client/poll-plan.js";
import { projectCacheDir } from "./project-cache.js";

/** Where a run keeps its poll history, and which part of it applies (the backend and its timing). */
export interface PollHistoryPlace {
  file: string;
  /** Runs on another backend, host or local timing take other times: each scope is learned apart. */
  scope: string;
}

/** Scopes kept in the file, the most recently written first: old backends and local settings drop out. */
const KEPT_SCOPES = 8;
/** Models and budgets kept per scope. */
const KEPT_KEYS = 64;
const VERSION = 1;

interface PollHistoryFile {
  version: typeof VERSION;
  scopes: Array<{ scope: string; runs: DurationSeed }>;
}

/**
 * The poll history of a project rooted at `root`: in its `node_modules/.cache`, where tools keep what can be
 * rebuilt; undefined (nothing kept) when the project has no node_modules, or MAESTRO_EVAL_POLL_HISTORY or
 * MAESTRO_EVAL_CACHE is `off`.
 */
export function pollHistoryPlace(
  root: string,
  scope: string,
  env: NodeJS.ProcessEnv = process.env,
): PollHistoryPlace | undefined {
  if (env.MAESTRO_EVAL_POLL_HISTORY?.trim().toLowerCase() === "off") return undefined;
  const dir = projectCacheDir(root, env);
  return dir === undefined ? undefined : { file: join(dir, "poll-history.json"), scope };
}

/** An estimator that starts from the runs the place holds for its scope (none when the file is missing or unreadable). */
export function openDurationEstimator(place: PollHistoryPlace | undefined): DurationEstimator {
  if (place === undefined) return createDurationEstimator();
  const seed = readHistory(place.file).scopes.find((entry) => entry.scope === place.scope)?.runs ?? {};
  return createDurationEstimator(seed);
}

/**
 * Keeps what `durations` learned under the place's scope: read again, merged (this process's keys replace
 * the file's, which it started from), and written whole then renamed, so a reader never sees half a file.
 * Several workers may write one after another; the last keeps its scope's keys and everyone else's scopes.
 */
export function savePollHistory(place: PollHistoryPlace | undefined, durations: DurationEstimator): void {
  if (place === undefined) return;
  const learned = durations.snapshot();
  if (Object.keys(learned).length === 0) return;
  const history = readHistory(place.file);
  const earlier = history.scopes.find((entry) => entry.scope === place.scope)?.runs ?? {};
  const merged = Object.entries({ ...earlier, ...learned }).slice(-KEPT_KEYS);
  const scopes = [
    { scope: place.scope, runs: Object.fromEntries(merged) },
    ...history.scopes.filter((entry) => entry.scope !== place.scope),
  ].slice(0, KEPT_SCOPES);
  const temporary = `${place.file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(place.file), { recursive: true });
    writeFileSync(temporary, `${JSON.stringify({ version: VERSION, scopes } satisfies PollHistoryFile)}\n`);
    renameSync(temporary, place.file);
  } catch {
    // A cache that cannot be written (a read-only checkout, a full disk, a file where its folder should
    // be) costs the next run its head start.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written there.
    }
  }
}

function readHistory(file: string): PollHistoryFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return { version: VERSION, scopes: [] };
  }
  const scopes = (parsed as Partial<PollHistoryFile> | null)?.scopes;
  if ((parsed as Partial<PollHistoryFile>)?.version !== VERSION || !Array.isArray(scopes))
    return { version: VERSION, scopes: [] };
  // Each entry's runs are checked again by the estimator; here only their shape.
  return {
    version: VERSION,
    scopes: scopes.filter(
      (entry): entry is { scope: string; runs: DurationSeed } =>
        typeof entry?.scope === "string" && typeof entry.runs === "object" && entry.runs !== null,
    ),
  };
}
