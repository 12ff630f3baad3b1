// `runs`: create, retrieve, poll, and create-then-poll with the duration each model and budget takes.
import type { Client } from "openapi-fetch";
import { assertValidRunRequest } from "../constraints/index.js";
import {
  type CreateRunRequest,
  formatPreferWait,
  isTerminalStatus,
  isWaitApplied,
  type MaestroPaths,
  type MaestroRun,
  PREFER_HEADER,
  PREFERENCE_APPLIED_HEADER,
} from "../domain/index.js";
import { MaestroRunError, MaestroTimeoutError } from "../errors/index.js";
import { type ClientCall, callSettings } from "./client-call.js";
import type { CallOptions, MaestroClient } from "./client-types.js";
import { createDurationEstimator, type DurationEstimator } from "./poll-plan.js";
import { DEFAULT_POLL_OPTIONS, type PollOptions, pollRun } from "./poll-run.js";
import { createSharedLooks, type SharedLooker, type SharedLooks } from "./shared-looks.js";

const RUNS = "/studio/v1/maestro/runs";
const RUN = "/studio/v1/maestro/runs/{run_id}";

/** The runs resource of a client. */
export function createRunsResource(context: {
  raw: Client<MaestroPaths>;
  call: ClientCall;
  validate: boolean | "strict";
  pollDefaults: PollOptions;
  durations: DurationEstimator | undefined;
  /** `Prefer: wait` for createAndPoll's requests, in seconds (MaestroClientOptions.serverWaitMs). */
  serverWaitSeconds: number | undefined;
}): MaestroClient["runs"] {
  const { raw, call, validate, serverWaitSeconds } = context;
  const durations = context.durations ?? createDurationEstimator();
  const retrieveRun = async (
    runId: string,
    signal: AbortSignal | undefined,
    waitSeconds?: number,
    held: { applied: boolean } = { applied: false },
  ): Promise<MaestroRun> => {
    if (typeof runId !== "string" || runId === "") {
      throw new TypeError(`runs.retrieve: runId must be a non-empty string, got ${JSON.stringify(runId)}`);
    }
    const headers = waitSeconds === undefined ? {} : { [PREFER_HEADER]: formatPreferWait(waitSeconds) };
    return call.data("GET", `${RUNS}/${encodeURIComponent(runId)}`, () =>
      seenHeld(held, raw.GET(RUN, { params: { path: { run_id: runId } }, signal: signal ?? null, headers })),
    );
  };
  const retrieve = (runId: string, signal: AbortSignal | undefined) => retrieveRun(runId, signal);

  const create = async (
    request: CreateRunRequest,
    callOptions: CallOptions,
    held: { applied: boolean } = { applied: false },
  ): Promise<MaestroRun> => {
    if (validate !== false) assertValidRunRequest(request, { strict: validate === "strict" });
    return call.data("POST", RUNS, () =>
      seenHeld(held, raw.POST(RUNS, { body: request, ...callSettings(callOptions) })),
    );
  };

  const pollOptionsOf = (pollOptions: PollOptions) => ({
    ...DEFAULT_POLL_OPTIONS,
    ...context.pollDefaults,
    ...pollOptions,
  });
  const poll = (runId: string, pollOptions: PollOptions = {}, startedAt?: number, looker?: SharedLooker) =>
    pollRun(runId, retrieve, pollOptionsOf(pollOptions), startedAt, looker);
  const looks = createSharedLooks();

  /**
   * Retrieves a run the server holds until it ends (`Prefer: wait`), again and again until it does or the
   * polling timeout passes; should an answer come back not held, polls on a timer from there.
   */
  const waitHeld = async (
    runId: string,
    waitSeconds: number,
    pollOptions: PollOptions,
    startedAt: number,
  ): Promise<MaestroRun> => {
    const { timeoutMs } = pollOptionsOf(pollOptions);
    for (let polls = 1; ; polls += 1) {
      const elapsed = Date.now() - startedAt;
      if (elapsed >= timeoutMs) {
        throw new MaestroTimeoutError({
          runId,
          elapsedMs: elapsed,
          lastStatus: "in_progress",
          polls: polls - 1,
        });
      }
      const held = { applied: false };
      const seconds = heldSeconds(waitSeconds, timeoutMs - elapsed);
      const run = await retrieveRun(runId, pollOptions.signal, seconds, held);
      pollOptions.onPoll?.(run, polls);
      if (isTerminalStatus(run.status)) return run;
      if (!held.applied) return poll(runId, pollOptions, startedAt);
    }
  };

  return {
    create: (request, callOptions = {}) => create(request, callOptions),
    retrieve: async (runId, callOptions = {}) => retrieve(runId, callOptions.signal),
    poll: (runId, pollOptions) => poll(runId, pollOptions),
    async createAndPoll(request, pollOptions = {}) {
      // Asked to, the server holds the create's answer until the run ends (or the wait passes). A held
      // create counts toward the polling timeout, as the polls it stands for would.
      const held = { applied: false };
      const sentAt = Date.now();
      const headers =
        serverWaitSeconds === undefined
          ? pollOptions.headers
          : {
              ...pollOptions.headers,
              [PREFER_HEADER]: formatPreferWait(
                heldSeconds(serverWaitSeconds, pollOptionsOf(pollOptions).timeoutMs),
              ),
            };
      const created = await create(request, { signal: pollOptions.signal, headers }, held);
      pollOptions.onCreated?.(created);
      const run =
        created.status !== "in_progress"
          ? created
          : held.applied && serverWaitSeconds !== undefined
            ? await waitHeld(created.id, serverWaitSeconds, pollOptions, sentAt)
            : await pollLearning(poll, durations, looks, created.id, request, pollOptions);
      if (run.status === "failed" && pollOptions.allowFailed !== true) {
        throw new MaestroRunError({
          runId: run.id,
          status: run.status,
          ...(run.error?.message === undefined ? {} : { reason: run.error.message }),
        });
      }
      return run;
    },
  };
}

