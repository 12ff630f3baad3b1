// Property tests of the embedded local server over real HTTP: every valid generated request is served
// and scored within the contract, every invalid one is refused with exactly the validator's issues.
// The seed comes from MAESTRO_EVAL_SEED when set; on a failure fast-check prints the seed and the
// path that replay it.
import * as fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  chatRequest,
  invalidChatRequest,
  invalidRunRequest,
  runRequest,
} from "../../src/arbitraries/index.js";
import { compileSpecSchema, validateChatRequest, validateRunRequest } from "../../src/constraints/index.js";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatRequest,
  CreateRunRequest,
  IncludeField,
  MaestroRun,
} from "../../src/domain/index.js";
import type { ConstraintIssue } from "../../src/errors/index.js";
import { countTokens, type LocalServer, startLocalServer } from "../../src/local/index.js";

/** Bounded so the file stays well under a minute on 2 cores at timeScale 0. */
const params = (numRuns: number): fc.Parameters<unknown> => ({
  numRuns,
});

const RUNS_PATH = "/studio/v1/maestro/runs";
const CHAT_PATH = "/studio/v1/chat/completions";

const validateRun = compileSpecSchema("MaestroRun");
const validateCompletion = compileSpecSchema("ChatCompletion");
const validateChunk = compileSpecSchema("ChatCompletionChunk");
const validateHttpError = compileSpecSchema("HTTPValidationError");

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer({ timeScale: 0 });
});
afterAll(async () => {
  await server.close();
});

async function postJson(path: string, body: string): Promise<{ status: number; json: any }> {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  return { status: response.status, json: await response.json() };
}

async function pollUntilDone(id: string): Promise<MaestroRun> {
  for (let attempt = 0; attempt < 2_000; attempt += 1) {
    const response = await fetch(`${server.url}${RUNS_PATH}/${id}`);
    expect(response.status).toBe(200);
    const run = (await response.json()) as MaestroRun;
    expect(validateRun(run)).toEqual([]);
    if (run.status !== "in_progress") return run;
    await new Promise((resolve) => setTimeout(resolve, attempt < 10 ? 1 : 10));
  }
  throw new Error(`run ${id} did not finish`);
}

function errorDetail(issues: readonly ConstraintIssue[]) {
  return issues
    .filter((issue) => issue.severity === "error")
    .map(({ loc, msg, type }) => ({ loc, msg, type }));
}

/** The request with requirements_result included, whatever the generator chose. */
function withRequirementsResult(request: CreateRunRequest): CreateRunRequest {
  const include = new Set<IncludeField>(request.include ?? []);
  include.add("requirements_result");
  return { ...request, include: [...include] };
}

describe("startLocalServer: valid run requests", () => {
  test("are accepted with 200 and complete with a requirements_result that keeps the scoring rules", async () => {
    await fc.assert(
      fc.asyncProperty(runRequest().map(withRequirementsResult), async (request) => {
        const created = await postJson(RUNS_PATH, JSON.stringify(request));
        expect(created.status).toBe(200);
        expect(validateRun(created.json)).toEqual([]);
        expect(created.json).toMatchObject({ status: "in_progress", result: null });

        const run = await pollUntilDone(created.json.id);
        expect(run.status).toBe("completed");
        expect(typeof run.result).toBe("string");
        expect(run.x_local?.simulated).toBe(true);
        expect(run.x_local?.budget).toBe(request.budget ?? "low");
        expect(run.data_sources === undefined).toBe(!request.include?.includes("data_sources"));

        const result = run.requirements_result!;
        const requirements = request.requirements ?? [];
        expect(result.requirements.map(({ name }) => name)).toEqual(requirements.map(({ name }) => name));
        const scores = result.requirements.map(({ score }) => score);
        for (const score of [...scores, result.score]) {
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1);
        }
        const mandatoryMissed = result.requirements.some(
          (requirement, index) => requirements[index]?.is_mandatory === true && requirement.score < 1,
        );
        if (mandatoryMissed) expect(result.score).toBe(0);
        else if (scores.length === 0) expect(result.score).toBe(1);
        else {
          const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length;
          expect(Math.abs(result.score - mean)).toBeLessThanOrEqual(1e-6);
        }
        expect(result.finish_reason === "Perfect result achieved").toBe(scores.every((score) => score === 1));
        expect(["Perfect result achieved", "Budget exhausted"]).toContain(result.finish_reason);
        for (const [index, requirement] of result.requirements.entries()) {
          expect(requirement.is_mandatory).toBe(requirements[index]?.is_mandatory ?? false);
          expect(requirement.description).toBe(requirements[index]?.description);
        }
      }),
      params(250),
    );
  }, 60_000);
});

