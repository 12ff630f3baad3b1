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
    await semaphore.settle();
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

  test("releasing an id not granted yet cancels it: its wait answers 0 slots, and so does a later ask", async () => {
    const server = await startSemaphoreServer(1);
    servers.push(server);
    await fetch(`${server.url}/acquire?id=holder`, { method: "POST" });
    const waiting = fetch(`${server.url}/acquire?id=late&want=2&waitMs=5000`, { method: "POST" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fetch(`${server.url}/release?id=late&count=2`, { method: "POST" });
    const answer = await waiting;
    expect({ status: answer.status, body: await answer.text() }).toEqual({ status: 200, body: "0" });
    // A request cancelled before it arrived (its client gave up while it was on its way) takes nothing.
    await fetch(`${server.url}/release?id=early`, { method: "POST" });
    await fetch(`${server.url}/release?id=holder`, { method: "POST" });
    const early = await fetch(`${server.url}/acquire?id=early&waitMs=20`, { method: "POST" });
    expect({ status: early.status, body: await early.text() }).toEqual({ status: 200, body: "0" });
    expect(server.active).toBe(0);
    expect((await fetch(`${server.url}/acquire?id=next&waitMs=20`, { method: "POST" })).status).toBe(200);
    expect(server.active).toBe(1);
  });

  test("settle cancels a request for slots that no task waits for any more: another process's release grants it nothing", async () => {
    const server = await startSemaphoreServer(1);
    servers.push(server);
    const first = createRemoteSemaphore(server.url, { leaseMs: 60_000 });
    const other = createRemoteSemaphore(server.url, { leaseMs: 0 });
    const holding = held();
    const tasks = [first.run(() => holding.promise)];
    while (server.active === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    // The other process waits at the server first; then two more tasks of the first process wait there too.
    const otherHolding = held();
    const otherTask = other.run(() => otherHolding.promise);
    await new Promise((resolve) => setTimeout(resolve, 30));
    tasks.push(
      first.run(async () => {}),
      first.run(async () => {}),
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    // The held slot passes to those two within the first's lease, then goes back to the server, which
    // grants it to the other process (it asked first): the first's request for 2 is still out.
    holding.release();
    await Promise.all(tasks);
    while (server.active === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    await first.settle();
    // The other process gives its slot back: the request settle cancelled must not take it.
    otherHolding.release();
    await otherTask;
    await other.settle();
    expect(server.active).toBe(0);
    expect(server.peak).toBe(1);
  });

  test("a grant names how many slots it gives: as many as asked and free, at least one", async () => {
    const server = await startSemaphoreServer(3);
    servers.push(server);
    const first = await fetch(`${server.url}/acquire?id=a&want=2&waitMs=20`, { method: "POST" });
    expect([first.status, await first.text()]).toEqual([200, "2"]);
    const second = await fetch(`${server.url}/acquire?id=b&want=5&waitMs=20`, { method: "POST" });
    expect([second.status, await second.text()]).toEqual([200, "1"]);
    // Asked again, a grant answers what its id still holds; a release frees at most that.
    await fetch(`${server.url}/release?id=a&count=1`, { method: "POST" });
    const again = await fetch(`${server.url}/acquire?id=a&want=2&waitMs=20`, { method: "POST" });
    expect(await again.text()).toBe("1");
    await fetch(`${server.url}/release?id=a&count=9`, { method: "POST" });
    expect(server.active).toBe(1);
  });

  test("tasks of one process share their slots: far fewer requests than two per task, never past the limit", async () => {
    const server = await startSemaphoreServer(4);
    servers.push(server);
    let requests = 0;
    const counting: typeof fetch = (input, init) => {
      requests += 1;
      return fetch(input, init);
    };
    const semaphore = createRemoteSemaphore(server.url, { fetch: counting, leaseMs: 60_000 });
    let running = 0;
    let most = 0;
    const tasks = Array.from({ length: 100 }, (_, index) =>
      semaphore.run(async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 2));
        running -= 1;
        return index;
      }),
    );
    expect(await Promise.all(tasks)).toEqual(Array.from({ length: 100 }, (_, index) => index));
    await semaphore.settle();
    expect(most).toBe(4);
    expect(server.peak).toBe(4);
    expect(server.active).toBe(0);
    // One acquire for the 100 waiting tasks, then the four slots' releases as the queue empties.
    expect(requests).toBeLessThanOrEqual(10);
  });

  test("many requests in flight at once, over the default transport, raise no warning about listeners", async () => {
    const server = await startSemaphoreServer(24);
    servers.push(server);
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on("warning", onWarning);
    try {
      // No lease: each of the 24 tasks gives its slot back by a request of its own, all in the same turn.
      const semaphore = createRemoteSemaphore(server.url, { leaseMs: 0 });
      const gate = held();
      const tasks = Array.from({ length: 24 }, () => semaphore.run(() => gate.promise));
      await expect.poll(() => server.active).toBe(24);
      gate.release();
      await Promise.all(tasks);
      await semaphore.settle();
      expect(server.active).toBe(0);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings).toEqual([]);
  });

  test("a process that waits at the server gets a slot once another's lease is over, though the other still has tasks", async () => {
    const server = await startSemaphoreServer(1);
    servers.push(server);
    const busy = createRemoteSemaphore(server.url, { leaseMs: 50 });
    const other = createRemoteSemaphore(server.url, { leaseMs: 50, pollMs: 20 });
    let stop = false;
    let busyTasks = 0;
    const queue = Array.from({ length: 200 }, () =>
      busy.run(async () => {
        if (stop) return;
        busyTasks += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }),
    );
    while (server.active === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    await other.run(async () => {
      stop = true;
    });
    await Promise.all(queue);
    await Promise.all([busy.settle(), other.settle()]);
    // The busy process kept the slot for about one lease (50 ms of 5 ms tasks), not for its 200 tasks.
    expect(busyTasks).toBeLessThan(100);
    expect(server.peak).toBe(1);
    expect(server.active).toBe(0);
  });

  test("several processes with short leases never hold more than the limit together", async () => {
    const server = await startSemaphoreServer(3);
    servers.push(server);
    const clients = Array.from({ length: 4 }, () => createRemoteSemaphore(server.url, { leaseMs: 10 }));
    let running = 0;
    let most = 0;
    await Promise.all(
      clients.flatMap((client, which) =>
        Array.from({ length: 40 }, (_, index) =>
          client.run(async () => {
            running += 1;
            most = Math.max(most, running);
            await new Promise((resolve) => setTimeout(resolve, (index + which) % 4));
            running -= 1;
          }),
        ),
      ),
    );
    await Promise.all(clients.map((client) => client.settle()));
    expect(most).toBeLessThanOrEqual(3);
    expect(server.peak).toBe(3);
    expect(server.active).toBe(0);
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
