// The length family's readings and reasons that the corpus leaves open (found by mutation testing, npm run
// test:mutation): postfix comparators ("at most", "min", "tops", "or so"), negated counts, approximate
// sizes, unit limits, per-unit rules and keyword lists left unchecked, and the reason of a count's score.
import { describe, expect, test } from "vitest";
import { type Check, parseRequirement, verifyRequirement } from "../../../../src/verifiers/index.js";

/** The checks of a description without their `source`, and what was left unchecked. */
function read(description: string): { checks: object[]; unchecked: readonly string[] } {
  const parsed = parseRequirement(description);
  return {
    checks: parsed.checks.map(({ source: _source, ...check }: Check) => check),
    unchecked: parsed.unchecked,
  };
}

const count = (unit: string, bounds: { min?: number; max?: number }) => ({
  checks: [{ kind: "count", unit, ...bounds }],
  unchecked: [],
});

describe("counts read from their phrasing", () => {
  test.each<[string, { min?: number; max?: number }, string]>([
    ["3 paragraphs at most", { max: 3 }, "paragraphs"],
    ["at least 2 sentences min", { min: 2 }, "sentences"],
    ["100 words tops", { max: 100 }, "words"],
    ["Use 5 sentences or more", { min: 5 }, "sentences"],
    ["Write 3 paragraphs at least", { min: 3 }, "paragraphs"],
    ["3 paragraphs max", { max: 3 }, "paragraphs"],
    ["Write 3 paragraphs maximum", { max: 3 }, "paragraphs"],
    ["Write 3 paragraphs at the most", { max: 3 }, "paragraphs"],
    ["Write 2 sentences min", { min: 2 }, "sentences"],
    ["Write 2 sentences minimum", { min: 2 }, "sentences"],
    ["Write 4 paragraphs or fewer", { max: 4 }, "paragraphs"],
    ["Write fewer than 3 paragraphs", { max: 2 }, "paragraphs"],
    ["Write more than 2 paragraphs", { min: 3 }, "paragraphs"],
    // Negated: "don't write fewer than 3" is "at least 3", "don't use more than 0" is "none".
    ["Don't write fewer than 3 paragraphs", { min: 3 }, "paragraphs"],
    ["Don't use more than 0 paragraphs", { max: 0 }, "paragraphs"],
    // Long counts of words and characters are approximate (±10%); short ones and other units exact.
    ["Write about 300 words", { min: 270, max: 330 }, "words"],
    ["Write roughly 200 characters", { min: 180, max: 220 }, "characters"],
    ["Write 300 words or so", { min: 270, max: 330 }, "words"],
    ["a 300-word essay", { min: 270, max: 330 }, "words"],
    ["Write 10 words or so", { min: 10, max: 10 }, "words"],
    ["Write about 20 words", { min: 18, max: 22 }, "words"],
    ["Write about 19 words", { min: 19, max: 19 }, "words"],
    ["Write about 30 sentences", { min: 30, max: 30 }, "sentences"],
    // A plain count is exact, however long; only "a 300-word essay" is a size.
    ["Write 300 words", { min: 300, max: 300 }, "words"],
    ["Write about 10 sentences", { min: 10, max: 10 }, "sentences"],
    ["a one-word answer", { min: 1, max: 1 }, "words"],
    // Limits named by the unit.
    ["word limit of 100", { max: 100 }, "words"],
    ["word count must be at least 50", { min: 50 }, "words"],
    ["a 200-word limit", { max: 200 }, "words"],
    // A colon right after the limit's name introduces its number.
    ["word limit: 100", { max: 100 }, "words"],
    ["Character limit: 280", { max: 280 }, "characters"],
    ["Word count: at most 100", { max: 100 }, "words"],
    ["Answer in a sentence", { min: 1, max: 1 }, "sentences"],
    ["between 5 and 3 paragraphs", { min: 3, max: 5 }, "paragraphs"],
    ["Write 2 to 4 bullet points", { min: 2, max: 4 }, "bullets"],
    // "bullet items" is one unit: nothing of it is left over.
    ["Write 4 bullet items", { min: 4, max: 4 }, "bullets"],
    ["Write 4 bullet list items", { min: 4, max: 4 }, "bullets"],
  ])("%j", (description, bounds, unit) => {
    expect(read(description)).toStrictEqual(count(unit, bounds));
  });

  test("an 'each' after the count is not a per-unit rule", () => {
    expect(read("Write 3 paragraphs and mention each city")).toStrictEqual({
      checks: [{ kind: "count", unit: "paragraphs", min: 3, max: 3 }],
      unchecked: ["mention each city"],
    });
  });

  test.each([
    // A negated exact count says too little; "fewer than 0" asks for the impossible.
    "Do not use exactly 3 paragraphs",
    "Write fewer than 0 paragraphs",
    "Do not write at least 0 paragraphs",
    "Highlight fewer than 0 sections",
    "Mark fewer than 0 terms in bold",
    "words in all capital letters should appear fewer than 0 times",
    // Per-unit rules and lists of keywords are not counts of the whole text.
    "at most 2 sentences per paragraph",
    "each bullet under 10 words",
    "Include the 3 words: apple, pear, plum",
    // "in a sentence about cats" names a topic, not a length.
    "Answer in a sentence about cats",
  ])("leaves %j unchecked", (description) => {
    expect(read(description)).toStrictEqual({ checks: [], unchecked: [description] });
  });
});

