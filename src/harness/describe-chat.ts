import { validateChatRequest } from "../constraints/index.js";
import {
  type ChatMessage,
  type ChatRequest,
  type CreateRunRequest,
  type MaestroInput,
  type MaestroMessage,
  type MaestroRun,
  publishedChatPrice,
  type Requirement,
  type ScoreSource,
  scoreOverall,
  tokenCostUsd,
} from "../domain/index.js";
import { REPEAT_HEADER, resolveModelProfile } from "../local/index.js";
import { parseRequirement, verify } from "../verifiers/index.js";
import { hashCellRequest } from "./cassettes.js";
import { type CellAssertion, type MaestroSuiteOptions, registerSuite } from "./describe-maestro.js";
import type { MatrixCell, SuiteCase } from "./expand-matrix.js";
import { applyMatrixOverrides } from "./matrix-overrides.js";
import { resumedCell } from "./run-cell.js";

/** One conversation of a chat suite. */
export interface ChatCase extends Omit<SuiteCase, "input" | "request"> {
  messages: readonly ChatMessage[];
}

/** Options of {@link describeChat}. */
export interface ChatSuiteOptions<Case extends ChatCase = ChatCase>
  extends Pick<MaestroSuiteOptions, "cassette" | "timeoutMs" | "requirements"> {
  cases: readonly Case[];
  matrix: { models: readonly string[]; repeats?: number };
  /** Sampling settings for every case: `max_tokens`, `temperature`, `top_p`, `stop`, ... */
  request?: Partial<Omit<ChatRequest, "model" | "messages" | "stream" | "n">>;
  compare?: MaestroSuiteOptions<SuiteCase>["compare"];
}

/** The finish reason of a chat cell's scores: the verifiers scored it, not Maestro. */
export const CHAT_FINISH_REASON = "Scored by maestro-eval's verifiers";

/**
 * Declares a suite over plain Jamba chat completions: one test per case × model × repeat, each making
 * one completion whose answer the deterministic verifiers score against the requirements. The test
 * receives a run shaped like a Maestro run, so the same matchers and reports apply. A requirement no
 * verifier understands scores 0 with a reason that says so: it is never silently met.
 *
 * @example
 * describeChat("greeting", {
 *   cases: [{ name: "hello", messages: [{ role: "user", content: "Greet the team in one sentence." }] }],
 *   requirements: [{ name: "short", description: "Write at most 1 sentence." }],
 *   matrix: { models: ["jamba-mini", "jamba-large"], repeats: 2 },
 * }, ({ run }) => {
 *   expect(run).toMeetRequirement("short");
 * });
 */
