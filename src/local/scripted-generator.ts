import type { Budget } from "../domain/index.js";
import { countTokens } from "./count-tokens.js";
import type { Generation, GenerationRequest, Generator } from "./generator.js";

/** Where a scripted output is wanted: the model, budget, strategy and step of the engine's loop. */
export interface ScriptedContext {
  model: string;
  budget: Budget;
  strategy: number;
  step: number;
  request: GenerationRequest;
}

/** One scripted output: the text, and optionally self-assessed scores for unverifiable requirements. */
export type ScriptedOutput =
  | string
  | { text: string; selfAssessment?: Record<string, { score: number; reason: string }> };

/** Options of {@link createScriptedGenerator}. */
export interface ScriptedGeneratorOptions {
  /**
   * The outputs: a function of the context, or a table keyed `"model/budget"`, `"model"` or `"*"`
   * (most specific first) whose value lists the output of each step in order, the last repeating.
   */
  outputs:
    | ((context: ScriptedContext) => ScriptedOutput)
    | Readonly<Record<string, readonly ScriptedOutput[]>>;
  /** Simulated latency of each step. Default 0. */
  latencyMsPerStep?: number;
  /** USD per million tokens, for cost figures. Default 0. */
  inputUsdPerMillion?: number;
  outputUsdPerMillion?: number;
}

/**
 * A generator whose outputs the caller supplies per model, budget and step: for unit tests of a
 * team's own pipeline, where the output must be exactly what the test says.
 *
 * @example
 * const generator = createScriptedGenerator({ outputs: { "jamba-mini/low": ["Too long draft..."], "*": ["Short."] } });
 * const server = await startLocalServer({ generator, timeScale: 0 });
 */
export function createScriptedGenerator(options: ScriptedGeneratorOptions): Generator {
  const { outputs } = options;
  if (typeof outputs !== "function" && (typeof outputs !== "object" || outputs === null)) {
    throw new TypeError("createScriptedGenerator: outputs must be a function or a table of outputs");
  }
  return {
    kind: "scripted",
    simulated: true,
    price: () => ({
      inputUsdPerMillion: options.inputUsdPerMillion ?? 0,
      outputUsdPerMillion: options.outputUsdPerMillion ?? 0,
    }),
    async generate(request): Promise<Generation> {
      const context = {
        model: request.model,
        budget: request.budget,
        strategy: request.strategy,
        step: request.step,
        request,
      };
      const output = typeof outputs === "function" ? outputs(context) : pickFromTable(outputs, context);
      const text = typeof output === "string" ? output : output.text;
      const input =
        typeof request.run.input === "string"
          ? request.run.input
          : request.run.input.map((m) => m.content).join("\n");
      return {
        text,
        promptTokens: countTokens(input),
        completionTokens: countTokens(text),
        latencyMs: options.latencyMsPerStep ?? 0,
        ...(typeof output === "object" && output.selfAssessment
          ? { selfAssessment: output.selfAssessment }
          : {}),
      };
    },
  };
}

function pickFromTable(
  table: Readonly<Record<string, readonly ScriptedOutput[]>>,
  context: ScriptedContext,
): ScriptedOutput {
  const list = table[`${context.model}/${context.budget}`] ?? table[context.model] ?? table["*"];
  if (list === undefined || list.length === 0) {
    throw new Error(
      `createScriptedGenerator: no output scripted for ${context.model}/${context.budget}; add "${context.model}/${context.budget}", "${context.model}" or "*"`,
    );
  }
  const index = context.strategy * 3 + context.step;
  return list[Math.min(index, list.length - 1)]!;
}
