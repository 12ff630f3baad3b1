import { validateChatRequest } from "../constraints/index.js";
import type { ChatMessage, ChatRequest, CreateRunRequest, MaestroMessage } from "../domain/index.js";
import { type CellAssertion, type MaestroSuiteOptions, registerSuite } from "./describe-maestro.js";
import type { MatrixCell, SuiteCase } from "./expand-matrix.js";
import { applyMatrixOverrides } from "./matrix-overrides.js";

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

/**
 * Declares a suite over plain Jamba chat completions: one test per case × model × repeat, each making
 * one completion whose answer the deterministic verifiers score against the requirements. The test
 * receives a run shaped like a Maestro run, so the same matchers and reports apply. Answers are scored
 * by the same rule as the local engine's runs: the verifiers, then the judge (`judge` in the config) for
 * a requirement they cannot decide; with no judge, such a requirement is `unscored`, a placeholder 0 with
 * a reason that says so, never counted by the gate and never silently met.
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
    "chat",
    assert,
  );
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
      const suiteCase: SuiteCase & ChatCase = { ...chatCase, input };
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
          call: { kind: "chat", request: chatRequest },
          request,
        });
      }
    }
  }
  return cells;
}
