// whenIdle: work that can wait runs once the event loop has been idle for a while, never while it is busy.
import { afterEach, describe, expect, test, vi } from "vitest";
import { IDLE_CHECK_MS, IDLE_UTILIZATION, whenIdle } from "../../../src/harness/when-idle.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("whenIdle", () => {
  test.each([
    ["idle from the start", [0, 0, 0, 0, 0], 5],
    ["busy, then idle: counted from the first idle check", [1, 0.5, 0, 0, 0, 0, 0], 7],
    ["a busy check in the middle starts the count again", [0, 0, 0, 0.9, 0, 0, 0, 0, 0], 9],
    ["at the threshold counts as idle", [IDLE_UTILIZATION, 0, 0, 0, 0], 5],
    ["just over it does not", [IDLE_UTILIZATION + 0.01, 0, 0, 0, 0, 0], 6],
  ])("%s: called after check %i", (_, samples, calledAt) => {
    vi.useFakeTimers();
    const sequence = [...samples, ...Array(20).fill(0)];
    let checks = 0;
    const then = vi.fn();
    whenIdle(100, then, { checkMs: 20, sampleUtilization: () => sequence[checks++]! });
    vi.advanceTimersByTime(20 * (calledAt - 1));
    expect(then).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(then).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(20 * 10);
    expect({ calls: then.mock.calls.length, checks }).toEqual({ calls: 1, checks: calledAt });
  });

  test("the real event loop: not while it is blocked, and once it has been idle", async () => {
    const then = vi.fn();
    whenIdle(100, then);
    const until = performance.now() + 3 * 100;
    while (performance.now() < until) {
      // Blocks the loop: no check can count this time as idle.
    }
    await new Promise((resolve) => setTimeout(resolve, IDLE_CHECK_MS));
    expect(then).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(then).toHaveBeenCalledTimes(1), { timeout: 5000, interval: 10 });
  });
});
