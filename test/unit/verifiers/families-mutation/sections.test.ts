// The sections family's readings and reasons that the corpus leaves open (found by mutation testing, npm
// run test:mutation): several responses and their separator named by symbol and number, marked sections
// with their bounds, paragraph dividers, the paragraph a word must start, and the reasons of their scores.
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

/** The score and reason of `text` against `description`. */
function judge(text: string, description: string): { score: number | null; reason: string } {
  const result = verifyRequirement(text, description);
  return { score: result.score, reason: result.reason };
}

const responses = (count: number, separator: string) => ({ kind: "responses", count, separator });

describe("responses and their separator read from their phrasing", () => {
  test.each<[string, object]>([
    ["Give two different responses separated by six asterisks: ******", responses(2, "******")],
    ["Give three responses separated by ***", responses(3, "***")],
    ["Give 2 answers. Separate them with 3 dashes", responses(2, "---")],
    ["Write two versions separated by five hashes", responses(2, "#####")],
    ["Use ===== to separate the responses", responses(2, "=====")],
    ["Give 2 replies separated by four underscores", responses(2, "____")],
    ["Give 2 drafts divided by 3 equals signs", responses(2, "===")],
    ["Give 2 variants separated by 4 stars", responses(2, "****")],
    ["Give 2 variants separated by 4 tildes", responses(2, "~~~~")],
    ["Give 2 variants separated by 4 hyphens", responses(2, "----")],
    ["Give 2 variants separated by 3 pound signs", responses(2, "###")],
  ])("%j", (description, check) => {
    expect(read(description)).toStrictEqual({ checks: [check], unchecked: [] });
  });

  test("a count in another sentence is read with the separator, and what is left stays unchecked", () => {
    expect(read("Respond twice. The responses should be separated by 4 tildes")).toStrictEqual({
      checks: [responses(2, "~~~~")],
      unchecked: ["Respond twice"],
    });
  });
});

describe("marked sections read from their phrasing", () => {
  test.each<[string, object]>([
    [
      "Your response must have 3 sections. Mark the beginning of each section with SECTION X",
      { kind: "sections", marker: "SECTION", min: 3, max: 3 },
    ],
    [
      "Your response must have at least 2 sections. Mark each section with Part N",
      { kind: "sections", marker: "Part", min: 2 },
    ],
    [
      "Write no fewer than 2 sections. Prefix each section with Sec N",
      { kind: "sections", marker: "Sec", min: 2 },
    ],
    ["Write at most 2 parts. Label each part with Part X", { kind: "sections", marker: "Part", max: 2 }],
    [
      "Write no more than 4 chapters. Title each with Chapter N",
      { kind: "sections", marker: "Chapter", max: 4 },
    ],
    ["Mark each section with SECTION X", { kind: "sections", marker: "SECTION", min: 1 }],
    // The examples of the marker are part of the rule.
    [
      "Write 3 sections, such as SECTION 1, SECTION 2 and so on. Mark each with SECTION X",
      { kind: "sections", marker: "SECTION", min: 3, max: 3 },
    ],
  ])("%j", (description, check) => {
    expect(read(description)).toStrictEqual({ checks: [check], unchecked: [] });
  });
});

describe("paragraph dividers and paragraph starts read from their phrasing", () => {
  test.each<[string, object]>([
    [
      "There should be 2 paragraphs. Paragraphs are separated with the markdown divider: ***",
      { kind: "count", unit: "paragraphs", min: 2, max: 2, divider: "***" },
    ],
    [
      "Write 3 paragraphs, separated by ***",
      { kind: "count", unit: "paragraphs", min: 3, max: 3, divider: "***" },
    ],
    [
      "Separate paragraphs with ---. Write 2 paragraphs",
      { kind: "count", unit: "paragraphs", min: 2, max: 2, divider: "---" },
    ],
    [
      "Use *** between paragraphs. Write 2 paragraphs",
      { kind: "count", unit: "paragraphs", min: 2, max: 2, divider: "***" },
    ],
    [
      "Paragraph 2 must start with the word However",
      { kind: "paragraph_start", paragraph: 2, word: "However" },
    ],
    [
      "The second paragraph should begin with 'Then'",
      { kind: "paragraph_start", paragraph: 2, word: "Then" },
    ],
    ["Start paragraph 3 with 'Finally'", { kind: "paragraph_start", paragraph: 3, word: "Finally" }],
    [
      "The first word of the 3rd paragraph must be 'End'",
      { kind: "paragraph_start", paragraph: 3, word: "End" },
    ],
    ["The first word of paragraph two is 'Zed'", { kind: "paragraph_start", paragraph: 2, word: "Zed" }],
    ["The twelfth paragraph must start with 'X'", { kind: "paragraph_start", paragraph: 12, word: "X" }],
  ])("%j", (description, check) => {
    expect(read(description)).toStrictEqual({ checks: [check], unchecked: [] });
  });

  test.each([
    // A divider with no paragraph rule, paragraph 0, and a negated start say nothing checkable.
    "Paragraphs separated by ***",
    'Paragraph 0 must start with "A"',
    'Don\'t start paragraph 2 with "And"',
  ])("leaves %j unchecked", (description) => {
    expect(read(description)).toStrictEqual({ checks: [], unchecked: [description] });
  });
});