export function describeChat<Case extends ChatCase>(
  name: string,
  options: ChatSuiteOptions<Case>,
  assert?: CellAssertion<SuiteCase & Case>,
): void {
  const overridden = applyMatrixOverrides({
    models: options.matrix.models,
    ...(options.matrix.repeats === undefined ? {} : { repeats: options.matrix.repeats }),
  });
  const cells = expandChatMatrix(name, {
    ...options,
    matrix: {
      models: overridden.models,
      ...(overridden.repeats === undefined ? {} : { repeats: overridden.repeats }),
    },
  });
  registerSuite(
    name,
    cells,
    options as Pick<MaestroSuiteOptions<SuiteCase & Case>, "compare" | "cassette" | "timeoutMs">,
    async (cell, harness, cassette) => {
      const chatRequest = (cell.case as unknown as { chatRequest: ChatRequest }).chatRequest;
      const requestHash = hashCellRequest(
        { ...chatRequest, kind: "chat" } as unknown as CreateRunRequest,
        cell.key.repeat,
      );
      const earlier = resumedCell(harness, cell.key, requestHash);
      if (earlier !== undefined) return { requestHash, cellRun: earlier };
      const recorded = cassette.lookup(requestHash);
      if (recorded !== undefined) {
        return {
          requestHash,
          cellRun: {
            cell: cell.key,
            request: cell.request,
            run: recorded.run,
            latencyMs: recorded.latencyMs,
            costUsd: recorded.costUsd,
            backend: "replay",
            scoreSources: readChatScoreSources(recorded.run),
            assertions: [],
          },
        };
      }
      const client = harness.client;
      if (harness.backend === "replay" || client === undefined)
        throw cassette.miss(requestHash, cell.key.key, cell.request);
      const { completion, wallMs } = await harness.semaphore.run(async () => {
        const started = performance.now();
        const answer = await client.chat.completions.create(chatRequest, {
          headers: { [REPEAT_HEADER]: String(cell.key.repeat) },
        });
        return { completion: answer, wallMs: performance.now() - started };
      });
      const text = completion.choices[0]?.message.content ?? "";
      const scored = scoreChat(completion.id, text, cell.request.requirements ?? [], cell.request.input);
      const latencyMs = Math.round(wallMs);
      const local = readChatLocalInfo(completion);
      const costUsd = chatAnswerCostUsd(chatRequest.model, completion.usage, local !== undefined);
      // The local server says which generator answered: a simulated answer is labelled as one, as a run is.
      const run: MaestroRun =
        local === undefined
          ? scored.run
          : {
              ...scored.run,
              x_local: {
                generator: local.generator,
                simulated: local.simulated,
                model: chatRequest.model,
                budget: "low",
                steps: [],
                // Always known here: the local server's answers carry their simulated model's price.
                cost_usd: costUsd ?? 0,
                latency_ms: latencyMs,
              },
            };
      cassette.record({
        requestHash,
        cell: cell.key.key,
        repeat: cell.key.repeat,
        request: cell.request,
        run,
        latencyMs,
        ...(costUsd === undefined ? {} : { costUsd }),
        recordedAt: new Date().toISOString(),
      });
      return {
        requestHash,
        cellRun: {
          cell: cell.key,
          request: cell.request,
          run,
          latencyMs,
          costUsd,
          backend: harness.backend,
          scoreSources: scored.sources,
          assertions: [],
        },
      };
    },
    "chat",
    assert,
  );
}

/**
 * Scores a chat answer with the verifiers into a run shaped like Maestro's; `input`, the messages the
 * answer replies to, lets requirements that refer to the request ("repeat the request first") be checked.
 */
export function scoreChatAnswer(
  id: string,
  text: string,
  requirements: readonly Requirement[],
  input?: MaestroInput,
): MaestroRun {
  return scoreChat(id, text, requirements, input).run;
}

/**
 * Scores a chat answer with the verifiers, and says who scored each requirement: `verifier` when every
 * clause was checked, `partial` when some were not understood, `unscored` when nothing could be checked
 * (the placeholder score 0 is then never counted by the gate). Never `self_assessed`: a chat model is not
 * asked to grade itself.
 */
function scoreChat(
  id: string,
  text: string,
  requirements: readonly Requirement[],
  input?: MaestroInput,
): { run: MaestroRun; sources: Record<string, ScoreSource> } {
  const sources: Record<string, ScoreSource> = {};
  const scored = requirements.map((requirement) => {
    const result = verify(
      text,
      parseRequirement(requirement.description),
      input === undefined ? {} : { input },
    );
    // `partial` is the verifiers' "partly verified": a clause not understood or a check that could not decide.
    sources[requirement.name] =
      result.score === null ? "unscored" : result.verdict === "partial" ? "partial" : "verifier";
    return result.score === null
      ? { score: 0, reason: `Not verifiable without a judge: ${result.reason}` }
      : { score: result.score, reason: result.reason };
  });
  return { run: buildChatRun(id, text, requirements, scored), sources };
}

/** The sources of a recorded chat cell: the verifiers are deterministic, so scoring the text again tells. */
function readChatScoreSources(run: MaestroRun): Record<string, ScoreSource> {
  const requirements = run.requirements_result?.requirements ?? [];
  const text = typeof run.result === "string" ? run.result : "";
  return scoreChat(run.id, text, requirements).sources;
}

