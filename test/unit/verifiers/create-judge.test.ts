// The judge against a real OpenAI-compatible server on 127.0.0.1, started and closed by each test.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import {
  createJudge,
  JUDGE_SYSTEM_PROMPT,
  parseJudgeAnswer,
  renderJudgePrompt,
  verifyWithJudge,
} from "../../../src/verifiers/index.js";

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: unknown;
}

type Answer = (response: ServerResponse, received: Received) => void;

let server: Server | undefined;

async function startJudgeServer(answer: Answer): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const entry = {
      method: request.method ?? "",
      url: request.url ?? "",
      headers: request.headers,
      body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "null"),
    };
    received.push(entry);
    answer(response, entry);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, received };
}

function completion(content: unknown): string {
  return JSON.stringify({
    id: "chatcmpl-1",
    object: "chat.completion",
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  });
}

function answerWith(status: number, body: string): Answer {
  return (response) => {
    response.writeHead(status, { "content-type": "application/json" }).end(body);
  };
}

afterEach(async () => {
  const running = server;
  server = undefined;
  if (running) await new Promise<void>((resolve) => running.close(() => resolve()));
});

describe("createJudge", () => {
  test("posts the documented prompt to {url}/chat/completions and reads the score", async () => {
    const { url, received } = await startJudgeServer(
      answerWith(200, completion('{"score": 0.8, "reason": "Warm, but a little curt."}')),
    );
    const judge = createJudge({ url: `${url}/`, model: "judge-model", apiKey: "sk-test-123456" });
    const result = await judge.score("Hi. Done.", "Use a friendly tone");
    expect(result).toEqual({ verdict: "fail", score: 0.8, reason: "Warm, but a little curt." });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      method: "POST",
      url: "/v1/chat/completions",
      headers: { authorization: "Bearer sk-test-123456", "content-type": "application/json" },
      body: {
        model: "judge-model",
        temperature: 0,
        max_tokens: 300,
        stream: false,
        messages: [
          { role: "system", content: JUDGE_SYSTEM_PROMPT },
          { role: "user", content: "Requirement: Use a friendly tone\n\n<text>\nHi. Done.\n</text>" },
        ],
      },
    });
  });

  test("sends no authorization header without an API key", async () => {
    const { url, received } = await startJudgeServer(
      answerWith(200, completion('{"score": 1, "reason": "ok"}')),
    );
    await createJudge({ url, model: "m" }).score("t", "d");
    expect(received[0]?.headers.authorization).toBeUndefined();
  });

  test("turns an HTTP error into an error verdict, with the key redacted", async () => {
    const { url } = await startJudgeServer(answerWith(401, '{"error": "bad key sk-test-123456"}'));
    const result = await createJudge({ url, model: "m", apiKey: "sk-test-123456" }).score("t", "d");
    expect(result).toEqual({
      verdict: "error",
      score: null,
      reason: `judge POST ${url}/chat/completions failed: status 401: {"error": "bad key [REDACTED]"}`,
    });
  });

  test("turns a malformed answer into an error verdict, never a score", async () => {
    const { url } = await startJudgeServer(answerWith(200, completion("I'd give it an 8/10.")));
    const result = await createJudge({ url, model: "m" }).score("t", "d");
    expect(result).toEqual({
      verdict: "error",
      score: null,
      reason: 'judge answer is not a JSON object: "I\'d give it an 8/10."',
    });
  });

  test("reports a body that is not a chat completion", async () => {
    const { url } = await startJudgeServer(answerWith(200, "<html>proxy</html>"));
    expect((await createJudge({ url, model: "m" }).score("t", "d")).reason).toBe(
      `judge POST ${url}/chat/completions failed: the response body is not JSON`,
    );
  });

  test("reports a completion without content", async () => {
    const { url } = await startJudgeServer(answerWith(200, JSON.stringify({ choices: [] })));
    expect((await createJudge({ url, model: "m" }).score("t", "d")).reason).toBe(
      `judge POST ${url}/chat/completions failed: the response has no choices[0].message.content string`,
    );
  });

  test("reports a timeout", async () => {
    const { url } = await startJudgeServer((response) => {
      setTimeout(() => response.writeHead(200).end(completion('{"score":1,"reason":"late"}')), 500);
    });
    const result = await createJudge({ url, model: "m", timeoutMs: 50 }).score("t", "d");
    expect(result).toEqual({
      verdict: "error",
      score: null,
      reason: `judge POST ${url}/chat/completions failed: timed out after 50 ms`,
    });
  });

  test("reports a refused connection", async () => {
    const { url } = await startJudgeServer(answerWith(200, "{}"));
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const result = await createJudge({ url, model: "m" }).score("t", "d");
    expect(result).toEqual({
      verdict: "error",
      score: null,
      reason: `judge POST ${url}/chat/completions failed: ECONNREFUSED`,
    });
  });

  test("uses an injected fetch", async () => {
    const calls: string[] = [];
    const judge = createJudge({
      url: "http://judge.invalid/v1",
      model: "m",
      fetch: async (input) => {
        calls.push(String(input));
        return new Response(completion('{"score": 0, "reason": "Rude."}'), { status: 200 });
      },
    });
    expect(await judge.score("t", "d")).toEqual({ verdict: "fail", score: 0, reason: "Rude." });
    expect(calls).toEqual(["http://judge.invalid/v1/chat/completions"]);
  });

  test("throws on misuse with exact messages", () => {
    expect(() => createJudge(null as never)).toThrow(
      new TypeError("createJudge: options must be an object, got null"),
    );
    expect(() => createJudge({ url: "localhost:11434", model: "m" })).toThrow(
      new TypeError('createJudge: url must be an absolute http(s) URL, got "localhost:11434"'),
    );
    expect(() => createJudge({ url: "http://x/v1", model: " " })).toThrow(
      new TypeError('createJudge: model must be a non-empty string, got " "'),
    );
    expect(() => createJudge({ url: "http://x/v1", model: "m", timeoutMs: 0 })).toThrow(
      new RangeError("createJudge: timeoutMs must be a positive number, got 0"),
    );
  });
});

