// How a chat cell's answer becomes a run the matchers and reports read: scored by the rule every score
// maestro-eval computes follows (the verifiers, then a judge for what they cannot decide), priced from
// AI21's published prices, and labelled by the generator that wrote it when the local server answered.
import {
  type MaestroInput,
  type MaestroRun,
  publishedChatPrice,
  type Requirement,
  type ScoreSource,
  scoreOverall,
  tokenCostUsd,
} from "../domain/index.js";
import { resolveModelProfile } from "../local/model-profiles.js";
import type { Judge, VerifyResult } from "../verifiers/index.js";
import { loadVerifiers, type VerifiersModule } from "../verifiers/load-verifiers.js";

/** The finish reason of a chat cell's scores: the verifiers scored it, not Maestro. */
export const CHAT_FINISH_REASON = "Scored by maestro-eval's verifiers";

/** A scored chat answer: the run shaped like Maestro's, and who scored each requirement. */
export interface ScoredChat {
  run: MaestroRun;
  sources: Record<string, ScoreSource>;
}

/** Options of {@link scoreChat}. */
export interface ScoreChatOptions {
  /** The messages the answer replies to: requirements that refer to the request are checked against them. */
  input?: MaestroInput | undefined;
  /** Scores what the verifiers cannot decide; without one such a requirement is `unscored`. */
  judge?: Judge | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Scores a chat answer into a run shaped like Maestro's, by the same rule as the local engine: the
 * verifiers (`verifier`, or `partial` when some clauses were not understood), then the judge when one is
 * configured (`judge`). Where neither gives a score the requirement is `unscored`, a placeholder 0 the
 * gate never counts: a chat model is not asked to grade itself, so no `self_assessed` score exists here.
 * The verifiers are loaded at the first call (a worker loads them while its first answer is awaited).
 */
export async function scoreChat(
  id: string,
  text: string,
  requirements: readonly Requirement[],
  options: ScoreChatOptions = {},
): Promise<ScoredChat> {
  const verifiers = await loadVerifiers();
  const { verifyWithJudge, parseRequirement } = verifiers;
  const results: VerifyResult[] = [];
  for (const requirement of requirements) {
    results.push(
      await verifyWithJudge(text, parseRequirement(requirement.description), {
        input: options.input,
        judge: options.judge,
        signal: options.signal,
      }),
    );
  }
  return toScoredChat(verifiers, id, text, requirements, results);
}

/**
 * Who scored each requirement of a recorded chat run that does not say (recorded before the sources were
 * stored): the verifiers are deterministic, so scoring the text again tells; a requirement only a judge
 * could score reads as `unscored`, as the judge is not asked again.
 */
export async function readChatScoreSources(run: MaestroRun): Promise<Record<string, ScoreSource>> {
  const verifiers = await loadVerifiers();
  const requirements = run.requirements_result?.requirements ?? [];
  const text = typeof run.result === "string" ? run.result : "";
  const results = verifyRequirements(verifiers, text, requirements);
  return toScoredChat(verifiers, run.id, text, requirements, results).sources;
}

/** Each requirement verified on `text` by the verifiers alone; `input` for those that refer to the request. */
export function verifyRequirements(
  { verify, parseRequirement }: Pick<VerifiersModule, "verify" | "parseRequirement">,
  text: string,
  requirements: readonly Requirement[],
  input?: MaestroInput,
): VerifyResult[] {
  return requirements.map((requirement) =>
    verify(text, parseRequirement(requirement.description), input === undefined ? {} : { input }),
  );
}

/** A chat answer's verifier (and judge) results as a run shaped like Maestro's, and who scored each requirement. */
export function toScoredChat(
  { scoreSourceOf }: Pick<VerifiersModule, "scoreSourceOf">,
  id: string,
  text: string,
  requirements: readonly Requirement[],
  results: readonly VerifyResult[],
): ScoredChat {
  const sources: Record<string, ScoreSource> = {};
  const scored = requirements.map((requirement, index) => {
    const result = results[index]!;
    const source = scoreSourceOf(result);
    sources[requirement.name] = source ?? "unscored";
    if (source !== undefined && result.score !== null) return { score: result.score, reason: result.reason };
    const why =
      result.source === "judge" ? "Not scored, the judge gave no score" : "Not verifiable without a judge";
    return { score: 0, reason: `${why}: ${result.reason}` };
  });
  return {
    sources,
    run: {
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
    },
  };
}

/** What the local server says about the generator that answered a chat completion (`meta.x_local`). */
export function readChatLocalInfo(completion: {
  meta?: Record<string, unknown> | undefined;
}): { generator: "sim" | "openai" | "scripted"; simulated: boolean } | undefined {
  const local = completion.meta?.x_local as { generator?: unknown; simulated?: unknown } | undefined;
  if (typeof local !== "object" || local === null) return undefined;
  const { generator, simulated } = local;
  if (generator !== "sim" && generator !== "openai" && generator !== "scripted") return undefined;
  return { generator, simulated: simulated === true };
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
