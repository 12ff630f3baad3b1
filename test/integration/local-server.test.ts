import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { createMaestroClient } from "../../src/client/index.js";
import { compileSpecSchema, validateRunRequest } from "../../src/constraints/index.js";
import type { ChatCompletionChunk, CreateRunRequest, MaestroRun } from "../../src/domain/index.js";
import { MaestroConnectionError } from "../../src/errors/index.js";
import {
  createScriptedGenerator,
  type LocalServer,
  type LocalServerOptions,
  REPEAT_HEADER,
  startLocalServer,
} from "../../src/local/index.js";

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: LocalServerOptions = {}) {
  const server = await startLocalServer({ timeScale: 0, ...options });
  servers.push(server);
  return server;
}

const validateRun = compileSpecSchema("MaestroRun");
const validateCompletion = compileSpecSchema("ChatCompletion");
const validateChunk = compileSpecSchema("ChatCompletionChunk");
const validateHttpError = compileSpecSchema("HTTPValidationError");
const validateErrorDetail = compileSpecSchema("ErrorDetail");

const invoice: CreateRunRequest = {
  input:
    "Extract vendor name, invoice number, total amount, and due date from the document.\nVendor: Acme Corp\nInvoice number: INV-1042\nTotal: 1234.5 USD\nDue: 03/15/2026",
  requirements: [
    { name: "vendor", description: "Mention Acme Corp", is_mandatory: true },
    { name: "formats", description: "Dates must follow YYYY-MM-DD and amounts should be in USD format." },
    { name: "tone", description: "Use a friendly tone" },
  ],
  models: ["jamba-large"],
  budget: "medium",
  include: ["requirements_result"],
};

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/studio/v1/maestro/runs`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as any };
}

async function pollUntilDone(url: string, id: string): Promise<MaestroRun> {
  for (;;) {
    const response = await fetch(`${url}/studio/v1/maestro/runs/${id}`);
    const run = (await response.json()) as MaestroRun;
    expect(validateRun(run)).toEqual([]);
    if (run.status !== "in_progress") return run;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("startLocalServer: Maestro runs", () => {
  test("the client creates and polls a run that is scored against its requirements", async () => {
    const server = await start();
    const run = await createMaestroClient({ baseUrl: server.url }).runs.createAndPoll(invoice);
    expect(validateRun(run)).toEqual([]);
    expect(run.status).toBe("completed");
    expect(typeof run.result).toBe("string");
    const result = run.requirements_result!;
    expect(result.requirements.map((requirement) => requirement.name)).toEqual(["vendor", "formats", "tone"]);
    for (const requirement of result.requirements) {
      expect(requirement.score).toBeGreaterThanOrEqual(0);
      expect(requirement.score).toBeLessThanOrEqual(1);
    }
    expect(["Perfect result achieved", "Budget exhausted"]).toContain(result.finish_reason);
    expect(result.requirements[2]!.reason).toMatch(/^Self-assessed by the simulated model jamba-large/);
    expect(run.x_local?.simulated).toBe(true);
    expect(run.x_local?.notes?.[0]).toMatch(/^Simulated output/);
    expect(run.x_local?.cost_usd).toBeGreaterThan(0);
  });

  test("the overall score is the mean, and 0 when a mandatory requirement is not fully met", async () => {
    const generator = createScriptedGenerator({
      outputs: { "*": ["Vendor: Globex. Due 03/15/2026, total $1,234.50."] },
    });
    const server = await start({ generator });
    const run = await createMaestroClient({ baseUrl: server.url }).runs.createAndPoll(invoice);
    const result = run.requirements_result!;
    expect(result.requirements[0]!.score).toBe(0);
    expect(result.score).toBe(0);
    expect(result.finish_reason).toBe("Budget exhausted");

    const optional = {
      ...invoice,
      requirements: invoice.requirements!.map((r) => ({ ...r, is_mandatory: false })),
    };
    const second = await createMaestroClient({ baseUrl: server.url }).runs.createAndPoll(optional);
    const scores = second.requirements_result!.requirements.map((requirement) => requirement.score);
    expect(second.requirements_result!.score).toBeCloseTo(
      scores.reduce((a, b) => a + b, 0) / scores.length,
      6,
    );
  });

  test("a run answers in_progress until its simulated time has passed", async () => {
    const generator = createScriptedGenerator({ outputs: { "*": ["Acme Corp"] }, latencyMsPerStep: 150 });
    const server = await start({ generator, timeScale: 1 });
    const created = await post(server.url, JSON.stringify({ input: "hi", budget: "low" }));
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ status: "in_progress", result: null });
    expect(validateRun(created.json)).toEqual([]);
    const early = (await (
      await fetch(`${server.url}/studio/v1/maestro/runs/${created.json.id}`)
    ).json()) as MaestroRun;
    expect(early.status).toBe("in_progress");
    const done = await pollUntilDone(server.url, created.json.id);
    expect(done.status).toBe("completed");
    expect(done.result).toBe("Acme Corp");
  });

  test("include decides whether requirements_result and data_sources appear", async () => {
    const server = await start();
    const maestro = createMaestroClient({ baseUrl: server.url });
    const bare = await maestro.runs.createAndPoll({ ...invoice, include: [] });
    expect(bare.requirements_result).toBeUndefined();
    expect(bare.data_sources).toBeUndefined();
    const full = await maestro.runs.createAndPoll({
      ...invoice,
      include: ["requirements_result", "data_sources"],
    });
    expect(full.requirements_result).toBeDefined();
    expect(full.data_sources).toEqual({});
  });

  test("the same request, seed and repeat give the same output; another repeat gives another", async () => {
    const server = await start({ seed: 7 });
    const again = await start({ seed: 7 });
    const body = JSON.stringify({ ...invoice, models: ["jamba-mini"], budget: "low" });
    const outputs: unknown[] = [];
    for (const [url, repeat] of [
      [server.url, "0"],
      [again.url, "0"],
      [server.url, "1"],
      [server.url, "2"],
    ] as const) {
      const created = await post(url, body, { [REPEAT_HEADER]: repeat });
      outputs.push((await pollUntilDone(url, created.json.id)).result);
    }
    expect(outputs[0]).toBe(outputs[1]);
    expect(new Set(outputs).size).toBeGreaterThan(1);
  });

  test("an invalid request gets 422 with exactly the validator's issues", async () => {
    const server = await start();
    const body = {
      input: "",
      budget: "huge",
      requirements: [
        { name: "a", description: "x" },
        { name: "a", description: "y" },
      ],
    };
    const response = await post(server.url, JSON.stringify(body));
    expect(response.status).toBe(422);
    expect(validateHttpError(response.json)).toEqual([]);
    const expected = validateRunRequest(body)
      .filter((issue) => issue.severity === "error")
      .map(({ loc, msg, type }) => ({ loc, msg, type }));
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(response.json.detail).toEqual(expected);
  });

  test("malformed JSON and an empty body get FastAPI-shaped 422s", async () => {
    const server = await start();
    const malformed = await post(server.url, '{"input": ');
    expect(malformed.status).toBe(422);
    expect(malformed.json.detail[0]).toMatchObject({ loc: ["body", 0], type: "value_error.jsondecode" });
    const empty = await post(server.url, "");
    expect(empty.json).toEqual({
      detail: [{ loc: ["body"], msg: "field required", type: "value_error.missing" }],
    });
  });

  test("a body over the size limit gets 413", async () => {
    const server = await start({ maxBodyBytes: 1024 });
    const response = await post(server.url, JSON.stringify({ input: "x".repeat(5000) }));
    expect(response.status).toBe(413);
    expect(response.json).toEqual({ detail: "Request body exceeds 1024 bytes" });
  });

  test("unknown routes, unknown runs and wrong methods get 404 and 405", async () => {
    const server = await start();
    const notFound = await fetch(`${server.url}/studio/v1/nope`);
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({ detail: "Not Found" });
    const unknownRun = await fetch(
      `${server.url}/studio/v1/maestro/runs/00000000-0000-4000-8000-000000000000`,
    );
    expect(unknownRun.status).toBe(404);
    const wrongMethod = await fetch(`${server.url}/studio/v1/maestro/runs`, { method: "GET" });
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toEqual({ detail: "Method Not Allowed" });
  });

  test("with a token, a missing or wrong bearer gets 401", async () => {
    const server = await start({ token: "local-secret" });
    for (const headers of [{}, { authorization: "Bearer wrong" }]) {
      const response = await post(server.url, JSON.stringify({ input: "hi" }), headers);
      expect(response.status).toBe(401);
      expect(response.json).toEqual({ detail: "Forbidden: Bad or missing API token." });
      expect(validateErrorDetail(response.json)).toEqual([]);
    }
    const run = await createMaestroClient({ baseUrl: server.url, apiKey: "local-secret" }).runs.createAndPoll(
      { input: "hi" },
    );
    expect(run.status).toBe("completed");
  });

  test("the bearer scheme is read in any case, with spaces around the token", async () => {
    const server = await start({ token: "local-secret" });
    for (const authorization of ["bearer local-secret", "BEARER local-secret", "Bearer   local-secret  "]) {
      expect((await post(server.url, JSON.stringify({ input: "hi" }), { authorization })).status).toBe(200);
    }
    for (const authorization of [
      "Bearer local-secre",
      "Bearer local-secrets",
      "Basic local-secret",
      "local-secret",
    ]) {
      expect((await post(server.url, JSON.stringify({ input: "hi" }), { authorization })).status).toBe(401);
    }
  });

  test("the run store is bounded in bytes: finished runs go oldest first, and creates answer 503 while runs not yet due fill it", async () => {
    const big = createScriptedGenerator({ outputs: { "*": ["x".repeat(1_500)] } });
    const server = await start({ generator: big, maxRunBytes: 4_000 });
    const maestro = createMaestroClient({ baseUrl: server.url });
    const ids: string[] = [];
    for (let index = 0; index < 4; index += 1)
      ids.push((await maestro.runs.createAndPoll({ input: `hi ${index}` })).id);
    expect(server.store.bytes).toBeLessThanOrEqual(4_000);
    expect((await fetch(`${server.url}/studio/v1/maestro/runs/${ids[0]}`)).status).toBe(404);
    expect((await fetch(`${server.url}/studio/v1/maestro/runs/${ids[3]}`)).status).toBe(200);

    const slow = createScriptedGenerator({ outputs: { "*": ["y".repeat(1_500)] }, latencyMsPerStep: 60_000 });
    const waiting = await start({ generator: slow, timeScale: 1, maxRunBytes: 2_000 });
    for (const index of [1, 2])
      expect((await post(waiting.url, JSON.stringify({ input: `hi ${index}` }))).status).toBe(200);
    while (waiting.store.bytes <= 2_000) await new Promise((resolve) => setTimeout(resolve, 5));
    const refused = await post(waiting.url, JSON.stringify({ input: "hi 3" }));
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.json.detail).toMatch(
      /^Service Unavailable: the local server holds \d+ bytes of runs not yet finished, past its maxRunBytes of 2000; retry shortly, or start it with a larger maxRunBytes \(serve --max-run-bytes\)$/,
    );
  });

  test("close() ends cleanly with runs in flight", async () => {
    const generator = createScriptedGenerator({ outputs: { "*": ["x"] }, latencyMsPerStep: 60_000 });
    const server = await startLocalServer({ generator, timeScale: 1 });
    const created = await post(server.url, JSON.stringify({ input: "hi" }));
    expect(created.status).toBe(200);
    await server.close();
    await expect(fetch(`${server.url}/studio/v1/maestro/runs/${created.json.id}`)).rejects.toThrow();
  });

  test("the run store keeps at most maxRuns finished runs, evicting the oldest", async () => {
    const server = await start({ maxRuns: 3 });
    const maestro = createMaestroClient({ baseUrl: server.url });
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1)
      ids.push((await maestro.runs.createAndPoll({ input: `hi ${index}` })).id);
    expect(server.store.size).toBeLessThanOrEqual(3);
    expect((await fetch(`${server.url}/studio/v1/maestro/runs/${ids[0]}`)).status).toBe(404);
    expect((await fetch(`${server.url}/studio/v1/maestro/runs/${ids[4]}`)).status).toBe(200);
  });
});

describe("startLocalServer: chat completions", () => {
  const messages = [
    { role: "system" as const, content: "You are terse." },
    {
      role: "user" as const,
      content: "Summarise: the shipment of 40 crates left Rotterdam on Monday and arrives Friday.",
    },
  ];

  test("answers n choices with usage counted", async () => {
    const server = await start();
    const completion = await createMaestroClient({ baseUrl: server.url }).chat.completions.create({
      model: "jamba-mini",
      messages,
      n: 2,
      temperature: 0.7,
    });
    expect(validateCompletion(completion)).toEqual([]);
    expect(completion.choices).toHaveLength(2);
    expect(completion.usage.total_tokens).toBe(
      completion.usage.prompt_tokens + completion.usage.completion_tokens,
    );
    expect(completion.choices.every((choice) => choice.finish_reason === "stop")).toBe(true);
  });

  test("max_tokens ends a choice with finish_reason length, and stop cuts before the sequence", async () => {
    const generator = createScriptedGenerator({
      outputs: { "*": ["one two three four five. END six seven"] },
    });
    const server = await start({ generator });
    const maestro = createMaestroClient({ baseUrl: server.url });
    const short = await maestro.chat.completions.create({ model: "jamba-mini", messages, max_tokens: 3 });
    expect(short.choices[0]).toMatchObject({
      message: { content: "one two three" },
      finish_reason: "length",
    });
    expect(short.usage.completion_tokens).toBe(3);
    const stopped = await maestro.chat.completions.create({ model: "jamba-mini", messages, stop: ["END"] });
    expect(stopped.choices[0]).toMatchObject({
      message: { content: "one two three four five. " },
      finish_reason: "stop",
    });
  });

  test("streams in AI21's format: a role delta, content deltas, a last chunk with usage, then [DONE]", async () => {
    const generator = createScriptedGenerator({ outputs: { "*": ["Hello there, team. All good."] } });
    const server = await start({ generator });
    const response = await fetch(`${server.url}/studio/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "jamba-mini", messages, stream: true }),
    });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const text = await response.text();
    const lines = text.split("\n");
    expect(lines.filter((line) => line !== "").every((line) => line.startsWith("data: "))).toBe(true);
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    const chunks = lines
      .filter((line) => line.startsWith("data: {"))
      .map((line) => JSON.parse(line.slice(6)) as ChatCompletionChunk);
    for (const chunk of chunks) expect(validateChunk(chunk)).toEqual([]);
    expect(chunks[0]!.choices[0]!.delta).toEqual({ role: "assistant" });
    expect(
      chunks
        .slice(0, -1)
        .every((chunk) => chunk.usage === undefined && chunk.choices[0]!.finish_reason === null),
    ).toBe(true);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("stop");
    expect(chunks.at(-1)!.usage?.completion_tokens).toBeGreaterThan(0);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    const content = chunks.map((chunk) => chunk.choices[0]!.delta.content ?? "").join("");
    expect(content).toBe("Hello there, team. All good.");

    const streamed: string[] = [];
    for await (const chunk of createMaestroClient({ baseUrl: server.url }).chat.completions.stream({
      model: "jamba-mini",
      messages,
    })) {
      streamed.push(chunk.choices[0]?.delta.content ?? "");
    }
    expect(streamed.join("")).toBe("Hello there, team. All good.");
  });

  test("an invalid chat request gets 422", async () => {
    const server = await start();
    const response = await fetch(`${server.url}/studio/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "jamba-mini", messages, n: 2, temperature: 0 }),
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { detail: unknown[] };
    expect(validateHttpError(body)).toEqual([]);
    expect(body.detail.length).toBeGreaterThan(0);
  });
});

describe("startLocalServer: fault injection", () => {
  test("429s carry Retry-After, follow the seed, and the client rides over them", async () => {
    const faults = { routes: { createRun: { tooManyRequests: 0.5 } }, retryAfterSeconds: 0 };
    const statuses = async (seed: number) => {
      const server = await start({ seed, faults });
      const seen: number[] = [];
      for (let index = 0; index < 20; index += 1) {
        const response = await post(server.url, JSON.stringify({ input: "hi" }));
        seen.push(response.status);
        if (response.status === 429) expect(response.headers.get("retry-after")).toBe("0");
      }
      return seen;
    };
    const first = await statuses(3);
    expect(first).toEqual(await statuses(3));
    expect(first).toContain(429);
    expect(first).toContain(200);
    const server = await start({ seed: 3, faults });
    const run = await createMaestroClient({
      baseUrl: server.url,
      retry: { maxRetries: 10, baseDelayMs: 1 },
    }).runs.createAndPoll({ input: "hi" });
    expect(run.status).toBe("completed");
  });

  test("a reset on create happens after the run was accepted, and the client does not create it twice", async () => {
    const server = await start({ faults: { routes: { createRun: { reset: 1 } } } });
    const error = await createMaestroClient({ baseUrl: server.url })
      .runs.create({ input: "hi" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MaestroConnectionError);
    expect(server.store.size).toBe(1);
  });

  test("failed and stuck runs", async () => {
    const failing = await start({ faults: { failedRuns: 1 } });
    const failed = await createMaestroClient({ baseUrl: failing.url }).runs.createAndPoll(
      { input: "hi" },
      { allowFailed: true },
    );
    expect(failed.status).toBe("failed");
    expect(failed.error?.message).toBe("Simulated failure injected by the local server's fault plan");
    expect(validateRun(failed)).toEqual([]);

    const stuck = await start({ faults: { stuckRuns: 1 } });
    await expect(
      createMaestroClient({ baseUrl: stuck.url }).runs.createAndPoll(
        { input: "hi" },
        { timeoutMs: 100, initialIntervalMs: 10 },
      ),
    ).rejects.toThrow(/was still in_progress after/);
  });

  test("500 and 503 on polls are retried by the client", async () => {
    const server = await start({
      seed: 1,
      faults: { routes: { retrieveRun: { serverError: 0.3, unavailable: 0.3 } }, retryAfterSeconds: 0 },
    });
    const maestro = createMaestroClient({
      baseUrl: server.url,
      retry: { maxRetries: 20, baseDelayMs: 1, maxDelayMs: 2 },
    });
    for (let index = 0; index < 5; index += 1) {
      expect(
        (await maestro.runs.createAndPoll({ input: `hi ${index}` }, { initialIntervalMs: 1 })).status,
      ).toBe("completed");
    }
    expect(server.faults.injected["retrieveRun.serverError"] ?? 0).toBeGreaterThan(0);
  });

  test("a request that is not HTTP gets 400 and the server keeps serving", async () => {
    const server = await start();
    const port = Number(new URL(server.url).port);
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => socket.write("NONSENSE\r\n\r\n"));
      let data = "";
      socket.on("data", (chunk) => {
        data += chunk.toString();
      });
      socket.on("close", () => resolve(data));
    });
    expect(reply).toMatch(/^HTTP\/1.1 400/);
    expect((await fetch(`${server.url}/studio/v1/nope`)).status).toBe(404);
  });
});

/** Sends one request with exactly these headers (fetch would set Host and Origin itself). */
function raw(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; json: any }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method, path, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, json: text === "" ? undefined : JSON.parse(text) });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("startLocalServer: requests a web page could send", () => {
  const body = JSON.stringify({ input: "hi" });
  const json = { "content-type": "application/json" };

  test("an Origin that is not this machine gets 403, and no run is created", async () => {
    const server = await start();
    const host = new URL(server.url).host;
    for (const origin of [
      "https://evil.example",
      "null",
      "http://localhost.evil.example",
      "http://10.0.0.1:8080",
    ]) {
      const answer = await raw(
        server.url,
        "POST",
        "/studio/v1/maestro/runs",
        { host, origin, ...json },
        body,
      );
      expect(answer.status).toBe(403);
      expect(answer.json.detail).toBe(
        `Forbidden: a cross-site request from Origin ${JSON.stringify(origin)} was refused. The local server answers programs on this machine (SDKs, curl, maestro-eval), which send no Origin header, and pages served from localhost; a page from elsewhere cannot drive it.`,
      );
      expect(validateErrorDetail(answer.json)).toEqual([]);
    }
    expect(server.stats().runsCreated).toBe(0);
    for (const origin of ["http://localhost:3000", "http://127.0.0.1:5173", "http://[::1]:8080"]) {
      expect(
        (await raw(server.url, "POST", "/studio/v1/maestro/runs", { host, origin, ...json }, body)).status,
      ).toBe(200);
    }
  });

  test("a Host that is not the bound address or localhost gets 403 (DNS rebinding)", async () => {
    const server = await start();
    const port = new URL(server.url).port;
    for (const host of [`rebind.evil.example:${port}`, `192.168.1.20:${port}`, "localhost@evil.example"]) {
      const answer = await raw(server.url, "GET", "/studio/v1/library/files", { host });
      expect(answer.status).toBe(403);
      expect(answer.json.detail).toBe(
        `Forbidden: Host ${JSON.stringify(host)} is not this server's address. Call it as http://127.0.0.1:<port> or http://localhost:<port>; to accept another name (a proxy's, a container's), start it with allowedHosts (serve --allowed-host).`,
      );
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, "127.0.0.1"]) {
      expect((await raw(server.url, "GET", "/studio/v1/library/files", { host })).status).toBe(200);
    }
    const named = await start({ allowedHosts: ["maestro.internal"] });
    expect(
      (await raw(named.url, "GET", "/studio/v1/library/files", { host: "maestro.internal:80" })).status,
    ).toBe(200);
  });

  test("a body that is not declared application/json gets 415 on the JSON routes", async () => {
    const server = await start();
    const host = new URL(server.url).host;
    const cases: [string, string, Record<string, string>][] = [
      ["POST", "/studio/v1/maestro/runs", { "content-type": "text/plain;charset=UTF-8" }],
      ["POST", "/studio/v1/maestro/runs", { "content-type": "application/x-www-form-urlencoded" }],
      ["POST", "/studio/v1/maestro/runs", {}],
      ["POST", "/studio/v1/chat/completions", { "content-type": "text/plain" }],
      [
        "PUT",
        "/studio/v1/library/files/3f2b1c9e-8d7a-4e6f-9a0b-1c2d3e4f5a6b",
        { "content-type": "text/plain" },
      ],
    ];
    for (const [method, path, headers] of cases) {
      const answer = await raw(server.url, method, path, { host, ...headers }, body);
      expect(answer.status).toBe(415);
      expect(answer.json.detail).toBe(
        `Unsupported Media Type: the body must be JSON sent with Content-Type: application/json, got ${
          headers["content-type"] === undefined ? "no Content-Type" : JSON.stringify(headers["content-type"])
        } (with curl: -H "content-type: application/json")`,
      );
    }
    expect(server.stats().runsCreated).toBe(0);
    for (const type of ["application/json; charset=utf-8", "Application/JSON"]) {
      expect(
        (await raw(server.url, "POST", "/studio/v1/maestro/runs", { host, "content-type": type }, body))
          .status,
      ).toBe(200);
    }
    // The library's upload stays multipart.
    const form = new FormData();
    form.append("file", new Blob(["Koalas sleep."]), "koala.txt");
    expect(
      (await fetch(`${server.url}/studio/v1/library/files`, { method: "POST", body: form })).status,
    ).toBe(200);
  });

  test("binding an address that is not loopback needs a token", async () => {
    await expect(startLocalServer({ host: "0.0.0.0" })).rejects.toThrow(
      new RangeError(
        "startLocalServer: binding 0.0.0.0, which is not a loopback address, needs a token: anyone who can reach it could run tools and read the library. Set token (serve --token or MAESTRO_EVAL_SERVER_TOKEN), or bind 127.0.0.1.",
      ),
    );
  });
});