/** What the local server says about the generator that answered a chat completion (`meta.x_local`). */
function readChatLocalInfo(completion: {
  meta?: Record<string, unknown> | undefined;
}): { generator: "sim" | "openai" | "scripted"; simulated: boolean } | undefined {
  const local = completion.meta?.x_local as { generator?: unknown; simulated?: unknown } | undefined;
  if (typeof local !== "object" || local === null) return undefined;
  const { generator, simulated } = local;
  if (generator !== "sim" && generator !== "openai" && generator !== "scripted") return undefined;
  return { generator, simulated: simulated === true };
}

function buildChatRun(
  id: string,
  text: string,
  requirements: readonly Requirement[],
  scored: readonly { score: number; reason: string }[],
): MaestroRun {
  return {
    id,
    status: "completed",
    result: text,
    requirements_result: {
      score: scoreOverall(
        requirements,
        scored.map((item) => item.score),
      ),
      finish_reason: CHAT_FINISH_REASON,
      requirements: requirements.map((requirement, index) => ({
        name: requirement.name,
        description: requirement.description,
        is_mandatory: requirement.is_mandatory ?? false,
        score: scored[index]!.score,
        reason: scored[index]!.reason,
      })),
    },
  };
}

function expandChatMatrix(suite: string, options: ChatSuiteOptions<ChatCase>): MatrixCell[] {
  const where = `suite "${suite}"`;
  if (!Array.isArray(options.cases) || options.cases.length === 0)
    throw new TypeError(`describeChat: ${where} needs at least one case in cases`);
  if (!Array.isArray(options.matrix?.models) || options.matrix.models.length === 0) {
    throw new TypeError(`describeChat: ${where} needs at least one model in matrix.models`);
  }
  const repeats = options.matrix.repeats ?? 1;
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > 1000) {
    throw new TypeError(
      `describeChat: ${where} has matrix.repeats ${repeats}; expected a whole number from 1 to 1000`,
    );
  }
  const cells: MatrixCell[] = [];
  const names = new Set<string>();
  for (const [index, chatCase] of options.cases.entries()) {
    if (typeof chatCase?.name !== "string" || chatCase.name.trim() === "")
      throw new TypeError(`describeChat: ${where} case ${index} needs a non-empty name`);
    if (names.has(chatCase.name))
      throw new TypeError(
        `describeChat: ${where} has two cases named "${chatCase.name}"; case names must be unique`,
      );
    names.add(chatCase.name);
    const requirements = chatCase.requirements ?? options.requirements ?? [];
    for (const model of options.matrix.models) {
      const chatRequest: ChatRequest = { ...options.request, model, messages: [...chatCase.messages] };
      const errors = validateChatRequest(chatRequest).filter((issue) => issue.severity === "error");
      if (errors.length > 0) {
        throw new TypeError(
          `describeChat: ${where} case "${chatCase.name}" is invalid: ${errors.map((issue) => issue.msg).join("; ")}`,
        );
      }
      const input: MaestroMessage[] = chatCase.messages.flatMap((message: ChatMessage): MaestroMessage[] =>
        (message.role === "user" || message.role === "assistant") &&
        typeof message.content === "string" &&
        message.content !== ""
          ? [{ role: message.role, content: message.content }]
          : [],
      );
      const request: CreateRunRequest = { input, requirements: [...requirements], models: [model] };
      const suiteCase = { ...chatCase, input, chatRequest } as unknown as SuiteCase;
      for (let repeat = 0; repeat < repeats; repeat += 1) {
        cells.push({
          key: {
            suite,
            case: chatCase.name,
            model,
            budget: "low",
            repeat,
            key: `${suite}/${chatCase.name}/${model}/chat/#${repeat}`,
          },
          case: suiteCase,
          request,
        });
      }
    }
  }
  return cells;
}

/**
 * What a chat answer cost: on the local server, its simulated model's price (as its runs report); from
 * any other endpoint, AI21's published price of the model, or undefined (unknown) when none is published.
 * The simulator's prices are never put on an answer the local server did not give.
 */
export function chatAnswerCostUsd(
  model: string,
  usage: { prompt_tokens: number; completion_tokens: number },
  answeredLocally: boolean,
): number | undefined {
  const price = answeredLocally ? resolveModelProfile(model) : publishedChatPrice(model);
  return price === undefined ? undefined : tokenCostUsd(price, usage);
}
