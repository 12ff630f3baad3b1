import { describe, expect, test } from "vitest";
import type { Budget, CreateRunRequest } from "../../../src/domain/index.js";
import {
  BUDGET_STEPS,
  createScriptedGenerator,
  FINISH_REASONS,
  runEngine,
  type ScriptedContext,
} from "../../../src/local/index.js";
import type { Judge } from "../../../src/verifiers/index.js";

describe("BUDGET_STEPS", () => {
  test.each([
    ["low", 1, 1],
    ["medium", 1, 3],
    ["high", 3, 3],
  ] as const)("%s allows %i strategy of %i steps", (budget, strategies, steps) => {
    expect(BUDGET_STEPS[budget]).toEqual({ strategies, steps });
  });

  test("names no other budget", () => {
    expect(Object.keys(BUDGET_STEPS)).toEqual(["low", "medium", "high"]);
  });
});

/** A run whose only requirement asks for at most 2 sentences. */
const request = (budget: Budget): CreateRunRequest => ({
  input: "Describe the weather.",
  requirements: [{ name: "short", description: "Write at most 2 sentences.", is_mandatory: true }],
  budget,
});
const LONG = "It rains. It is cold. It is windy.";
const SHORT = "It rains. It is cold.";

async function engine(budget: Budget, write: (context: ScriptedContext) => string) {
  const seen: string[] = [];
  const generator = createScriptedGenerator({
    outputs: (context) => {
      seen.push(`${context.strategy}/${context.step}`);
      return write(context);
    },
    latencyMsPerStep: 100,
    inputUsdPerMillion: 1,
    outputUsdPerMillion: 2,
  });
  const result = await runEngine(request(budget), { generator, seed: "s", model: "jamba-mini" });
  return { result, seen };
}

describe("runEngine", () => {
  test.each([
    ["low", ["0/0"]],
    ["medium", ["0/0", "0/1", "0/2"]],
    ["high", ["0/0", "0/1", "0/2", "1/0", "1/1", "1/2", "2/0", "2/1", "2/2"]],
  ] as const)("spends the whole %s budget while a requirement stays unmet", async (budget, steps) => {
    const { result, seen } = await engine(budget, () => LONG);
    expect(seen).toEqual(steps);
    expect(result.steps).toHaveLength(steps.length);
    expect(result.latencyMs).toBe(100 * steps.length);
    expect(result.requirementsResult).toMatchObject({ score: 0, finish_reason: FINISH_REASONS.exhausted });
  });

  test.each([
    ["medium", 1, ["0/0", "0/1"]],
    ["high", 4, ["0/0", "0/1", "0/2", "1/0", "1/1"]],
  ] as const)("under %s, stops at the first perfect step", async (budget, perfectAt, steps) => {
    const { result, seen } = await engine(budget, ({ strategy, step }) =>
      strategy * 3 + step >= perfectAt ? SHORT : LONG,
    );
    expect(seen).toEqual(steps);
    expect(result.text).toBe(SHORT);
    expect(result.requirementsResult).toMatchObject({ score: 1, finish_reason: FINISH_REASONS.perfect });
  });

  test("keeps the best step of all strategies, not the last", async () => {
    const generator = createScriptedGenerator({
      outputs: ({ strategy, step }) => (strategy === 1 && step === 0 ? "Nice. Sunny." : "a. b. c. d. e. f."),
    });
    const result = await runEngine(
      {
        input: "Describe the weather.",
        requirements: [
          { name: "short", description: "Write at most 2 sentences." },
          { name: "sunny", description: "Include the keyword 'sunny'" },
        ],
        budget: "high",
      },
      { generator, seed: "s", model: "jamba-mini" },
    );
    expect(result.text).toBe("Nice. Sunny.");
    expect(result.steps.map(({ score }) => score)).toEqual([0, 0, 0, 1]);
  });

  test("costs tokens at the generator's price per million", async () => {
    const { result } = await engine("low", () => SHORT);
    expect(result.costUsd).toBeCloseTo((result.promptTokens * 1 + result.completionTokens * 2) / 1e6, 12);
    expect(result.completionTokens).toBe(7);
  });

  test("a requirement no verifier understands, without judge or self-assessment, scores 0 and says why", async () => {
    const generator = createScriptedGenerator({ outputs: { "*": ["Hello!"] } });
    const result = await runEngine(
      { input: "Greet me.", requirements: [{ name: "tone", description: "Use a friendly tone" }] },
      { generator, seed: "s", model: "jamba-mini" },
    );
    expect(result.requirementsResult.requirements[0]).toEqual({
      name: "tone",
      description: "Use a friendly tone",
      is_mandatory: false,
      score: 0,
      reason:
        "Self-assessed by the simulated model jamba-mini (no verifier understands this requirement and no judge is configured): no self-assessment given",
    });
  });

  /** A run of "Hello!" against one requirement no verifier understands, scored by a judge named grader. */
  const runJudged = (score: Judge["score"]) =>
    runEngine(
      { input: "Greet me.", requirements: [{ name: "tone", description: "Use a friendly tone" }] },
      {
        generator: createScriptedGenerator({ outputs: { "*": ["Hello!"] } }),
        seed: "s",
        model: "jamba-mini",
        judge: { url: "http://127.0.0.1:9/v1", model: "grader", score },
      },
    );

  test("a judge, when given, scores what no verifier understands", async () => {
    const result = await runJudged(async (text) => ({
      verdict: "pass",
      score: text.includes("!") ? 0.9 : 0.1,
      reason: "cheerful",
    }));
    expect(result.requirementsResult.requirements[0]).toMatchObject({
      score: 0.9,
      reason: "judge grader: cheerful",
    });
    expect(result.requirementsResult.score).toBe(0.9);
    expect(result.scoreSources).toEqual({ tone: "judge" });
  });

  test("a judge that fails leaves the generator's own claim standing in, and says the judge failed", async () => {
    const result = await runJudged(async () => ({
      verdict: "error",
      score: null,
      reason: "status 503: busy",
    }));
    expect(result.requirementsResult.requirements[0]?.reason).toBe(
      "Self-assessed by the simulated model jamba-mini (no verifier understands this requirement and the judge gave no score: judge grader: status 503: busy): no self-assessment given",
    );
    expect(result.scoreSources).toEqual({ tone: "self_assessed" });
  });
});
