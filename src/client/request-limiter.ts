import PQueue from "p-queue";

/** Limits on requests in flight, shareable between clients. */
export interface RequestLimiterOptions {
  /** Requests in flight at once. Default 16. */
  concurrency?: number;
  /** Requests started per second at most; unlimited when omitted. */
  requestsPerSecond?: number;
}

/** A shared gate every request of the clients that hold it passes through. */
export interface RequestLimiter {
  /** Runs `task` when a slot is free, and frees the slot when it settles. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Requests running now. */
  readonly pending: number;
  /** Requests waiting for a slot. */
  readonly waiting: number;
  readonly concurrency: number;
}

/**
 * Creates a limiter on p-queue: one concurrency limit and an optional rate, so a whole test run can
 * share one budget of requests across every client.
 *
 * @example
 * const limiter = createRequestLimiter({ concurrency: 8, requestsPerSecond: 10 });
 * const a = createMaestroClient({ limiter });
 * const b = createMaestroClient({ limiter, baseUrl: "http://127.0.0.1:4010" });
 */
export function createRequestLimiter(options: RequestLimiterOptions = {}): RequestLimiter {
  const concurrency = options.concurrency ?? 16;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`createRequestLimiter: concurrency must be a whole number >= 1, got ${concurrency}`);
  }
  const rate = options.requestsPerSecond;
  if (rate !== undefined && (!Number.isFinite(rate) || rate <= 0)) {
    throw new RangeError(`createRequestLimiter: requestsPerSecond must be a number > 0, got ${rate}`);
  }
  const queue =
    rate === undefined
      ? new PQueue({ concurrency })
      : rate >= 1
        ? new PQueue({ concurrency, intervalCap: Math.round(rate), interval: 1000 })
        : new PQueue({ concurrency, intervalCap: 1, interval: Math.round(1000 / rate) });
  return {
    run: <T>(task: () => Promise<T>) => queue.add(task) as Promise<T>,
    get pending() {
      return queue.pending;
    },
    get waiting() {
      return queue.size;
    },
    concurrency,
  };
}
