import {
  type Budget,
  type CreateRunRequest,
  type DataSources,
  type LocalRunStep,
  type RequirementsResult,
  scoreOverall,
} from "../domain/index.js";
import { type Judge, parseRequirement, scoreSourceOf, verifyWithJudge } from "../verifiers/index.js";
import type { EngineRequirement, Generation, Generator, RequirementScore } from "./generator.js";
import { runTools, type ToolRuntime } from "./tools/index.js";

/** Options of {@link runEngine}. */
export interface RunEngineOptions {
  generator: Generator;
  /** Scores what the verifiers cannot (see `createJudge`); without it the generator's self-assessment is used. */
  judge?: Judge | undefined;
  /** The run's seed; the same seed and request give the same run. */
  seed: string;
  model: string;
  signal?: AbortSignal | undefined;
  /** Runs the request's tools before the first step; without it, tools are not executed. */
  tools?: ToolRuntime | undefined;
  /** The tokens of the input and system prompt, when counted already (see `GenerationRequest.inputTokens`). */
  inputTokens?: number | undefined;
}

/** What the engine made of a run. */
export interface RunEngineResult {
  text: string;
  requirementsResult: RequirementsResult;
  steps: LocalRunStep[];
  costUsd: number;
  latencyMs: number;
  promptTokens: number;
  completionTokens: number;
  /** Who scored each requirement of the final output, by name: what the run's `x_local.score_sources` says. */
  scoreSources: Record<string, RequirementScore["source"]>;
  /** What the tools retrieved and called, when the request has tools and a tool runtime was given. */
  dataSources?: DataSources;
  /** The labels of the files file_search cited, by file id. */
  fileLabels?: Record<string, string[]>;
}

/** How many strategies and steps each budget allows: Maestro's documented loop, with numbers chosen here. */
export const BUDGET_STEPS: Readonly<Record<Budget, { strategies: number; steps: number }>> = {
  low: { strategies: 1, steps: 1 },
  medium: { strategies: 1, steps: 3 },
  high: { strategies: 3, steps: 3 },
};

/** The two finish reasons the local engine gives. */
export const FINISH_REASONS = { perfect: "Perfect result achieved", exhausted: "Budget exhausted" } as const;

/**
 * Runs Maestro's loop: generate, score every requirement, refine what scored below 1, until every
 * requirement is met or the budget is spent; under `high`, each strategy starts afresh and the best
 * one is kept. The overall score is the mean of the requirement scores, and 0 when a mandatory
 * requirement scored below 1.
 */
export async function runEngine(
  request: CreateRunRequest,
  options: RunEngineOptions,
): Promise<RunEngineResult> {
  const budget = request.budget ?? "low";
  const plan = BUDGET_STEPS[budget];
  const requirements = (request.requirements ?? []).map((requirement) => ({
    requirement,
    parsed: parseRequirement(requirement.description, languageOption(request)),
  }));
  const steps: LocalRunStep[] = [];
  const price = options.generator.price(options.model);
  // Tools run once, before the first step; every step then draws on what they found.
  const tooling =
    options.tools === undefined ? undefined : await runTools(request, options.tools, options.signal);
  let costUsd = 0;
  let latencyMs = tooling?.elapsedMs ?? 0;
  let promptTokens = 0;
  let completionTokens = 0;
  let best: { text: string; scores: RequirementScore[]; overall: number } | undefined;

  for (let strategy = 0; strategy < plan.strategies; strategy += 1) {
    let previous: { text: string; scores: RequirementScore[] } | undefined;
    for (let step = 0; step < plan.steps; step += 1) {
      const generation: Generation = await options.generator.generate({
        run: request,
        model: options.model,
        budget,
        strategy,
        step,
        requirements,
        ...(previous === undefined ? {} : { previous }),
        seed: `${options.seed}/${strategy}/${step}`,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(tooling === undefined ? {} : { context: tooling.context }),
        ...(options.inputTokens === undefined ? {} : { inputTokens: options.inputTokens }),
      });
      costUsd +=
        (generation.promptTokens * price.inputUsdPerMillion +
          generation.completionTokens * price.outputUsdPerMillion) /
        1e6;
      latencyMs += generation.latencyMs;
      promptTokens += generation.promptTokens;
      completionTokens += generation.completionTokens;
      const scores = await scoreRequirements(generation, requirements, options, request.input);
      const overall = scoreOverall(
        requirements.map(({ requirement }) => requirement),
        scores.map((score) => score.score),
      );
      steps.push({ strategy, step, score: overall });
      previous = { text: generation.text, scores };
      if (best === undefined || overall > best.overall) best = { ...previous, overall };
      if (scores.every((score) => score.score >= 1)) break;
    }
    if (best?.scores.every((score) => score.score >= 1)) break;
  }

  const final = best!;
  const perfect = final.scores.every((score) => score.score >= 1);
  return {
    text: final.text,
    requirementsResult: {
      score: final.overall,
      finish_reason: perfect ? FINISH_REASONS.perfect : FINISH_REASONS.exhausted,
      requirements: requirements.map(({ requirement }, index) => ({
        name: requirement.name,
        description: requirement.description,
        is_mandatory: requirement.is_mandatory ?? false,
        score: final.scores[index]!.score,
        reason: final.scores[index]!.reason,
      })),
    },
    steps,
    costUsd,
    latencyMs,
    promptTokens,
    completionTokens,
    scoreSources: Object.fromEntries(
      requirements.map(({ requirement }, index) => [requirement.name, final.scores[index]!.source]),
    ),
    ...(tooling === undefined ? {} : { dataSources: tooling.dataSources, fileLabels: tooling.fileLabels }),
  };
}

/**
 * Scores every requirement by the rule all of maestro-eval's own scores follow (`verifyWithJudge`: the
 * verifiers, then the judge for what they cannot decide); where neither gives a score, the generator's own
 * claim stands in, labelled `self_assessed` so the gate leaves it out by default.
 */
async function scoreRequirements(
  generation: Generation,
  requirements: readonly EngineRequirement[],
  options: RunEngineOptions,
  // The request the text answers: "repeat the request before answering" is checked against it.
  input: CreateRunRequest["input"],
): Promise<RequirementScore[]> {
  const scores: RequirementScore[] = [];
  for (const entry of requirements) {
    const result = await verifyWithJudge(generation.text, entry.parsed, {
      input,
      judge: options.judge,
      signal: options.signal,
    });
    const source = scoreSourceOf(result);
    if (source !== undefined && result.score !== null) {
      scores.push({ name: entry.requirement.name, score: result.score, reason: result.reason, source });
      continue;
    }
    const self = generation.selfAssessment?.[entry.requirement.name];
    const who = options.generator.simulated
      ? `the simulated model ${options.model}`
      : `the model ${options.model}`;
    const why =
      result.source === "judge"
        ? `no verifier understands this requirement and the judge gave no score: ${result.reason}`
        : "no verifier understands this requirement and no judge is configured";
    scores.push({
      name: entry.requirement.name,
      score: self?.score ?? 0,
      reason: `Self-assessed by ${who} (${why}): ${self?.reason ?? "no self-assessment given"}`,
      source: "self_assessed",
    });
  }
  return scores;
}

function languageOption(request: CreateRunRequest) {
  return request.response_language === undefined || request.response_language === "unset"
    ? {}
    : { responseLanguage: request.response_language };
}
