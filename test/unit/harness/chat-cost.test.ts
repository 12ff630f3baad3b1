import { describe, expect, it } from "vitest";
import { publishedChatPrice, tokenCostUsd } from "../../../src/domain/index.js";
import { chatAnswerCostUsd } from "../../../src/harness/score-chat.js";
import { resolveModelProfile } from "../../../src/local/index.js";

const usage = { prompt_tokens: 1_000_000, completion_tokens: 500_000 };

describe("publishedChatPrice: AI21's published prices only", () => {
  it.each([
    ["jamba-mini", { inputUsdPerMillion: 0.2, outputUsdPerMillion: 0.4 }],
    ["jamba-large", { inputUsdPerMillion: 2, outputUsdPerMillion: 8 }],
    ["jamba-mini-1.7", { inputUsdPerMillion: 0.2, outputUsdPerMillion: 0.4 }],
    ["Jamba-Large-1.6", { inputUsdPerMillion: 2, outputUsdPerMillion: 8 }],
  ])("%s has its published price", (model, price) => {
    expect(publishedChatPrice(model)).toEqual(price);
  });

  it.each(["gpt-4o", "jamba-instruct", "jamba-mini-fast", "my-jamba-mini", ""])(
    "%j has no published price",
    (model) => {
      expect(publishedChatPrice(model)).toBeUndefined();
    },
  );

  it("prices tokens per million, prompt and completion apart", () => {
    expect(tokenCostUsd({ inputUsdPerMillion: 2, outputUsdPerMillion: 8 }, usage)).toBe(6);
    expect(
      tokenCostUsd(
        { inputUsdPerMillion: 0.2, outputUsdPerMillion: 0.4 },
        { prompt_tokens: 1000, completion_tokens: 0 },
      ),
    ).toBeCloseTo(0.0002, 12);
  });
});

describe("chatAnswerCostUsd: never the simulator's prices on an answer the local server did not give", () => {
  it("an answer from the local server costs what its simulated model's profile says", () => {
    const profile = resolveModelProfile("gpt-4o");
    expect(chatAnswerCostUsd("gpt-4o", usage, true)).toBeCloseTo(
      profile.inputUsdPerMillion + profile.outputUsdPerMillion / 2,
      12,
    );
  });

  it("an answer from AI21 costs AI21's published price", () => {
    expect(chatAnswerCostUsd("jamba-large", usage, false)).toBe(6);
    expect(chatAnswerCostUsd("jamba-mini", usage, false)).toBeCloseTo(0.4, 12);
  });

  it("an answer from another endpoint for a model with no published price has no cost (unknown), not the simulator's", () => {
    expect(resolveModelProfile("gpt-4o").inputUsdPerMillion).toBeGreaterThan(0);
    expect(chatAnswerCostUsd("gpt-4o", usage, false)).toBeUndefined();
  });
});
