export {
  AI21_BASE_URL,
  type CallOptions,
  type ChatStreamRequest,
  type CreateAndPollOptions,
  createMaestroClient,
  type LibraryListQuery,
  type LibraryUploadFile,
  type LibraryUploadOptions,
  type MaestroClient,
  type MaestroClientOptions,
} from "./create-maestro-client.js";
export { createHttpTransport, type HttpAttempt, type SendAttempt } from "./http-transport.js";
export {
  createDurationEstimator,
  type DurationEstimator,
  type DurationSeed,
  fitNormal,
  PLAN_DELAY_GOAL,
  type PollPlan,
  planPolls,
  predictiveWidening,
} from "./poll-plan.js";
export { DEFAULT_POLL_OPTIONS, type PollOptions, pollRun } from "./poll-run.js";
export { readServerSentEvents, type StreamSource } from "./read-server-sent-events.js";
export { createRequestLimiter, type RequestLimiter, type RequestLimiterOptions } from "./request-limiter.js";
export {
  ATTEMPTS_HEADER,
  createResilientFetch,
  type RetryEvent,
  readAttempts,
  sleep,
} from "./resilient-fetch.js";
export {
  computeBackoffMs,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  REFUSED_STATUSES,
  type RetryOptions,
  type RetryPolicy,
  resolveRetryPolicy,
} from "./retry-policy.js";
