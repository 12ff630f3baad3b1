import { describe, expect, test } from "vitest";
import { countWords } from "../../../src/constraints/index.js";

describe("countWords", () => {
  test.each([
    ["", 0],
    ["   \n\t ", 0],
    ["one", 1],
    ["Don't use more than 3 paragraphs - ever.", 7],
    ["Write up to 3 paragraphs", 5],
    ["Dates must follow YYYY-MM-DD", 4],
    ["Don't mention the CEO", 4],
    ["a - b", 2],
    ["-- … — ! ?", 0],
    ["  leading and trailing  ", 3],
    ["runs   of\n\nspaces\t\tand\r\nnewlines", 5],
    ["no\u00a0break\u2003em\u3000ideographic\u2028line\u0085nel", 6],
    ["zero\u200bwidth joins one word", 4],
    ["\u200b \u200d \ufeff", 0],
    ["café naïve Ünïcödé", 3],
    ["Привет мир", 2],
    ["你好世界", 1],
    ["emoji 👍 counts as a word", 6],
    ["math: x + y = 3", 6],
    ["$100 or €90", 3],
    ['(parenthesised) "quoted" words.', 3],
  ])("counts %j as %i words", (text, words) => {
    expect(countWords(text)).toBe(words);
  });

  test("throws a TypeError prefixed with its name on a non-string", () => {
    expect(() => countWords(5 as unknown as string)).toThrow(
      new TypeError("countWords: text must be a string, got number"),
    );
  });
});
