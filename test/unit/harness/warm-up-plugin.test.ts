// The main process's warm-up plugin: it starts the embedded server's deferred warm-up once vite has
// transformed a module and the event loop has then been idle for a while, and changes nothing vite serves.
import { describe, expect, test, vi } from "vitest";
import { IDLE_BEFORE_WARM_UP_MS, warmUpOnFirstTransform } from "../../../src/harness/warm-up-plugin.js";
import { clearDeferredWarmUp, setDeferredWarmUp } from "../../../src/local/warm-up-trigger.js";

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