describe("startLocalServer: invalid requests", () => {
  const cases = [
    ["run", RUNS_PATH, invalidRunRequest(), validateRunRequest],
    ["chat", CHAT_PATH, invalidChatRequest(), validateChatRequest],
  ] as const;

  for (const [kind, path, arbitrary, validate] of cases) {
    test(`an invalid ${kind} request gets 422 with exactly the validator's error issues`, async () => {
      await fc.assert(
        fc.asyncProperty(arbitrary, async ({ request, expected, rule }) => {
          const body = JSON.stringify(request);
          // The server validates what it parsed, so the oracle reads the same JSON.
          const sent: unknown = JSON.parse(body);
          const detail = errorDetail(validate(sent));
          const response = await postJson(path, body);
          expect(response.status, rule).toBe(422);
          expect(validateHttpError(response.json)).toEqual([]);
          expect(response.json.detail, rule).toEqual(detail);
          expect(
            detail.map(({ loc, type }) => ({ loc, type })),
            rule,
          ).toContainEqual(expected);
        }),
        params(250),
      );
    }, 30_000);
  }
});

type StreamRead = { chunks: ChatCompletionChunk[]; done: boolean };

function readStream(text: string): StreamRead {
  const events = text.split("\n\n");
  expect(events.pop()).toBe("");
  const chunks: ChatCompletionChunk[] = [];
  let done = false;
  for (const event of events) {
    expect(done).toBe(false);
    expect(event.startsWith("data: ")).toBe(true);
    const data = event.slice("data: ".length);
    if (data === "[DONE]") {
      done = true;
      continue;
    }
    const chunk = JSON.parse(data) as ChatCompletionChunk;
    expect(validateChunk(chunk)).toEqual([]);
    chunks.push(chunk);
  }
  return { chunks, done };
}

function expectChoiceHonoursRequest(content: string, finishReason: string | null, request: ChatRequest) {
  if (request.max_tokens !== undefined) expect(countTokens(content)).toBeLessThanOrEqual(request.max_tokens);
  else expect(finishReason).toBe("stop");
  expect(["stop", "length"]).toContain(finishReason);
  const stops = request.stop === undefined ? [] : [request.stop].flat();
  for (const sequence of stops) expect(content.includes(sequence)).toBe(false);
}

describe("startLocalServer: valid chat requests", () => {
  test("get a ChatCompletion with n choices and consistent usage, or a well-formed stream", async () => {
    await fc.assert(
      fc.asyncProperty(chatRequest(), async (request) => {
        const response = await fetch(`${server.url}${CHAT_PATH}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(request),
        });
        expect(response.status).toBe(200);
        const promptTokens = request.messages.reduce(
          (sum, message) => sum + (typeof message.content === "string" ? countTokens(message.content) : 0),
          0,
        );

        if (request.stream !== true) {
          expect(response.headers.get("content-type")).toBe("application/json");
          const completion = (await response.json()) as ChatCompletion;
          expect(validateCompletion(completion)).toEqual([]);
          expect(completion.choices.map(({ index }) => index)).toEqual(
            Array.from({ length: request.n ?? 1 }, (_, index) => index),
          );
          let completionTokens = 0;
          for (const choice of completion.choices) {
            const content = choice.message.content ?? "";
            expectChoiceHonoursRequest(content, choice.finish_reason, request);
            completionTokens += countTokens(content);
          }
          expect(completion.usage).toEqual({
            prompt_tokens: promptTokens,
            completion_tokens: completionTokens,
            total_tokens: promptTokens + completionTokens,
          });
          return;
        }

        expect(response.headers.get("content-type")).toBe("text/event-stream");
        const { chunks, done } = readStream(await response.text());
        expect(done).toBe(true);
        expect(chunks.length).toBeGreaterThanOrEqual(2);
        expect(new Set(chunks.map(({ id }) => id)).size).toBe(1);
        expect(chunks[0]!.choices[0]!.delta).toEqual({ role: "assistant" });
        const last = chunks.at(-1)!;
        for (const chunk of chunks.slice(0, -1)) {
          expect(chunk.usage ?? undefined).toBeUndefined();
          expect(chunk.choices[0]!.finish_reason).toBeNull();
        }
        const content = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
        expectChoiceHonoursRequest(content, last.choices[0]!.finish_reason, request);
        const completionTokens = countTokens(content);
        expect(last.usage).toEqual({
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens,
          total_tokens: promptTokens + completionTokens,
        });
        // The stream flag is not part of the sample's seed: the same request unstreamed says the same.
        const plain = await postJson(CHAT_PATH, JSON.stringify({ ...request, stream: false }));
        expect(plain.status).toBe(200);
        expect((plain.json as ChatCompletion).choices[0]!.message.content).toBe(content);
      }),
      params(250),
    );
  }, 30_000);
});
