// What a requirement applies to, as its words say: alternatives ("'x' or 'y'") are not all required, a case
// asked of a part ("the title in capitals") is not a case for the whole text, a language allowed ("may
// stay in English") is not required, "the third one" may be a paragraph named in another sentence, a
// quote mark after "with" may be the mark itself. Each reading is scored on a text that meets it and one
// that does not; the rest must be left unchecked rather than read as something stricter.
import { describe, expect, test } from "vitest";
import { type Check, parseRequirement, verifyRequirement } from "../../../src/verifiers/index.js";

/** The checks of a description without their `source`, which only echoes the description. */
function checksOf(description: string): object[] {
  return parseRequirement(description).checks.map(({ source: _source, ...check }: Check) => check);
}

function scoreOf(text: string, description: string): number | null {
  return verifyRequirement(text, description).score;
}

type Row = [requirement: string, checks: object[], pass: string, fail: string];

const CAPS_FEW = "The HOTEL is near the STATION and the park.";
const CAPS_MANY = "The HOTEL is NEAR the STATION and the PARK, TRULY.";

const ROWS: Row[] = [
  // Counted words said to be in capitals: a count of capital words, not a count of words.
  [
    "No more than 2 words may be written in all caps.",
    [{ kind: "count", unit: "capital_words", max: 2 }],
    CAPS_FEW,
    CAPS_MANY,
  ],
  [
    "At least 4 words must be in capital letters",
    [{ kind: "count", unit: "capital_words", min: 4 }],
    CAPS_MANY,
    CAPS_FEW,
  ],
  [
    "Fewer than three words should be entirely uppercase",
    [{ kind: "count", unit: "capital_words", max: 2 }],
    CAPS_FEW,
    CAPS_MANY,
  ],
  [
    "Keep completely capitalized words to under 3",
    [{ kind: "count", unit: "capital_words", max: 2 }],
    CAPS_FEW,
    CAPS_MANY,
  ],
  // The paragraph a later sentence calls "the third one".
  [
    "Write 3 paragraphs. The second one has to open with the word Still.",
    [
      { kind: "count", unit: "paragraphs", min: 3, max: 3 },
      { kind: "paragraph_start", paragraph: 2, word: "Still" },
    ],
    "Rain fell all day.\n\nStill, the match went on.\n\nWe won in the end.",
    "Rain fell all day.\n\nThe match went on.\n\nStill, we won in the end.",
  ],
  // A quote mark on its own after "with" is the mark.
  [
    'Give me one quoted string: open it with " and close it with "',
    [
      { kind: "starts_with", phrase: '"' },
      { kind: "ends_with", phrase: '"' },
    ],
    '"The bakery opens at seven."',
    "The bakery opens at seven.",
  ],
  // The options after the one word the answer may be, and "just" before the verb: nothing else allowed.
  [
    "Answer with one word, either Hot, Warm or Cold, and nothing else",
    [{ kind: "one_of", options: ["Hot", "Warm", "Cold"] }],
    "Warm",
    "Warm, I think, given the forecast.",
  ],
  [
    "Just say 'Valid' or 'Invalid'",
    [{ kind: "one_of", options: ["Valid", "Invalid"] }],
    "Invalid",
    "Invalid, because the date is missing.",
  ],
  // A marker "followed by its number" (the N of "SECTION" is no placeholder).
  [
    "Write 2 parts and begin each with CHAPTER followed by its number.",
    [{ kind: "sections", marker: "CHAPTER", min: 2, max: 2 }],
    "CHAPTER 1\nThe start.\n\nCHAPTER 2\nThe end.",
    "CHAPTER 1\nThe start and the end.",
  ],
  // The whole text's case in more words, and a language named after it.
  [
    "Answer with every letter capitalized",
    [{ kind: "case", case: "upper" }],
    "ALL GOOD HERE.",
    "All good here.",
  ],
  ["Write it in block capitals", [{ kind: "case", case: "upper" }], "ALL GOOD HERE.", "All good here."],
  [
    "Reply without any uppercase characters",
    [{ kind: "case", case: "lower" }],
    "all good here.",
    "All good here.",
  ],
  [
    "Write in lowercase French",
    [
      { kind: "case", case: "lower" },
      { kind: "language", language: "fra", name: "French" },
    ],
    "nous avons visité le musée hier et nous avons beaucoup aimé les tableaux anciens.",
    "We visited the museum yesterday and we liked the old paintings very much.",
  ],
  // A divider "with X between paragraphs".
  [
    "Write exactly 2 paragraphs, with ~~~ between paragraphs",
    [{ kind: "count", unit: "paragraphs", min: 2, max: 2, divider: "~~~" }],
    "First part.\n~~~\nSecond part.",
    "First part.\n\nSecond part.",
  ],
  // Counted words with the capitals after them, or the count after a colon.
  [
    "Put at least 4 words in full uppercase",
    [{ kind: "count", unit: "capital_words", min: 4 }],
    CAPS_MANY,
    CAPS_FEW,
  ],
  ["Upper-case words: two at most", [{ kind: "count", unit: "capital_words", max: 2 }], CAPS_FEW, CAPS_MANY],
  [
    "The number of words in complete capitals has to remain under 3",
    [{ kind: "count", unit: "capital_words", max: 2 }],
    CAPS_FEW,
    CAPS_MANY,
  ],
  [
    "Zero lowercase characters, please",
    [{ kind: "case", case: "upper" }],
    "ALL GOOD HERE.",
    "All good here.",
  ],
  // Dividers named around their symbols.
  [
    "Exactly 2 paragraphs, please, using a line of tildes (~~~) between them",
    [{ kind: "count", unit: "paragraphs", min: 2, max: 2, divider: "~~~" }],
    "First part.\n~~~\nSecond part.",
    "First part.\n\nSecond part.",
  ],
  [
    "Use === as the paragraph separator; write 2 paragraphs",
    [{ kind: "count", unit: "paragraphs", min: 2, max: 2, divider: "===" }],
    "First part.\n===\nSecond part.",
    "First part.\n\nSecond part.",
  ],
  // More ways to say the paragraph's start, the choice and the keywords.
  [
    "Write 2 paragraphs; the second one should kick off with the word Next.",
    [
      { kind: "count", unit: "paragraphs", min: 2, max: 2 },
      { kind: "paragraph_start", paragraph: 2, word: "Next" },
    ],
    "We met.\n\nNext, we ate.",
    "We met.\n\nThen we ate.",
  ],
  [
    "Just write Left or Right, no explanation",
    [{ kind: "one_of", options: ["Left", "Right"] }, { kind: "answer_only" }],
    "Left",
    "Left, since it is shorter.",
  ],
  [
    "Pick exactly one word from this list: alpha, beta, gamma",
    [{ kind: "one_of", options: ["alpha", "beta", "gamma"] }],
    "beta",
    "delta",
  ],
  [
    "Use 'ember' as well as 'ash'",
    [{ kind: "keywords", keywords: ["ember", "ash"], min: 1 }],
    "The ember fell into the ash.",
    "The ember fell.",
  ],
  // Sections named after their marker: "three phases ... 'Phase N'".
  [
    "Plan three stages and start each with the heading 'Stage N', where N is the stage number",
    [{ kind: "sections", marker: "Stage", min: 3, max: 3 }],
    "Stage 1\nBuy.\n\nStage 2\nCook.\n\nStage 3\nEat.",
    "Stage 1\nBuy and cook.\n\nStage 2\nEat.",
  ],
  // More ways to require and forbid words.
  [
    'Somewhere in the reply, both the word "kiln" and the word "glaze" have to show up',
    [{ kind: "keywords", keywords: ["kiln", "glaze"], min: 1 }],
    "The kiln fired the glaze.",
    "The kiln was hot.",
  ],
  [
    'The words "kiln" and "glaze" should both appear in the note',
    [{ kind: "keywords", keywords: ["kiln", "glaze"], min: 1 }],
    "The kiln fired the glaze.",
    "The kiln was hot.",
  ],
  [
    'Please keep the word "cheap" out of your answer',
    [{ kind: "keywords", keywords: ["cheap"], max: 0 }],
    "It is affordable.",
    "It is cheap.",
  ],
  [
    'The slogan must contain neither "best" nor "ultimate"',
    [{ kind: "keywords", keywords: ["best", "ultimate"], max: 0 }],
    "A fine choice.",
    "The ultimate choice.",
  ],
  [
    'Avoid saying "honestly" or "basically"',
    [{ kind: "keywords", keywords: ["honestly", "basically"], max: 0 }],
    "It works.",
    "Basically, it works.",
  ],
  [
    'Work in the word "lantern" somewhere',
    [{ kind: "keywords", keywords: ["lantern"], min: 1 }],
    "A lantern glowed.",
    "A lamp glowed.",
  ],
  [
    "Only Swedish, please.",
    [{ kind: "language", language: "swe", name: "Swedish" }],
    "Vi besökte museet i går och tyckte mycket om de gamla tavlorna där.",
    "We visited the museum yesterday and liked the old paintings there very much.",
  ],
  [
    "Mention Oslo exactly twice: no more, no less.",
    [{ kind: "keywords", keywords: ["Oslo"], min: 2, max: 2 }],
    "Oslo is calm. Oslo is green.",
    "Oslo is calm.",
  ],
  [
    "Reply with exactly one digit: 1, 2 or 3",
    [{ kind: "one_of", options: ["1", "2", "3"] }],
    "2",
    "2, because it is in the middle.",
  ],
  // Whole sentences as options, separated by slashes (the clause reader would split them at their periods).
  [
    "Reply using only one of these two sentences: The order shipped. / The order is late.",
    [{ kind: "one_of", options: ["The order shipped.", "The order is late."] }],
    "The order is late.",
    "The order is late. It left the warehouse on Monday.",
  ],
  // Forbidding alternatives forbids each of them; a language asked for beside one allowed.
  [
    "Do not mention Paris or Lyon",
    [{ kind: "keywords", keywords: ["Paris", "Lyon"], max: 0 }],
    "We toured Nice.",
    "We toured Lyon.",
  ],
  [
    "Respond in German; brand names can stay in English.",
    [{ kind: "language", language: "deu", name: "German" }],
    "Wir haben das neue iPhone gestern im Laden gekauft und sind sehr zufrieden damit.",
    "We bought the new iPhone in the shop yesterday and we are very happy with it.",
  ],
];

