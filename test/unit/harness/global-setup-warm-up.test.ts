// The global setup starts the embedded server's deferred warm-up once its process has nothing else to do
// after the set-up (the workers are starting), without waiting for a worker's first module.
import { tmpdir } from "node:os";
import { describe, expect, test, vi } from "vitest";
import type { TestProject } from "vitest/node";
import setup from "../../../src/harness/global-setup.js";
import { isDeferredWarmUpPending } from "../../../src/local/warm-up-trigger.js";

describe("global setup's warm-up", () => {
  test("starts once the process is idle after the set-up, with no module transformed", async () => {
    const project = {
      getProvidedContext: () => ({ maestroEvalOptions: { backend: "local", local: { timeScale: 0 } } }),
      provide: () => undefined,
      // A root without node_modules: no poll history is kept.
      config: { root: tmpdir() },
    } as unknown as TestProject;
    const teardown = await setup(project);
    try {
      // Deferred by the server as it started, then started with nothing else to do.
      await vi.waitFor(() => expect(isDeferredWarmUpPending()).toBe(false), { timeout: 5000, interval: 20 });
    } finally {
      await teardown();
    }
  });
});
