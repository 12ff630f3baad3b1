import type { MaestroInput } from "../domain/index.js";
import { composeOutput, createRandom, extractFacts } from "../sim/index.js";
import type { Check } from "../verifiers/index.js";
import { countInputTokens, countTokens, countTokensInTurns, inputText } from "./count-tokens.js";
import type { Generation, GenerationRequest, Generator } from "./generator.js";
import { type ModelProfile, resolveModelProfile } from "./model-profiles.js";
import { nextTurn } from "./next-turn.js";

/**
 * The most characters of the input, and of each tool document, the simulated models read facts from.
 * Reading facts costs more than linear time (2 MiB took 4.6 s), and the server answers every request
 * on one thread: past this, a draft quotes only what the beginning says.
 */
export const SIM_MAX_FACT_CHARS = 32 * 1024;

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
  // Every step of a run reads the same input: read its facts, and count its tokens, once per run.
  const factsOf = new WeakMap<object, ReturnType<typeof extractFacts>>();
  const readFacts = (run: GenerationRequest["run"], context: GenerationRequest["context"]) => {
    let facts = factsOf.get(run);
    if (facts === undefined) {
      facts = extractFacts(
        capInput(run.input),
        toolDocuments(context).map((document) => capText(document)),
      );
      factsOf.set(run, facts);
    }
    return facts;
  };
  const fixedTokensOf = new WeakMap<object, Promise<number>>();
  const countFixedTokens = ({ run, context, inputTokens }: GenerationRequest) => {
    let tokens = fixedTokensOf.get(run);
    if (tokens === undefined) {
      tokens = (async () => {
        let sum = inputTokens ?? countInputTokens(run, await countTokensInTurns(inputText(run.input)));
        for (const document of toolDocuments(context)) sum += await countTokensInTurns(document);
        return sum;
      })();
      fixedTokensOf.set(run, tokens);
    }
    return tokens;
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
      // Each step on its own turn of the event loop: a run's steps never hold the server up together.
      await nextTurn();
      const fixedTokens = await countFixedTokens(request);
      // Reading the input's facts (once per run) and writing the draft each take a turn of their own.
      await nextTurn();
      const facts = readFacts(request.run, request.context);
      await nextTurn();
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
        facts,
        satisfy,
        violate,
        ...(language === undefined ? {} : { language }),
        random,
      });
      // The prompt is the input, system prompt, requirements, previous draft and tool documents, joined
      // by new lines; no token spans white space, so their counts add up to the joined text's.
      const stepText = [
        ...request.requirements.map(({ requirement }) => requirement.description),
        request.previous?.text ?? "",
      ].join("\n");
      return {
        text,
        promptTokens: fixedTokens + countTokens(stepText),
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

/** The beginning of a text, at most {@link SIM_MAX_FACT_CHARS}, cut at a line end when there is one. */
function capText(text: string): string {
  if (text.length <= SIM_MAX_FACT_CHARS) return text;
  const head = text.slice(0, SIM_MAX_FACT_CHARS);
  const line = head.lastIndexOf("\n");
  return line > SIM_MAX_FACT_CHARS / 2 ? head.slice(0, line) : head;
}

/**
 * The input the simulated models read facts from: a string cut to {@link SIM_MAX_FACT_CHARS}; every
 * message of a conversation kept (the last one is the instruction), each cut to its share of it.
 */
function capInput(input: MaestroInput): MaestroInput {
  if (typeof input === "string") return capText(input);
  const share = Math.max(256, Math.floor(SIM_MAX_FACT_CHARS / Math.max(1, input.length)));
  return input.map((message) =>
    message.content.length <= share ? message : { ...message, content: message.content.slice(0, share) },
  );
}
