// More of the length family's readings that the corpus leaves open (found by mutation testing, npm run
// test:mutation): a unit's spellings, a size's postfix, a count or total named by the unit, and comparators
// written with capitals.
import { describe, test } from "vitest";
import { expectScored } from "./expect-scored.js";

/** A text of `count` words and one sentence. */
const words = (count: number): string =>
  `${Array.from({ length: count }, (_, index) => `word${index}`).join(" ")}.`;

describe("the length family's readings, scored", () => {
  test.each<[string, string, 0 | 1, string]>([
    // "place-holders" and "place holders" are placeholders too.
    [
      "Include at least 2 place-holders",
      "Dear [name], see you at [place].",
      1,
      "2 placeholders in square brackets found; at least 2 required",
    ],
    [
      "Use exactly 1 place holder",
      "Dear [name], see you at [place].",
      0,
      "2 placeholders in square brackets found; exactly 1 required",
    ],
    // A "sentence count" or "word total" without a comparator is that count, not a ceiling (it was read as
    // at most the number, so a 2-sentence answer passed "the sentence count should be 3").
    ["The sentence count should be 3", "One. Two.", 0, "2 sentences found; exactly 3 required"],
    ["Word count: 5", "one two three", 0, "3 words found; exactly 5 required"],
    ["The word total is 5", "one two three four five", 1, "5 words found; exactly 5 required"],
    ["The paragraph total is 2", "A.\n\nB.\n\nC.", 0, "3 paragraphs found; exactly 2 required"],
    // A limit or a length is a ceiling.
    [
      "Keep to a character length of 20",
      "This text has 27 characters",
      0,
      "27 characters found; at most 20 allowed",
    ],
    ["The line limit is 3", "a\nb", 1, "2 non-blank lines found; at most 3 allowed"],
    // Comparators at the start of a sentence, capitalised, or in capitals.
    ["At most 3 paragraphs.", "A.\n\nB.\n\nC.\n\nD.", 0, "4 paragraphs found; at most 3 allowed"],
    ["Write 2 paragraphs OR MORE", "A.\n\nB.", 1, "2 paragraphs found; at least 2 required"],
    ["Fewer than 3 sentences, please.", "One. Two. Three.", 0, "3 sentences found; at most 2 allowed"],
  ])("%j on %j", (description, text, score, reason) => {
    expectScored(text, description, score, reason);
  });

  test.each<[string, number, 0 | 1, string]>([
    // A size with a postfix reads the postfix: "a 500 word minimum" is at least 500, not about 500.
    ["The essay has a 500 word minimum", 520, 1, "520 words found; at least 500 required"],
    ["The essay has a 500 word minimum", 460, 0, "460 words found; at least 500 required"],
    ["About 300 words.", 290, 1, "290 words found; between 270 and 330 required"],
    ["Roughly 300 words", 340, 0, "340 words found; between 270 and 330 required"],
  ])("%j on %i words", (description, count, score, reason) => {
    expectScored(words(count), description, score, reason);
  });
});
