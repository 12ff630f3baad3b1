import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createMaestroClient, type MaestroClientOptions } from "../../src/client/index.js";
import type { ChatCompletionChunk, CreateRunRequest } from "../../src/domain/index.js";
import {
  isConstraintViolationError,
  MaestroApiError,
  MaestroConfigurationError,
  MaestroConnectionError,
  MaestroRunError,
  MaestroTimeoutError,
} from "../../src/errors/index.js";
import { type ScriptedServer, startScriptedServer } from "../helpers/scripted-server.js";

const RUN_ID = "3f1c2b9e-6a7d-4c1e-9f2a-1b2c3d4e5f60";
const KEY = "test-key-do-not-leak-1234567890";
const inProgress = { status: 200, json: { id: RUN_ID, status: "in_progress", result: null } };
const completed = {
  status: 200,
  json: {
    id: RUN_ID,
    status: "completed",
    result: "Vendor: Acme",
    requirements_result: {
      score: 1,
      finish_reason: "Perfect result achieved",
      requirements: [
        { name: "fields", description: "Include the vendor", is_mandatory: true, score: 1, reason: null },
      ],
    },
  },
};
const request: CreateRunRequest = {
  input: "Extract the vendor name from: Vendor: Acme",
  requirements: [{ name: "fields", description: "Mention the vendor name", is_mandatory: true }],
  include: ["requirements_result"],
};
const fastRetry = { baseDelayMs: 5, maxDelayMs: 20 };
const fastPoll = { initialIntervalMs: 5, maxIntervalMs: 20 };

let server: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer();
});
afterEach(async () => {
  await server.close();
});

function client(options: MaestroClientOptions = {}) {
  return createMaestroClient({
    baseUrl: server.url,
    apiKey: KEY,
    retry: fastRetry,
    poll: fastPoll,
    env: {},
    ...options,
  });
}

