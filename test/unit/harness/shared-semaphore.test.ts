import { afterEach, describe, expect, test } from "vitest";
import {
  createRemoteSemaphore,
  type SemaphoreServer,
  startSemaphoreServer,
} from "../../../src/harness/shared-semaphore.js";

const servers: SemaphoreServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A fetch whose requests fail when no answer came within `ms`, as undici's headers timeout does. */
function fetchTimingOutAfter(ms: number): typeof fetch {
  return (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(ms) });
}

/** Resolves when `release()` is called: a task that holds its slot until told. */
function held(): { promise: Promise<void>; release: () => void } {
  let release: () => void = () => {};
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

describe("createRemoteSemaphore", () => {
  test("waiting for a slot longer than a request's timeout never fails the task: it asks again", async () => {
    const server = await startSemaphoreServer(1);
    servers.push(server);
    // Each request would fail after 500 ms without an answer; the server answers "not yet" after 20.
    const semaphore = createRemoteSemaphore(server.url, { pollMs: 20, fetch: fetchTimingOutAfter(500) });
    const holder = held();
    const first = semaphore.run(() => holder.promise.then(() => "first"));
    while (server.active === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const second = semaphore.run(async () => "second");
    // Hold the slot until the second has been told "not yet" 30 times: past one request's 500 ms.
    while (server.notYet < 30) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(server.notYet).toBeGreaterThanOrEqual(30);
    expect(server.active).toBe(1);
    holder.release();
    expect(await Promise.all([first, second])).toEqual(["first", "second"]);
    expect(server.peak).toBe(1);
    expect(server.active).toBe(0);
  });

  test("the server caps a client's wait at its own poll time, and counts no slot for a request it answered not yet", async () => {
    const server = await startSemaphoreServer(1);
    servers.push(server);
    const grabbed = await fetch(`${server.url}/acquire`, { method: "POST" });
    expect(grabbed.status).toBe(200);
    const waited = await fetch(`${server.url}/acquire?waitMs=20`, { method: "POST" });
    expect([waited.status, await waited.text()]).toEqual([202, "not yet"]);
    expect(server.active).toBe(1);
    await fetch(`${server.url}/release`, { method: "POST" });
    expect(server.active).toBe(0);
  });

  test("asking again with the id of a slot already granted answers at once: a lost answer leaks no slot", async () => {
    const server = await startSemaphoreServer(1);
    servers.push(server);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const answer = await fetch(`${server.url}/acquire?id=a&waitMs=20`, { method: "POST" });
      expect(answer.status).toBe(200);
    }
    expect(server.active).toBe(1);
    expect((await fetch(`${server.url}/acquire?id=b&waitMs=20`, { method: "POST" })).status).toBe(202);
    await fetch(`${server.url}/release?id=a`, { method: "POST" });
    await fetch(`${server.url}/release?id=a`, { method: "POST" });
    expect(server.active).toBe(0);
    expect((await fetch(`${server.url}/acquire?id=b&waitMs=20`, { method: "POST" })).status).toBe(200);
  });

  test("an unreachable limit fails with a message naming it, after retries", async () => {
    const server = await startSemaphoreServer(1);
    const url = server.url;
    await server.close();
    const semaphore = createRemoteSemaphore(url, {
      pollMs: 50,
      retryDelayMs: 1,
      fetch: fetchTimingOutAfter(300),
    });
    await expect(semaphore.run(async () => "never")).rejects.toThrow(
      `the shared concurrency limit at ${url} could not be reached after 6 attempts`,
    );
  });
});
