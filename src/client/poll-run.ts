import { isTerminalStatus, type MaestroRun, type RunStatus } from "../domain/index.js";
import { MaestroTimeoutError } from "../errors/index.js";
import { type PollPlan, planFromWindow } from "./poll-plan.js";
import { sleep } from "./resilient-fetch.js";
import type { SharedLooker } from "./shared-looks.js";

/** A look of a run polled alone: nothing to report. */
const look = (_status: RunStatus | undefined) => undefined;

/** How a run is polled until it ends. Every field has a default. */
export interface PollOptions {
  /**
   * The wait before the first poll (a run just created is not done yet); each later wait is the last one
   * times `backoffFactor`. Default 100 ms: polls at 100, 250, 475, 812 ms ... from the start.
   */
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
   * `createAndPoll` only: called once the create has answered, with the run as created, before polling
   * starts: the moment a caller has nothing to do until the first poll.
   */
  onCreated?: ((run: MaestroRun) => void) | undefined;
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
  /**
   * When to look, from the start of polling: first at `firstLookMs`, then every `stepMs`, backing off as
   * without one past `untilMs`. `planPolls(durations)` makes one from earlier runs' durations;
   * `createAndPoll` does so by itself after three runs of a model and budget. Takes precedence over
   * `expectedWindowMs` and `expectedDurationMs`.
   */
  plan?: PollPlan | undefined;
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
  /** Internal: the group of runs this one shares its looks with while learning (shared-looks.ts). */
  looker?: SharedLooker,
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
  const plan = readPlan(options);
  // With a plan, look first when it says: nothing is gained by asking earlier. Without one, a run just
  // created is given the first interval.
  // Whole milliseconds, as timers count them: a look due at 5,864.7 ms is taken at 5,864.
  const firstLook = Math.floor(plan?.firstLookMs ?? initial);
  const untilFirstLook = firstLook - (Date.now() - startedAt);
  if (untilFirstLook > 0) await sleep(Math.min(untilFirstLook, timeoutMs), options.signal);
  if (plan === undefined) interval = Math.min(cap, interval * factor);
  let lastStatus: RunStatus = "in_progress";
  for (;;) {
    const lookedAt = Date.now() - startedAt;
    // A look is skipped only before the deadline: a run times out on what a look of its own saw.
    const report = looker !== undefined && lookedAt < timeoutMs ? await looker.beforeLook(lookedAt) : look;
    options.signal?.throwIfAborted();
    if (report !== undefined) {
      let seen: RunStatus | undefined;
      try {
        const run = await retrieve(runId, options.signal);
        seen = run.status;
        polls += 1;
        lastStatus = run.status;
        options.onPoll?.(run, polls);
        if (isTerminalStatus(run.status)) return run;
      } finally {
        report(seen);
      }
    }
    const elapsed = Date.now() - startedAt;
    if (elapsed >= timeoutMs && report !== undefined) {
      throw new MaestroTimeoutError({ runId, elapsedMs: elapsed, lastStatus, polls });
    }
    let wait: number;
    if (plan !== undefined && elapsed < plan.untilMs) {
      wait = elapsed < firstLook ? firstLook - elapsed : plan.stepMs;
    } else {
      wait = interval;
      interval = Math.min(cap, interval * factor);
    }
    await sleep(Math.min(wait, timeoutMs - elapsed), options.signal);
  }
}

function readPlan(options: PollOptions): PollPlan | undefined {
  const plan = options.plan;
  if (plan !== undefined && plan.firstLookMs >= 0 && plan.stepMs > 0 && plan.untilMs >= 0) return plan;
  const window = options.expectedWindowMs;
  if (window !== undefined && window[0] >= 0 && window[1] > 0 && window[1] >= window[0])
    return planFromWindow(window);
  const expected = options.expectedDurationMs;
  return expected !== undefined && expected > 0
    ? planFromWindow([expected * 0.9, expected * 1.1])
    : undefined;
}

function checkPositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`pollRun: ${name} must be a number > 0, got ${value}`);
}