describe("the reason of a responses, sections or paragraph-start score", () => {
  const two = "Give two different responses separated by six asterisks: ******";
  test.each<[string, string, 0 | 1, string]>([
    [
      two,
      "A\n******\nB",
      1,
      "2 different responses found; 2 different responses separated by ****** required",
    ],
    // Compared without case or spacing.
    [
      two,
      "A  b\n******\na B",
      0,
      "the responses are identical; 2 different responses separated by ****** required",
    ],
    [two, "A", 0, "1 response found; 2 different responses separated by ****** required"],
    [
      two,
      "A\n******\nB\n******\nC",
      0,
      "3 responses found; 2 different responses separated by ****** required",
    ],
    // An empty part at either end is no response; one between separators is an empty response.
    [
      two,
      "******\nA\n******\nB\n******",
      1,
      "2 different responses found; 2 different responses separated by ****** required",
    ],
    [
      two,
      "A\n******\n \n******\nB",
      0,
      "an empty response between two separators; 2 different responses separated by ****** required",
    ],
    [
      "Your response must have 3 sections. Mark the beginning of each section with SECTION X",
      "SECTION 1\na\nSECTION 2\nb\nSECTION 3\nc",
      1,
      '3 sections marked "SECTION N" found; exactly 3 required',
    ],
    // The marker starts a line (markdown aside), with its number; "SECTION 12" is one section.
    [
      "Your response must have 3 sections. Mark the beginning of each section with SECTION X",
      "## SECTION 1\n**SECTION 2**\nsee SECTION 3\nSECTION 12\nSECTIONS 4",
      1,
      '3 sections marked "SECTION N" found; exactly 3 required',
    ],
    [
      "Your response must have at least 2 sections. Mark each section with Part N",
      "Part 1 x",
      0,
      '1 section marked "Part N" found; at least 2 required',
    ],
    [
      "Write at most 2 parts. Label each part with Part X",
      "Part 1\nPart 2\nPart 3",
      0,
      '3 sections marked "Part N" found; at most 2 required',
    ],
    [
      "Write at most 2 parts. Label each part with Part X",
      "part 1\nPart2",
      1,
      '2 sections marked "Part N" found; at most 2 required',
    ],
    ["Mark each section with SECTION X", "hi", 0, '0 sections marked "SECTION N" found; at least 1 required'],
    [
      "There should be 2 paragraphs. Paragraphs are separated with the markdown divider: ***",
      "A\n***\nB",
      1,
      "2 paragraphs separated by *** found; exactly 2 required",
    ],
    [
      "Separate paragraphs with ---. Write 2 paragraphs",
      "A---B---C",
      0,
      "3 paragraphs separated by --- found; exactly 2 required",
    ],
    [
      "Paragraph 2 must start with the word However",
      "A\n\nHowever, b",
      1,
      'paragraph 2 starts with "However"; must start with "However"',
    ],
    [
      "Paragraph 2 must start with the word However",
      "A",
      0,
      '1 paragraph found; paragraph 2 must start with "However"',
    ],
    [
      "Paragraph 3 must start with the word However",
      "A\n\nB",
      0,
      '2 paragraphs found; paragraph 3 must start with "However"',
    ],
    [
      "Paragraph 2 must start with the word However",
      "A\n\nB\n\nC",
      0,
      'paragraph 2 starts with "B"; must start with "However"',
    ],
    // Quotes and markdown before the word are skipped; the word ends at punctuation; case is ignored.
    [
      "The second paragraph should begin with 'Then'",
      'A\n\n"Then x',
      1,
      'paragraph 2 starts with "Then"; must start with "Then"',
    ],
    [
      "Start paragraph 3 with 'Finally'",
      "A\n\nB\n\n## finally.",
      1,
      'paragraph 3 starts with "finally"; must start with "Finally"',
    ],
    // A hyphenated or possessive word is one word.
    [
      "The first word of the 3rd paragraph must be 'End'",
      "a\n\nb\n\nEnd-game now",
      0,
      'paragraph 3 starts with "End-game"; must start with "End"',
    ],
    [
      "The first word of paragraph two is 'Zed'",
      "Zed\n\nzed's",
      0,
      `paragraph 2 starts with "zed's"; must start with "Zed"`,
    ],
    [
      `Paragraph 2 must start with the word "Don't"`,
      "a\n\nDon't go",
      1,
      `paragraph 2 starts with "Don't"; must start with "Don't"`,
    ],
    [
      "Paragraph 2 must start with the word However",
      "a\n\n---",
      0,
      'paragraph 2 starts with ""; must start with "However"',
    ],
  ])("%j on %j", (description, text, score, reason) => {
    expect(judge(text, description)).toEqual({ score, reason });
  });
});

describe("paragraphs separated by blank lines", () => {
  test.each<[string, object[], string[]]>([
    // The default divider says nothing new; the count before it keeps its noun.
    [
      "Write 2 paragraphs separated by a blank line",
      [{ kind: "count", unit: "paragraphs", min: 2, max: 2 }],
      [],
    ],
    [
      "Paragraphs are separated by a blank line. Write 2 paragraphs",
      [{ kind: "count", unit: "paragraphs", min: 2, max: 2 }],
      [],
    ],
  ])("%j", (description, checks, unchecked) => {
    expect(read(description)).toStrictEqual({ checks, unchecked });
  });
});
