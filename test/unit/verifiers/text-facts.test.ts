import { describe, expect, test } from "vitest";
import { countCharacters, countUnit, countWords } from "../../../src/verifiers/index.js";

describe("countUnit paragraphs", () => {
  test.each([
    ["", 0],
    ["   \n\n  ", 0],
    ["One line.", 1],
    ["Line one.\nLine two, same paragraph.", 1],
    ["One.\n\nTwo.", 2],
    ["One.\n   \nTwo.\n\n\n\nThree.", 3],
    ["\n\nOne.\n\nTwo.\n\n", 2],
    ["One.\r\n\r\nTwo.", 2],
    ["- a\n- b\n- c", 1],
  ])("%j has %i paragraphs (blank lines separate them)", (text, expected) => {
    expect(countUnit(text, "paragraphs")).toBe(expected);
  });
});

describe("countUnit sentences", () => {
  test.each([
    ["", 0],
    ["Hello", 1],
    ["Hello world.", 1],
    ["One. Two! Three? Four…", 4],
    ["Dr. Smith met Mr. Jones at 3.15 p.m. yesterday.", 1],
    ["Use e.g. this one. Then stop.", 2],
    ["Pi is 3.14159. It is irrational.", 2],
    ['He said "stop." Then he left.', 2],
    ["Wait... what?", 2],
    ["First line without a period\n\nSecond paragraph.", 2],
    ["# Title\nBody sentence one. Body two.", 3],
    ["- item one\n- item two\n- item three", 3],
    ["Intro:\n1. first\n2. second", 3],
    ["日本語の文です。二つ目の文です。", 2],
    ["?!", 0],
    ["```\nconst a = 1; b. c.\n```\nDone.", 1],
  ])("%j has %i sentences", (text, expected) => {
    expect(countUnit(text, "sentences")).toBe(expected);
  });
});

describe("countWords", () => {
  test.each([
    ["", 0],
    ["   ", 0],
    ["one", 1],
    ["one two  three\nfour", 4],
    ["don't stop", 2],
    ["state-of-the-art design", 2],
    ["It costs $1,234.56 today", 4],
    ["1, 2, 3", 3],
    ["**bold** _italic_ `code`", 3],
    ["- bullet one", 2],
    ["naïve café Zürich", 3],
    ["Привет мир", 2],
    ["مرحبا بالعالم", 2],
    ["日本語", 3],
    ["hello 🙂 world", 2],
    ["e-mail e.g. U.S.", 3],
    ["end.Next", 1],
    ["end. Next", 2],
    ["trailing-", 1],
  ])("%j has %i words", (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });
});

describe("countCharacters", () => {
  test.each([
    ["", 0],
    ["abc", 3],
    ["  abc  ", 3],
    ["a b", 3],
    ["😀😀", 2],
    ["é", 1],
    ["line\nbreak", 10],
  ])("%j has %i characters (code points, trimmed)", (text, expected) => {
    expect(countCharacters(text)).toBe(expected);
  });
});

describe("countUnit list structure", () => {
  const text = [
    "# Heading",
    "Intro line",
    "- dash bullet",
    "* star bullet",
    "+ plus bullet",
    "• unicode bullet",
    "  - nested bullet",
    "**bold, not a bullet**",
    "---",
    "* * *",
    "-no space, not a bullet",
    "1. first",
    "2) second",
    "10. tenth",
    "#hashtag is not a header",
    "## Second heading",
    "```",
    "# a comment in code",
    "- not a bullet in code",
    "```",
  ].join("\n");

  test("bullets are lines starting with -, *, + or • and a space, outside code and rules", () => {
    expect(countUnit(text, "bullets")).toBe(5);
  });

  test("numbered items are lines starting with a number, '.' or ')' and a space", () => {
    expect(countUnit(text, "numbered_items")).toBe(3);
  });

  test("list items are bullets and numbered items together", () => {
    expect(countUnit(text, "list_items")).toBe(8);
  });

  test("headers are one to six '#' and a space, outside code", () => {
    expect(countUnit(text, "headers")).toBe(2);
  });

  test("lines are the non-blank lines", () => {
    expect(countUnit("a\n\n  \nb\nc", "lines")).toBe(3);
  });
});
