import type { ChatRequest } from "../domain/index.js";
import { MaestroConfigurationError } from "../errors/index.js";
import type { ChatCompleter, ChatCompleterAnswer, ChatToolCall } from "./chat-features.js";
import { countTokens } from "./count-tokens.js";
import type { Generation, GenerationRequest, Generator } from "./generator.js";
import { type ModelProfile, resolveModelProfile } from "./model-profiles.js";

/** Options of {@link createOpenAiGenerator}. */
export interface OpenAiGeneratorOptions {
  /**
   * The OpenAI-compatible API base, up to and including `/v1` (Ollama: `http://127.0.0.1:11434/v1`).
   * Default: `MAESTRO_EVAL_LLM_URL`.
   */
  url?: string | undefined;
  /** Maps the model names of runs to the backend's names (`{"jamba-large": "llama3.1:8b"}`); `"*"` for the rest. */
  models?: Readonly<Record<string, string>>;
  /** Sent as `Authorization: Bearer` when set. Default: `MAESTRO_EVAL_LLM_API_KEY`. */
  apiKey?: string | undefined;
  temperature?: number;
  /** Prices for cost figures, by run model name; the built-in profiles otherwise. */
  profiles?: Readonly<Record<string, Partial<ModelProfile>>>;
  /** Time allowed for one backend call. Default 120,000 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  env?: Record<string, string | undefined>;
}

type ChatMessage = { role: "system" | "user" | "assistant"; content: string };

/**
 * A generator backed by any OpenAI-compatible `/chat/completions` endpoint (Ollama, vLLM, a llama.cpp
 * server), so the same suites run against a self-hosted model. The first step sends the input with the
 * requirements in the system message; each refine step sends the previous answer back with the
 * requirements that scored below 1 and their reasons. Requirements no verifier understands are
 * self-assessed by the same model in a second call that must answer JSON. A chat completion with
 * `tools` or `response_format` is sent on as it is (with `n`, `max_tokens`, `temperature`, `top_p` and
 * `stop`), so the model itself writes the JSON and decides the `tool_calls`.
 */
export function createOpenAiGenerator(options: OpenAiGeneratorOptions = {}): Generator & ChatCompleter {
  const env = options.env ?? process.env;
  const url = (options.url ?? env.MAESTRO_EVAL_LLM_URL ?? "").replace(/\/+$/, "");
  if (url === "") {
    throw new MaestroConfigurationError(
      "createOpenAiGenerator: no endpoint; set MAESTRO_EVAL_LLM_URL (for example http://127.0.0.1:11434/v1) or pass { url }",
    );
  }
  if (!/^https?:\/\//.test(url)) {
    throw new MaestroConfigurationError(
      `createOpenAiGenerator: url must be an http(s) URL, got ${JSON.stringify(url)}`,
    );
  }
  const apiKey = options.apiKey ?? env.MAESTRO_EVAL_LLM_API_KEY;
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 120_000;

  const backendModelOf = (model: string) => options.models?.[model] ?? options.models?.["*"] ?? model;

  const post = createEndpointPost({ url, apiKey, send, timeoutMs });

  const complete = async (model: string, messages: ChatMessage[], signal: AbortSignal | undefined) => {
    const body = await post(
      { model: backendModelOf(model), messages, temperature: options.temperature ?? 0.2 },
      signal,
    );
    const content = body.choices?.[0]?.message?.content;
    if (typeof content !== "string") {
      throw new Error(`POST ${url}/chat/completions answered without choices[0].message.content`);
    }
    return {
      content,
      promptTokens:
        body.usage?.prompt_tokens ?? countTokens(messages.map((message) => message.content).join("\n")),
      completionTokens: body.usage?.completion_tokens ?? countTokens(content),
    };
  };

  return {
    kind: "openai",
    simulated: false,
    async completeChat(request: ChatRequest, signal: AbortSignal | undefined): Promise<ChatCompleterAnswer> {
      const started = Date.now();
      const { stream: _stream, documents: _documents, model, ...rest } = request;
      const body = await post({ ...rest, model: backendModelOf(model) }, signal);
      if (!Array.isArray(body.choices) || body.choices.length === 0) {
        throw new Error(`POST ${url}/chat/completions answered without choices`);
      }
      const choices = body.choices.map((choice) => {
        const content = choice.message?.content;
        return {
          content: typeof content === "string" ? content : null,
          toolCalls: readToolCalls(choice.message?.tool_calls),
          finishReason: typeof choice.finish_reason === "string" ? choice.finish_reason : "stop",
        };
      });
      return {
        choices,
        promptTokens:
          body.usage?.prompt_tokens ??
          countTokens(request.messages.map((message) => message.content ?? "").join("\n")),
        completionTokens:
          body.usage?.completion_tokens ??
          choices.reduce((sum, choice) => sum + countTokens(choice.content ?? ""), 0),
        latencyMs: Date.now() - started,
      };
    },
    price(model) {
      const profile = resolveModelProfile(model, options.profiles);
      return {
        inputUsdPerMillion: profile.inputUsdPerMillion,
        outputUsdPerMillion: profile.outputUsdPerMillion,
      };
    },
    async generate(request: GenerationRequest): Promise<Generation> {
      const started = Date.now();
      const messages = buildMessages(request);
      const answer = await complete(request.model, messages, request.signal);
      let promptTokens = answer.promptTokens;
      let completionTokens = answer.completionTokens;
      const unverifiable = request.requirements.filter(({ parsed }) => parsed.verdict !== "verifiable");
      let selfAssessment: Record<string, { score: number; reason: string }> | undefined;
      if (unverifiable.length > 0) {
        const assessment = await complete(
          request.model,
          assessmentMessages(answer.content, unverifiable),
          request.signal,
        );
        promptTokens += assessment.promptTokens;
        completionTokens += assessment.completionTokens;
        selfAssessment = readSelfAssessment(
          assessment.content,
          unverifiable.map(({ requirement }) => requirement.name),
        );
      }
      return {
        text: answer.content,
        promptTokens,
        completionTokens,
        latencyMs: Date.now() - started,
        ...(selfAssessment === undefined ? {} : { selfAssessment }),
      };
    },
  };
}

/** POSTs a body to the endpoint's /chat/completions and returns the parsed answer, naming the endpoint in every error. */
function createEndpointPost(endpoint: {
  url: string;
  apiKey: string | undefined;
  send: typeof fetch;
  timeoutMs: number;
}): (payload: object, signal: AbortSignal | undefined) => Promise<OpenAiAnswer> {
  const { url, apiKey, send, timeoutMs } = endpoint;
  return async (payload, signal) => {
    const signals = [AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])];
    let response: Response;
    let text: string;
    try {
      response = await send(`${url}/chat/completions`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
        },
        body: JSON.stringify(payload),
        signal: AbortSignal.any(signals),
      });
      text = await response.text();
    } catch (error) {
      // fetch says only "fetch failed" or "The operation was aborted due to timeout": name the endpoint
      // and the cause, since this message is what a failed run shows.
      throw new Error(`POST ${url}/chat/completions ${describeFetchFailure(error, timeoutMs)}`, {
        cause: error,
      });
    }
    if (!response.ok) {
      throw new Error(`POST ${url}/chat/completions answered ${response.status}: ${text.slice(0, 200)}`);
    }
    try {
      return JSON.parse(text) as OpenAiAnswer;
    } catch {
      throw new Error(`POST ${url}/chat/completions answered with invalid JSON: ${text.slice(0, 200)}`);
    }
  };
}

