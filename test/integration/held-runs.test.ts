// `Prefer: wait` on the local server and in the client: a create or retrieve held until the run ends, so a
// run is seen ending the moment it does, with one request; and a client that still polls on a timer when
// the server does not hold.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { createMaestroClient } from "../../src/client/index.js";
import type { CreateRunRequest, MaestroRun } from "../../src/domain/index.js";
import { MaestroTimeoutError } from "../../src/errors/index.js";
import { type LocalServer, type LocalServerOptions, startLocalServer } from "../../src/local/index.js";

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A local server whose runs take `latencyMs` of real time. */
async function start(latencyMs: number, options: LocalServerOptions = {}): Promise<LocalServer> {
  const server = await startLocalServer({ timeScale: 1, sim: { fixedLatencyMs: latencyMs }, ...options });
  servers.push(server);
  return server;
}

const request: CreateRunRequest = {
  input: "Summarise: 3 lamps shipped to Lisbon on Monday.",
  requirements: [{ name: "short", description: "Write at most 3 sentences." }],
  models: ["jamba-mini"],
  include: ["requirements_result"],
};

async function send(url: string, method: "GET" | "POST", headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json", ...headers },
    ...(method === "POST" ? { body: JSON.stringify(request) } : {}),
  });
  const run = (await response.json()) as MaestroRun;
  return { run, ms: performance.now() - started, applied: response.headers.get("preference-applied") };
}

/** A client that counts what it sends: method, path and Prefer header of each request. */
function countingClient(baseUrl: string, options: Parameters<typeof createMaestroClient>[0] = {}) {
  const sent: { method: string; path: string; prefer: string | null }[] = [];
  const client = createMaestroClient({
    baseUrl,
    ...options,
    fetch: (req: Request) => {
      sent.push({ method: req.method, path: new URL(req.url).pathname, prefer: req.headers.get("prefer") });
      return fetch(req);
    },
  });
  return { client, sent };
}

