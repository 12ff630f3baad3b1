// The keywords family's readings and reasons that the corpus leaves open (found by mutation testing, npm run
// test:mutation): keyword lists after a verb, a marker or a mention, passive forms, frequencies before and
// after the list, negated frequencies, vague or numeric items left unchecked, how a keyword is counted
// (plurals, possessives, expansions, whole words, CJK), and the reasons of a keywords score.
import { describe, expect, test } from "vitest";
import {
  type Check,
  countKeyword,
  parseRequirement,
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
    ["Mention Paris, London and/or Rome", keywords(["Paris", "London", "Rome"], { min: 1 })],
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
    "Don't mention Paris exactly twice",
    // A bare "avoid" takes only quoted or Capitalised words, and a quoted list only quoted ones.
    'Avoid "x" and y',
    'Use "x" and the word y',
    // An example after a single keyword asks for one of them.
    "Mention Paris, such as the Eiffel Tower",
    // More than four words is no keyword.
    "mention the Ministry of Truth of the Republic today",
    'Don\'t use the word "x" at most twice',
  ])("leaves %j unchecked", (description) => {
    expect(read(description)).toStrictEqual({ checks: [], unchecked: [description] });
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
