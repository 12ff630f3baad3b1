// The client's documented defaults (README "What the client does for you"), each pinned by behaviour:
// retries, Retry-After, no duplicate creates, 16 requests in flight, the per-attempt and stream timeouts.
import type { ServerResponse } from "node:http";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import {
  computeBackoffMs,
  createMaestroClient,
  createRequestLimiter,
  DEFAULT_RETRY_POLICY,
  type MaestroClientOptions,
  type RetryEvent,
} from "../../../src/client/index.js";
import type { CreateRunRequest } from "../../../src/domain/index.js";
import { MaestroApiError, MaestroConnectionError } from "../../../src/errors/index.js";
import { type ScriptedServer, startScriptedServer } from "../../helpers/scripted-server.js";

const RUN_ID = "3f1c2b9e-6a7d-4c1e-9f2a-1b2c3d4e5f60";
const RUN_PATH = "/studio/v1/maestro/runs/:id";
const RUNS = "/studio/v1/maestro/runs";
const completed = { id: RUN_ID, status: "completed", result: "done" };
const request: CreateRunRequest = { input: "Say hello.", requirements: [] };
// Backoff of 1 ms so that five attempts take no time; every other retry setting keeps its default.
const instant = { baseDelayMs: 1, maxDelayMs: 1 };

let server: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer();
});
afterEach(async () => {
  await server.close();
});

function client(options: MaestroClientOptions = {}) {
  return createMaestroClient({ baseUrl: server.url, env: {}, retry: instant, ...options });
}

describe("retries", () => {
  test("the defaults: 5 attempts in all, 0.5 s doubling to 8 s, Retry-After up to 60 s, six statuses", () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({
      maxRetries: 4,
      baseDelayMs: 500,
      maxDelayMs: 8_000,
      maxRetryAfterMs: 60_000,
      statuses: [408, 429, 500, 502, 503, 504],
    });
  });

  test.each([408, 429, 500, 502, 503, 504])("a GET answered %i is tried 5 times in all", async (status) => {
    server.route("GET", RUN_PATH, [{ status, json: { detail: "busy" } }]);
    const error = await client()
      .runs.retrieve(RUN_ID)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MaestroApiError);
    expect((error as MaestroApiError).attempts).toBe(5);
    expect(server.count("GET", RUNS)).toBe(5);
  });

  test.each([400, 401, 403, 404, 409, 422, 501])("a GET answered %i is not retried", async (status) => {
    server.route("GET", RUN_PATH, [{ status, json: { detail: "no" } }]);
    const error = await client()
      .runs.retrieve(RUN_ID)
      .catch((caught: unknown) => caught);
    expect((error as MaestroApiError).status).toBe(status);
    expect(server.count("GET", RUNS)).toBe(1);
  });

  test("a connection reset is retried, 5 attempts in all", async () => {
    server.route("GET", RUN_PATH, [{ reset: "before-response" }]);
    const error = await client()
      .runs.retrieve(RUN_ID)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MaestroConnectionError);
    expect((error as MaestroConnectionError).attempts).toBe(5);
    expect(server.count("GET", RUNS)).toBe(5);
  });

  test.each([
    [429, 5],
    [503, 5],
    [408, 1],
    [500, 1],
    [502, 1],
    [504, 1],
  ])(
    "a create answered %i is sent %i times: only 429 and 503 prove no run was made",
    async (status, times) => {
      server.route("POST", RUNS, [{ status, json: { detail: "busy" } }]);
      await expect(client().runs.create(request)).rejects.toBeInstanceOf(MaestroApiError);
      expect(server.count("POST", RUNS)).toBe(times);
    },
  );

  test("a create that times out is not sent again", async () => {
    server.route("POST", RUNS, [() => undefined]);
    const error = await client({ requestTimeoutMs: 50 })
      .runs.create(request)
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(
      `POST ${server.url}${RUNS} failed: no response within 50 ms; not retried, since the server may have accepted it`,
    );
    expect(server.count("POST", RUNS)).toBe(1);
  });

  test("Retry-After is honoured up to 60 s, in seconds or as an HTTP date", async () => {
    const delays: number[] = [];
    const seen = (event: RetryEvent) => {
      delays.push(event.delayMs);
      controller.abort(new Error("stop waiting"));
    };
    let controller = new AbortController();
    server.route("GET", RUN_PATH, [
      { status: 429, json: { detail: "slow down" }, headers: { "retry-after": "60" } },
    ]);
    await expect(
      client({ onRetry: seen }).runs.retrieve(RUN_ID, { signal: controller.signal }),
    ).rejects.toThrow("stop waiting");
    expect(delays).toEqual([60_000]);

    controller = new AbortController();
    const date = new Date(Date.now() + 30_000).toUTCString();
    server.route("GET", RUN_PATH, [
      { status: 503, json: { detail: "down" }, headers: { "retry-after": date } },
    ]);
    await expect(
      client({ onRetry: seen }).runs.retrieve(RUN_ID, { signal: controller.signal }),
    ).rejects.toThrow("stop waiting");
    expect(delays[1]).toBeGreaterThan(27_000);
    expect(delays[1]).toBeLessThanOrEqual(30_000);
  });

  test("a Retry-After over 60 s ends the retries at once", async () => {
    server.route("GET", RUN_PATH, [
      { status: 429, json: { detail: "come back later" }, headers: { "retry-after": "61" } },
    ]);
    const error = await client()
      .runs.retrieve(RUN_ID)
      .catch((caught: unknown) => caught);
    expect((error as MaestroApiError).status).toBe(429);
    expect(server.count("GET", RUNS)).toBe(1);
  });

  test("backoff: 0.5 s doubling to 8 s, with equal jitter (half the delay fixed, half random)", () => {
    const bounds = [1, 2, 3, 4, 5, 6].map((retry) => [
      computeBackoffMs(retry, DEFAULT_RETRY_POLICY, () => 0),
      computeBackoffMs(retry, DEFAULT_RETRY_POLICY, () => 0.999_999_9),
    ]);
    expect(bounds).toEqual([
      [250, 500],
      [500, 1000],
      [1000, 2000],
      [2000, 4000],
      [4000, 8000],
      [4000, 8000],
    ]);
  });
});