/** The messages that ask the model to grade its own answer on the requirements no verifier reads. */
function assessmentMessages(answer: string, unverifiable: GenerationRequest["requirements"]): ChatMessage[] {
  return [
    {
      role: "system",
      content:
        'You grade answers. Reply with JSON only: an object mapping each requirement name to {"score": number from 0 to 1, "reason": string}.',
    },
    {
      role: "user",
      content: `Answer:\n${answer}\n\nRequirements:\n${unverifiable
        .map(({ requirement }) => `- ${requirement.name}: ${requirement.description}`)
        .join("\n")}`,
    },
  ];
}

/** What the endpoint answers, as far as this generator reads it. */
interface OpenAiAnswer {
  choices?: { message?: { content?: unknown; tool_calls?: unknown }; finish_reason?: unknown }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

/** The well-formed tool calls of an OpenAI-style message; anything else is left out. */
function readToolCalls(value: unknown): ChatToolCall[] {
  if (!Array.isArray(value)) return [];
  const calls: ChatToolCall[] = [];
  for (const item of value) {
    const call = item as { id?: unknown; function?: { name?: unknown; arguments?: unknown } };
    const name = call.function?.name;
    if (typeof call.id !== "string" || typeof name !== "string") continue;
    const args = call.function?.arguments;
    calls.push({
      id: call.id,
      type: "function",
      function: { name, arguments: typeof args === "string" ? args : JSON.stringify(args ?? {}) },
    });
  }
  return calls;
}

function describeFetchFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === "TimeoutError") return `did not answer within ${timeoutMs} ms`;
  const message = error instanceof Error ? error.message : String(error);
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const detail = typeof cause?.code === "string" ? cause.code : cause?.message;
  return `failed: ${message}${typeof detail === "string" && detail !== "" ? ` (${detail})` : ""}`;
}

