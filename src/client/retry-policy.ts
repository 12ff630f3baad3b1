/** How a client retries failed requests. Every field has a default. */
export interface RetryOptions {
  /** Retries after the first attempt; 0 turns retries off. Default 4 (five attempts in all). */
  maxRetries?: number;
  /** The first backoff delay before jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** The largest backoff delay before jitter. Default 8,000 ms. */
  maxDelayMs?: number;
  /** The longest `Retry-After` honoured; a longer one ends the retries at once. Default 60,000 ms. */
  maxRetryAfterMs?: number;
  /** Statuses worth another attempt. Default 408, 429, 500, 502, 503, 504. */
  statuses?: readonly number[];
}

/** {@link RetryOptions} with every default filled in. */
export type RetryPolicy = Required<RetryOptions>;

/** The client's defaults, stated once: five attempts, 0.5 s doubling to 8 s with equal jitter. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  statuses: [408, 429, 500, 502, 503, 504],
};

/**
 * Statuses that prove a create was refused before the server did anything, so that sending it again
 * cannot create a second run: rate limited (429) or unavailable (503, the service turned it away).
 */
export const REFUSED_STATUSES: readonly number[] = [429, 503];

/** Fills in the defaults and checks the numbers. */
export function resolveRetryPolicy(options: RetryOptions = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...stripUndefined(options) };
  for (const key of ["maxRetries", "baseDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const) {
    const value = policy[key];
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`createMaestroClient: retry.${key} must be a number >= 0, got ${String(value)}`);
    }
  }
  if (!Number.isInteger(policy.maxRetries)) {
    throw new RangeError(
      `createMaestroClient: retry.maxRetries must be a whole number, got ${policy.maxRetries}`,
    );
  }
  return policy;
}

/**
 * The delay before retry number `retry` (1 for the first retry): exponential with equal jitter (half the
 * ceiling fixed, half random), so that many clients hit by the same outage do not retry in step, yet none
 * retries at once. `random` returns a number in [0, 1).
 */
export function computeBackoffMs(
  retry: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Reads a `Retry-After` header, in whole seconds or as an HTTP date, as milliseconds from `now`.
 * Returns undefined when it is absent or unreadable.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