describe("createMaestroClient: runs", () => {
  test("createAndPoll creates once, polls until completed, and sends the bearer key", async () => {
    server.route("POST", "/studio/v1/maestro/runs", [inProgress]);
    server.route("GET", "/studio/v1/maestro/runs/:id", [inProgress, inProgress, completed]);
    const run = await client().runs.createAndPoll(request);
    expect(run.status).toBe("completed");
    expect(run.requirements_result?.score).toBe(1);
    expect(server.count("POST", "/studio/v1/maestro/runs")).toBe(1);
    expect(server.count("GET", `/studio/v1/maestro/runs/${RUN_ID}`)).toBe(3);
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(server.requests[0]!.json).toEqual(request);
  });

  test("a trailing /studio/v1 in the base URL is accepted", async () => {
    server.route("GET", "/studio/v1/maestro/runs/:id", [completed]);
    const run = await client({ baseUrl: `${server.url}/studio/v1/` }).runs.retrieve(RUN_ID);
    expect(run.id).toBe(RUN_ID);
  });

  test("429 with Retry-After is honoured before the create is sent again", async () => {
    server.route("POST", "/studio/v1/maestro/runs", [
      { status: 429, json: { detail: "Too many requests" }, headers: { "retry-after": "1" } },
      inProgress,
    ]);
    const started = Date.now();
    const retries: number[] = [];
    const run = await client({ onRetry: (event) => retries.push(event.delayMs) }).runs.create(request);
    expect(run.status).toBe("in_progress");
    expect(retries).toEqual([1000]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.count("POST", "/studio/v1/maestro/runs")).toBe(2);
  });

  test("503 then success on a poll is retried", async () => {
    server.route("GET", "/studio/v1/maestro/runs/:id", [
      { status: 503, json: { detail: "Service Unavailable" } },
      completed,
    ]);
    const run = await client().runs.retrieve(RUN_ID);
    expect(run.status).toBe("completed");
    expect(server.count("GET", "/studio/v1/maestro/runs")).toBe(2);
  });

  test("a connection reset in the middle of a poll's response is retried", async () => {
    server.route("GET", "/studio/v1/maestro/runs/:id", [{ reset: "mid-body" }, completed]);
    const run = await client().runs.retrieve(RUN_ID);
    expect(run.status).toBe("completed");
    expect(server.count("GET", "/studio/v1/maestro/runs")).toBe(2);
  });

  test("retries exhausted give a typed error that says how many attempts were made", async () => {
    server.route("GET", "/studio/v1/maestro/runs/:id", [
      { status: 500, json: { detail: "Internal Server Error" } },
    ]);
    const error = await client({ retry: { ...fastRetry, maxRetries: 2 } })
      .runs.retrieve(RUN_ID)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MaestroApiError);
    expect((error as MaestroApiError).attempts).toBe(3);
    expect((error as MaestroApiError).status).toBe(500);
    expect((error as Error).message).toBe(
      `GET ${server.url}/studio/v1/maestro/runs/${RUN_ID} failed with status 500 after 3 attempts: Internal Server Error`,
    );
    expect(server.count("GET", "/studio/v1/maestro/runs")).toBe(3);
  });

  test("a create whose connection drops after the server accepted it is not sent again", async () => {
    server.route("POST", "/studio/v1/maestro/runs", [{ reset: "before-response" }, inProgress]);
    const error = await client()
      .runs.create(request)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MaestroConnectionError);
    expect((error as Error).message).toMatch(/not retried, since the server may have accepted it/);
    expect(server.count("POST", "/studio/v1/maestro/runs")).toBe(1);
  });

  test("a create that returns 500 is not sent again, since the run may exist", async () => {
    server.route("POST", "/studio/v1/maestro/runs", [{ status: 500, json: { detail: "boom" } }, inProgress]);
    await expect(client().runs.create(request)).rejects.toBeInstanceOf(MaestroApiError);
    expect(server.count("POST", "/studio/v1/maestro/runs")).toBe(1);
  });

  test("a create refused before anything was sent is retried", async () => {
    server.route("POST", "/studio/v1/maestro/runs", [inProgress]);
    let calls = 0;
    const refusingOnce = async (input: Request) => {
      calls += 1;
      if (calls === 1)
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
        });
      return fetch(input);
    };
    const run = await client({ fetch: refusingOnce }).runs.create(request);
    expect(run.status).toBe("in_progress");
    expect(server.count("POST", "/studio/v1/maestro/runs")).toBe(1);
  });

  test("an unreachable server gives a connection error naming the URL and attempts", async () => {
    const closed = await startScriptedServer();
    await closed.close();
    const error = await createMaestroClient({
      baseUrl: closed.url,
      env: {},
      retry: { ...fastRetry, maxRetries: 1 },
    })
      .runs.retrieve(RUN_ID)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MaestroConnectionError);
    expect((error as Error).message).toBe(
      `GET ${closed.url}/studio/v1/maestro/runs/${RUN_ID} failed after 2 attempts: connection refused (ECONNREFUSED); is the server running?`,
    );
  });

  test("polling stops with a timeout error that names the run", async () => {
    server.route("POST", "/studio/v1/maestro/runs", [inProgress]);
    server.route("GET", "/studio/v1/maestro/runs/:id", [inProgress]);
    const error = await client()
      .runs.createAndPoll(request, { timeoutMs: 150 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MaestroTimeoutError);
    expect((error as MaestroTimeoutError).runId).toBe(RUN_ID);
    expect((error as Error).message).toMatch(
      new RegExp(`^Maestro run ${RUN_ID} was still in_progress after \\d+ ms \\(\\d+ polls\\)$`),
    );
  });

  test("an abort signal stops polling with the signal's reason", async () => {
    server.route("POST", "/studio/v1/maestro/runs", [inProgress]);
    server.route("GET", "/studio/v1/maestro/runs/:id", [inProgress]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user cancelled")), 50);
    await expect(client().runs.createAndPoll(request, { signal: controller.signal })).rejects.toThrow(
      "user cancelled",
    );
  });

  test("a failed run throws MaestroRunError with its message, unless allowFailed", async () => {
    const failed = {
      status: 200,
      json: { id: RUN_ID, status: "failed", result: null, error: { message: "model overloaded" } },
    };
    server.route("POST", "/studio/v1/maestro/runs", [inProgress]);
    server.route("GET", "/studio/v1/maestro/runs/:id", [failed]);
    const error = await client()
      .runs.createAndPoll(request)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MaestroRunError);
    expect((error as Error).message).toBe(`Maestro run ${RUN_ID} ended failed: model overloaded`);
    const run = await client().runs.createAndPoll(request, { allowFailed: true });
    expect(run.status).toBe("failed");
  });

  test("401 is surfaced with its detail and without the key", async () => {
    server.route("POST", "/studio/v1/maestro/runs", [
      { status: 401, json: { detail: `Forbidden: Bad or missing API token. (got Bearer ${KEY})` } },
    ]);
    const error = await client()
      .runs.create(request)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MaestroApiError);
    expect((error as MaestroApiError).status).toBe(401);
    expect((error as Error).message).toBe(
      `POST ${server.url}/studio/v1/maestro/runs failed with status 401: Forbidden: Bad or missing API token. (got Bearer [REDACTED])`,
    );
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  test("422 is surfaced with every issue of its detail", async () => {
    const detail = [
      { loc: ["body", "budget"], msg: "value is not a valid enumeration member", type: "type_error.enum" },
      { loc: ["body", "requirements", 0, "name"], msg: "field required", type: "value_error.missing" },
    ];
    server.route("POST", "/studio/v1/maestro/runs", [{ status: 422, json: { detail } }]);
    const error = await client({ validate: false })
      .runs.create(request)
      .catch((caught: unknown) => caught);
    expect((error as MaestroApiError).detail).toEqual(detail);
    expect((error as Error).message).toBe(
      `POST ${server.url}/studio/v1/maestro/runs failed with status 422: body.budget: value is not a valid enumeration member; body.requirements.0.name: field required`,
    );
  });

  test("malformed JSON from the server is a clear error", async () => {
    server.route("GET", "/studio/v1/maestro/runs/:id", [{ status: 200, body: '{"id": "x", "status": ' }]);
    const error = await client()
      .runs.retrieve(RUN_ID)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MaestroConnectionError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^GET ${server.url}/studio/v1/maestro/runs/${RUN_ID} failed: response body is not valid JSON`,
      ),
    );
  });

  test("a request with error-level issues is refused before anything is sent", async () => {
    const bad = { ...request, budget: "huge" } as unknown as CreateRunRequest;
    const error = await client()
      .runs.create(bad)
      .catch((caught: unknown) => caught);
    expect(isConstraintViolationError(error)).toBe(true);
    expect(server.requests).toHaveLength(0);
  });
});

describe("createMaestroClient: configuration", () => {
  test("AI21's host without a key fails before sending, naming the variable", () => {
    expect(() => createMaestroClient({ env: {} })).toThrow(MaestroConfigurationError);
    expect(() => createMaestroClient({ env: {} })).toThrow(
      "createMaestroClient: no API key for https://api.ai21.com; set AI21_API_KEY or pass { apiKey } (or point baseUrl at the local server)",
    );
  });

  test("AI21_API_KEY and AI21_API_HOST are read from the environment", async () => {
    server.route("GET", "/studio/v1/maestro/runs/:id", [completed]);
    const maestro = createMaestroClient({
      env: { AI21_API_KEY: KEY, AI21_API_HOST: `${server.url}/studio/v1` },
    });
    expect(maestro.baseUrl).toBe(server.url);
    await maestro.runs.retrieve(RUN_ID);
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  test("the base URL is taken with or without /studio/v1, from AI21_API_HOST or else AI21_BASE_URL", async () => {
    server.route("GET", "/studio/v1/maestro/runs/:id", [completed, completed, completed, completed]);
    for (const env of [
      { AI21_API_HOST: server.url },
      { AI21_API_HOST: `${server.url}/studio/v1/` },
      { AI21_BASE_URL: `${server.url}/studio/v1` },
      { AI21_API_HOST: `${server.url}/studio/v1`, AI21_BASE_URL: "http://127.0.0.1:9/studio/v1" },
    ]) {
      const maestro = createMaestroClient({ env });
      expect(maestro.baseUrl).toBe(server.url);
      expect((await maestro.runs.retrieve(RUN_ID)).id).toBe(RUN_ID);
    }
    expect(server.requests.map((request) => request.path)).toEqual(
      Array.from({ length: 4 }, () => `/studio/v1/maestro/runs/${RUN_ID}`),
    );
  });

  test("a base URL that is not http(s) is a configuration error", () => {
    expect(() => createMaestroClient({ baseUrl: "ftp://example.com", env: {} })).toThrow(
      "createMaestroClient: baseUrl must use http or https, got ftp:",
    );
  });
});

describe("createMaestroClient: chat", () => {
  const chatRequest = { model: "jamba-mini", messages: [{ role: "user" as const, content: "Hi" }] };
  const chunk = (content: string, finish: string | null = null, usage?: object) =>
    `data: ${JSON.stringify({ id: "chat-1", choices: [{ index: 0, delta: { content }, finish_reason: finish }], ...(usage ? { usage } : {}) })}\n\n`;

  test("create returns the completion", async () => {
    const completion = {
      id: "chat-1",
      choices: [{ index: 0, message: { role: "assistant", content: "Hello" }, finish_reason: "stop" }],
      usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
    };
    server.route("POST", "/studio/v1/chat/completions", [{ status: 200, json: completion }]);
    const result = await client().chat.completions.create(chatRequest);
    expect(result.choices[0]?.message.content).toBe("Hello");
  });

  test("stream yields AI21's chunks and ends at [DONE]", async () => {
    server.route("POST", "/studio/v1/chat/completions", [
      {
        stream: [
          `data: ${JSON.stringify({ id: "chat-1", choices: [{ index: 0, delta: { role: "assistant" }, finish_reason: null }] })}\n\n`,
          chunk("Hel"),
          chunk("lo"),
          chunk("", "stop", { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 }),
          "data: [DONE]\n\n",
        ],
        gapMs: 5,
      },
    ]);
    const chunks: ChatCompletionChunk[] = [];
    for await (const piece of client().chat.completions.stream(chatRequest)) chunks.push(piece);
    expect(chunks.map((piece) => piece.choices[0]?.delta.content ?? "").join("")).toBe("Hello");
    expect(chunks.at(-1)?.usage?.total_tokens).toBe(5);
    expect(server.requests[0]!.json).toMatchObject({ stream: true });
  });

  test("a stream cut short before [DONE] is a clear error, not a hang", async () => {
    server.route("POST", "/studio/v1/chat/completions", [
      { stream: [chunk("Hel"), chunk("lo")], end: "destroy", gapMs: 20 },
    ]);
    const read = async () => {
      for await (const _ of client().chat.completions.stream(chatRequest)) {
        // consume
      }
    };
    await expect(read()).rejects.toThrow(
      `POST ${server.url}/studio/v1/chat/completions failed: stream cut short: the connection closed before data: [DONE]`,
    );
  });

  test("a stream with a line that is not data: is rejected like AI21's decoders do", async () => {
    server.route("POST", "/studio/v1/chat/completions", [
      { stream: ["event: ping\n\n", chunk("x"), "data: [DONE]\n\n"] },
    ]);
    const read = async () => {
      for await (const _ of client().chat.completions.stream(chatRequest)) {
        // consume
      }
    };
    await expect(read()).rejects.toThrow('unexpected line in event stream: "event: ping"');
  });

  test("create refuses stream: true and points at stream()", async () => {
    await expect(client().chat.completions.create({ ...chatRequest, stream: true })).rejects.toThrow(
      "chat.completions.create: stream: true is not allowed here; use chat.completions.stream()",
    );
  });
});
