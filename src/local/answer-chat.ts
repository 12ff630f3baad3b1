import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { ChatChoice, ChatRequest, MaestroMessage } from "../domain/index.js";
import {
  type ChatToolCall,
  isChatCompleter,
  planChatToolCalls,
  toJsonObjectText,
  toolCallDeltas,
  usesChatFeatures,
} from "./chat-features.js";
import { countTokens, splitTokens } from "./count-tokens.js";
import type { Generator } from "./generator.js";
import { seedText } from "./seed-text.js";
import { wait } from "./wait.js";

/** What {@link answerChat} needs from the server. */
export interface AnswerChatOptions {
  generator: Generator;
  seed: string;
  /** The body as sent: it seeds the choices of a request nested too deep to serialise; see `seedText`. */
  body?: string;
  timeScale: number;
  signal: AbortSignal;
}

/** Tokens per streamed chunk: small enough to look like streaming, large enough to stay cheap. */
const TOKENS_PER_CHUNK = 3;

/**
 * Answers a chat completion with the server's generator: `n` choices, `max_tokens` and `stop` honoured
 * (`finish_reason` `length` or `stop`), usage counted, and with `stream: true` server-sent events in
 * AI21's format: a first `{role}` delta, content deltas, a last chunk with `finish_reason` and `usage`,
 * then `data: [DONE]`. `response_format: {"type": "json_object"}` makes every choice one JSON object,
 * and `tools` may be answered with `tool_calls` (finish_reason `tool_calls`, streamed as tool-call
 * deltas): by the simulated rule of `planChatToolCalls`, or, with a generator that talks to a real chat
 * endpoint (`openai`), by that model, both passed through to it.
 */
