// Chat completion features beyond plain text: JSON mode (`response_format: {"type": "json_object"}`)
// and function tools (`tools`, answered with `tool_calls` and finish_reason `tool_calls`). The simulated
// answer follows a fixed rule, so the same request always gets the same calls; a generator that talks to
// a real model (`openai`) passes both through instead.
import { createHash } from "node:crypto";
import type { ChatRequest } from "../domain/index.js";
import { planToolCalls, type ToolCandidate } from "./tools/index.js";

/** A tool call as a chat answer carries it: arguments as a JSON string. */
export interface ChatToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/** One choice a generator that speaks chat itself returned. */
export interface ChatCompleterChoice {
  content: string | null;
  toolCalls: ChatToolCall[];
  finishReason: string;
}

/** What {@link ChatCompleter.completeChat} returns. */
export interface ChatCompleterAnswer {
  choices: ChatCompleterChoice[];
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
}

/**
 * A generator backed by a real chat endpoint (the `openai` generator): it answers a chat request with
 * `tools` or `response_format` by sending them on, so the model itself decides the calls and the JSON.
 */
export interface ChatCompleter {
  completeChat(request: ChatRequest, signal: AbortSignal | undefined): Promise<ChatCompleterAnswer>;
}

/** Whether a generator answers chat requests with tools or JSON mode itself. */
export function isChatCompleter(value: object): value is ChatCompleter {
  return typeof (value as Partial<ChatCompleter>).completeChat === "function";
}

/** Whether a chat request asks for JSON mode or offers tools: what {@link ChatCompleter} handles. */
export function usesChatFeatures(request: ChatRequest): boolean {
  return request.response_format?.type === "json_object" || (request.tools?.length ?? 0) > 0;
}

/**
 * The calls the simulated model makes for a chat request: with `tools`, when the conversation's last
 * message is a user turn (after a tool result the model answers in prose), the tools that turn names or
 * describes, by the rule Maestro runs use for http tools (see `planToolCalls`), with arguments read from
 * the turn. Ids are derived from the seed and the call, so the same request gets the same ids.
 */
export function planChatToolCalls(request: ChatRequest, seed: string): ChatToolCall[] {
  const tools = request.tools ?? [];
  const last = request.messages.at(-1);
  if (tools.length === 0 || last?.role !== "user") return [];
  const candidates: ToolCandidate[] = tools.map(({ function: fn }) => ({
    name: fn.name,
    description: fn.description,
    parameters: fn.parameters as ToolCandidate["parameters"],
  }));
  return planToolCalls(last.content, candidates).map((call, index) => ({
    id: `call_${createHash("sha256").update(`${seed}\u0000${index}\u0000${call.name}`).digest("hex").slice(0, 24)}`,
    type: "function" as const,
    function: { name: call.name, arguments: JSON.stringify(call.parameters) },
  }));
}

/**
 * The text of a JSON-mode answer: the generated text when it is a JSON object, or the first JSON object
 * written inside it, and otherwise the text wrapped as `{"answer": "<text>"}`. Either way one JSON object.
 */
export function toJsonObjectText(text: string): string {
  const parse = (candidate: string): string | undefined => {
    try {
      const value: unknown = JSON.parse(candidate);
      return typeof value === "object" && value !== null && !Array.isArray(value)
        ? JSON.stringify(value)
        : undefined;
    } catch {
      return undefined;
    }
  };
  const whole = parse(text.trim());
  if (whole !== undefined) return whole;
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  const inner = start !== -1 && end > start ? parse(text.slice(start, end + 1)) : undefined;
  return inner ?? JSON.stringify({ answer: text.trim() });
}

/**
 * The deltas that stream one choice's tool calls, as AI21's streaming format has them: per call, first
 * `{id, index, type, function: {name}}`, then `{index, function: {arguments}}`.
 */
export function toolCallDeltas(calls: readonly ChatToolCall[]): object[] {
  return calls.flatMap((call, index) => [
    { tool_calls: [{ index, id: call.id, type: "function", function: { name: call.function.name } }] },
    { tool_calls: [{ index, function: { arguments: call.function.arguments } }] },
  ]);
}
