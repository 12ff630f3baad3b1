// The `openai` generator against an OpenAI-compatible /v1/chat/completions server started here on
// 127.0.0.1, driven through startLocalServer and the real client: what each step sends, how a refine
// step reports failures, how self-assessment is asked for and read, and how backend failures end a run.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { createMaestroClient } from "../../src/client/index.js";
import { compileSpecSchema } from "../../src/constraints/index.js";
import type { CreateRunRequest, MaestroRun } from "../../src/domain/index.js";
import { createOpenAiGenerator, type LocalServer, startLocalServer } from "../../src/local/index.js";
import { parseRequirement, verify } from "../../src/verifiers/index.js";

type ChatMessage = { role: string; content: string };
type BackendCall = {
  path: string;
  authorization: string | undefined;
  body: { model: string; messages: ChatMessage[]; temperature?: number };
};
type BackendAnswer = { status?: number; text: string };

const GRADER_PROMPT = /^You grade answers\./;
const validateRun = compileSpecSchema("MaestroRun");

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** An OpenAI-style completion body with one choice. */
function completion(content: string, usage = { prompt_tokens: 40, completion_tokens: 12 }): string {
  return JSON.stringify({
    id: "cmpl-test",
    object: "chat.completion",
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  });
}

/**
 * Starts an OpenAI-compatible backend on 127.0.0.1 that records every call and answers with `answer`:
 * generation calls and self-assessment calls (recognised by the grader's system prompt) are numbered
 * separately.
 */
