// The local server's warm-up: at once, or deferred until startDeferredWarmUp() and then one piece per turn
// of the event loop, once per process, never after its server closed.
import { afterEach, describe, expect, test } from "vitest";
import { startLocalServer } from "../../../src/local/index.js";
import { deferWarmUp, warmUpNow } from "../../../src/local/warm-up.js";
import { startDeferredWarmUp } from "../../../src/local/warm-up-trigger.js";

/** Steps that record their index in `log`. */
function recordingSteps(log: string[], count = 3): (() => void)[] {
  return Array.from({ length: count }, (_, index) => () => void log.push(`step ${index}`));
}

/** Resolves after `turns` turns of the event loop's check phase. */
async function turns(count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) await new Promise((resolve) => setImmediate(resolve));
}

const servers: AbortController[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.abort();
});
function openServer(): AbortController {
  const server = new AbortController();
  servers.push(server);
  return server;
}

describe("a deferred warm-up", () => {
  test("waits for startDeferredWarmUp, then runs one piece per turn of the loop, letting other work in between", async () => {
    const log: string[] = [];
    deferWarmUp(openServer().signal, recordingSteps(log));
    await turns(3);
    expect(log).toEqual([]);
    expect(startDeferredWarmUp()).toBe(true);
    setImmediate(() => log.push("other work"));
    await turns(5);
    expect(log).toEqual(["step 0", "other work", "step 1", "step 2"]);
  });

  test("runs once: a second start finds nothing deferred", async () => {
    const log: string[] = [];
    deferWarmUp(openServer().signal, recordingSteps(log, 1));
    expect(startDeferredWarmUp()).toBe(true);
    expect(startDeferredWarmUp()).toBe(false);
    await turns(3);
    expect(log).toEqual(["step 0"]);
  });

  test("with nothing deferred, starting does nothing", () => {
    expect(startDeferredWarmUp()).toBe(false);
  });

  test("does not run once its server has closed, and stops part way when it closes then", async () => {
    const closedFirst: string[] = [];
    const early = openServer();
    deferWarmUp(early.signal, recordingSteps(closedFirst));
    early.abort();
    expect(startDeferredWarmUp()).toBe(false);

    const log: string[] = [];
    const server = openServer();
    deferWarmUp(server.signal, recordingSteps(log));
    startDeferredWarmUp();
    await turns(1);
    server.abort();
    await turns(4);
    expect(closedFirst).toEqual([]);
    expect(log).toEqual(["step 0"]);
  });

  test("the last server to defer is the one started; an older server closing does not cancel it", async () => {
    const older: string[] = [];
    const newer: string[] = [];
    const first = openServer();
    deferWarmUp(first.signal, recordingSteps(older, 1));
    deferWarmUp(openServer().signal, recordingSteps(newer, 1));
    first.abort();
    expect(startDeferredWarmUp()).toBe(true);
    await turns(2);
    expect({ older, newer }).toEqual({ older: [], newer: ["step 0"] });
  });

  test("a piece that says it has more to do runs again in the next turn, other work still in between", async () => {
    const log: string[] = [];
    let left = 3;
    deferWarmUp(openServer().signal, [
      () => {
        log.push(`piece, ${--left} left`);
        return left > 0;
      },
      () => void log.push("last"),
    ]);
    startDeferredWarmUp();
    setImmediate(() => log.push("other work"));
    await turns(6);
    expect(log).toEqual(["piece, 2 left", "other work", "piece, 1 left", "piece, 0 left", "last"]);
  });

  test("warmUpNow runs every piece at once, and once", () => {
    const log: string[] = [];
    const steps = recordingSteps(log);
    warmUpNow(steps);
    warmUpNow(steps);
    expect(log).toEqual(["step 0", "step 1", "step 2"]);
  });
});

describe("startLocalServer's warmUp: deferred", () => {
  test("serves requests before, during and after the warm-up", async () => {
    const server = await startLocalServer({ timeScale: 0, warmUp: "deferred" });
    try {
      const create = (input: string) =>
        fetch(`${server.url}/studio/v1/maestro/runs`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            input,
            requirements: [{ name: "short", description: "At most 3 sentences." }],
          }),
        }).then((response) => response.status);
      expect(await create("before")).toBe(200);
      expect(startDeferredWarmUp()).toBe(true);
      expect(await Promise.all([create("during"), create("during too")])).toEqual([200, 200]);
      await turns(10);
      expect(await create("after")).toBe(200);
    } finally {
      await server.close();
    }
  });

  test("a closed server's warm-up is not started", async () => {
    const server = await startLocalServer({ timeScale: 0, warmUp: "deferred" });
    await server.close();
    expect(startDeferredWarmUp()).toBe(false);
  });
});