/**
 * Polls a run just created on a timer, planned from the durations learned of its model and budget, and
 * learns from when it is seen ending. A held answer (`Prefer: wait`) teaches nothing of when to poll: only
 * runs polled on a timer are learned from, and planned for (a plan costs a fit of the durations learned).
 */
async function pollLearning(
  poll: (
    runId: string,
    options: PollOptions,
    startedAt: number,
    looker?: SharedLooker,
  ) => Promise<MaestroRun>,
  durations: DurationEstimator,
  looks: SharedLooks,
  runId: string,
  request: CreateRunRequest,
  pollOptions: PollOptions,
): Promise<MaestroRun> {
  // Polling and the durations learned count from the create's answer: the time a create waits for a slot
  // or a busy event loop says nothing of how long the run takes.
  const startedAt = Date.now();
  // Runs of one model and budget take similar times: poll when this one is expected to end.
  const durationKey = `${request.models?.[0] ?? ""}/${request.budget ?? "low"}`;
  const ownExpectation =
    pollOptions.plan !== undefined ||
    pollOptions.expectedWindowMs !== undefined ||
    pollOptions.expectedDurationMs !== undefined;
  const plan = ownExpectation ? undefined : durations.plan(durationKey);
  // The run ended after the last time it was seen in progress and by the poll that saw it done.
  let lastInProgress: number | undefined;
  const onPoll = (polled: MaestroRun, polls: number) => {
    if (polled.status === "in_progress") lastInProgress = Date.now() - startedAt;
    pollOptions.onPoll?.(polled, polls);
  };
  // Before a plan, runs of this model and budget polled at the same time take turns looking.
  const looker = ownExpectation || plan !== undefined ? undefined : looks.join(durationKey);
  let run: MaestroRun;
  try {
    run = await poll(
      runId,
      { ...pollOptions, onPoll, ...(plan === undefined ? {} : { plan }) },
      startedAt,
      looker,
    );
  } finally {
    looker?.leave();
  }
  if (run.status === "completed") durations.record(durationKey, lastInProgress ?? 0, Date.now() - startedAt);
  return run;
}

/** Sets `held.applied` to whether the answer of `sent` says the server held it (`Preference-Applied: wait`). */
async function seenHeld<R extends { response: Response }>(
  held: { applied: boolean },
  sent: Promise<R>,
): Promise<R> {
  const result = await sent;
  held.applied = isWaitApplied(result.response.headers.get(PREFERENCE_APPLIED_HEADER));
  return result;
}

/** The whole seconds to ask the server to hold an answer: `waitSeconds`, but no longer than `leftMs` (at least 1). */
function heldSeconds(waitSeconds: number, leftMs: number): number {
  return Math.max(1, Math.min(waitSeconds, Math.ceil(leftMs / 1000)));
}
