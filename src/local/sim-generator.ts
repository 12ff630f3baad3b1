import type { MaestroInput } from "../domain/index.js";
import type { Check } from "../verifiers/index.js";
import { countTokens } from "./count-tokens.js";
import type { Generation, GenerationRequest, Generator } from "./generator.js";
import { type ModelProfile, resolveModelProfile } from "./model-profiles.js";
import { composeOutput, createRandom, extractFacts } from "./sim/index.js";

/** Options of the `sim` generator. */
export interface SimGeneratorOptions {
  /** Profile overrides by model name, merged over the built-in profiles. */
  profiles?: Readonly<Record<string, Partial<ModelProfile>>>;
  /** Every step takes exactly this long (no jitter), whatever the model: for benchmarks that need a fixed latency. */
  fixedLatencyMs?: number;
}

/**
 * The default generator: deterministic simulated models. A draft is built from the input's own
 * sentences and `key: value` facts; each check a requirement implies is met with odds equal to the
 * model's skill, each refine step repairs each failing check with the same odds, and what was met
 * stays met. The text is then written to meet exactly the checks decided, so the verifiers agree
 * with the decision. The same seed gives the same output byte for byte.
 */
export function createSimGenerator(options: SimGeneratorOptions = {}): Generator {
  const profiles = options.profiles ?? {};
  // Every step of a run reads the same input: read its facts once per run.
  const factsOf = new WeakMap<object, ReturnType<typeof extractFacts>>();
  const readFacts = (run: GenerationRequest["run"], context: GenerationRequest["context"]) => {
    let facts = factsOf.get(run);
    if (facts === undefined) {
      facts = extractFacts(run.input, toolDocuments(context));
      factsOf.set(run, facts);
    }
    return facts;
  };
  return {
    kind: "sim",
    simulated: true,
    price(model) {
      const profile = resolveModelProfile(model, profiles);
      return {
        inputUsdPerMillion: profile.inputUsdPerMillion,
        outputUsdPerMillion: profile.outputUsdPerMillion,
      };
    },
    async generate(request: GenerationRequest): Promise<Generation> {
      const profile = resolveModelProfile(request.model, profiles);
      const random = createRandom(request.seed);
      const satisfy: Check[] = [];
      const violate: Check[] = [];
      const selfAssessment: Record<string, { score: number; reason: string }> = {};
      for (const [index, { requirement, parsed }] of request.requirements.entries()) {
        const before = request.previous?.scores[index];
        const keep = before !== undefined && before.score >= 1;
        for (const check of parsed.checks) {
          if (keep || random() < profile.skill) satisfy.push(check);
          else violate.push(check);
        }
        if (parsed.verdict !== "verifiable") {
          const met = keep || random() < profile.skill;
          const score = met ? 1 : Math.round((0.3 + 0.6 * random()) * 100) / 100;
          selfAssessment[requirement.name] = {
            score,
            reason: met ? "the draft was written to meet it" : "the draft only partly meets it",
          };
        }
      }
      const wanted = request.run.response_language;
      const language =
        wanted !== undefined && wanted !== "unset" && random() < (1 + profile.skill) / 2 ? wanted : undefined;
      const text = composeOutput({
        facts: readFacts(request.run, request.context),
        satisfy,
        violate,
        ...(language === undefined ? {} : { language }),
        random,
      });
      const promptText = [
        inputText(request.run.input),
        request.run.system_prompt ?? "",
        ...request.requirements.map(({ requirement }) => requirement.description),
        request.previous?.text ?? "",
        ...toolDocuments(request.context),
      ].join("\n");
      return {
        text,
        promptTokens: countTokens(promptText),
        completionTokens: countTokens(text),
        latencyMs: options.fixedLatencyMs ?? Math.round(profile.latencyMsPerStep * (0.8 + 0.4 * random())),
        selfAssessment,
      };
    },
  };
}

/** What the run's tools found, as documents the draft may quote: passages, then tool responses. */
function toolDocuments(context: GenerationRequest["context"]): string[] {
  if (context === undefined) return [];
  return [...context.passages, ...context.toolResults.map((result) => result.text)];
}

function inputText(input: MaestroInput): string {
  return typeof input === "string" ? input : input.map((message) => message.content).join("\n");
}
