// The ways people ask for highlighted sections and placeholders: the verb (highlight, mark, stress, wrap,
// emphasize, use ... for), the style named (markdown, *asterisks*, italics, bold, "*highlighted text*"),
// the placeholder's name (placeholders, fill-in fields, blanks to fill in, template slots, bracketed
// fields), examples in the requirement ("e.g. *key point*", "(e.g. [company])"), "N or more" and "N times".
// Each phrasing is scored on a text that meets it and one that does not; some must not be read as these.
import { describe, expect, test } from "vitest";
import { type Check, parseRequirement, verifyRequirement } from "../../../src/verifiers/index.js";

/** The checks of a description without their `source`, which only echoes the description. */
function checksOf(description: string): object[] {
  return parseRequirement(description).checks.map(({ source: _source, ...check }: Check) => check);
}

// Three highlighted sections (one bold, two italic) and one.
const THREE_HIGHLIGHTS =
  "The plan has **three parts**.\n\nFirst, *save early*. Then *spend less* each month.";
const ONE_HIGHLIGHT = "The plan is simple: *save early* and spend less each month.";
// Four placeholders and one.
const FOUR_PLACEHOLDERS = "Dear [name],\n\nYour order [order number] ships on [date] to [address].";
const ONE_PLACEHOLDER = "Dear [name],\n\nYour order ships soon.";

type Row = [requirement: string, bounds: { min?: number; max?: number }, pass: string, fail: string];

