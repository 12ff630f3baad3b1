// The repeat-the-request family's readings and scores that the corpus leaves open (found by mutation
// testing, npm run test:mutation): the check's source without its closing period, the rest of the
// description still read, the instruction removed from the request wherever it stands (start, middle,
// with or without its period), the sentences or lines about repeating left out of what is repeated, case
// and spacing ignored, an empty request undecidable, and the reason of a text that does not repeat it.
import { describe, expect, test } from "vitest";
import { type Check, parseRequirement, verify, verifyRequirement } from "../../../../src/verifiers/index.js";

/** The checks of a description without their `source` (but the repeat check's), and what was left unchecked. */
function read(description: string): { checks: object[]; unchecked: readonly string[] } {
  const parsed = parseRequirement(description);
  return {
    checks: parsed.checks.map(({ source, ...check }: Check) =>
      check.kind === "repeat_request" ? { ...check, source } : check,
    ),
    unchecked: parsed.unchecked,
  };
}

describe("the repeat rule read from a description", () => {
  test("its source ends before the period, and the rest of the description is read too", () => {
    const description = "First repeat the request word for word. Use no commas.";
    expect(read(description)).toStrictEqual({
      checks: [
        {
          kind: "repeat_request",
          excluding: description,
          source: "First repeat the request word for word",
        },
        { kind: "forbid_marks", mark: "commas" },
      ],
      unchecked: [],
    });
  });

  test("a period inside the source is kept", () => {
    expect(
      parseRequirement("Repeat the request word for word (i.e. verbatim), then answer.").checks[0],
    ).toMatchObject({
      kind: "repeat_request",
      source: "Repeat the request word for word (i.e. verbatim)",
    });
  });

  test("the instruction it excludes is the description without the spaces around it", () => {
    expect(read("First repeat the request word for word.   ")).toStrictEqual({
      checks: [
        {
          kind: "repeat_request",
          excluding: "First repeat the request word for word.",
          source: "First repeat the request word for word",
        },
      ],
      unchecked: [],
    });
  });

  test.each([
    // No repeat phrasing, or one that says neither "exactly" nor "first": a paraphrase may do.
    "Use no commas.",
    "Repeat the question in your answer.",
  ])("%j has no repeat check", (description) => {
    const kinds = parseRequirement(description).checks.map((check) => check.kind);
    expect(kinds).not.toContain("repeat_request");
  });

  test.each<[string, string]>([
    // The sentences that belong to the rule end where they stand: a negation before them does not reach
    // the words after them.
    [
      "First repeat the request word for word. Never use commas do not say anything before repeating the request mention Paris.",
      "mention Paris",
    ],
    [
      "First repeat the request word for word. Do not write about Rome what you repeat should not include this sentence. Mention Paris.",
      "Mention Paris",
    ],
  ])("%j: the rule's sentences end a clause", (description, source) => {
    const parsed = parseRequirement(description);
    expect(parsed.checks.find((check) => check.kind === "keywords")).toStrictEqual({
      kind: "keywords",
      keywords: ["Paris"],
      min: 1,
      source,
    });
  });

  test.each([
    // "Do not say anything before repeating" and "what you repeat does not include this sentence" are
    // part of the same rule.
    "First repeat the request word for word. Do not say anything before repeating the request.",
    "Repeat the request verbatim. What you repeat should not include this sentence.",
  ])("%j is one repeat check", (description) => {
    expect(read(description).checks).toHaveLength(1);
    expect(read(description).unchecked).toStrictEqual([]);
  });
});

const FIRST = "First repeat the request word for word without change, then give your answer.";
// Not itself about repeating in ABOUT_REPEATING's words: only removing the instruction leaves it out.
const WRITE_OUT = "Write out the question first, then answer.";
const PASS = "the text starts with the request, word for word";

