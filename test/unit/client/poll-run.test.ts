import { describe, expect, test } from "vitest";
import { pollRun } from "../../../src/client/index.js";
import type { MaestroRun } from "../../../src/domain/index.js";
import { MaestroTimeoutError } from "../../../src/errors/index.js";

/** A run that finishes `durationMs` after `start`, and counts how often it was asked. */
function runFinishingAfter(durationMs: number) {
  const start = Date.now();
  const asked: number[] = [];
  const retrieve = async (id: string): Promise<MaestroRun> => {
    const at = Date.now() - start;
    asked.push(at);
    return { id, status: at >= durationMs ? "completed" : "in_progress", result: null };
  };
  return { start, asked, retrieve };
}

describe("pollRun", () => {
  test("with an expected duration, the first poll waits for it and finds the run finished", async () => {
    const { start, asked, retrieve } = runFinishingAfter(120);
    const run = await pollRun("r", retrieve, { expectedDurationMs: 120, initialIntervalMs: 10 }, start);
    expect(run.status).toBe("completed");
    // The first GET goes out at once (the run may already be done); the second when it is expected done.
    expect(asked.length).toBeLessThanOrEqual(3);
    expect(asked.at(-1)).toBeGreaterThanOrEqual(120);
  });

  test("without one, it backs off geometrically up to the cap", async () => {
    const { start, asked, retrieve } = runFinishingAfter(250);
    await pollRun("r", retrieve, { initialIntervalMs: 20, backoffFactor: 2, maxIntervalMs: 80 }, start);
    const gaps = asked.slice(1).map((at, index) => at - asked[index]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(18);
    expect(Math.max(...gaps)).toBeLessThan(80 + 40);
    expect(asked.length).toBeGreaterThan(3);
  });

  test("gives up at the deadline with a timeout error", async () => {
    const { start, retrieve } = runFinishingAfter(10_000);
    await expect(
      pollRun("r-1", retrieve, { timeoutMs: 60, initialIntervalMs: 10 }, start),
    ).rejects.toBeInstanceOf(MaestroTimeoutError);
  });

  test.each([
    [{ initialIntervalMs: 0 }, "pollRun: initialIntervalMs must be a number > 0, got 0"],
    [{ backoffFactor: 0.5 }, "pollRun: backoffFactor must be >= 1, got 0.5"],
    [{ timeoutMs: -1 }, "pollRun: timeoutMs must be a number > 0, got -1"],
  ])("rejects %j", async (options, message) => {
    const { retrieve } = runFinishingAfter(0);
    await expect(pollRun("r", retrieve, options)).rejects.toThrow(new RangeError(message));
  });
});
