import { describe, expect, test } from "vitest";
import { composeDraft, createRandom, extractFacts } from "../../../src/sim/index.js";
import { parseRequirement, verify } from "../../../src/verifiers/index.js";

const INPUT = "Write a short note to the team about the launch.";

function compose(satisfy: string[], violate: string[]) {
  return composeDraft({
    facts: extractFacts(INPUT),
    satisfy: satisfy.flatMap((description) => parseRequirement(description).checks),
    violate: violate.flatMap((description) => parseRequirement(description).checks),
    random: createRandom("structure"),
  });
}

describe("composeDraft: the checks written into the finished text", () => {
  test.each([
    "Include at least 3 placeholders like [name]",
    "Highlight at least 2 sections",
    "Use at least 3 words in all caps",
    "Answer with one of the following options: 'My answer is yes.', 'My answer is no.'",
    "Give two different responses separated by ******",
    "Your response must have 2 sections. Mark the beginning of each section with SECTION X.",
    "Paragraph 2 must start with the word Finally",
    "Repeat the request word for word, then answer",
  ])("meets and breaks %j, as the verifiers score it", (description) => {
    const checks = parseRequirement(description).checks;
    const met = compose([description], []);
    expect(met.conflicts).toEqual([]);
    expect(verify(met.text, checks, { input: INPUT }).score, met.text).toBe(1);
    const broken = compose([], [description]);
    expect(broken.conflicts).toEqual([]);
    expect(verify(broken.text, checks, { input: INPUT }).score, broken.text).toBeLessThan(1);
  });

  test("keeps the other checks as planned, and reports what it does not write as a conflict", () => {
    const result = compose(
      ["Use at least 3 words in all caps", "Do not use any commas"],
      ["The letter q should appear at least 3 times"],
    );
    expect(verify(result.text, parseRequirement("Do not use any commas")).score).toBe(1);
    expect(verify(result.text, parseRequirement("Use at least 3 words in all caps")).score).toBe(1);
    expect(result.conflicts.map((conflict) => conflict.reason)).toEqual([
      "the composer does not write a letter's frequency",
    ]);
  });
});
