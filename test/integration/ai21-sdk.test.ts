// AI21's official TypeScript SDK (`ai21` on the npm registry, pinned to 1.1.0 in devDependencies, used
// unchanged) against the local server started in-process: the same steps as the README's "Use AI21's
// SDKs against the local server". The SDK reads AI21_BASE_URL and AI21_API_KEY once, when it is first
// imported (static fields of its AI21EnvConfig), so the variables are set before the dynamic import,
// exactly as `AI21_BASE_URL=... node app.js` would set them.
//
// What the published SDK is, and where it has bugs of its own (none of them worked around here):
// - 1.1.0 is the only version on the registry. It has chat, files and conversational RAG, but no
//   Maestro resource (that exists only on AI21's GitHub, unreleased), so runs go through its generic
//   `post`/`get` methods, which prefix the base URL and send `Authorization: Bearer <key>`.
// - Its Node upload does `await import("form-data")`, a package it does not declare as a dependency:
//   without form-data installed, `files.create` fails. It is a devDependency here for that reason.
// - Its declarations import `FileResponse` from 'types/files/FileResponse', a path that does not resolve
//   from its package, so `files.list` and `files.get` are typed `any` for a caller (annotated here).
// - It types `files.get`'s `creationDate`/`lastUpdated` as `Date` but returns the JSON strings as sent;
//   it types `files.update`/`files.delete` as `Promise<null>` but returns the JSON body when the
//   answer is `application/json`.
// - It throws `AI21Error("Request failed with status <code>. <body>")` for every non-2xx answer and
//   never retries, although it validates a `maxRetries` option (default 3).
//
// The Python SDK (AI21Labs/ai21-python, not installable here) was read instead; the server follows
// what it sends: maestro runs with only the given fields (`remove_not_given`), library uploads as
// multipart with `path`/`labels`/`publicUrl` (None as an empty part), updates as JSON with both
// `publicUrl` and `labels` (null for the one not given, which leaves it unchanged), `offset`/`limit`
// query parameters, and `AI21_API_HOST` read as the whole base including /studio/v1. It maps 401, 422,
// 429, 500 and 503 to its own exceptions and any other non-200 to AI21APIError, reading the body as
// text, which the `{detail}` answers suit.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { compileSpecSchema } from "../../src/constraints/index.js";
import type { MaestroRun } from "../../src/domain/index.js";
import { createOpenAiGenerator, type LocalServer, startLocalServer } from "../../src/local/index.js";

type Sdk = typeof import("ai21");
type Client = InstanceType<Sdk["AI21"]>;

const TOKEN = "local-ci-token";
const validateRun = compileSpecSchema("MaestroRun");
const validateCompletion = compileSpecSchema("ChatCompletion");
const validateChunk = compileSpecSchema("ChatCompletionChunk");

let server: LocalServer;
let guarded: LocalServer;
let sdk: Sdk;
let client: Client;
let directory: string;

beforeAll(async () => {
  server = await startLocalServer({ timeScale: 0 });
  guarded = await startLocalServer({ timeScale: 0, token: TOKEN });
  directory = mkdtempSync(join(tmpdir(), "maestro-eval-ai21-sdk-"));
  // What `maestro-eval serve` prints for the TypeScript SDK. The local server without a token accepts
  // any key, but the SDK refuses to start without one.
  vi.stubEnv("AI21_BASE_URL", `${server.url}/studio/v1`);
  vi.stubEnv("AI21_API_KEY", "any-key");
  sdk = await import("ai21");
  client = new sdk.AI21();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  rmSync(directory, { recursive: true, force: true });
  await Promise.all([server.close(), guarded.close()]);
});