export async function answerChat(
  request: ChatRequest,
  res: ServerResponse,
  options: AnswerChatOptions,
): Promise<void> {
  const { input, systemPrompt } = readChatInput(request);
  const { stream: _stream, ...sampled } = request;
  const base = `${options.seed}\u0000${seedText(sampled, options.body ?? "")}`;
  const choices: ChatChoice[] = [];
  let latencyMs = 0;
  const plannedCalls = planChatToolCalls(request, base);
  const jsonMode = request.response_format?.type === "json_object";
  let measured: { promptTokens: number; completionTokens: number } | undefined;
  if (isChatCompleter(options.generator) && usesChatFeatures(request)) {
    const answer = await options.generator.completeChat(request, options.signal);
    latencyMs = answer.latencyMs;
    measured = answer;
    for (const [index, choice] of answer.choices.entries()) {
      choices.push({
        index,
        message: {
          role: "assistant",
          content: choice.content,
          ...(choice.toolCalls.length > 0 ? { tool_calls: choice.toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: choice.finishReason,
      });
    }
  }
  for (let index = 0; measured === undefined && index < (request.n ?? 1); index += 1) {
    if (plannedCalls.length > 0) {
      // Decision: a simulated tool-call answer takes no simulated time and writes no text.
      choices.push({
        index,
        message: { role: "assistant", content: null, tool_calls: plannedCalls },
        logprobs: null,
        finish_reason: "tool_calls",
      });
      continue;
    }
    const generation = await options.generator.generate({
      run: { input, ...(systemPrompt === undefined ? {} : { system_prompt: systemPrompt }) },
      model: request.model,
      budget: "low",
      strategy: 0,
      step: 0,
      requirements: [],
      seed: `${base}/${index}`,
      signal: options.signal,
    });
    latencyMs = Math.max(latencyMs, generation.latencyMs);
    const { text, finishReason } = truncate(generation.text, request.max_tokens, request.stop);
    choices.push({
      index,
      // JSON mode: one whole JSON object, even when the text it holds was cut.
      message: { role: "assistant", content: jsonMode ? toJsonObjectText(text) : text },
      logprobs: null,
      finish_reason: finishReason,
    });
  }
  const usage = countChatUsage(request, choices, measured);
  const id = `chat-${randomUUID()}`;
  const waitMs = latencyMs * options.timeScale;

  if (request.stream !== true) {
    await wait(waitMs, options.signal);
    // `meta.x_local` says which generator answered, as a run's `x_local` does, so a chat suite can label
    // simulated answers; AI21's SDKs ignore unknown keys under `meta`.
    const meta = { x_local: { generator: options.generator.kind, simulated: options.generator.simulated } };
    const text = JSON.stringify({ id, model: request.model, choices, usage, meta });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
    return;
  }

  await streamChoice(res, { id, choice: choices[0]!, usage, waitMs, signal: options.signal });
}

/** The conversation as the generator reads it: the system prompt apart, tool results as user turns, a user turn last. */
function readChatInput(request: ChatRequest): { input: MaestroMessage[]; systemPrompt: string | undefined } {
  const input: MaestroMessage[] = [];
  let systemPrompt: string | undefined;
  for (const message of request.messages) {
    if (message.role === "system") systemPrompt = message.content;
    else if (
      (message.role === "user" || message.role === "assistant") &&
      typeof message.content === "string" &&
      message.content !== ""
    ) {
      input.push({ role: message.role, content: message.content });
    } else if (message.role === "tool" && message.content !== "") {
      // A tool's result is what the next answer draws on.
      input.push({ role: "user", content: `Tool result: ${message.content}` });
    }
  }
  if (input.length === 0 || input.at(-1)?.role !== "user") input.push({ role: "user", content: "Continue." });
  return { input, systemPrompt };
}

/** Usage as the endpoint measured it, else counted: every message's tokens, and every choice's text and tool calls. */
function countChatUsage(
  request: ChatRequest,
  choices: readonly ChatChoice[],
  measured: { promptTokens: number; completionTokens: number } | undefined,
): { prompt_tokens: number; completion_tokens: number; total_tokens: number } {
  const promptTokens = request.messages.reduce(
    (sum, message) => sum + (typeof message.content === "string" ? countTokens(message.content) : 0),
    0,
  );
  const completionTokens = choices.reduce(
    (sum, choice) =>
      sum +
      countTokens(choice.message.content ?? "") +
      countTokens(choice.message.tool_calls ? JSON.stringify(choice.message.tool_calls) : ""),
    0,
  );
  return {
    prompt_tokens: measured?.promptTokens ?? promptTokens,
    completion_tokens: measured?.completionTokens ?? completionTokens,
    total_tokens: (measured?.promptTokens ?? promptTokens) + (measured?.completionTokens ?? completionTokens),
  };
}

/**
 * Streams the first choice as AI21 does: a `{role}` delta, its content a few tokens at a time (then its
 * tool-call deltas) spread over the simulated latency, a last chunk with `finish_reason` and `usage`, `[DONE]`.
 */
async function streamChoice(
  res: ServerResponse,
  answer: {
    id: string;
    choice: ChatChoice;
    usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
    waitMs: number;
    signal: AbortSignal;
  },
): Promise<void> {
  const { id, choice, usage, waitMs, signal } = answer;
  const tokens = splitTokens(choice.message.content ?? "");
  const pieces: object[] = [];
  for (let at = 0; at < tokens.length; at += TOKENS_PER_CHUNK)
    pieces.push({ content: tokens.slice(at, at + TOKENS_PER_CHUNK).join("") });
  pieces.push(...toolCallDeltas((choice.message.tool_calls ?? []) as ChatToolCall[]));
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  const send = (chunk: object) => res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  send({ id, choices: [{ index: 0, delta: { role: "assistant" }, logprobs: null, finish_reason: null }] });
  const gap = pieces.length === 0 ? 0 : waitMs / pieces.length;
  for (const delta of pieces) {
    await wait(gap, signal);
    if (signal.aborted || res.destroyed) return;
    send({ id, choices: [{ index: 0, delta, logprobs: null, finish_reason: null }] });
  }
  send({
    id,
    choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: choice.finish_reason }],
    usage,
  });
  res.end("data: [DONE]\n\n");
}

/** Cuts generated text at the first stop sequence, or at `maxTokens` tokens. */
export function truncate(
  text: string,
  maxTokens: number | undefined,
  stop: string | string[] | undefined,
): { text: string; finishReason: "stop" | "length" } {
  let out = text;
  const sequences = stop === undefined ? [] : Array.isArray(stop) ? stop : [stop];
  let cut = -1;
  for (const sequence of sequences) {
    const at = out.indexOf(sequence);
    if (at !== -1 && (cut === -1 || at < cut)) cut = at;
  }
  if (cut !== -1) out = out.slice(0, cut);
  if (maxTokens !== undefined) {
    const tokens = splitTokens(out);
    if (tokens.length > maxTokens)
      return { text: tokens.slice(0, maxTokens).join("").trimStart(), finishReason: "length" };
  }
  return { text: out, finishReason: "stop" };
}