describe("the score of a repeat check against its request", () => {
  test.each<[string, string | undefined, string, 0 | 1 | null, string]>([
    // The instruction is removed from the request: after it, before it, or without its period.
    [WRITE_OUT, `Describe Paris. ${WRITE_OUT}`, "Describe Paris. Paris is big.", 1, PASS],
    [WRITE_OUT, `${WRITE_OUT} Describe Paris.`, "Describe Paris. Paris is big.", 1, PASS],
    [WRITE_OUT.slice(0, -1), `Describe Paris. ${WRITE_OUT}`, "Describe Paris. Paris is big.", 1, PASS],
    [FIRST, `Write a haiku about rain. ${FIRST}`, "Write a haiku about rain. Rain falls softly.", 1, PASS],
    // Case and spacing aside.
    [FIRST, `Write a haiku about rain.\n${FIRST}`, "WRITE  a haiku\nABOUT rain.\nRain falls.", 1, PASS],
    [FIRST, `   Describe Paris.\n\n${FIRST}`, "Describe Paris.   Paris", 1, PASS],
    // Sentences about repeating are not part of the request, on the instruction's line or their own.
    [
      FIRST,
      "Describe Paris. Repeat the request above word for word before answering. Keep it short.",
      "Describe Paris. Keep it short. Paris is big.",
      1,
      PASS,
    ],
    [
      FIRST,
      "Describe Paris.\nRepeat the request above word for word. Then answer.",
      "Describe Paris. Paris is big.",
      1,
      PASS,
    ],
    // The request's own punctuation is part of it.
    [
      WRITE_OUT,
      `${WRITE_OUT} Describe Paris.`,
      "Describe Paris! Paris is big.",
      0,
      'the text does not start with the request word for word (differs after 14 of 15 characters, at "ribe paris.")',
    ],
    [
      FIRST,
      `Write a haiku about rain. ${FIRST}`,
      "Write a poem about rain. Rain falls.",
      0,
      'the text does not start with the request word for word (differs after 8 of 25 characters, at "write a haiku about rain.")',
    ],
    [
      FIRST,
      `Write a haiku about rain. ${FIRST}`,
      "Rain falls.",
      0,
      'the text does not start with the request word for word (differs after 0 of 25 characters, at "write a haiku about ")',
    ],
    [
      FIRST,
      "Describe Paris and Rome.",
      "Describe Paris",
      0,
      'the text does not start with the request word for word (differs after 14 of 24 characters, at "ribe paris and rome.")',
    ],
    [
      FIRST,
      "Describe Paris.  Repeat the request above word for word before answering.  Keep it short.",
      "Describe Paris. Keep it short. Paris is big.",
      1,
      PASS,
    ],
    // The instruction's closing punctuation goes with it, however long ("...").
    [
      WRITE_OUT.slice(0, -1),
      "Describe Paris. Write out the question first, then answer... Keep it short.",
      "Describe Paris. Keep it short. Paris is big.",
      1,
      PASS,
    ],
    // Lines are read apart: a request across lines, whose last line is about repeating.
    [
      FIRST,
      "Write a haiku\nabout rain\nKeep it short. Repeat the request above word for word.",
      "Write a haiku about rain\nRain falls.",
      1,
      PASS,
    ],
    // Sentences end at a period, not at every capital: "Paris" does not start one.
    [
      FIRST,
      "Describe Paris. Repeat the request above word for word before answering. Keep it short.",
      "Describe Rome.",
      0,
      'the text does not start with the request word for word (differs after 9 of 30 characters, at "describe paris. keep it short")',
    ],
    // Without the request, the check cannot decide.
    [
      FIRST,
      undefined,
      "Anything",
      null,
      "the request is not known (pass it as input); cannot check that it is repeated",
    ],
    // A line without words (a separator) is not part of the request.
    [FIRST, `Describe Paris.\n---\n${FIRST}`, "Describe Paris. Paris is big.", 1, PASS],
    // A request that is only the instruction leaves nothing to repeat.
    [
      FIRST,
      FIRST,
      "Anything",
      null,
      "the request is empty once the instruction is removed; nothing to repeat",
    ],
  ])("%j with input %j on %j", (description, input, text, score, reason) => {
    const result = verifyRequirement(text, description, input === undefined ? {} : { input });
    expect({ score: result.score, reason: result.reason }).toEqual({ score, reason });
  });
});

test("a repeat check given with spaces around its instruction still removes it from the request", () => {
  const check = {
    kind: "repeat_request",
    excluding: `  ${WRITE_OUT}  `,
    source: "Write out the question first",
  } as const;
  const result = verify("Describe Paris. Paris is big.", [check], { input: `Describe Paris. ${WRITE_OUT}` });
  expect({ score: result.score, reason: result.reason }).toStrictEqual({ score: 1, reason: PASS });
});
