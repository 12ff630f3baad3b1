// The sections family's readings and reasons that the corpus leaves open (found by mutation testing, npm
// run test:mutation): several responses and their separator named by symbol and number, marked sections
// with their bounds, paragraph dividers, the paragraph a word must start, and the reasons of their scores.
import { describe, expect, test } from "vitest";
import { type Check, parseRequirement, verify, verifyRequirement } from "../../../../src/verifiers/index.js";

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
    // A named count after "separate them with" is the count of symbols.
    ["Give 2 answers. Separate them with 5 dashes", responses(2, "-----")],
    // The count may follow the separator.
    ["Separate the responses with ***. Give 3 responses", responses(3, "***")],
  ])("%j", (description, check) => {
    expect(read(description)).toStrictEqual({ checks: [check], unchecked: [] });
  });

  test.each<[string, object[], string[]]>([
    // What lies between the count and a separator in another sentence is read on its own.
    [
      "Write 2 answers in French. Separate them with 5 dashes",
      [responses(2, "-----"), { kind: "language", language: "fra", name: "French" }],
      [],
    ],
    // A count and separator that overlap are read together, and what follows is left.
    [
      "Give two different responses separated by six asterisks: ****** and keep them short",
      [responses(2, "******")],
      ["and keep them short"],
    ],
  ])("%j with what else it says", (description, checks, unchecked) => {
    expect(read(description)).toStrictEqual({ checks, unchecked });
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
    // ...in any case.
    [
      "Write 3 sections, such as Section 1 and Section 2. Mark each with SECTION X",
      { kind: "sections", marker: "SECTION", min: 3, max: 3 },
    ],
    // The count inside the marker's sentence.
    ["Mark the 3 sections with SECTION X", { kind: "sections", marker: "SECTION", min: 3, max: 3 }],
    ["Write a minimum of 2 sections. Mark each with Part N", { kind: "sections", marker: "Part", min: 2 }],
    ["Write only 3 sections. Mark each with Part N", { kind: "sections", marker: "Part", min: 3, max: 3 }],
    // A list shown as an example of a format belongs to the rule it illustrates.
    [
      "Use the markdown bullet points such as:\n* This is point 1.\n* This is point 2",
      { kind: "count", unit: "bullets", min: 1 },
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
    ["The first paragraph must start with 'Dear'", { kind: "paragraph_start", paragraph: 1, word: "Dear" }],
    [
      "The 10th paragraph must begin with 'Finally'",
      { kind: "paragraph_start", paragraph: 10, word: "Finally" },
    ],
    // Spaces inside the quotes are not part of the word.
    ['Paragraph 2 must start with " However"', { kind: "paragraph_start", paragraph: 2, word: "However" }],
    // A count word at the start of the description keeps its noun.
    [
      "Two paragraphs, separated by ***",
      { kind: "count", unit: "paragraphs", min: 2, max: 2, divider: "***" },
    ],
    ["Two paragraphs separated by a blank line", { kind: "count", unit: "paragraphs", min: 2, max: 2 }],
    [
      "Separate paragraphs with 4 dashes. Write 2 paragraphs",
      { kind: "count", unit: "paragraphs", min: 2, max: 2, divider: "----" },
    ],
  ])("%j", (description, check) => {
    expect(read(description)).toStrictEqual({ checks: [check], unchecked: [] });
  });

  test.each([
    // A divider with no paragraph rule, paragraph 0, and a negated start say nothing checkable.
    "Paragraphs separated by ***",
    'Paragraph 0 must start with "A"',
    'Don\'t start paragraph 2 with "And"',
    // A blank quoted word names no word.
    'Paragraph 2 must start with " "',
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
    // Spanish opening marks are skipped like quotes.
    [
      'Paragraph 2 must start with "Hola"',
      "A\n\n¡Hola, amigos!",
      1,
      'paragraph 2 starts with "Hola"; must start with "Hola"',
    ],
    [
      "The 10th paragraph must begin with 'Finally'",
      "a\n\nb\n\nc\n\nd\n\ne\n\nf\n\ng\n\nh\n\ni\n\nFinally, j",
      1,
      'paragraph 10 starts with "Finally"; must start with "Finally"',
    ],
    // Many quoted strings before it: a two-digit placeholder.
    [
      "Use the words 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i' and 'j'. Paragraph 2 must start with 'Then'",
      "a b c d e f g h i j\n\nThen x",
      1,
      '2 of 2 checks met: 10 of 10 keywords as required: "a" found 1 time, "b" found 1 time, "c" found 1 time, "d" found 1 time, "e" found 1 time, "f" found 1 time, "g" found 1 time, "h" found 1 time, "i" found 1 time, "j" found 1 time; each must appear | paragraph 2 starts with "Then"; must start with "Then"',
    ],
    // Responses that differ only by a space are different.
    [
      two,
      "See you\n******\nSeeyou",
      1,
      "2 different responses found; 2 different responses separated by ****** required",
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

describe("the source of each check: the words it was read from", () => {
  test.each<[string, string[]]>([
    // A count and a separator that overlap are joined, each named once in a sentence of its own.
    [
      "Give two different responses separated by six asterisks: ******",
      ["two different responses ... responses separated by six asterisks: ******"],
    ],
    ["Give 2 answers. Separate them with 3 dashes", ["2 answers ... Separate them with 3 dashes"]],
    // Without a count, the separator alone; its final mark is left out.
    ["Separate the responses with ***; keep each short", ["Separate the responses with ***"]],
    ["Use ===== to separate the responses.", ["Use ===== to separate the responses"]],
    [
      "Your response must have 3 sections. Mark the beginning of each section with SECTION X",
      ["3 sections ... Mark the beginning of each section with SECTION X"],
    ],
    [
      "Your response must have at least 2 sections. Mark each section with Part N",
      ["at least 2 sections ... Mark each section with Part N"],
    ],
    ["Mark each section with SECTION X", ["Mark each section with SECTION X"]],
    [
      "Write 3 sections, such as SECTION 1, SECTION 2 and so on. Mark each with SECTION X",
      ["3 sections ... Mark each with SECTION X"],
    ],
    // A paragraph count and its divider, the divider's words from where the separation is said.
    [
      "There should be 2 paragraphs. Paragraphs are separated with the markdown divider: ***.",
      ["2 paragraphs; Paragraphs are separated with the markdown divider: ***"],
    ],
    ["Write 3 paragraphs, separated by ***.", ["3 paragraphs; separated by ***"]],
    [
      "There should be 3 paragraphs separated from each other with ***",
      ["3 paragraphs; separated from each other with ***"],
    ],
    ["Separate paragraphs with ---; write 2 paragraphs", ["2 paragraphs; Separate paragraphs with ---"]],
    ["Use *** between paragraphs. Write 2 paragraphs", ["2 paragraphs; Use *** between paragraphs"]],
    // The default divider adds nothing to the count's words.
    ["Write 4 paragraphs separated by two new lines", ["4 paragraphs"]],
    ["Paragraph 2 must start with the word However", ["Paragraph 2 must start with the word However"]],
    ["Start paragraph 3 with 'Finally'", ['Start paragraph 3 with "Finally"']],
  ])("%j", (description, sources) => {
    expect(parseRequirement(description).checks.map((check) => check.source)).toStrictEqual(sources);
  });
});

describe("a sections check given directly", () => {
  test.each<[{ min?: number; max?: number }, string, 0 | 1, string]>([
    [{ min: 1, max: 3 }, "Part 1\nPart 2", 1, '2 sections marked "Part N" found; between 1 and 3 required'],
    [{ min: 2, max: 2 }, "Part 1", 0, '1 section marked "Part N" found; exactly 2 required'],
  ])("%j on %j", (bounds, text, score, reason) => {
    const result = verify(text, [{ kind: "sections", marker: "Part", source: "", ...bounds }]);
    expect({ score: result.score, reason: result.reason }).toEqual({ score, reason });
  });
});