const HIGHLIGHT_ROWS: Row[] = [
  // A highlight verb and a count; the style after it is consumed.
  ["Highlight at least 2 sections with markdown", { min: 2 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  ["Emphasise 3 or more passages with bold markdown", { min: 3 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  ["Bold two or more key phrases", { min: 2 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  ["Italicize at least three words", { min: 3 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  ["Highlight the 3 main tips with *markdown italics*", { min: 3, max: 3 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  ["Emphasize no more than 2 phrases with *asterisks*", { max: 2 }, ONE_HIGHLIGHT, THREE_HIGHLIGHTS],
  ["Don't highlight more than one phrase", { max: 1 }, ONE_HIGHLIGHT, THREE_HIGHLIGHTS],
  // Any verb, when the style names the highlight.
  ["Mark at least 3 phrases with *markdown highlighting*", { min: 3 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  ["Wrap at least three key terms in asterisks", { min: 3 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  ["Stress at least 2 points using *italics*", { min: 2 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  ["Put two or more words in italics", { min: 2 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  ["Format 2 to 3 sentences in bold", { min: 2, max: 3 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  ["There should be at least 3 words in *italics*", { min: 3 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  // The style first: "use X for N parts", "use X N times".
  ["Use *italic text* for at least 3 tips", { min: 3 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  ["Apply markdown highlighting to at least two sections", { min: 2 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  ["Use markdown highlighting at least 3 times", { min: 3 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  ["Use *asterisk emphasis* at least twice in your answer", { min: 2 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  // The counted parts first, passive or with a participle.
  ["At least two phrases should be emphasized using asterisks", { min: 2 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  [
    "At least 3 passages of your answer must be highlighted with markdown, e.g. *note*",
    { min: 3 },
    THREE_HIGHLIGHTS,
    ONE_HIGHLIGHT,
  ],
  [
    "Your answer should contain 2 or more sections highlighted in markdown, for example *summary*",
    { min: 2 },
    THREE_HIGHLIGHTS,
    ONE_HIGHLIGHT,
  ],
  ["Make at least 3 phrases bold", { min: 3 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  ["Make sure at least 3 key points are in bold", { min: 3 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  ["Include at least 2 bolded key terms", { min: 2 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  ["Use asterisks to highlight at least 3 phrases", { min: 3 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  ["Put asterisks around at least 3 phrases", { min: 3 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  // "N or more" before the unit, and an example that is markdown, not a keyword.
  ["Include three or more highlighted parts, e.g. *Key idea*", { min: 3 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  ["Add 2 or more *highlighted* sections, such as *this one*", { min: 2 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
];

const PLACEHOLDER_ROWS: Row[] = [
  // Names of the thing: fill-in fields, blanks to fill in, template slots, bracketed fields.
  [
    "Leave at least 3 fill-in blanks in square brackets, like [city]",
    { min: 3 },
    FOUR_PLACEHOLDERS,
    ONE_PLACEHOLDER,
  ],
  ["Provide at least 2 fill-in fields", { min: 2 }, FOUR_PLACEHOLDERS, ONE_PLACEHOLDER],
  ["Have at least 2 fill-in-the-blank fields", { min: 2 }, FOUR_PLACEHOLDERS, ONE_PLACEHOLDER],
  ["Use square brackets around at least 3 placeholders", { min: 3 }, FOUR_PLACEHOLDERS, ONE_PLACEHOLDER],
  ["Add 3 or more template slots like [product]", { min: 3 }, FOUR_PLACEHOLDERS, ONE_PLACEHOLDER],
  [
    "Include two or more fields to fill in, written in square brackets (e.g. [phone])",
    { min: 2 },
    FOUR_PLACEHOLDERS,
    ONE_PLACEHOLDER,
  ],
  [
    "Write a template with at least 2 fields to be filled in, marked with square brackets",
    { min: 2 },
    FOUR_PLACEHOLDERS,
    ONE_PLACEHOLDER,
  ],
  [
    "The letter needs at least four blanks for the reader to fill in, in square brackets",
    { min: 4 },
    FOUR_PLACEHOLDERS,
    ONE_PLACEHOLDER,
  ],
  // Bare blanks, fields or slots, beside brackets.
  ["Leave at least 2 blanks, written in square brackets", { min: 2 }, FOUR_PLACEHOLDERS, ONE_PLACEHOLDER],
  ["Include 3 or more slots such as [time]", { min: 3 }, FOUR_PLACEHOLDERS, ONE_PLACEHOLDER],
  // "N or more" before the unit, and counts in words.
  ["Add 2 or more [placeholder] fields", { min: 2 }, FOUR_PLACEHOLDERS, ONE_PLACEHOLDER],
  [
    "Your response must include three or more placeholders in square brackets",
    { min: 3 },
    FOUR_PLACEHOLDERS,
    ONE_PLACEHOLDER,
  ],
  // "N times", with an example in parentheses between.
  [
    "Use bracketed placeholders such as [name] at least 3 times",
    { min: 3 },
    FOUR_PLACEHOLDERS,
    ONE_PLACEHOLDER,
  ],
  [
    "Insert square-bracket fields (for example [email]) at least twice",
    { min: 2 },
    FOUR_PLACEHOLDERS,
    ONE_PLACEHOLDER,
  ],
  ["Use placeholders in square brackets at least 4 times", { min: 4 }, FOUR_PLACEHOLDERS, ONE_PLACEHOLDER],
  ["Do not use placeholders more than once", { max: 1 }, ONE_PLACEHOLDER, FOUR_PLACEHOLDERS],
];

describe.each([
  ["highlights", HIGHLIGHT_ROWS],
  ["placeholders", PLACEHOLDER_ROWS],
] as const)("%s", (unit, rows) => {
  test.each(rows)("%j reads as a count of %j", (requirement, bounds) => {
    const parsed = parseRequirement(requirement);
    expect({ checks: checksOf(requirement), unchecked: parsed.unchecked }).toEqual({
      checks: [{ kind: "count", unit, ...bounds }],
      unchecked: [],
    });
  });

  test.each(rows)(
    "%j passes a text within bounds and fails one outside",
    (requirement, _bounds, pass, fail) => {
      expect(verifyRequirement(pass, requirement).score).toBe(1);
      expect(verifyRequirement(fail, requirement).score).toBe(0);
    },
  );
});

test.each([
  [
    "Highlight at least 2 sections, e.g. *like this*",
    THREE_HIGHLIGHTS,
    "3 highlighted sections found; at least 2 required",
  ],
  [
    "Highlight at least 2 sections, e.g. *like this*",
    ONE_HIGHLIGHT,
    "1 highlighted section found; at least 2 required",
  ],
  [
    "Use square-bracket placeholders (e.g. [company]) at least 2 times",
    ONE_PLACEHOLDER,
    "1 placeholder in square brackets found; at least 2 required",
  ],
])("%j on %j: %s", (requirement, text, reason) => {
  expect(verifyRequirement(text, requirement).reason).toBe(reason);
});

describe("phrasings that are not these counts", () => {
  test.each([
    // Capital words, not markdown: a count of capital words.
    [
      "Emphasize at least 2 words by writing them in capitals",
      [{ kind: "count", unit: "capital_words", min: 2 }],
    ],
    ["Highlight at least 3 words in all caps", [{ kind: "count", unit: "capital_words", min: 3 }]],
    // Bare markdown is a format; "or more" before other units is read by the length family.
    ["Write at least 300 words in markdown", [{ kind: "count", unit: "words", min: 300 }]],
    ["Write 3 or more paragraphs", [{ kind: "count", unit: "paragraphs", min: 3 }]],
  ])("%j", (requirement, checks) => {
    expect(checksOf(requirement)).toEqual(checks);
  });

  test.each([
    // A verb without a style is not a highlight; "bold headings" are headings; "blank lines" and JSON
    // fields are not placeholders.
    "Stress three benefits of exercise",
    "Write 5 bullet points with bold headings",
    "Use markdown",
    "Write 3 sections in markdown",
    "Leave 2 blank lines between paragraphs",
    "Include a JSON object with at least 3 fields",
    "Mark the most important words",
  ])("%j has no highlight or placeholder count", (requirement) => {
    const units = parseRequirement(requirement).checks.map((check) =>
      check.kind === "count" ? check.unit : "",
    );
    expect(units).not.toContain("highlights");
    expect(units).not.toContain("placeholders");
  });

  test("an example in the requirement is not a keyword to find", () => {
    const result = verifyRequirement(
      ONE_HIGHLIGHT,
      "Include one or more highlighted sections, e.g. *key point*",
    );
    expect(result).toMatchObject({ verdict: "pass", unchecked: [] });
  });
});
