import { describe, expect, test } from "vitest";
import {
  computeBackoffMs,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  resolveRetryPolicy,
} from "../../../src/client/index.js";

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-23T12:00:00Z");
  test.each([
    ["2", 2000],
    ["0", 0],
    [" 1.5 ", 1500],
    ["Mon, 23 Nov 2026 12:00:05 GMT", 5000],
    ["Mon, 23 Nov 2026 11:59:00 GMT", 0],
    ["soon", undefined],
    ["", undefined],
    [null, undefined],
  ])("reads %j as %j ms", (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});

describe("computeBackoffMs", () => {
  test.each([
    [1, 0, 250],
    [1, 0.999999, 500],
    [2, 0, 500],
    [3, 0.5, 1500],
    [10, 0, 4000],
    [10, 0.999999, 8000],
  ])("retry %i with random %f waits %i ms", (retry, random, expected) => {
    expect(computeBackoffMs(retry, DEFAULT_RETRY_POLICY, () => random)).toBe(expected);
  });

  test("never exceeds maxDelayMs and never goes below half of the ceiling", () => {
    for (let retry = 1; retry < 30; retry += 1) {
      for (const random of [0, 0.3, 0.7, 0.9999]) {
        const delay = computeBackoffMs(retry, DEFAULT_RETRY_POLICY, () => random);
        expect(delay).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxDelayMs);
        expect(delay).toBeGreaterThanOrEqual(
          Math.min(DEFAULT_RETRY_POLICY.maxDelayMs, 500 * 2 ** (retry - 1)) / 2,
        );
      }
    }
  });
});

describe("resolveRetryPolicy", () => {
  test("fills in the defaults and keeps what is given", () => {
    expect(resolveRetryPolicy({ maxRetries: 1 })).toEqual({ ...DEFAULT_RETRY_POLICY, maxRetries: 1 });
  });

  test.each([
    [{ maxRetries: -1 }, "createMaestroClient: retry.maxRetries must be a number >= 0, got -1"],
    [{ maxRetries: 1.5 }, "createMaestroClient: retry.maxRetries must be a whole number, got 1.5"],
    [{ baseDelayMs: Number.NaN }, "createMaestroClient: retry.baseDelayMs must be a number >= 0, got NaN"],
  ])("rejects %j", (options, message) => {
    expect(() => resolveRetryPolicy(options)).toThrow(new RangeError(message));
  });
});
