// The request reaches the verifiers where scoring happens: the local engine and chat answers check
// "repeat the request first" against the run's input, not against nothing.
import { describe, expect, test } from "vitest";
import { scoreChatAnswer } from "../../../src/harness/index.js";
import { createScriptedGenerator, runEngine } from "../../../src/local/index.js";

const REPEAT = "Repeat the request word for word, then answer.";

describe("the request as context", () => {
  test("the local engine scores a repeat requirement against the run's input", async () => {
    const generator = createScriptedGenerator({
      outputs: () => "Name a colour. Blue.",
      latencyMsPerStep: 1,
      inputUsdPerMillion: 1,
      outputUsdPerMillion: 1,
    });
    const result = await runEngine(
      {
        input: [{ role: "user", content: "Name a colour." }],
        requirements: [{ name: "repeat", description: REPEAT, is_mandatory: true }],
        budget: "low",
      },
      { generator, seed: "s", model: "jamba-mini" },
    );
    expect(result.requirementsResult.requirements[0]).toMatchObject({
      score: 1,
      reason: "the text starts with the request, word for word",
    });
    expect(result.scoreSources).toEqual({ repeat: "verifier" });
  });

  test("a chat answer is scored against the user turns it replies to", () => {
    const requirements = [{ name: "repeat", description: REPEAT }];
    const input = [{ role: "user" as const, content: "Name a colour." }];
    expect(
      scoreChatAnswer("a", "Name a colour. Blue.", requirements, input).requirements_result?.requirements[0],
    ).toMatchObject({ score: 1 });
    expect(
      scoreChatAnswer("b", "Blue.", requirements, input).requirements_result?.requirements[0],
    ).toMatchObject({ score: 0 });
  });
});
