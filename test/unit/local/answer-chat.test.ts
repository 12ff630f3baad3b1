import { describe, expect, test } from "vitest";
import { truncate } from "../../../src/local/index.js";

const TEXT = "one two three four five. END six seven";

describe("truncate", () => {
  test.each<[string, string, number | undefined, string | string[] | undefined, string, "stop" | "length"]>([
    ["no limit", TEXT, undefined, undefined, TEXT, "stop"],
    ["a stop sequence, cut before it", TEXT, undefined, "END", "one two three four five. ", "stop"],
    ["the earliest of several stop sequences", TEXT, undefined, ["six", "four"], "one two three ", "stop"],
    ["a stop sequence that does not occur", TEXT, undefined, ["###"], TEXT, "stop"],
    ["a stop sequence at the start", TEXT, undefined, "one", "", "stop"],
    ["max_tokens below the count", TEXT, 3, undefined, "one two three", "length"],
    ["max_tokens counting punctuation as a token", TEXT, 6, undefined, "one two three four five.", "length"],
    ["max_tokens equal to the count", "one two three", 3, undefined, "one two three", "stop"],
    ["max_tokens above the count", "one two", 10, undefined, "one two", "stop"],
    ["max_tokens 0", TEXT, 0, undefined, "", "length"],
    ["max_tokens 0 on empty text", "", 0, undefined, "", "stop"],
    ["a stop sequence first, then max_tokens on what is left", TEXT, 2, "END", "one two", "length"],
    [
      "a stop sequence that leaves fewer tokens than max_tokens",
      TEXT,
      20,
      "END",
      "one two three four five. ",
      "stop",
    ],
    [
      "leading white space dropped when cut by max_tokens",
      "  alpha beta gamma",
      2,
      undefined,
      "alpha beta",
      "length",
    ],
    ["a multi-line stop sequence", "line one\n\nline two", undefined, "\n\n", "line one", "stop"],
  ])("%s", (_name, text, maxTokens, stop, expected, finishReason) => {
    expect(truncate(text, maxTokens, stop)).toEqual({ text: expected, finishReason });
  });
});