describe("verifyWithJudge with a judge", () => {
  test("asks the judge only for unverifiable requirements", async () => {
    const { url, received } = await startJudgeServer(
      answerWith(200, completion('{"score": 1, "reason": "Friendly throughout."}')),
    );
    const judge = createJudge({ url, model: "judge-model" });
    const judged = await verifyWithJudge("Hi there, lovely to hear from you!", "Use a friendly tone", {
      judge,
    });
    expect(judged).toEqual({
      verdict: "pass",
      score: 1,
      reason: "judge judge-model: Friendly throughout.",
      checks: [],
      unchecked: ["Use a friendly tone"],
      source: "judge",
    });
    const checked = await verifyWithJudge("One.\n\nTwo.", "Write up to 3 paragraphs", { judge });
    expect(checked.source).toBe("verifier");
    expect(received).toHaveLength(1);
  });

  test("gives an error verdict when the judge answers badly", async () => {
    const { url } = await startJudgeServer(answerWith(200, completion('{"score": 7, "reason": "great"}')));
    const judged = await verifyWithJudge("Hi!", "Use a friendly tone", {
      judge: createJudge({ url, model: "m" }),
    });
    expect(judged).toMatchObject({
      verdict: "error",
      score: null,
      reason: "judge m: judge answer's score must be a number within [0, 1], got 7",
      source: "judge",
    });
  });
});

describe("parseJudgeAnswer", () => {
  test.each([
    ['{"score": 0.5, "reason": "Half."}', { verdict: "fail", score: 0.5, reason: "Half." }],
    ['```json\n{"score": 1, "reason": "Yes."}\n```', { verdict: "pass", score: 1, reason: "Yes." }],
    ['<think>hmm</think>\n{"score": 0, "reason": "No."}', { verdict: "fail", score: 0, reason: "No." }],
    ['{"score": 1, "reason": "Yes.", "extra": true}', { verdict: "pass", score: 1, reason: "Yes." }],
  ])("reads %j", (content, expected) => {
    expect(parseJudgeAnswer(content)).toEqual(expected);
  });

  test.each([
    ["", 'judge answer is not a JSON object: ""'],
    ["Score: 1", 'judge answer is not a JSON object: "Score: 1"'],
    ["{score: 1}", 'judge answer is not valid JSON: "{score: 1}"'],
    ['{"score": "1", "reason": "x"}', 'judge answer\'s score must be a number within [0, 1], got "1"'],
    ['{"score": -0.1, "reason": "x"}', "judge answer's score must be a number within [0, 1], got -0.1"],
    ['{"reason": "x"}', "judge answer's score must be a number within [0, 1], got nothing"],
    ['{"score": 1, "reason": ""}', "judge answer's reason must be a non-empty string"],
    ['{"score": 1}', "judge answer's reason must be a non-empty string"],
  ])("rejects %j", (content, reason) => {
    expect(parseJudgeAnswer(content)).toEqual({ verdict: "error", score: null, reason });
  });
});

describe("renderJudgePrompt", () => {
  test("keeps the text inside its tags", () => {
    expect(renderJudgePrompt("a </text> b", "d")).toBe("Requirement: d\n\n<text>\na <\\/text> b\n</text>");
  });

  test("cuts a long text and says so", () => {
    expect(renderJudgePrompt("abcdef", "d", 3)).toBe(
      "Requirement: d\n\n<text>\nabc\n</text>\n(The text was cut to its first 3 of 6 characters.)",
    );
  });
});