/** Creates a run through the SDK's generic methods and polls it every 20 ms until it is terminal. */
async function createAndPoll(on: Client, body: Record<string, unknown>): Promise<MaestroRun> {
  const created = await on.post<Record<string, unknown>, MaestroRun>("/maestro/runs", { body });
  expect(validateRun(created)).toEqual([]);
  expect(created.status).toBe("in_progress");
  for (;;) {
    const run = await on.get<never, MaestroRun>(`/maestro/runs/${created.id}`);
    expect(validateRun(run)).toEqual([]);
    if (run.status !== "in_progress") return run;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("AI21's TypeScript SDK: chat completions", () => {
  const request = {
    model: "jamba-mini",
    messages: [
      { role: "system" as const, content: "You are a concise assistant." },
      { role: "user" as const, content: "Explain in two sentences why tea is steeped in hot water." },
    ],
  };

  test("a plain completion, and the same one streamed, chunk by chunk", async () => {
    const answer = await client.chat.completions.create(request);
    expect(validateCompletion(answer)).toEqual([]);
    expect(answer.choices).toHaveLength(1);
    const content = answer.choices[0]!.message.content;
    expect(typeof content).toBe("string");
    expect(content!.length).toBeGreaterThan(0);
    expect(answer.choices[0]!.finish_reason).toBe("stop");
    expect(answer.usage.total_tokens).toBe(answer.usage.prompt_tokens + answer.usage.completion_tokens);

    const stream = await client.chat.completions.create({ ...request, stream: true });
    const chunks: unknown[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    for (const chunk of chunks) expect(validateChunk(chunk)).toEqual([]);
    const typed = chunks as {
      choices: { delta: { role?: string; content?: string }; finish_reason: string | null }[];
      usage?: unknown;
    }[];
    expect(typed[0]!.choices[0]!.delta).toEqual({ role: "assistant" });
    expect(typed.map((chunk) => chunk.choices[0]!.delta.content ?? "").join("")).toBe(content);
    expect(typed.at(-1)!.choices[0]!.finish_reason).toBe("stop");
    expect(typed.at(-1)!.usage).toEqual(answer.usage);
    expect(typed.slice(0, -1).every((chunk) => chunk.usage === undefined)).toBe(true);
  });

  test("n choices, and a stop sequence that is left out of the answer", async () => {
    const several = await client.chat.completions.create({ ...request, n: 3, temperature: 0.8 });
    expect(several.choices.map((choice: { index: number }) => choice.index)).toEqual([0, 1, 2]);

    const stopped = await client.chat.completions.create({ ...request, stop: ["."] });
    const content = stopped.choices[0]!.message.content!;
    expect(content.length).toBeGreaterThan(0);
    expect(content).not.toContain(".");
    expect(stopped.choices[0]!.finish_reason).toBe("stop");
  });

  test("a request the API refuses raises AI21Error with the 422 body", async () => {
    const refused = client.chat.completions.create({ ...request, n: 2, temperature: 0 });
    await expect(refused).rejects.toBeInstanceOf(sdk.AI21Error);
    await expect(refused).rejects.toThrow(
      'Request failed with status 422. {"detail":[{"loc":["body","n"],"msg":"n must be 1 when temperature is 0 (every choice would be the same); got 2","type":"value_error.n_with_zero_temperature"}]}',
    );
  });
});

describe("AI21's TypeScript SDK: JSON mode and function tools on the simulated models", () => {
  const orderTool = {
    type: "function" as const,
    function: {
      name: "order_status",
      description: "Shipping status of an order",
      parameters: {
        type: "object" as const,
        properties: { order_id: { type: "string", description: "The order id" } },
        required: ["order_id"],
      },
    },
  };
  const question = { role: "user" as const, content: "What is the shipping status of order_id: A-1042?" };

  test('response_format {"type": "json_object"} answers one JSON object, streamed too', async () => {
    const request = {
      model: "jamba-mini",
      messages: [{ role: "user" as const, content: "Describe green tea in one sentence." }],
      response_format: { type: "json_object" as const },
    };
    const answer = await client.chat.completions.create(request);
    const content = answer.choices[0]!.message.content;
    const parsed: unknown = JSON.parse(content);
    expect(typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)).toBe(true);
    const stream = await client.chat.completions.create({ ...request, stream: true });
    let streamed = "";
    for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? "";
    expect(streamed).toBe(content);
  });

  test("a tool the question names is called with its arguments; the tool's result is answered in prose", async () => {
    const request = { model: "jamba-large", messages: [question], tools: [orderTool] };
    const answer = await client.chat.completions.create(request);
    expect(validateCompletion(answer)).toEqual([]);
    const choice = answer.choices[0]!;
    expect(choice.finish_reason).toBe("tool_calls");
    expect(choice.message.content).toBeNull();
    const calls = choice.message.tool_calls ?? [];
    expect(calls).toHaveLength(1);
    expect(calls[0]!.type).toBe("function");
    expect(calls[0]!.function.name).toBe("order_status");
    expect(JSON.parse(calls[0]!.function.arguments)).toEqual({ order_id: "A-1042" });
    // The same request gets the same call, id included.
    expect((await client.chat.completions.create(request)).choices[0]!.message.tool_calls).toEqual(calls);

    const followUp = await client.chat.completions.create({
      ...request,
      messages: [
        question,
        choice.message,
        { role: "tool", tool_call_id: calls[0]!.id, content: '{"status": "shipped", "eta": "2026-12-08"}' },
      ],
    });
    expect(followUp.choices[0]!.finish_reason).toBe("stop");
    expect(followUp.choices[0]!.message.tool_calls ?? []).toEqual([]);
    expect(followUp.choices[0]!.message.content.length).toBeGreaterThan(0);

    const unrelated = await client.chat.completions.create({
      ...request,
      messages: [{ role: "user", content: "Write a haiku about autumn leaves." }],
    });
    expect(unrelated.choices[0]!.finish_reason).toBe("stop");
  });

  test("streamed tool calls arrive as a name delta, then an arguments delta", async () => {
    const stream = await client.chat.completions.create({
      model: "jamba-mini",
      messages: [question],
      tools: [orderTool],
      stream: true,
    });
    const chunks: unknown[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    for (const chunk of chunks) expect(validateChunk(chunk)).toEqual([]);
    const deltas = (chunks as { choices: { delta: Record<string, unknown> }[] }[]).map(
      (chunk) => chunk.choices[0]!.delta,
    );
    expect(deltas[0]).toEqual({ role: "assistant" });
    expect(deltas[1]).toEqual({
      tool_calls: [
        {
          index: 0,
          id: expect.stringMatching(/^call_/),
          type: "function",
          function: { name: "order_status" },
        },
      ],
    });
    expect(deltas[2]).toEqual({
      tool_calls: [{ index: 0, function: { arguments: '{"order_id":"A-1042"}' } }],
    });
    const last = (chunks as { choices: { finish_reason: string | null }[] }[]).at(-1)!;
    expect(last.choices[0]!.finish_reason).toBe("tool_calls");
  });
});

describe("AI21's TypeScript SDK: Maestro runs through its generic request methods", () => {
  test("create, poll to completion, requirements_result; an unknown run is 404", async () => {
    const run = await createAndPoll(client, {
      input: "Write a short product description for a steel water bottle.",
      requirements: [
        { name: "length", description: "Write up to 3 sentences", is_mandatory: true },
        { name: "brand", description: "Mention the brand name Hydra" },
      ],
      budget: "medium",
      include: ["requirements_result"],
    });
    expect(run.status).toBe("completed");
    expect(typeof run.result).toBe("string");
    expect(run.requirements_result?.requirements.map((item) => item.name)).toEqual(["length", "brand"]);
    for (const item of run.requirements_result?.requirements ?? []) {
      expect(item.score).toBeGreaterThanOrEqual(0);
      expect(item.score).toBeLessThanOrEqual(1);
    }

    const missing = client.get("/maestro/runs/00000000-0000-4000-8000-000000000000");
    await expect(missing).rejects.toThrow('Request failed with status 404. {"detail":"Not Found"}');
  });

  test("optional fields sent as null (as an SDK that sends unset fields as null does) mean unset", async () => {
    const body = {
      input: "Write one sentence about green tea.",
      requirements: [{ name: "short", description: "Write one sentence", is_mandatory: null }],
      include: ["requirements_result"],
    };
    const withNulls = await createAndPoll(client, {
      ...body,
      tools: null,
      models: null,
      budget: null,
      response_language: null,
      tool_resources: null,
      system_prompt: null,
    });
    const without = await createAndPoll(client, body);
    expect(withNulls.status).toBe("completed");
    // null and absent are the same request: the same seed, so the same output and scores.
    expect(withNulls.result).toBe(without.result);
    expect(withNulls.requirements_result).toEqual(without.requirements_result);
    expect(withNulls.x_local?.budget).toBe("low");
  });
});

describe("AI21's TypeScript SDK: the files library, and a run with file_search", () => {
  test("upload from a path, list, get, update, file_search over it, delete", async () => {
    const path = join(directory, "sdk-returns-policy.md");
    writeFileSync(path, "# Returns\n\nUnopened kettles can be returned within 30 days for a full refund.\n");
    const uploaded = await client.files.create({
      file: path,
      labels: ["policy", "returns"],
      path: "policies",
    });
    expect(uploaded.id).toBe(uploaded.fileId);
    const { fileId } = uploaded;

    const listed = await client.files.list({ offset: 0, limit: 100 });
    expect(listed.map((file: { fileId: string }) => file.fileId)).toContain(fileId);
    const file = await client.files.get(fileId);
    expect(file).toMatchObject({
      fileId,
      name: "sdk-returns-policy.md",
      fileType: "md",
      status: "PROCESSED",
      path: "policies",
      labels: ["policy", "returns"],
      publicUrl: null,
    });

    // The SDK sends the file id in the body too; null leaves the public URL as it is.
    await client.files.update({ fileId, labels: ["policy"], publicUrl: null });
    expect(await client.files.get(fileId)).toMatchObject({ labels: ["policy"], publicUrl: null });
    await client.files.update({ fileId, publicUrl: "https://example.com/returns" });
    expect(await client.files.get(fileId)).toMatchObject({
      labels: ["policy"],
      publicUrl: "https://example.com/returns",
    });
    await expect(
      client.files.update({ fileId: "00000000-0000-4000-8000-000000000000", labels: ["x"] }),
    ).rejects.toThrow("Request failed with status 404.");

    const run = await createAndPoll(client, {
      input: "How many days do I have to return an unopened kettle?",
      tools: [{ type: "file_search", labels: ["policy"] }],
      include: ["data_sources"],
    });
    expect(run.status).toBe("completed");
    expect(run.data_sources?.file_search?.map((result) => result.file_id)).toContain(fileId);

    await client.files.delete(fileId);
    await expect(client.files.get(fileId)).rejects.toThrow(
      'Request failed with status 404. {"detail":"Not Found"}',
    );
  });
});

describe("AI21's TypeScript SDK against a server started with a token", () => {
  test("works with the token as its API key and raises 401 with another key", async () => {
    const baseURL = `${guarded.url}/studio/v1`;
    const withToken = new sdk.AI21({ apiKey: TOKEN, baseURL });
    const answer = await withToken.chat.completions.create({
      model: "jamba-large",
      messages: [{ role: "user", content: "Say hello." }],
    });
    expect(answer.choices).toHaveLength(1);
    const run = await createAndPoll(withToken, { input: "Say hello in French." });
    expect(run.status).toBe("completed");
    const path = join(directory, "sdk-token.txt");
    writeFileSync(path, "A file uploaded with the token.");
    const { fileId } = await withToken.files.create({ file: path });
    expect((await withToken.files.get(fileId)).name).toBe("sdk-token.txt");

    const wrongKey = new sdk.AI21({ apiKey: "not-the-token", baseURL });
    await expect(
      wrongKey.chat.completions.create({ model: "jamba-mini", messages: [{ role: "user", content: "Hi" }] }),
    ).rejects.toThrow('Request failed with status 401. {"detail":"Forbidden: Bad or missing API token."}');
    await expect(wrongKey.files.list()).rejects.toThrow("Request failed with status 401.");
  });
});

describe("AI21's TypeScript SDK against the local server's openai generator", () => {
  test("tools and response_format are passed through to the endpoint, and its tool_calls come back", async () => {
    // An OpenAI-compatible endpoint on 127.0.0.1 standing in for Ollama or vLLM: it records each body
    // and calls the first tool offered, or answers JSON.
    const bodies: Record<string, unknown>[] = [];
    const backend = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
        bodies.push(body);
        const tools = body.tools as { function: { name: string } }[] | undefined;
        const message = tools
          ? {
              role: "assistant",
              content: null,
              tool_calls: [
                {
                  id: "call_1",
                  type: "function",
                  function: { name: tools[0]!.function.name, arguments: '{"city":"Oslo"}' },
                },
              ],
            }
          : { role: "assistant", content: '{"colour": "green"}' };
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            choices: [{ index: 0, message, finish_reason: tools ? "tool_calls" : "stop" }],
            usage: { prompt_tokens: 20, completion_tokens: 5, total_tokens: 25 },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => backend.listen(0, "127.0.0.1", resolve));
    const local = await startLocalServer({
      timeScale: 0,
      generator: createOpenAiGenerator({
        url: `http://127.0.0.1:${(backend.address() as AddressInfo).port}/v1`,
        models: { "*": "llama3.1:8b" },
        env: {},
      }),
    });
    try {
      const viaSdk = new sdk.AI21({ apiKey: "any-key", baseURL: `${local.url}/studio/v1` });
      const weather = {
        type: "function" as const,
        function: {
          name: "weather",
          parameters: {
            type: "object" as const,
            properties: { city: { type: "string" } },
            required: ["city"],
          },
        },
      };
      const called = await viaSdk.chat.completions.create({
        model: "jamba-mini",
        messages: [{ role: "user", content: "Weather in Oslo?" }],
        tools: [weather],
        max_tokens: 100,
      });
      expect(called.choices[0]!.finish_reason).toBe("tool_calls");
      expect(called.choices[0]!.message.tool_calls).toEqual([
        { id: "call_1", type: "function", function: { name: "weather", arguments: '{"city":"Oslo"}' } },
      ]);
      expect(called.usage).toEqual({ prompt_tokens: 20, completion_tokens: 5, total_tokens: 25 });
      expect(bodies[0]).toEqual({
        model: "llama3.1:8b",
        messages: [{ role: "user", content: "Weather in Oslo?" }],
        tools: [weather],
        max_tokens: 100,
      });

      const json = await viaSdk.chat.completions.create({
        model: "jamba-mini",
        messages: [{ role: "user", content: "A colour as JSON." }],
        response_format: { type: "json_object" },
      });
      expect(JSON.parse(json.choices[0]!.message.content)).toEqual({ colour: "green" });
      expect(bodies[1]).toMatchObject({ response_format: { type: "json_object" } });
    } finally {
      await local.close();
      await new Promise((resolve) => backend.close(resolve));
    }
  });
});

describe("the README's section on AI21's SDKs", () => {
  test("its example runs as written, in a child process given the two variables", async () => {
    const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const start = readme.indexOf("\n## Use AI21's SDKs against the local server\n");
    expect(start).toBeGreaterThan(-1);
    const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
    const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toBeDefined();
    // Under node_modules so that `import "ai21"` resolves to the installed package; the example's
    // ./policy.md is read from the working directory.
    const scratch = mkdtempSync(join(root, "node_modules", ".readme-ai21-"));
    try {
      writeFileSync(join(scratch, "policy.md"), "# Policy\n\nReturns within 30 days.\n");
      writeFileSync(
        join(scratch, "app.mjs"),
        `${example}\nconsole.log(JSON.stringify({ answer: answer.choices[0].message.content, run: run.id, polled: polled.id, status: polled.status, fileId }));\n`,
      );
      const { stdout } = await promisify(execFile)(process.execPath, [join(scratch, "app.mjs")], {
        cwd: scratch,
        timeout: 60_000,
        env: { ...process.env, AI21_BASE_URL: `${guarded.url}/studio/v1`, AI21_API_KEY: TOKEN },
      });
      const printed = JSON.parse(stdout) as Record<string, string>;
      expect(printed.answer!.length).toBeGreaterThan(0);
      expect(printed.polled).toBe(printed.run);
      expect(["in_progress", "completed"]).toContain(printed.status);
      expect(guarded.library.get(printed.fileId!)?.name).toBe("policy.md");
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
