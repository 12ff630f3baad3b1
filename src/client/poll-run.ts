import { isTerminalStatus, type MaestroRun } from "../domain/index.js";
import { MaestroTimeoutError } from "../errors/index.js";
import { sleep } from "./resilient-fetch.js";

/** How a run is polled until it ends. Every field has a default. */
export interface PollOptions {
  /** The wait after the first poll, which goes out at once (the run may be done already). Default 100 ms. */
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
  /**
   * The range the run is expected to end in, from the start of polling, such as the 10th and 90th
   * percentiles of earlier runs: polling first looks at its start and then every quarter of its width
   * (at least 3% of its end), so a spread-out duration costs a few more requests rather than a late look.
   * Takes precedence over `expectedDurationMs`.
   */
  expectedWindowMs?: readonly [number, number] | undefined;
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
  const window = readWindow(options);
  // With an expectation, look at the start of the window, then closely: nothing is gained by asking earlier.
  const firstLook = window === undefined ? 0 : window[0];
  const step = window === undefined ? 0 : Math.max(5, (window[1] - window[0]) / 4, window[1] * 0.03);
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
    if (window !== undefined && elapsed < 2 * window[1]) {
      wait = elapsed < firstLook ? firstLook - elapsed : step;
    } else {
      wait = interval;
      interval = Math.min(cap, interval * factor);
    }
    await sleep(Math.min(wait, timeoutMs - elapsed), options.signal);
  }
}

function readWindow(options: PollOptions): readonly [number, number] | undefined {
  const window = options.expectedWindowMs;
  if (window !== undefined && window[0] >= 0 && window[1] > 0 && window[1] >= window[0]) return window;
  const expected = options.expectedDurationMs;
  return expected !== undefined && expected > 0 ? [expected * 0.9, expected * 1.1] : undefined;
}

/** Learns how long runs take, per model and budget, to tell polling when to look. */
export interface DurationEstimator {
  /** The expected duration for `key` (the median), once enough runs were seen; undefined before. */
  estimate(key: string): number | undefined;
  /** The 10th and 90th percentiles of the durations seen for `key`, once enough runs were seen. */
  window(key: string): readonly [number, number] | undefined;
  record(key: string, durationMs: number): void;
}

/**
 * An estimator that takes the median of the last 16 durations of each key once it has seen three: robust
 * to a slow outlier, and quick to follow a change of model or budget.
 */
export function createDurationEstimator(): DurationEstimator {
  const samples = new Map<string, number[]>();
  const sorted = (key: string) => {
    const seen = samples.get(key);
    return seen === undefined || seen.length < 3 ? undefined : [...seen].sort((a, b) => a - b);
  };
  const at = (values: number[], q: number) =>
    values[Math.min(values.length - 1, Math.floor(q * values.length))]!;
  return {
    estimate(key) {
      const values = sorted(key);
      return values === undefined ? undefined : at(values, 0.5);
    },
    window(key) {
      const values = sorted(key);
      return values === undefined ? undefined : [at(values, 0.1), at(values, 0.9)];
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
