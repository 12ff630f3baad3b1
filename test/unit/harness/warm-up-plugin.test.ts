// The main process's warm-up plugin: it starts the embedded server's deferred warm-up once vite has
// transformed a module and the event loop has then been idle for a while, and changes nothing vite serves.
import { afterEach, describe, expect, test, vi } from "vitest";
import {
  IDLE_BEFORE_WARM_UP_MS,
  IDLE_CHECK_MS,
  IDLE_UTILIZATION,
  warmUpOnFirstTransform,
  whenIdle,
} from "../../../src/harness/warm-up-plugin.js";
import { clearDeferredWarmUp, setDeferredWarmUp } from "../../../src/local/warm-up-trigger.js";

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
    whenIdle(IDLE_BEFORE_WARM_UP_MS, then);
    const until = performance.now() + 3 * IDLE_BEFORE_WARM_UP_MS;
    while (performance.now() < until) {
      // Blocks the loop: no check can count this time as idle.
    }
    await new Promise((resolve) => setTimeout(resolve, IDLE_CHECK_MS));
    expect(then).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(then).toHaveBeenCalledTimes(1), { timeout: 5000, interval: 10 });
  });
});

describe("warmUpOnFirstTransform", () => {
  test("changes nothing vite serves, and starts the deferred warm-up once the loop is idle, once", async () => {
    const plugin = warmUpOnFirstTransform();
    const transform = plugin.transform as (code: string, id: string) => unknown;
    expect(plugin.name).toBe("maestro-eval:warm-up");
    expect(warmUpOnFirstTransform()).toBe(plugin);

    // A transform before any server deferred a warm-up: nothing is started, and a later transform tries again.
    expect(transform("export const a = 1;", "/project/suites/a.eval.ts")).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, IDLE_BEFORE_WARM_UP_MS * 3));

    const start = vi.fn();
    setDeferredWarmUp(start);
    try {
      expect(transform("export const b = 2;", "/project/suites/b.eval.ts")).toBeNull();
      expect(transform("export const c = 3;", "/project/suites/c.eval.ts")).toBeNull();
      expect(start).not.toHaveBeenCalled();
      await vi.waitFor(() => expect(start).toHaveBeenCalledTimes(1), { timeout: 5000, interval: 10 });
      transform("export const d = 4;", "/project/suites/d.eval.ts");
      await new Promise((resolve) => setTimeout(resolve, IDLE_BEFORE_WARM_UP_MS * 3));
      expect(start).toHaveBeenCalledTimes(1);
    } finally {
      clearDeferredWarmUp(start);
    }
  });
});