describe("what a requirement applies to", () => {
  test.each(ROWS)(
    "%j is read as its checks, and scored on texts that meet it and not",
    (requirement, checks, pass, fail) => {
      expect(checksOf(requirement)).toEqual(checks);
      expect(scoreOf(pass, requirement)).toBe(1);
      // Below 1: a text that misses one of several checks (or keywords) keeps the share it met.
      expect(scoreOf(fail, requirement)).toBeLessThan(1);
    },
  );

  test.each([
    // Alternatives ask for one of them; a keywords check would require each.
    "Use the word 'lemon' or 'lime'",
    "Mention Rome and/or Milan",
    "Include either 'tea' or 'coffee'",
    // A case asked of a part of the text.
    "Write the title in all caps",
    "List three risks, writing them in capital letters",
    "Put each heading in uppercase",
    // A language allowed, not asked for.
    "Product names may stay in English",
    "Quotes can be left in French",
    "It is fine to leave the product and brand names in English",
    "Keep the code comments in English",
    // "The second one" of several answers is not the start of the text.
    "Give two answers; the second one must begin with 'Yes'",
    "The other reply should end with 'Bye'",
  ])("leaves %j unchecked rather than read too strictly", (requirement) => {
    expect(parseRequirement(requirement).checks).toEqual([]);
  });

  test.each([
    // What stays as it was: the whole text's case, first and last lines, a required language.
    ["Answer in all caps", [{ kind: "case", case: "upper" }]],
    ["Write your whole answer in uppercase letters", [{ kind: "case", case: "upper" }]],
    ["Your response must begin with 'Hello'", [{ kind: "starts_with", phrase: "Hello" }]],
    ["The last sentence must end with 'Thanks'", [{ kind: "ends_with", phrase: "Thanks" }]],
    [
      "You may only answer in Spanish",
      [{ kind: "answer_only" }, { kind: "language", language: "spa", name: "Spanish" }],
    ],
    ["Use the words 'lemon' and 'lime'", [{ kind: "keywords", keywords: ["lemon", "lime"], min: 1 }]],
    ['End your answer with "Thanks"', [{ kind: "ends_with", phrase: "Thanks" }]],
    // Writing N words in capitals is a length and a case; including N words in capitals is a count.
    [
      "Write at least 100 words in all caps",
      [
        { kind: "count", unit: "words", min: 100 },
        { kind: "case", case: "upper" },
      ],
    ],
    ["Include at least 3 words in all caps", [{ kind: "count", unit: "capital_words", min: 3 }]],
    ["Do not write more than 3 words in capital letters", [{ kind: "count", unit: "capital_words", max: 3 }]],
    // A divider said not to be used is no divider: the count is of blank-line paragraphs.
    [
      "Write 3 paragraphs. Don't use *** between paragraphs.",
      [{ kind: "count", unit: "paragraphs", min: 3, max: 3 }],
    ],
    ["Write a few sentences in French", [{ kind: "language", language: "fra", name: "French" }]],
  ])("%j keeps its reading", (requirement, checks) => {
    expect(checksOf(requirement)).toEqual(checks);
  });
});
