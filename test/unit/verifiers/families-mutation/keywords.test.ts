// The keywords family's readings and reasons that the corpus leaves open (found by mutation testing, npm run
// test:mutation): keyword lists after a verb, a marker or a mention, passive forms, frequencies before and
// after the list, negated frequencies, vague or numeric items left unchecked, how a keyword is counted
// (plurals, possessives, expansions, whole words, CJK), and the reasons of a keywords score.
import { describe, expect, test } from "vitest";
import {
  type Check,
  countKeyword,
  parseRequirement,
  verify,
  verifyRequirement,
} from "../../../../src/verifiers/index.js";

/** The checks of a description without their `source`, and what was left unchecked. */
function read(description: string): { checks: object[]; unchecked: readonly string[] } {
  const parsed = parseRequirement(description);
  return {
    checks: parsed.checks.map(({ source: _source, ...check }: Check) => check),
    unchecked: parsed.unchecked,
  };
}

const keywords = (words: string[], bounds: { min?: number; max?: number }) => ({
  kind: "keywords",
  keywords: words,
  ...bounds,
});

describe("keywords read from their phrasing", () => {
  test.each<[string, object]>([
    ["Include the keywords 'apple' and 'pear'", keywords(["apple", "pear"], { min: 1 })],
    ["Use the words apple, pear and plum", keywords(["apple", "pear", "plum"], { min: 1 })],
    ["Use the word 'data' at least 3 times", keywords(["data"], { min: 3 })],
    ["The word 'data' should appear at least 3 times", keywords(["data"], { min: 3 })],
    ["The term Paris must be mentioned at least twice", keywords(["Paris"], { min: 2 })],
    ["Use the word 'tea', at least 2 times", keywords(["tea"], { min: 2 })],
    ["Write the key word 'foo' precisely twice", keywords(["foo"], { min: 2, max: 2 })],
    ["Mention Paris exactly 2 times", keywords(["Paris"], { min: 2, max: 2 })],
    ["Mention Paris at most twice", keywords(["Paris"], { min: 0, max: 2 })],
    ["Use the term 'ok' no more than once", keywords(["ok"], { min: 0, max: 1 })],
    ["Use 'x' fewer than 3 times", keywords(["x"], { min: 0, max: 2 })],
    ["Use 'x' more than 1 time", keywords(["x"], { min: 2 })],
    // A bare frequency is a minimum.
    ["Mention Paris 3 times", keywords(["Paris"], { min: 3 })],
    ["Include the word 'tea' no fewer than 2 times", keywords(["tea"], { min: 2 })],
    ["Mention Paris a minimum of 2 times", keywords(["Paris"], { min: 2 })],
    ["Mention Paris up to 2 times", keywords(["Paris"], { min: 0, max: 2 })],
    ["Mention Paris less than 3 times", keywords(["Paris"], { min: 0, max: 2 })],
    ["Use the words 'a' and 'b' at least twice", keywords(["a", "b"], { min: 2 })],
    ["Use both 'a' and 'b'", keywords(["a", "b"], { min: 1 })],
    ["Include the phrase 'machine learning' in your answer", keywords(["machine learning"], { min: 1 })],
    ["Mention the Eiffel Tower throughout the essay", keywords(["Eiffel Tower"], { min: 1 })],
    ["Mention anything about Paris", keywords(["Paris"], { min: 1 })],
    ["The word 'data' should not be used", keywords(["data"], { max: 0 })],
    ["'alpha' or 'beta' must never appear", keywords(["alpha", "beta"], { max: 0 })],
    ["Exclude any mention of Paris", keywords(["Paris"], { max: 0 })],
    ["Mention Paris in your response", keywords(["Paris"], { min: 1 })],
    ["Refer to Paris at all", keywords(["Paris"], { min: 1 })],
    ["Say something about Berlin", keywords(["Berlin"], { min: 1 })],
    // "the company's CEO" is about the CEO.
    ["Mention the company's CEO", keywords(["CEO"], { min: 1 })],
    // Negations and avoiding.
    ["Avoid the words 'very' and 'really'", keywords(["very", "really"], { max: 0 })],
    ["Avoid Paris and London", keywords(["Paris", "London"], { max: 0 })],
    ["Skip 'um'", keywords(["um"], { max: 0 })],
    ["Don't talk about Paris anywhere", keywords(["Paris"], { max: 0 })],
    ["Don't mention Paris more than twice", keywords(["Paris"], { max: 2 })],
    ["Don't mention Paris at least twice", keywords(["Paris"], { max: 1 })],
    ["The word 'data' must not appear", keywords(["data"], { max: 0 })],
    ["Never avoid the word 'data'", keywords(["data"], { min: 1 })],
    // Examples after a category are forbidden with it.
    ["Don't mention competitors such as Globex", keywords(["competitors", "Globex"], { max: 0 })],
    // ...written with no space after the colon.
    ["Don't mention rivals such as:Globex or Initech", keywords(["rivals", "Globex", "Initech"], { max: 0 })],
    // A passive form: a word introduced as a word is literal even in lowercase; a quoted list is required
    // unless negated.
    ["The term cloud must be mentioned at least twice", keywords(["cloud"], { min: 2 })],
    ["'alpha' and 'beta' must appear", keywords(["alpha", "beta"], { min: 1 })],
    // A bare count after the passive is a minimum, filler aside; negated, a ceiling below it.
    ["The keyword banana must appear twice", keywords(["banana"], { min: 2 })],
    ["The word 'data' should appear 3 times", keywords(["data"], { min: 3 })],
    ["The keyword banana must appear twice in your response", keywords(["banana"], { min: 2 })],
    ["The word 'data' must not appear twice", keywords(["data"], { max: 1 })],
    ["The word 'tea' must be used, at least 2 times", keywords(["tea"], { min: 2 })],
    // How list items are separated and trimmed: commas and slashes with or without spaces, dashes and
    // brackets around the list, a colon with no space after it.
    ["Use the words apple,pear and plum", keywords(["apple", "pear", "plum"], { min: 1 })],
    // Forbidden, alternatives are each forbidden.
    ["Don't use the words cat/dog", keywords(["cat", "dog"], { max: 0 })],
    ["Neither 'alpha' nor 'beta' may appear", keywords(["alpha", "beta"], { max: 0 })],
    ["Do not mention Paris or London", keywords(["Paris", "London"], { max: 0 })],
    ["Use these words - apple and pear", keywords(["apple", "pear"], { min: 1 })],
    ["Include the keywords sun, moon -- and stars", keywords(["sun", "moon", "stars"], { min: 1 })],
    ["Use the words (apple and pear)", keywords(["apple", "pear"], { min: 1 })],
    ["Include the keyword:banana", keywords(["banana"], { min: 1 })],
    // Four words still make a name.
    ["Mention the Bank of New England", keywords(["Bank of New England"], { min: 1 })],
  ])("%j", (description, check) => {
    expect(read(description)).toStrictEqual({ checks: [check], unchecked: [] });
  });

  test.each([
    // A lowercase topic is a judgement; a bare "avoid" names a style.
    "Mention the price",
    "Avoid jargon",
    // Vague words, numbers and digits are not keywords.
    "Use the words it and that",
    "Use the words 3 apples",
    "Use the words one, two",
    // Examples ask for one of them; a negated exact count says too little.
    "Mention a competitor such as Globex or Initech",
    // Alternatives ask for one of them, which a keywords check (each word its count) cannot say.
    "Mention Paris, London and/or Rome",
    '"alpha" or "beta" must appear',
    "Use the words cat/dog",
    'Use either "tea" or "coffee"',
    'Include the word "hello" or "hi" at least twice',
    "Don't mention Paris exactly twice",
    // A bare "avoid" takes only quoted or Capitalised words, and a quoted list only quoted ones.
    'Avoid "x" and y',
    'Use "x" and the word y',
    // An example after a single keyword asks for one of them.
    "Mention Paris, such as the Eiffel Tower",
    // More than four words is no keyword.
    "mention the Ministry of Truth of the Republic today",
    'Don\'t use the word "x" at most twice',
    // One style or topic in a list leaves the whole list unchecked, and so does one vague word in an item.
    "Avoid Paris and jargon",
    "Mention Paris and the weather",
    "Include the keywords sun, moon and other planets",
    // An aside in brackets is not part of a keyword.
    "Use the words apple and pear (in any order)",
  ])("leaves %j unchecked", (description) => {
    expect(read(description)).toStrictEqual({ checks: [], unchecked: [description] });
  });
});