describe("the local server holds a run's answer when asked (Prefer: wait)", () => {
  test("a create asking to wait is answered once the run is done, and says the wait was applied", async () => {
    const server = await start(300);
    const { run, ms, applied } = await send(`${server.url}/studio/v1/maestro/runs`, "POST", {
      prefer: "wait=5",
    });
    expect(run.status).toBe("completed");
    expect(run.requirements_result?.requirements.map((item) => item.name)).toEqual(["short"]);
    expect(applied).toBe("wait=5");
    expect(ms).toBeGreaterThanOrEqual(290);
  });

  test("without the header, a create is answered at once, in progress, as AI21 answers", async () => {
    const server = await start(300);
    const { run, applied } = await send(`${server.url}/studio/v1/maestro/runs`, "POST");
    expect(run.status).toBe("in_progress");
    expect(applied).toBeNull();
  });

  test("a retrieve asking to wait is held until the run ends; a shorter wait answers the run as it stands", async () => {
    const server = await start(1_600);
    const created = await send(`${server.url}/studio/v1/maestro/runs`, "POST");
    const url = `${server.url}/studio/v1/maestro/runs/${created.run.id}`;
    const early = await send(url, "GET", { prefer: "respond-async, wait=1" });
    expect(early.run.status).toBe("in_progress");
    expect(early.applied).toBe("wait=1");
    expect(early.ms).toBeGreaterThanOrEqual(950);
    const done = await send(url, "GET", { prefer: "wait=10" });
    expect(done.run.status).toBe("completed");
    expect(done.ms).toBeLessThan(1_500);
  });

  test("a wait that is not a whole number of seconds is ignored, and a run it cannot find is 404", async () => {
    const server = await start(300);
    const created = await send(`${server.url}/studio/v1/maestro/runs`, "POST", { prefer: "wait=soon" });
    expect(created.run.status).toBe("in_progress");
    expect(created.applied).toBeNull();
    const response = await fetch(`${server.url}/studio/v1/maestro/runs/no-such-run`, {
      headers: { prefer: "wait=5" },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ detail: "Not Found" });
  });

  test("a wait past 60 s is held 60 s at most, and the answer says so", async () => {
    const server = await start(200);
    const { run, applied } = await send(`${server.url}/studio/v1/maestro/runs`, "POST", {
      prefer: "wait=600",
    });
    expect(run.status).toBe("completed");
    expect(applied).toBe("wait=60");
  });

  test("a run stuck by the fault plan is answered in progress when the wait ends", async () => {
    const server = await start(50, { faults: { stuckRuns: 1 } });
    const { run, ms, applied } = await send(`${server.url}/studio/v1/maestro/runs`, "POST", {
      prefer: "wait=1",
    });
    expect(run.status).toBe("in_progress");
    expect(applied).toBe("wait=1");
    expect(ms).toBeGreaterThanOrEqual(950);
  });

  test("closing the server answers the requests it holds, and does not wait for their runs", async () => {
    const server = await startLocalServer({ timeScale: 1, sim: { fixedLatencyMs: 30_000 } });
    const held = send(`${server.url}/studio/v1/maestro/runs`, "POST", { prefer: "wait=30" }).then(
      (answer) => answer,
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closing = performance.now();
    await server.close();
    expect(performance.now() - closing).toBeLessThan(5_000);
    const answer = await held;
    // Answered as the run stood, or cut off with the connection: never left hanging.
    if (!(answer instanceof Error)) expect((answer as { run: MaestroRun }).run.status).toBe("in_progress");
  });
});

describe("the client's serverWaitMs", () => {
  test("createAndPoll against the local server sends one request a run, and sees it done", async () => {
    const server = await start(200);
    const { client, sent } = countingClient(server.url, { serverWaitMs: 20_000 });
    const run = await client.runs.createAndPoll(request);
    expect(run.status).toBe("completed");
    expect(sent).toEqual([{ method: "POST", path: "/studio/v1/maestro/runs", prefer: "wait=20" }]);
  });

  test("a run longer than the wait is retrieved again, each retrieve held", async () => {
    const server = await start(2_300);
    const { client, sent } = countingClient(server.url, { serverWaitMs: 1_000 });
    const run = await client.runs.createAndPoll(request);
    expect(run.status).toBe("completed");
    expect(sent.map((item) => `${item.method} ${item.prefer}`)).toEqual([
      "POST wait=1",
      "GET wait=1",
      "GET wait=1",
    ]);
  });

  test("without serverWaitMs, no Prefer header is sent (AI21's API does not document it)", async () => {
    const server = await start(200);
    const { client, sent } = countingClient(server.url);
    const run = await client.runs.createAndPoll(request);
    expect(run.status).toBe("completed");
    expect(sent.every((item) => item.prefer === null)).toBe(true);
    expect(sent.filter((item) => item.method === "GET").length).toBeGreaterThan(0);
  });

  test("the polling timeout holds for held retrieves too", async () => {
    const server = await start(50, { faults: { stuckRuns: 1 } });
    const { client } = countingClient(server.url, { serverWaitMs: 5_000 });
    const started = performance.now();
    const error = await client.runs.createAndPoll(request, { timeoutMs: 1_500 }).catch((caught) => caught);
    expect(error).toBeInstanceOf(MaestroTimeoutError);
    expect(performance.now() - started).toBeLessThan(4_000);
  });

  test("a server that ignores the preference is polled on a timer, as without it", async () => {
    // A stand-in for a server that knows nothing of Prefer: in progress for the first two looks, then done.
    let looks = 0;
    const seen: string[] = [];
    const server: Server = createServer((req, res) => {
      seen.push(`${req.method} ${req.headers.prefer ?? "-"}`);
      req.resume();
      const done = req.method === "GET" && ++looks > 2;
      const run: MaestroRun = {
        id: "run-1",
        status: done ? "completed" : "in_progress",
        result: done ? "Three lamps went to Lisbon." : null,
        created_at: new Date().toISOString(),
      };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(run));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    const { port } = server.address() as AddressInfo;
    const client = createMaestroClient({ baseUrl: `http://127.0.0.1:${port}`, serverWaitMs: 20_000 });
    const run = await client.runs.createAndPoll(request, { initialIntervalMs: 20 });
    expect(run.status).toBe("completed");
    // The create asked; nothing said it was applied, so the retrieves poll on a timer without asking.
    expect(seen).toEqual(["POST wait=20", "GET -", "GET -", "GET -"]);
  });

  test("serverWaitMs is checked, and kept within the request timeout", async () => {
    expect(() => createMaestroClient({ baseUrl: "http://127.0.0.1:9", serverWaitMs: -1 })).toThrow(
      "createMaestroClient: serverWaitMs must be a number >= 0, got -1",
    );
    const server = await start(100);
    const { client, sent } = countingClient(server.url, { serverWaitMs: 600_000, requestTimeoutMs: 30_000 });
    await client.runs.createAndPoll(request);
    expect(sent[0]?.prefer).toBe("wait=25");
  });
});
