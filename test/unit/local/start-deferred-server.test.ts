// The harness's embedded server: listening at once, its engine loaded at the first idle moment (the deferred
// warm-up's trigger) or by the first request, and closed cleanly either way.
import { afterEach, describe, expect, test, vi } from "vitest";
import { createMaestroClient } from "../../../src/client/index.js";
import {
  type DeferredLocalServer,
  startDeferredLocalServer,
} from "../../../src/local/start-deferred-server.js";
import { isDeferredWarmUpPending, startDeferredWarmUp } from "../../../src/local/warm-up-trigger.js";

const servers: DeferredLocalServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function start(): Promise<DeferredLocalServer> {
  const server = await startDeferredLocalServer({ timeScale: 0, seed: 3 });
  servers.push(server);
  return server;
}

const request = {
  input: "Write one sentence about the sea.",
  requirements: [{ name: "short", description: "Write at most 2 sentences." }],
};

describe("startDeferredLocalServer", () => {
  test("listens on 127.0.0.1 with nothing counted; a request that comes first loads the engine and is answered", async () => {
    const server = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.stats()).toEqual({
      runsCreated: 0,
      duplicateCreates: 0,
      chatCompletions: 0,
      faultsInjected: {},
    });
    const client = createMaestroClient({ baseUrl: server.url, apiKey: undefined, env: {} });
    const run = await client.runs.createAndPoll(request);
    expect(run.status).toBe("completed");
    expect(server.stats().runsCreated).toBe(1);
  });

  test("the idle trigger loads the engine and starts its warm-up; runs are answered as a started server answers them", async () => {
    const server = await start();
    expect(isDeferredWarmUpPending()).toBe(true);
    startDeferredWarmUp();
    // The engine replaces the trigger with its own warm-up, which is started in turn.
    await vi.waitFor(() => expect(isDeferredWarmUpPending()).toBe(false), { timeout: 10_000, interval: 10 });
    const client = createMaestroClient({ baseUrl: server.url, apiKey: undefined, env: {} });
    const run = await client.runs.createAndPoll(request);
    expect(run.status).toBe("completed");
  });

  test("closes before its engine was ever loaded, and a closed server refuses connections", async () => {
    const server = await startDeferredLocalServer({ timeScale: 0 });
    await server.close();
    expect(isDeferredWarmUpPending()).toBe(false);
    await expect(fetch(`${server.url}/studio/v1/maestro/runs/x`)).rejects.toThrow();
  });
});
