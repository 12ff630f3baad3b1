import { isTerminalStatus, type MaestroRun } from "../domain/index.js";
import { MaestroTimeoutError } from "../errors/index.js";
import { sleep } from "./resilient-fetch.js";

/** How a run is polled until it ends. Every field has a default. */
export interface PollOptions {
  /** The first wait after creating the run. Default 100 ms. */
  initialIntervalMs?: number;
  /** Each wait is the previous one times this factor. Default 1.5. */
  backoffFactor?: number;
  /** The longest wait between two polls. Default 2,000 ms. */
  maxIntervalMs?: number;
  /** How long to wait for the run to end, counted from the start of polling. Default 300,000 ms. */
  timeoutMs?: number;
  /** Stops polling with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Called after every poll with the run as it stands. */
  onPoll?: ((run: MaestroRun, polls: number) => void) | undefined;
  /**
   * How long the run is expected to take, from the start of polling. When known, the first poll waits
   * until 90% of it and the next ones follow closely (5% of it apart), so a run is seen finishing soon
   * after it does, with few requests; past twice the expectation, polling backs off as without one.
   */
  expectedDurationMs?: number | undefined;
}

/** The polling defaults: start fast, back off by half again each time, never wait more than 2 s. */
export const DEFAULT_POLL_OPTIONS = {
  initialIntervalMs: 100,
  backoffFactor: 1.5,
  maxIntervalMs: 2_000,
  timeoutMs: 300_000,
} as const;

/**
 * Polls `retrieve` until the run is `completed`, `failed` or `requires_action`, waiting a little longer
 * each time (short runs are seen finishing quickly; long runs cost few requests), and throws
 * {@link MaestroTimeoutError} when the run is still going at the deadline.
 */
export async function pollRun(
  runId: string,
  retrieve: (runId: string, signal: AbortSignal | undefined) => Promise<MaestroRun>,
  options: PollOptions = {},
  startedAt: number = Date.now(),
): Promise<MaestroRun> {
  const initial = options.initialIntervalMs ?? DEFAULT_POLL_OPTIONS.initialIntervalMs;
  const factor = options.backoffFactor ?? DEFAULT_POLL_OPTIONS.backoffFactor;
  const cap = options.maxIntervalMs ?? DEFAULT_POLL_OPTIONS.maxIntervalMs;
  const timeoutMs = options.timeoutMs ?? DEFAULT_POLL_OPTIONS.timeoutMs;
  checkPositive("initialIntervalMs", initial);
  checkPositive("maxIntervalMs", cap);
  checkPositive("timeoutMs", timeoutMs);
  if (!(factor >= 1)) throw new RangeError(`pollRun: backoffFactor must be >= 1, got ${factor}`);

  let interval = initial;
  let polls = 0;
  const expected =
    options.expectedDurationMs !== undefined && options.expectedDurationMs > 0
      ? options.expectedDurationMs
      : undefined;
  // With an expectation, look a little before it, then closely: nothing is gained by asking earlier.
  const firstLook = expected === undefined ? 0 : expected * 0.9;
  const step = expected === undefined ? 0 : Math.max(5, expected * 0.05);
  const untilFirstLook = firstLook - (Date.now() - startedAt);
  if (untilFirstLook > 0) await sleep(Math.min(untilFirstLook, timeoutMs), options.signal);
  for (;;) {
    const run = await retrieve(runId, options.signal);
    polls += 1;
    options.onPoll?.(run, polls);
    if (isTerminalStatus(run.status)) return run;
    const elapsed = Date.now() - startedAt;
    if (elapsed >= timeoutMs) {
      throw new MaestroTimeoutError({ runId, elapsedMs: elapsed, lastStatus: run.status, polls });
    }
    let wait: number;
    if (expected !== undefined && elapsed < 2 * expected) {
      wait = elapsed < firstLook ? firstLook - elapsed : step;
    } else {
      wait = interval;
      interval = Math.min(cap, interval * factor);
    }
    await sleep(Math.min(wait, timeoutMs - elapsed), options.signal);
  }
}

/** Learns how long runs take, per model and budget, to tell polling when to look. */
export interface DurationEstimator {
  /** The expected duration for `key`, once enough runs were seen; undefined before. */
  estimate(key: string): number | undefined;
  record(key: string, durationMs: number): void;
}

/**
 * An estimator that takes the median of the last 16 durations of each key once it has seen three: robust
 * to a slow outlier, and quick to follow a change of model or budget.
 */
export function createDurationEstimator(): DurationEstimator {
  const samples = new Map<string, number[]>();
  return {
    estimate(key) {
      const seen = samples.get(key);
      if (seen === undefined || seen.length < 3) return undefined;
      const sorted = [...seen].sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)];
    },
    record(key, durationMs) {
      const seen = samples.get(key) ?? [];
      seen.push(durationMs);
      if (seen.length > 16) seen.shift();
      samples.set(key, seen);
    },
  };
}

function checkPositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`pollRun: ${name} must be a number > 0, got ${value}`);
}
