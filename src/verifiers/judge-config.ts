// The judge a run configures (`judge: { url, model }` in maestro-eval.config.ts or defineMaestroConfig):
// the local engine and chat suites ask it for a requirement no verifier understands. Its key comes from
// the environment, never from a config file, and never reaches a worker's provided context or a report.
import { MaestroConfigurationError } from "../errors/index.js";
import { createJudge, type Judge } from "./create-judge.js";

/** Where a run's judge answers: an OpenAI-compatible chat endpoint (`{url}/chat/completions`) and its model. */
export interface JudgeConfig {
  /** The base URL including its version prefix: `http://127.0.0.1:11434/v1` for Ollama. */
  url: string;
  /** The model name sent as `model`. */
  model: string;
}

/** The environment variable the judge's API key is read from, as `maestro-eval verify` reads it. */
export const JUDGE_API_KEY_ENV = "MAESTRO_EVAL_JUDGE_API_KEY";

/**
 * Checks a judge config and builds the judge, its key from {@link JUDGE_API_KEY_ENV}; undefined when none
 * is configured. Errors name `where` and the field.
 */
export function createConfiguredJudge(
  config: unknown,
  where: string,
  env: Record<string, string | undefined> = process.env,
): Judge | undefined {
  if (config === undefined) return undefined;
  const fail = (field: string, message: string) =>
    new MaestroConfigurationError(`${where}: ${field} ${message}`);
  if (typeof config !== "object" || config === null || Array.isArray(config))
    throw fail("judge", 'must be { url: "<http(s) URL>", model: "<name>" }');
  const { url, model, ...rest } = config as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined)
    throw fail(
      `judge.${unknown}`,
      `is not a judge field; expected url and model (the key comes from ${JUDGE_API_KEY_ENV})`,
    );
  if (typeof model !== "string" || model.trim() === "")
    throw fail("judge.model", `must be a non-empty model name, got ${JSON.stringify(model) ?? "undefined"}`);
  const apiKey = env[JUDGE_API_KEY_ENV]?.trim() || undefined;
  try {
    return createJudge({ url: url as string, model, ...(apiKey === undefined ? {} : { apiKey }) });
  } catch (error) {
    throw fail("judge.url", (error as Error).message.replace(/^createJudge: url /, ""));
  }
}