describe("keywords read with what is left unchecked", () => {
  test.each<[string, object[], string[]]>([
    // Many quoted keywords: the eleventh quote has a two-digit placeholder.
    [
      "Use the words 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j' and 'k'",
      [keywords(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"], { min: 1 })],
      [],
    ],
    [
      "Mention 'apple', 'pear', 'plum', 'fig', 'kiwi', 'lime', 'date', 'peach', 'mango' and 'grape'. 'banana' or 'cherry' must never appear.",
      [
        keywords(["apple", "pear", "plum", "fig", "kiwi", "lime", "date", "peach", "mango", "grape"], {
          min: 1,
        }),
        keywords(["banana", "cherry"], { max: 0 }),
      ],
      [],
    ],
    // A count per paragraph is no count over the text, and "or fewer" turns a count into a ceiling: the
    // keyword is required and the rest left unchecked.
    [
      "The word 'data' should appear in every paragraph at least twice",
      [keywords(["data"], { min: 1 })],
      ["paragraph at least twice"],
    ],
    // "N times or fewer" is a maximum, read as such (it was left unchecked before ranges were read).
    ["The word 'data' should appear 2 times or fewer", [keywords(["data"], { min: 0, max: 2 })], []],
    [
      "The word 'data' should appear once in each paragraph",
      [keywords(["data"], { min: 1 })],
      ["once in each paragraph"],
    ],
  ])("%j", (description, checks, unchecked) => {
    expect(read(description)).toStrictEqual({ checks, unchecked });
  });
});

describe("how a keyword is counted", () => {
  test.each<[string, string, number]>([
    ["data", "data, datas, data's", 3],
    ["data", "metadata database", 0],
    ["cherry", "cherries and a cherry", 2],
    ["companies", "a company, two companies", 2],
    ["prices", "price and prices", 2],
    ["bus", "bus buses", 2],
    ["apples", "apple apples", 2],
    ["class", "class classes", 2],
    ["AI", "artificial intelligence and AI's", 2],
    ["CEO", "the Chief Executive Officer, the chief executive, the CEO", 3],
    ["EU", "European  Union", 1],
    ["New York", "new\n  york", 1],
    ["日本", "私は日本人", 1],
    ["C++", "I like C++.", 1],
    ["x", "", 0],
    ["  ", "a  b", 0],
    // Spaces around a keyword are ignored, and any run of spaces inside it matches any other.
    [" data ", "the data.", 1],
    ["New  York", "new york", 1],
    // A keyword starting with a symbol may follow a letter; one ending with a symbol may precede one.
    [".NET", "ASP.NET and .NET", 2],
    ["C++", "C++17 and C++", 2],
    // Only a final "y", "ies" or "s" changes the stem; a number takes no plural ending.
    ["Python", "Python and pythons", 2],
    ["priest", "priests and a priest", 2],
    ["Chelsea", "Chelsea's fans", 1],
    ["news", "new news", 1],
    ["iPhone 5", "the iPhone 5s and the iPhone 5", 1],
  ])("%j in %j", (keyword, text, count) => {
    expect(countKeyword(text, keyword)).toBe(count);
  });
});

describe("the reason of a keywords score", () => {
  test.each<[string, string, number, string]>([
    [
      "Include the keywords 'apple' and 'pear'",
      "apple pie",
      0.5,
      '1 of 2 keywords as required: "apple" found 1 time, "pear" found 0 times; each must appear',
    ],
    ["Include the keywords 'apple'", "apple pie", 1, '"apple" found 1 time; must appear'],
    [
      "Use the word 'data' at least 3 times",
      "data data",
      0,
      '"data" found 2 times; must appear at least 3 times',
    ],
    [
      "Use the word 'data' at least 3 times",
      "data data data",
      1,
      '"data" found 3 times; must appear at least 3 times',
    ],
    [
      "Mention Paris at most twice",
      "Paris Paris Paris",
      0,
      '"Paris" found 3 times; must appear 0 to 2 times',
    ],
    ["Mention Paris at most twice", "Paris Paris", 1, '"Paris" found 2 times; must appear 0 to 2 times'],
    [
      "Mention Paris exactly 2 times",
      "Paris, Paris",
      1,
      '"Paris" found 2 times; must appear exactly 2 times',
    ],
    ["Mention Paris exactly once", "Paris, Paris", 0, '"Paris" found 2 times; must appear exactly 1 time'],
    [
      "Don't mention Paris more than twice",
      "Paris Paris",
      1,
      '"Paris" found 2 times; may appear at most 2 times',
    ],
    [
      "Don't mention Paris more than once",
      "Paris Paris",
      0,
      '"Paris" found 2 times; may appear at most 1 time',
    ],
    [
      "Avoid the words 'very' and 'really'",
      "very good",
      0.5,
      '1 of 2 keywords as required: "very" found 1 time, "really" found 0 times; each must not appear',
    ],
    ["Do not use the word 'very'", "Very", 0, '"very" found 1 time; must not appear'],
    ["Do not use the word 'very'", "every", 1, '"very" found 0 times; must not appear'],
  ])("%j on %j", (description, text, score, reason) => {
    const result = verifyRequirement(text, description);
    expect({ score: result.score, reason: result.reason }).toEqual({
      score: expect.closeTo(score, 5),
      reason,
    });
  });
});

describe("a keywords check given directly", () => {
  test("with no bounds, each keyword must appear", () => {
    const result = verify("apple pie", [{ kind: "keywords", keywords: ["apple"], source: "" }]);
    expect({ score: result.score, reason: result.reason }).toEqual({
      score: 1,
      reason: '"apple" found 1 time; must appear',
    });
  });

  test("with no keywords, there is nothing to miss", () => {
    expect(verify("apple pie", [{ kind: "keywords", keywords: [], source: "" }]).score).toBe(1);
  });
});