async function startBackend(
  answer: (kind: "generate" | "assess", index: number, call: BackendCall) => BackendAnswer,
) {
  const calls: BackendCall[] = [];
  const counts = { generate: 0, assess: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const call: BackendCall = {
        path: req.url ?? "",
        authorization: req.headers.authorization,
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")),
      };
      calls.push(call);
      const kind = GRADER_PROMPT.test(call.body.messages[0]?.content ?? "") ? "assess" : "generate";
      const { status = 200, text } = answer(kind, counts[kind]++, call);
      res.writeHead(status, { "content-type": "application/json" });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${port}/v1`, calls };
}

async function startWith(backendUrl: string): Promise<LocalServer> {
  const generator = createOpenAiGenerator({
    url: backendUrl,
    models: { "jamba-large": "llama3.1:8b", "*": "qwen2.5:7b" },
    apiKey: "backend-key",
    env: {},
  });
  const server = await startLocalServer({ generator, timeScale: 0 });
  closers.push(() => server.close());
  return server;
}

async function run(server: LocalServer, request: CreateRunRequest): Promise<MaestroRun> {
  const done = await createMaestroClient({ baseUrl: server.url }).runs.createAndPoll(request, {
    initialIntervalMs: 1,
    allowFailed: true,
  });
  expect(validateRun(done)).toEqual([]);
  return done;
}

const INPUT =
  "Summarise the incident report: the east gate sensor failed at 02:10, a guard reset it at 02:40.";
const FOUR_SENTENCES =
  "The sensor failed. It was at the east gate. A guard reset it. That took half an hour.";
const TWO_SENTENCES = "The east gate sensor failed at 02:10. A guard reset it at 02:40.";

describe("createOpenAiGenerator through the local server", () => {
  test("the first step sends the requirements in the system message and the input as the user message", async () => {
    const backend = await startBackend(() => ({ text: completion(TWO_SENTENCES) }));
    const server = await startWith(backend.url);
    const done = await run(server, {
      input: INPUT,
      system_prompt: "You are the night-shift assistant.",
      requirements: [
        { name: "brevity", description: "Write at most 2 sentences.", is_mandatory: true },
        { name: "gate", description: "Mention 'east gate'" },
      ],
      models: ["jamba-large"],
      response_language: "english",
      include: ["requirements_result"],
    });

    expect(backend.calls).toHaveLength(1);
    const [call] = backend.calls;
    expect(call!.path).toBe("/v1/chat/completions");
    expect(call!.authorization).toBe("Bearer backend-key");
    expect(call!.body.model).toBe("llama3.1:8b");
    expect(call!.body.messages).toEqual([
      {
        role: "system",
        content:
          "You are the night-shift assistant.\n\nYour answer must meet every one of these requirements:\n" +
          "- brevity (mandatory): Write at most 2 sentences.\n- gate: Mention 'east gate'\n\n" +
          "Write the answer in english.",
      },
      { role: "user", content: INPUT },
    ]);

    expect(done.status).toBe("completed");
    expect(done.result).toBe(TWO_SENTENCES);
    expect(done.requirements_result).toMatchObject({ score: 1, finish_reason: "Perfect result achieved" });
    expect(done.x_local).toMatchObject({
      generator: "openai",
      simulated: false,
      model: "jamba-large",
      prompt_tokens: 40,
      completion_tokens: 12,
      notes: [],
    });
    expect(done.x_local?.steps).toHaveLength(1);
  });

  test("a refine step sends the previous answer back with the failing requirement and its reason", async () => {
    const backend = await startBackend((_kind, index) => ({
      text: completion(index === 0 ? FOUR_SENTENCES : TWO_SENTENCES),
    }));
    const server = await startWith(backend.url);
    const description = "Write at most 2 sentences.";
    const done = await run(server, {
      input: INPUT,
      requirements: [
        { name: "brevity", description },
        { name: "gate", description: "Mention 'east gate'" },
      ],
      models: ["mistral-small"],
      budget: "medium",
      include: ["requirements_result"],
    });

    expect(backend.calls).toHaveLength(2);
    const first = verify(FOUR_SENTENCES, parseRequirement(description));
    expect(first.score).toBeLessThan(1);
    const refine = backend.calls[1]!.body;
    expect(refine.model).toBe("qwen2.5:7b");
    expect(refine.messages.slice(0, 2)).toEqual(backend.calls[0]!.body.messages);
    expect(refine.messages.slice(2)).toEqual([
      { role: "assistant", content: FOUR_SENTENCES },
      {
        role: "user",
        content: `Revise your answer. These requirements are not fully met:\n- brevity (${description}): scored ${first.score}; ${first.reason}\nReply with the revised answer only.`,
      },
    ]);
    // Only the failing requirement goes back; the one met is not repeated.
    expect(refine.messages.at(-1)!.content).not.toContain("gate");

    expect(done.status).toBe("completed");
    expect(done.result).toBe(TWO_SENTENCES);
    expect(done.requirements_result?.finish_reason).toBe("Perfect result achieved");
    expect(done.x_local?.steps.map(({ step, score }) => ({ step, score }))).toEqual([
      { step: 0, score: (first.score! + 1) / 2 },
      { step: 1, score: 1 },
    ]);
  });

  test("a requirement no verifier understands is self-assessed by the model in a second call", async () => {
    const backend = await startBackend((kind) => ({
      text: completion(
        kind === "generate"
          ? "Hi team! Quick recap: the east gate sensor failed and was reset."
          : '```json\n{"tone": {"score": 0.75, "reason": "warm but a little curt"}}\n```',
      ),
    }));
    const server = await startWith(backend.url);
    const done = await run(server, {
      input: INPUT,
      requirements: [
        { name: "tone", description: "Use a friendly tone" },
        { name: "gate", description: "Mention 'east gate'" },
      ],
      models: ["jamba-large"],
      include: ["requirements_result"],
    });

    expect(backend.calls).toHaveLength(2);
    const assessment = backend.calls[1]!.body;
    expect(assessment.model).toBe("llama3.1:8b");
    expect(assessment.messages[0]!.content).toMatch(GRADER_PROMPT);
    expect(assessment.messages[1]).toEqual({
      role: "user",
      content:
        "Answer:\nHi team! Quick recap: the east gate sensor failed and was reset.\n\nRequirements:\n- tone: Use a friendly tone",
    });

    const [tone, gate] = done.requirements_result!.requirements;
    expect(tone).toMatchObject({
      name: "tone",
      score: 0.75,
      reason:
        "Self-assessed by the model jamba-large (no verifier understands this requirement and no judge is configured): warm but a little curt",
    });
    expect(tone!.reason).not.toMatch(/simulated/);
    expect(gate!.score).toBe(1);
    expect(done.requirements_result!.score).toBeCloseTo(0.875, 6);
    expect(done.x_local?.prompt_tokens).toBe(80);
  });

  test("an unreadable self-assessment scores 0 with a reason that says so", async () => {
    const backend = await startBackend((kind) => ({
      text: completion(kind === "generate" ? "Hello there, friends!" : "I think it is very friendly."),
    }));
    const server = await startWith(backend.url);
    const done = await run(server, {
      input: INPUT,
      requirements: [{ name: "tone", description: "Use a friendly tone" }],
      include: ["requirements_result"],
    });
    expect(done.status).toBe("completed");
    expect(done.requirements_result!.requirements[0]).toMatchObject({
      score: 0,
      reason:
        "Self-assessed by the model jamba-large (no verifier understands this requirement and no judge is configured): the model's self-assessment was unreadable: I think it is very friendly.",
    });
    expect(done.requirements_result!.finish_reason).toBe("Budget exhausted");
  });

  test.each([
    [
      "answers 500",
      { status: 500, text: '{"error":"model not loaded"}' },
      'answered 500: {"error":"model not loaded"}',
    ],
    [
      "answers invalid JSON",
      { text: "<html>bad gateway</html>" },
      "answered with invalid JSON: <html>bad gateway</html>",
    ],
    ["answers without a message", { text: '{"choices":[]}' }, "answered without choices[0].message.content"],
  ])("a backend that %s makes the run end failed with a clear error", async (_name, answer, message) => {
    const backend = await startBackend(() => answer);
    const server = await startWith(backend.url);
    const done = await run(server, { input: INPUT, include: ["requirements_result"] });
    expect(done.status).toBe("failed");
    expect(done.result).toBeNull();
    expect(done.requirements_result).toBeUndefined();
    expect(done.error?.message).toBe(
      `The local engine failed: POST ${backend.url}/chat/completions ${message}`,
    );
  });

  test("an unreachable backend, or one that does not answer in time, fails the run naming the endpoint", async () => {
    const closed = await startBackend(() => ({ text: completion("unused") }));
    const refusedUrl = closed.url;
    await closers.pop()!();
    const refusing = await startWith(refusedUrl);
    const refused = await run(refusing, { input: INPUT });
    expect(refused.status).toBe("failed");
    expect(refused.error?.message).toBe(
      `The local engine failed: POST ${refusedUrl}/chat/completions failed: fetch failed (ECONNREFUSED)`,
    );

    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    closers.push(async () => {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v1`;
    const generator = createOpenAiGenerator({ url: silentUrl, timeoutMs: 100, env: {} });
    const server = await startLocalServer({ generator, timeScale: 0 });
    closers.push(() => server.close());
    const timedOut = await run(server, { input: INPUT });
    expect(timedOut.error?.message).toBe(
      `The local engine failed: POST ${silentUrl}/chat/completions did not answer within 100 ms`,
    );
  });
});
