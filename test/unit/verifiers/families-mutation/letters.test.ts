// The letters family's readings and reasons that the corpus leaves open (found by mutation testing, npm run
// test:mutation): each bound phrasing before or after the letter, negated frequencies ("must not appear
// more than 3 times" is at most 3, a negated exact count says too little), "use the letter z" as at least
// once, and the reasons: none allowed, exactly, at most, at least, one time or several.
import { describe, expect, test } from "vitest";
import { type Check, parseRequirement, verify, verifyRequirement } from "../../../../src/verifiers/index.js";
import { expectScored } from "./expect-scored.js";

/** The checks of a description without their `source`, and what was left unchecked. */
function read(description: string): { checks: object[]; unchecked: readonly string[] } {
  const parsed = parseRequirement(description);
  return {
    checks: parsed.checks.map(({ source: _source, ...check }: Check) => check),
    unchecked: parsed.unchecked,
  };
}

describe("letter counts read from their phrasing", () => {
  test.each<[string, string, { min?: number; max?: number }]>([
    ["The letter q should appear at most 3 times", "q", { max: 3 }],
    ["the letter z must appear more than 2 times", "z", { min: 3 }],
    ["the letter x should appear fewer than 3 times", "x", { max: 2 }],
    ["Use the letter z exactly 4 times", "z", { min: 4, max: 4 }],
    ["Include at least 5 instances of the letter 'k'", "k", { min: 5 }],
    ["At least 5 instances of the letter k", "k", { min: 5 }],
    ["the letter z should appear at least 1 time", "z", { min: 1 }],
    ["the letter z should appear exactly once", "z", { min: 1, max: 1 }],
    ["The letter q should  appear at least 3 times", "q", { min: 3 }],
    // A bare frequency is a minimum, as IFEval counts it.
    ["The letter q should appear twice", "q", { min: 2 }],
    // Asked to use the letter, at least once; told not to, none.
    ["Use the letter z", "z", { min: 1 }],
    ["the letter e must not appear", "e", { max: 0 }],
    ["Don't use the letter e", "e", { max: 0 }],
    // A negated minimum is a maximum below it.
    ["the letter e must not appear more than 3 times", "e", { max: 3 }],
    ["the letter e should not appear at least 3 times", "e", { max: 2 }],
    // Between the letter and its frequency: a comma, a modal, "not", up to three words, any spacing.
    ["Use the letter q, at least 3 times", "q", { min: 3 }],
    ["The letter q should  always be used at least 3 times", "q", { min: 3 }],
    ["The letter q appears  at least 3 times", "q", { min: 3 }],
    ["the letter e must not  ever be used more than 3 times", "e", { max: 3 }],
    // Negated after the letter, with or without a modal, any spacing.
    ["the letter e never appears", "e", { max: 0 }],
    ["the letter e  should not appear", "e", { max: 0 }],
    ["the letter e must  not appear", "e", { max: 0 }],
    // "use" or "include" up to twenty characters before the letter.
    ["Include also the letter z", "z", { min: 1 }],
  ])("%j", (description, letter, bounds) => {
    expect(read(description)).toStrictEqual({
      checks: [{ kind: "letter_count", letter, ...bounds }],
      unchecked: [],
    });
  });

  test.each([
    // A negated exact count says too little; "ab" is not a letter.
    "the letter e must not appear exactly 3 times",
    "the letter ab should appear twice",
    // A letter with neither a frequency, "appear" within forty characters, nor "use" just before it.
    "The letter q is my favourite",
    "The letter q is the one that I like the most in the whole world so it should appear",
    "Use simple words and short sentences and the letter q",
  ])("leaves %j unchecked", (description) => {
    expect(read(description)).toStrictEqual({ checks: [], unchecked: [description] });
  });
});

describe("what a letter count reads and leaves", () => {
  test("a negation after the letter is read up to its frequency, not further", () => {
    expect(read("The letter z should appear at least 2 times and never the letter y")).toStrictEqual({
      checks: [
        { kind: "letter_count", letter: "z", min: 2 },
        { kind: "letter_count", letter: "y", max: 0 },
      ],
      unchecked: [],
    });
  });

  test("a negation later in the clause is not the letter's", () => {
    expect(read("The letter z should appear at least twice in words that are not names")).toStrictEqual({
      checks: [{ kind: "letter_count", letter: "z", min: 2 }],
      unchecked: ["words that are not names"],
    });
  });

  test("'appear' far after a used letter is not part of its check", () => {
    expect(read("Use the letter q in the story about a dog that runs so it can appear")).toStrictEqual({
      checks: [{ kind: "letter_count", letter: "q", min: 1 }],
      unchecked: ["about a dog that runs so it can appear"],
    });
  });

  test("a frequency more than three words after the letter is not its frequency", () => {
    const { checks } = read("The letter q should appear in the first sentence at least 2 times");
    expect(checks).toStrictEqual([{ kind: "letter_count", letter: "q", min: 1 }]);
  });

  test("a quoted string of two letters is no letter", () => {
    const { checks } = read("the letter 'ab' should appear twice");
    expect(checks.filter((check) => (check as Check).kind === "letter_count")).toStrictEqual([]);
  });
});

describe("the reason of a letter count's score", () => {
  test.each<[string, string, 0 | 1, string]>([
    ["the letter e must not appear", "Hello there", 0, 'the letter "e" found 3 times; none allowed'],
    ["the letter e must not appear", "Wow", 1, 'the letter "e" found 0 times; none allowed'],
    ["Use the letter z exactly 4 times", "A quiz", 0, 'the letter "z" found 1 time; exactly 4 required'],
    ["Use the letter z exactly 4 times", "Zizzaz", 1, 'the letter "z" found 4 times; exactly 4 required'],
    [
      "The letter z should appear at most 3 times",
      "zz",
      1,
      'the letter "z" found 2 times; at most 3 allowed',
    ],
    [
      "The letter z should appear at most 3 times",
      "zzzzz",
      0,
      'the letter "z" found 5 times; at most 3 allowed',
    ],
    [
      "the letter z should appear at least 2 times",
      "Zoo",
      0,
      'the letter "z" found 1 time; at least 2 required',
    ],
    [
      "the letter z should appear at least 2 times",
      "Zoo zone",
      1,
      'the letter "z" found 2 times; at least 2 required',
    ],
  ])("%j on %j", (description, text, score, reason) => {
    expectScored(text, description, score, reason);
  });

  test("each letter is counted on its own in one text", () => {
    const result = verifyRequirement(
      "zzz qq",
      "The letter z should appear at least 3 times. The letter q should appear at least 3 times",
    );
    expect(result.reason).toContain('the letter "q" found 2 times; at least 3 required');
    expect(result.score).toBe(0.5);
  });
});

test("a letter count given as a check with a range says both bounds", () => {
  const check = { kind: "letter_count", letter: "z", min: 2, max: 4, source: "z" } as const;
  expect(verify("Zoo zone", [check])).toMatchObject({
    score: 1,
    reason: 'the letter "z" found 2 times; between 2 and 4 required',
  });
  expect(verify("z", [check])).toMatchObject({
    score: 0,
    reason: 'the letter "z" found 1 time; between 2 and 4 required',
  });
});