describe("concurrency", () => {
  test("a client keeps 16 requests in flight at most", async () => {
    const held: ServerResponse[] = [];
    let release = false;
    const answer = (res: ServerResponse) =>
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(completed));
    server.route("GET", RUN_PATH, [
      (_, res) => {
        if (release) answer(res);
        else held.push(res);
      },
    ]);
    const maestro = client();
    const calls = Array.from({ length: 20 }, () => maestro.runs.retrieve(RUN_ID));
    await vi.waitFor(() => expect(held).toHaveLength(16));
    // Nothing more arrives while the 16 are held.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.count("GET", RUNS)).toBe(16);
    release = true;
    for (const res of held) answer(res);
    const runs = await Promise.all(calls);
    expect(runs.map((run) => run.status)).toEqual(Array(20).fill("completed"));
    expect(server.count("GET", RUNS)).toBe(20);
  });

  test("a limiter is 16 wide by default", () => {
    expect(createRequestLimiter().concurrency).toBe(16);
  });
});

describe("timeouts", () => {
  test("an attempt without a response within requestTimeoutMs fails, and a GET is retried", async () => {
    server.route("GET", RUN_PATH, [() => undefined]);
    const error = await client({ requestTimeoutMs: 50 })
      .runs.retrieve(RUN_ID)
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(
      `GET ${server.url}${RUNS}/${RUN_ID} failed after 5 attempts: no response within 50 ms`,
    );
    expect(server.count("GET", RUNS)).toBe(5);
  });

  test("a stream fails after requestTimeoutMs without data", async () => {
    const chunk = `data: ${JSON.stringify({ id: "c", choices: [{ index: 0, delta: { content: "Hi" }, finish_reason: null }] })}\n\n`;
    server.route("POST", "/studio/v1/chat/completions", [{ stream: [chunk, chunk], gapMs: 400 }]);
    const read = async () => {
      for await (const _ of client({ requestTimeoutMs: 100 }).chat.completions.stream({
        model: "jamba-mini",
        messages: [{ role: "user", content: "Hi" }],
      })) {
        // consume
      }
    };
    await expect(read()).rejects.toThrow(
      `POST ${server.url}/studio/v1/chat/completions failed: stream stalled: nothing received for 100 ms`,
    );
  });

  test("the default is 60 s per attempt", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      // A fetch that never answers, until its attempt is aborted.
      const hanging = (input: Request) =>
        new Promise<Response>((_, reject) =>
          input.signal.addEventListener("abort", () => reject(input.signal.reason), { once: true }),
        );
      const maestro = createMaestroClient({
        baseUrl: "http://127.0.0.1:9",
        env: {},
        fetch: hanging,
        retry: { maxRetries: 0 },
      });
      let settled: unknown;
      const call = maestro.runs.retrieve(RUN_ID).catch((error: unknown) => {
        settled = error;
      });
      await vi.advanceTimersByTimeAsync(59_999);
      expect(settled).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      await call;
      expect((settled as Error).message).toBe(
        `GET http://127.0.0.1:9${RUNS}/${RUN_ID} failed: no response within 60000 ms`,
      );
    } finally {
      vi.useRealTimers();
    }
  });
});