/** The messages of one step: input and requirements first; on a refine step, the failures to fix. */
export function buildMessages(request: GenerationRequest): ChatMessage[] {
  const messages: ChatMessage[] = [];
  const requirementLines = request.requirements.map(
    ({ requirement }) =>
      `- ${requirement.name}${requirement.is_mandatory ? " (mandatory)" : ""}: ${requirement.description}`,
  );
  const language = request.run.response_language;
  const system = [
    request.run.system_prompt ?? "You are a careful assistant.",
    requirementLines.length > 0
      ? `Your answer must meet every one of these requirements:\n${requirementLines.join("\n")}`
      : "",
    language !== undefined && language !== "unset" ? `Write the answer in ${language}.` : "",
  ]
    .filter(Boolean)
    .join("\n\n");
  messages.push({ role: "system", content: system });
  if (typeof request.run.input === "string") messages.push({ role: "user", content: request.run.input });
  else
    for (const message of request.run.input) messages.push({ role: message.role, content: message.content });
  if (request.previous !== undefined) {
    const failing = request.previous.scores
      .map((score, index) => ({ score, requirement: request.requirements[index]?.requirement }))
      .filter(({ score }) => score.score < 1)
      .map(
        ({ score, requirement }) =>
          `- ${score.name} (${requirement?.description ?? ""}): scored ${score.score}; ${score.reason}`,
      );
    messages.push({ role: "assistant", content: request.previous.text });
    messages.push({
      role: "user",
      content: `Revise your answer. These requirements are not fully met:\n${failing.join("\n")}\nReply with the revised answer only.`,
    });
  }
  return messages;
}

/** Reads a self-assessment answer; anything unreadable scores 0 with a reason that says so. */
export function readSelfAssessment(
  text: string,
  names: readonly string[],
): Record<string, { score: number; reason: string }> {
  let parsed: unknown;
  const json = text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1);
  try {
    parsed = JSON.parse(json);
  } catch {
    parsed = undefined;
  }
  const out: Record<string, { score: number; reason: string }> = {};
  for (const name of names) {
    const item = (parsed as Record<string, { score?: unknown; reason?: unknown }> | undefined)?.[name];
    const score =
      typeof item?.score === "number" && item.score >= 0 && item.score <= 1 ? item.score : undefined;
    out[name] =
      score === undefined
        ? { score: 0, reason: `the model's self-assessment was unreadable: ${text.slice(0, 120)}` }
        : { score, reason: typeof item?.reason === "string" ? item.reason : "no reason given" };
  }
  return out;
}
