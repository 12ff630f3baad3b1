import type { MaestroRun } from "../domain/index.js";

/** A run the local server holds: its final form, and when it may be shown. */
export interface StoredRun {
  id: string;
  createdAt: number;
  /** The run as it will be once finished; undefined while the engine is still working. */
  final: MaestroRun | undefined;
  /** The wall-clock time from which the final run is shown; `Infinity` for a run stuck on purpose. */
  readyAt: number;
  /** The final run's size as JSON, in bytes; set by {@link RunStore.settle}. */
  bytes?: number;
}

/** Default of {@link RunStoreOptions.maxBytes}: 256 MiB of finished runs, as JSON. */
export const DEFAULT_MAX_RUN_BYTES = 256 * 1024 * 1024;

/** Options of {@link createRunStore}. */
export interface RunStoreOptions {
  /**
   * The most runs kept. Past it, finished runs are evicted in the order they finished, the first finished
   * first; runs still in progress are never evicted, so the store may briefly hold more while that many
   * are in flight. Runs stuck forever
   * on purpose count as finished here, or a fault plan's stuck runs would pile up. Default 10,000.
   */
  maxRuns?: number;
  /**
   * The most bytes of runs kept, counted as each final run's JSON. Past it, finished runs are evicted
   * as for `maxRuns`, never the run that just finished. Default 256 MiB.
   */
  maxBytes?: number;
}

/** The local server's memory of runs: a bounded map in creation order. */
export interface RunStore {
  /** Keeps a run; one added with its final form counts as finished, as if {@link settle}d. */
  add(run: StoredRun): void;
  /**
   * A run's final form was set on the stored object: counts it in the byte budget, makes the run one that
   * may be evicted once due, and evicts past the limits.
   */
  settle(id: string): void;
  /** Evicts what the limits allow now (finished runs whose time has come); true when within them. */
  prune(): boolean;
  get(id: string): StoredRun | undefined;
  /** Resolves once the run's final form is set: at once when it is, or when the store holds no such run. */
  settled(id: string): Promise<void>;
  /** How the run looks at `now`: in progress until it is finished and its time has come. */
  view(id: string, now: number): MaestroRun | undefined;
  readonly size: number;
  readonly maxRuns: number;
  readonly maxBytes: number;
  /** Bytes of the runs kept, as JSON. */
  readonly bytes: number;
  /** Runs evicted so far. */
  readonly evicted: number;
}

/** Creates a run store bounded in runs and in bytes. */
export function createRunStore(options: RunStoreOptions = {}): RunStore {
  const maxRuns = options.maxRuns ?? 10_000;
  if (!Number.isInteger(maxRuns) || maxRuns < 1) {
    throw new RangeError(`createRunStore: maxRuns must be a whole number >= 1, got ${maxRuns}`);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_RUN_BYTES;
  if (!Number.isInteger(maxBytes) || maxBytes < 1) {
    throw new RangeError(`createRunStore: maxBytes must be a whole number >= 1, got ${maxBytes}`);
  }
  const runs = new Map<string, StoredRun>();
  // The finished runs, in the order they finished: the only ones eviction looks at, so a flood of runs
  // still with the engine (thousands at time scale 0) costs nothing to step over on every create.
  const finished = new Map<string, StoredRun>();
  let evicted = 0;
  let bytes = 0;
  /** Who waits for a run's final form (a held answer): resolved by {@link RunStore.settle}. */
  const settling = new Map<string, { promise: Promise<void>; resolve: () => void }>();

  const evict = (now: number, keep?: string) => {
    if (runs.size <= maxRuns && bytes <= maxBytes) return;
    for (const [id, run] of finished) {
      if (runs.size <= maxRuns && bytes <= maxBytes) break;
      if (id !== keep && (run.readyAt <= now || run.readyAt === Number.POSITIVE_INFINITY)) {
        runs.delete(id);
        finished.delete(id);
        bytes -= run.bytes ?? 0;
        evicted += 1;
      }
    }
  };

  return {
    add(run) {
      const previous = runs.get(run.id);
      if (previous !== undefined) bytes -= previous.bytes ?? 0;
      finished.delete(run.id);
      runs.set(run.id, run);
      if (run.final !== undefined) finished.set(run.id, run);
      bytes += run.bytes ?? 0;
      evict(Date.now());
    },
    settle(id) {
      const run = runs.get(id);
      if (run === undefined || run.final === undefined) return;
      const size = Buffer.byteLength(JSON.stringify(run.final));
      bytes += size - (run.bytes ?? 0);
      run.bytes = size;
      finished.set(id, run);
      evict(Date.now(), id);
      settling.get(id)?.resolve();
      settling.delete(id);
    },
    prune() {
      evict(Date.now());
      return bytes <= maxBytes;
    },
    get: (id) => runs.get(id),
    settled(id) {
      const run = runs.get(id);
      if (run === undefined || run.final !== undefined) return Promise.resolve();
      let waiting = settling.get(id);
      if (waiting === undefined) {
        let resolve!: () => void;
        const promise = new Promise<void>((done) => {
          resolve = done;
        });
        waiting = { promise, resolve };
        settling.set(id, waiting);
      }
      return waiting.promise;
    },
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
    maxBytes,
    get bytes() {
      return bytes;
    },
    get evicted() {
      return evicted;
    },
  };
}