describe("counts of capital words, highlights and placeholders", () => {
  test.each<[string, string, { min?: number; max?: number }]>([
    ["Highlight at least 3 sections with markdown", "highlights", { min: 3 }],
    ["Highlight 2 sections", "highlights", { min: 2, max: 2 }],
    ["Mark at least 3 key terms in bold", "highlights", { min: 3 }],
    ["Put 2 phrases in italics", "highlights", { min: 2, max: 2 }],
    ["Limit all-caps words to 2", "capital_words", { max: 2 }],
    // "under 5" is fewer than 5, said with or without "to".
    ["Keep placeholders under 5", "placeholders", { max: 4 }],
    ["Keep placeholders to fewer than 5", "placeholders", { max: 4 }],
    ["Limit all-caps words below 3", "capital_words", { max: 2 }],
    ["words in all capital letters must not appear more than 3 times", "capital_words", { max: 3 }],
    ["words in all capital letters should appear twice", "capital_words", { min: 2, max: 2 }],
    ["Include at least 2 placeholders such as [name]", "placeholders", { min: 2 }],
    ["words in all capital letters should appear 3 times or more", "capital_words", { min: 3 }],
    ["Highlight 3 sections or more", "highlights", { min: 3 }],
  ])("%j", (description, unit, bounds) => {
    expect(read(description)).toStrictEqual(count(unit, bounds));
  });
});

describe("the reason of a count's score", () => {
  test.each<[string, string, 0 | 1, string]>([
    ["Write at most 3 paragraphs", "A.\n\nB.\n\nC.\n\nD.", 0, "4 paragraphs found; at most 3 allowed"],
    ["Write at least 2 sentences", "One.", 0, "1 sentence found; at least 2 required"],
    ["Write exactly 2 sentences", "One. Two.", 1, "2 sentences found; exactly 2 required"],
    ["Write 2 to 4 sentences", "One. Two. Three.", 1, "3 sentences found; between 2 and 4 required"],
    ["Don't use more than 0 paragraphs", "A.", 0, "1 paragraph found; none allowed"],
    [
      "Use fewer than 2 words in all caps",
      "NASA and ESA",
      0,
      "2 words in all capital letters found; at most 1 allowed",
    ],
  ])("%j on %j", (description, text, score, reason) => {
    const result = verifyRequirement(text, description);
    expect({ score: result.score, reason: result.reason }).toEqual({ score, reason });
  });
});
