import type { Budget, CreateRunRequest, Requirement, ScoreSource } from "../domain/index.js";
import type { ParsedRequirement } from "../verifiers/index.js";

/** A requirement as the engine sees it: the request's, and what the verifiers made of it. */
export interface EngineRequirement {
  requirement: Requirement;
  parsed: ParsedRequirement;
}

/** One requirement scored after a step. */
export interface RequirementScore {
  name: string;
  score: number;
  reason: string;
  /** Who scored it: the verifiers (fully or partly), a judge model, or the generator's own assessment. */
  source: Exclude<ScoreSource, "maestro" | "unscored">;
}

/** What a generator is asked for at one step of the engine's loop. */
export interface GenerationRequest {
  run: CreateRunRequest;
  model: string;
  budget: Budget;
  /** The strategy, from 0 (only `high` has more than one). */
  strategy: number;
  /** The step within the strategy, from 0; above 0 it is a refine step. */
  step: number;
  requirements: readonly EngineRequirement[];
  /** The previous step's output and scores, on a refine step. */
  previous?: { text: string; scores: readonly RequirementScore[] };
  /** A seed unique to the run, strategy and step: the same seed gives the same output. */
  seed: string;
  signal?: AbortSignal;
  /** What the run's tools found before the first step, when the request has tools. */
  context?: GenerationContext;
  /**
   * The tokens of the run's input and system prompt, when they were counted already (a large create is
   * counted while it is prepared, off the thread that answers HTTP); otherwise the generator counts them.
   */
  inputTokens?: number;
}

/** What a run's tools found, for the generator to draw its answer from. */
export interface GenerationContext {
  /** Passages found by file_search, then pages found by web_search, best first. */
  passages: readonly string[];
  /** The successful http and mcp tool calls, each response as `key: value` lines. */
  toolResults: readonly { name: string; text: string }[];
}

/** What a generator produced at one step. */
export interface Generation {
  text: string;
  promptTokens: number;
  completionTokens: number;
  /** How long the step takes: simulated for `sim`, measured for real models. */
  latencyMs: number;
  /** The generator's own scores for requirements no verifier or judge can check, by name. */
  selfAssessment?: Readonly<Record<string, { score: number; reason: string }>>;
}

/** Writes the outputs of the local engine. `sim`, `openai` and `scripted` implement it. */
export interface Generator {
  readonly kind: "sim" | "openai" | "scripted";
  /** Whether the outputs come from a simulated model, which every run then says. */
  readonly simulated: boolean;
  generate(request: GenerationRequest): Promise<Generation>;
  /** USD per million prompt and completion tokens of a model. */
  price(model: string): { inputUsdPerMillion: number; outputUsdPerMillion: number };
}
