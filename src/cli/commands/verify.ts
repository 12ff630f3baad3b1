import { readFileSync } from "node:fs";
import { RESPONSE_LANGUAGES, type ResponseLanguage } from "../../domain/index.js";
import { parseMemoryPlace } from "../../harness/project-cache.js";
import {
  type CheckResult,
  createJudge,
  createLanguageCheck,
  type Judge,
  parseRequirement,
  readVerdict,
  type Verdict,
  type VerifyResult,
  verify,
  verifyWithJudge,
} from "../../verifiers/index.js";
import { loadParseMemory, saveParseMemory } from "../../verifiers/parse-memory.js";
import { EXIT } from "../exit-codes.js";
import type { RegisterCommand } from "../register-command.js";

interface VerifyCommandOptions {
  requirement: string[];
  language?: string;
  textFile?: string;
  judgeUrl?: string;
  judgeModel?: string;
}

/** One scored requirement in the command's output. */
interface RequirementOutput extends VerifyResult {
  description: string;
}

/**
 * `maestro-eval verify`: scores a text (stdin or --text-file) against requirement descriptions with the
 * deterministic verifiers, and prints `{checks, score, reason, verdict}` as JSON.
 */
export const registerVerify: RegisterCommand = (program) => {
  program
    .command("verify")
    .description(
      "Score a text (stdin or --text-file) against requirement descriptions with the deterministic verifiers " +
        "and print {verdict, score, reason, checks} as JSON. Exit 0 when every requirement passes, 1 when any " +
        "fails, is partial or is unverifiable, 2 when the judge could not be reached, 3 on usage errors.",
    )
    .option(
      "--requirement <description>",
      "a requirement description, such as 'Write up to 3 paragraphs' (repeat for a set)",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option("--language <language>", `Maestro's response_language (${RESPONSE_LANGUAGES.join(", ")})`)
    .option("--text-file <path>", "read the text from this file instead of stdin")
    .option(
      "--judge-url <url>",
      "OpenAI-compatible base URL with its /v1, for requirements no verifier understands",
    )
    .option("--judge-model <model>", "the judge's model name (key from MAESTRO_EVAL_JUDGE_API_KEY)")
    .action(async (options: VerifyCommandOptions) => {
      const usage = (message: string): void => {
        console.error(`maestro-eval verify: ${message}`);
        process.exitCode = EXIT.usage;
      };
      if (options.requirement.length === 0) {
        usage('give at least one --requirement "<description>"');
        return;
      }
      const language = options.language?.toLowerCase();
      if (language !== undefined && !RESPONSE_LANGUAGES.includes(language as ResponseLanguage)) {
        usage(
          `--language must be one of ${RESPONSE_LANGUAGES.join(", ")}, got ${JSON.stringify(options.language)}`,
        );
        return;
      }
      if ((options.judgeUrl === undefined) !== (options.judgeModel === undefined)) {
        usage("--judge-url and --judge-model go together");
        return;
      }
      let judge: Judge | undefined;
      if (options.judgeUrl !== undefined && options.judgeModel !== undefined) {
        const apiKey = process.env.MAESTRO_EVAL_JUDGE_API_KEY;
        try {
          judge = createJudge({
            url: options.judgeUrl,
            model: options.judgeModel,
            ...(apiKey ? { apiKey } : {}),
          });
        } catch (error) {
          usage((error as Error).message);
          return;
        }
      }
      let text: string;
      try {
        text = await readText(options.textFile);
      } catch (error) {
        usage((error as Error).message);
        return;
      }

      const responseLanguage = language as ResponseLanguage | undefined;
      const parseOptions = responseLanguage === undefined ? {} : { responseLanguage };
      // The descriptions a run, a lint or this command parsed before in this project need no pattern compiled.
      const memory = parseMemoryPlace(process.cwd());
      if (memory !== undefined) loadParseMemory(memory);
      const requirements: RequirementOutput[] = [];
      for (const description of options.requirement) {
        const parsed = parseRequirement(description, parseOptions);
        const result = await verifyWithJudge(text, parsed, { judge });
        requirements.push({ description, ...result });
      }
      if (memory !== undefined) saveParseMemory(memory);
      const languageCheck =
        responseLanguage === undefined ? undefined : createLanguageCheck(responseLanguage);
      if (languageCheck !== undefined) {
        requirements.push({ description: languageCheck.source, ...verify(text, [languageCheck]) });
      }
      const output = combine(requirements);
      process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
      process.exitCode = requirements.some((item) => item.verdict === "error")
        ? EXIT.infrastructure
        : requirements.every((item) => item.verdict === "pass" || item.verdict === "partial")
          ? EXIT.ok
          : EXIT.gateFailed;
    });
};

async function readText(file: string | undefined): Promise<string> {
  if (file !== undefined) {
    try {
      return readFileSync(file, "utf8");
    } catch (error) {
      throw new Error(
        `cannot read --text-file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }
  if (process.stdin.isTTY) throw new Error("no text: pipe it on stdin or pass --text-file <path>");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The command's output: one requirement's result as it is, or for a set the mean of the scored
 * requirements, every check, and one result per requirement.
 */
function combine(requirements: RequirementOutput[]): VerifyResult & { requirements: RequirementOutput[] } {
  const checks: CheckResult[] = requirements.flatMap((item) => item.checks);
  const unchecked = requirements.flatMap((item) => item.unchecked);
  if (requirements.length === 1) {
    const [only] = requirements;
    const { description: _description, ...result } = only!;
    return { ...result, requirements };
  }
  const scored = requirements.filter((item) => item.score !== null);
  const reason = requirements.map((item) => `${item.description}: ${item.reason}`).join(" || ");
  const hasError = requirements.some((item) => item.verdict === "error");
  const source = requirements.some((item) => item.source === "judge") ? "judge" : "verifier";
  if (scored.length === 0) {
    const verdict: Verdict = hasError ? "error" : "unverifiable";
    return { verdict, score: null, reason, checks, unchecked, source, requirements };
  }
  // The set's score is the mean of the requirements that could be scored; the exit code still fails
  // when any requirement is unverifiable, because it is not known to be met.
  const score =
    Math.round((scored.reduce((sum, item) => sum + (item.score ?? 0), 0) / scored.length) * 1e6) / 1e6;
  // A set met in what was checked but with a requirement only partly verified is itself partly verified.
  const partly = requirements.some((item) => item.verdict === "partial" || item.score === null);
  const verdict: Verdict = readVerdict(score) === "pass" && partly ? "partial" : readVerdict(score);
  return { verdict, score, reason, checks, unchecked, source, requirements };
}
