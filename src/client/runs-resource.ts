// `runs`: create, retrieve, poll, and create-then-poll with the duration each model and budget takes.
import type { Client } from "openapi-fetch";
import { assertValidRunRequest } from "../constraints/index.js";
import type { CreateRunRequest, MaestroPaths, MaestroRun } from "../domain/index.js";
import { MaestroRunError } from "../errors/index.js";
import { type ClientCall, callSettings } from "./client-call.js";
import type { CallOptions, MaestroClient } from "./client-types.js";
import { createDurationEstimator, type DurationEstimator } from "./poll-plan.js";
import { DEFAULT_POLL_OPTIONS, type PollOptions, pollRun } from "./poll-run.js";

const RUNS = "/studio/v1/maestro/runs";
const RUN = "/studio/v1/maestro/runs/{run_id}";

/** The runs resource of a client. */
export function createRunsResource(context: {
  raw: Client<MaestroPaths>;
  call: ClientCall;
  validate: boolean | "strict";
  pollDefaults: PollOptions;
  durations: DurationEstimator | undefined;
}): MaestroClient["runs"] {
  const { raw, call, validate } = context;
  const durations = context.durations ?? createDurationEstimator();

  const retrieve = async (runId: string, signal: AbortSignal | undefined): Promise<MaestroRun> => {
    if (typeof runId !== "string" || runId === "") {
      throw new TypeError(`runs.retrieve: runId must be a non-empty string, got ${JSON.stringify(runId)}`);
    }
    return call.data("GET", `${RUNS}/${encodeURIComponent(runId)}`, () =>
      raw.GET(RUN, { params: { path: { run_id: runId } }, signal: signal ?? null }),
    );
  };

  const create = async (request: CreateRunRequest, callOptions: CallOptions): Promise<MaestroRun> => {
    if (validate !== false) assertValidRunRequest(request, { strict: validate === "strict" });
    return call.data("POST", RUNS, () => raw.POST(RUNS, { body: request, ...callSettings(callOptions) }));
  };

  const poll = (runId: string, pollOptions: PollOptions = {}, startedAt?: number) =>
    pollRun(runId, retrieve, { ...DEFAULT_POLL_OPTIONS, ...context.pollDefaults, ...pollOptions }, startedAt);

  return {
    create: (request, callOptions = {}) => create(request, callOptions),
    retrieve: async (runId, callOptions = {}) => retrieve(runId, callOptions.signal),
    poll: (runId, pollOptions) => poll(runId, pollOptions),
    async createAndPoll(request, pollOptions = {}) {
      const created = await create(request, { signal: pollOptions.signal, headers: pollOptions.headers });
      pollOptions.onCreated?.(created);
      // Polling and the durations learned count from the create's answer: the time a create waits for
      // a slot or a busy event loop says nothing of how long the run takes.
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
      const run =
        created.status === "in_progress"
          ? await poll(
              created.id,
              { ...pollOptions, onPoll, ...(plan === undefined ? {} : { plan }) },
              startedAt,
            )
          : created;
      if (run.status === "completed") {
        durations.record(durationKey, lastInProgress ?? 0, Date.now() - startedAt);
      }
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
