import type { MaestroRun } from "../domain/index.js";

/** A run the local server holds: its final form, and when it may be shown. */
export interface StoredRun {
  id: string;
  createdAt: number;
  /** The run as it will be once finished; undefined while the engine is still working. */
  final: MaestroRun | undefined;
  /** The wall-clock time from which the final run is shown; `Infinity` for a run stuck on purpose. */
  readyAt: number;
}

/** Options of {@link createRunStore}. */
export interface RunStoreOptions {
  /**
   * The most runs kept. Past it, finished runs are evicted oldest first; runs still in progress are
   * never evicted, so the store may briefly hold more while that many are in flight. Runs stuck forever
   * on purpose count as finished here, or a fault plan's stuck runs would pile up. Default 10,000.
   */
  maxRuns?: number;
}

/** The local server's memory of runs: a bounded map in creation order. */
export interface RunStore {
  add(run: StoredRun): void;
  get(id: string): StoredRun | undefined;
  /** How the run looks at `now`: in progress until it is finished and its time has come. */
  view(id: string, now: number): MaestroRun | undefined;
  readonly size: number;
  readonly maxRuns: number;
  /** Runs evicted so far. */
  readonly evicted: number;
}

/** Creates a bounded run store. */
export function createRunStore(options: RunStoreOptions = {}): RunStore {
  const maxRuns = options.maxRuns ?? 10_000;
  if (!Number.isInteger(maxRuns) || maxRuns < 1) {
    throw new RangeError(`createRunStore: maxRuns must be a whole number >= 1, got ${maxRuns}`);
  }
  const runs = new Map<string, StoredRun>();
  let evicted = 0;

  const evict = (now: number) => {
    if (runs.size <= maxRuns) return;
    for (const [id, run] of runs) {
      if (runs.size <= maxRuns) break;
      if (run.final !== undefined && (run.readyAt <= now || run.readyAt === Number.POSITIVE_INFINITY)) {
        runs.delete(id);
        evicted += 1;
      }
    }
  };

  return {
    add(run) {
      runs.set(run.id, run);
      evict(Date.now());
    },
    get: (id) => runs.get(id),
    view(id, now) {
      const run = runs.get(id);
      if (run === undefined) return undefined;
      if (run.final !== undefined && now >= run.readyAt) return run.final;
      return {
        id: run.id,
        status: "in_progress",
        result: null,
        created_at: new Date(run.createdAt).toISOString(),
      };
    },
    get size() {
      return runs.size;
    },
    maxRuns,
    get evicted() {
      return evicted;
    },
  };
}
