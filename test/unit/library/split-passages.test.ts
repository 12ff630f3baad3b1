import { describe, expect, test } from "vitest";
import { splitPassages } from "../../../src/library/index.js";

const words = (count: number, word = "word") => Array.from({ length: count }, () => word).join(" ");

describe("splitPassages", () => {
  test.each<[string, string, { minWords?: number; maxWords?: number }, string[]]>([
    ["empty text", "  \n\n ", {}, []],
    ["short paragraphs are joined", "One two.\n\nThree four.", {}, ["One two.\n\nThree four."]],
    [
      "each paragraph alone when minWords is 1",
      "One two.\n\nThree four.",
      { minWords: 1 },
      ["One two.", "Three four."],
    ],
    [
      "a heading starts a paragraph",
      "# Refunds\nPaid in 14 days.",
      { minWords: 1 },
      ["# Refunds", "Paid in 14 days."],
    ],
    ["white space collapses inside a paragraph", "a\tb\n c", {}, ["a b c"]],
    ["CRLF line ends", "a\r\n\r\nb", { minWords: 1 }, ["a", "b"]],
    [
      "a long paragraph is cut at sentence ends",
      "One two three. Four five six.",
      { minWords: 1, maxWords: 3 },
      ["One two three.", "Four five six."],
    ],
    [
      "a long sentence is cut at words",
      words(5),
      { minWords: 1, maxWords: 2 },
      ["word word", "word word", "word"],
    ],
    [
      "a passage never passes maxWords",
      `${words(3, "a")}\n\n${words(3, "b")}`,
      { minWords: 4, maxWords: 5 },
      [words(3, "a"), words(3, "b")],
    ],
  ])("%s", (_, text, options, expected) => {
    expect(splitPassages(text, options)).toEqual(expected);
  });

  test("bad limits throw", () => {
    expect(() => splitPassages("x", { minWords: 10, maxWords: 5 })).toThrow(
      new RangeError("splitPassages: need 0 <= minWords <= maxWords and maxWords >= 1, got 10 and 5"),
    );
  });
});
