// The length family's readings and reasons that the corpus leaves open (found by mutation testing, npm run
// test:mutation): postfix comparators ("at most", "min", "tops", "or so"), negated counts, approximate
// sizes, unit limits, per-unit rules and keyword lists left unchecked, and the reason of a count's score.
import { describe, expect, test } from "vitest";
import { type Check, parseRequirement, verify } from "../../../../src/verifiers/index.js";
import { expectScored } from "./expect-scored.js";

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
    ["Write from 3 to 5 sentences", { min: 3, max: 5 }, "sentences"],
    ["Write 3-5 sentences", { min: 3, max: 5 }, "sentences"],
    ["Write two to four paragraphs", { min: 2, max: 4 }, "paragraphs"],
    ["Write 3 – 5 lines", { min: 3, max: 5 }, "lines"],
    ["sentence count of exactly 4", { min: 4, max: 4 }, "sentences"],
    ["a 50-character maximum", { max: 50 }, "characters"],
    ["a 3-line cap", { max: 3 }, "lines"],
    ["Answer in a word", { min: 1, max: 1 }, "words"],
    ["Reply with a paragraph", { min: 1, max: 1 }, "paragraphs"],
    ["Answer in a line", { min: 1, max: 1 }, "lines"],
    // Every unit by its names.
    ["Write 5 numbered items", { min: 5, max: 5 }, "numbered_items"],
    ["Write 3 list items", { min: 3, max: 3 }, "list_items"],
    ["Use 2 items", { min: 2, max: 2 }, "list_items"],
    ["Write 3 headings", { min: 3, max: 3 }, "headers"],
    ["Write 2 section headers", { min: 2, max: 2 }, "headers"],
    ["Write 3 bulleted list items", { min: 3, max: 3 }, "bullets"],
    ["Write 100 chars", { min: 100, max: 100 }, "characters"],
    ["Write 3 paras", { min: 3, max: 3 }, "paragraphs"],
    ["Write 2 short paragraphs", { min: 2, max: 2 }, "paragraphs"],
    ["Use over 100 words", { min: 101 }, "words"],
    ["Write no longer than 50 words", { max: 50 }, "words"],
    ["Write 3 sentences in total", { min: 3, max: 3 }, "sentences"],
    ["Write 3 sentences total", { min: 3, max: 3 }, "sentences"],
    // "bullet items" is one unit: nothing of it is left over.
    ["Write 4 bullet items", { min: 4, max: 4 }, "bullets"],
    ["Write 4 bullet list items", { min: 4, max: 4 }, "bullets"],
    ["Use exactly 1 item", { min: 1, max: 1 }, "list_items"],
    // The unit in the singular after the number is a size, hyphen or not: "a 300 word essay".
    ["Write a 300 word essay", { min: 270, max: 330 }, "words"],
    ["Write a 500 character summary", { min: 450, max: 550 }, "characters"],
    ["Write exactly 300 word", { min: 300, max: 300 }, "words"],
  ])("%j", (description, bounds, unit) => {
    expect(read(description)).toStrictEqual(count(unit, bounds));
  });

  test("words after a count that are not part of it: an 'each', markdown beside another check", () => {
    expect(read("Write 3 paragraphs and mention each city")).toStrictEqual({
      checks: [{ kind: "count", unit: "paragraphs", min: 3, max: 3 }],
      unchecked: ["mention each city"],
    });
    // "with markdown" is read with a count of highlights only, not beside another check.
    expect(read("Highlight the key points with markdown without using any commas")).toStrictEqual({
      checks: [{ kind: "forbid_marks", mark: "commas" }],
      unchecked: ["Highlight the key points with markdown"],
    });
    expect(read("Highlight at least 2 sections with markdown without using any commas")).toStrictEqual({
      checks: [
        { kind: "forbid_marks", mark: "commas" },
        { kind: "count", unit: "highlights", min: 2 },
      ],
      unchecked: [],
    });
    expect(read("Write 3 paragraphs covering each season")).toStrictEqual({
      checks: [{ kind: "count", unit: "paragraphs", min: 3, max: 3 }],
      unchecked: ["covering each season"],
    });
  });

  test.each([
    // A negated exact count says too little; "fewer than 0" asks for the impossible.
    "Do not use exactly 3 paragraphs",
    "Write fewer than 0 paragraphs",
    "Do not write at least 0 paragraphs",
    "Highlight fewer than 0 sections",
    "Mark fewer than 0 terms in bold",
    "Keep placeholders below 0",
    "Word count must be fewer than 0",
    "words in all capital letters should appear fewer than 0 times",
    // Per-unit rules and lists of keywords are not counts of the whole text.
    "at most 2 sentences per paragraph",
    "each bullet under 10 words",
    "Include the 3 words: apple, pear, plum",
    // "in a sentence about cats" names a topic, not a length.
    "Answer in a sentence about cats",
    // "with markdown" belongs to a count of highlights; without one it is not read.
    "Highlight the key points with markdown",
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
    // "or more" before the unit is a minimum too, never exactly 2.
    ["Highlight 2 or more sections", "highlights", { min: 2 }],
    ["Use exactly 2 words in block letters", "capital_words", { min: 2, max: 2 }],
    // The examples that show the unit are part of the rule.
    [
      "Include at least 2 placeholders represented by square brackets, such as [address]",
      "placeholders",
      { min: 2 },
    ],
    ["Use at least 1 placeholder like [name] or [date]", "placeholders", { min: 1 }],
    ["Highlight at least 2 sections with markdown, i.e. *highlighted section*", "highlights", { min: 2 }],
    ["Limit all-caps words to at most 2", "capital_words", { max: 2 }],
    ["Keep the number of placeholders below 3", "placeholders", { max: 2 }],
    ["Capital letter words should appear once", "capital_words", { min: 1, max: 1 }],
    ["words in all caps should appear thrice", "capital_words", { min: 3, max: 3 }],
    ["Use 3 [name] placeholders", "placeholders", { min: 3, max: 3 }],
    ["Use 2 blanks in square brackets", "placeholders", { min: 2, max: 2 }],
    // A name in square brackets makes the fields placeholders.
    ["Include at least 2 [name] fields", "placeholders", { min: 2 }],
    ["Use 2 to 4 [name] fields", "placeholders", { min: 2, max: 4 }],
    ["Use 3 [field] slots", "placeholders", { min: 3, max: 3 }],
    ["Write 2 phrases in asterisks", "highlights", { min: 2, max: 2 }],
    ["Mark up at least 2 key terms", "highlights", { min: 2 }],
    // The highlighted unit may be one the length family counts too: highlights win.
    ["Highlight at least 3 sentences", "highlights", { min: 3 }],
    ["Put 2 words in bold", "highlights", { min: 2, max: 2 }],
    // A range of highlights, in digits or words, with "to", "or" or a dash.
    ["Highlight 2 to 4 sections", "highlights", { min: 2, max: 4 }],
    ["Bold 2-3 key phrases", "highlights", { min: 2, max: 3 }],
    ["Highlight two or three key phrases", "highlights", { min: 2, max: 3 }],
    ["Put two to three words in bold", "highlights", { min: 2, max: 3 }],
    ["Highlight 4 to 2 sections", "highlights", { min: 2, max: 4 }],
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
    ["Write 2 to 4 sentences", "One.", 0, "1 sentence found; between 2 and 4 required"],
    ["Write 2 to 4 sentences", "A. B. C. D. E.", 0, "5 sentences found; between 2 and 4 required"],
    ["Write at most 3 paragraphs", "A.\n\nB.\n\nC.", 1, "3 paragraphs found; at most 3 allowed"],
    ["Write at least 2 sentences", "One. Two.", 1, "2 sentences found; at least 2 required"],
    ["Write exactly 3 lines", "a\n\nb\nc", 1, "3 non-blank lines found; exactly 3 required"],
    ["Use exactly 2 bullet points", "- a", 0, "1 bullet point found; exactly 2 required"],
    ["Use exactly 2 numbered items", "1. a\n2. b", 1, "2 numbered items found; exactly 2 required"],
    ["Use exactly 1 markdown header", "# A\n## B", 0, "2 markdown headers found; exactly 1 required"],
    ["Write exactly 5 characters", "hello", 1, "5 characters found; exactly 5 required"],
    ["Write exactly 1 word", "hello", 1, "1 word found; exactly 1 required"],
    ["Highlight at least 2 sections", "*a* and *b*", 1, "2 highlighted sections found; at least 2 required"],
    [
      "Include at least 2 placeholders",
      "[name]",
      0,
      "1 placeholder in square brackets found; at least 2 required",
    ],
    ["Write 3 list items", "- a\n1. b", 0, "2 list items found; exactly 3 required"],
    [
      "There should be 2 paragraphs. Paragraphs are separated with the markdown divider: ***",
      "A\n***\nB\n***\nC",
      0,
      "3 paragraphs separated by *** found; exactly 2 required",
    ],
    [
      "Use fewer than 2 words in all caps",
      "NASA and ESA",
      0,
      "2 words in all capital letters found; at most 1 allowed",
    ],
    [
      "Include at least 2 [name] fields",
      "Dear [name], see you at [place].",
      1,
      "2 placeholders in square brackets found; at least 2 required",
    ],
  ])("%j on %j", (description, text, score, reason) => {
    expectScored(text, description, score, reason);
  });

  // A size read as about 300 words: 290 words pass, 260 do not.
  test.each<[string, number, 0 | 1, string]>([
    ["Write a 300 word essay", 290, 1, "290 words found; between 270 and 330 required"],
    ["Write a 300 word essay", 260, 0, "260 words found; between 270 and 330 required"],
    ["Write a 300-word essay", 331, 0, "331 words found; between 270 and 330 required"],
  ])("%j on %i words", (description, count, score, reason) => {
    const text = `${Array.from({ length: count }, (_, index) => `word${index}`).join(" ")}.`;
    expectScored(text, description, score, reason);
  });

  test.each<[string, object, 0 | 1, string]>([
    // A check given to verify() without bounds allows any number.
    ["one two three", { kind: "count", unit: "words" }, 1, "3 words found; any number allowed"],
    ["one two three", { kind: "count", unit: "words", min: 2 }, 1, "3 words found; at least 2 required"],
    // A divider separates paragraphs only: lines are counted as lines.
    [
      "a\n***\nb\nc",
      { kind: "count", unit: "lines", divider: "***", max: 3 },
      0,
      "4 non-blank lines found; at most 3 allowed",
    ],
  ])("%j against the check %j", (text, check, score, reason) => {
    const result = verify(text, [{ ...check, source: "given" }] as never);
    expect({ score: result.score, reason: result.reason }).toEqual({ score, reason });
  });
});
