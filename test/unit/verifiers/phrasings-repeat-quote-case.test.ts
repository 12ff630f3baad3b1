// The ways people word five rules beyond IFEval's template sentences: repeating the request word for word
// (a verb in any form, "a verbatim copy of the prompt" as what the text opens with, or the request as the
// subject), the whole response inside double quotes (the response as a subject that "sits inside" quotes,
// "everything in the reply", "from the first word to the last"), no commas given as the quoted character,
// a bare "uppercase" said of the whole text, and a case said of some words with how many of them. Each
// phrasing is scored on a text that meets it and one that does not; talk about these things, rules on a
// part of the text and loose wordings must not become these checks. None of these sentences is in the
// held-out corpus (test/fixtures/verifier-paraphrases/).
import { describe, expect, test } from "vitest";
import { parseRequirement, verifyRequirement } from "../../../src/verifiers/index.js";
import { claimOf, identity, type Phrasing, runTable } from "../../helpers/phrasing-table.js";

/** The checks a phrasing must read: its own, `excluding` of a repeat check filled in from the requirement. */
function withExcluding(phrasing: Phrasing): Record<string, unknown>[] {
  return phrasing.checks.map((check) =>
    check.kind === "repeat_request" ? { ...check, excluding: phrasing.requirement } : check,
  );
}

const REPEAT = [{ kind: "repeat_request" }];
const COLOURS = "Name three primary colours.";
const COLOURS_PASS = "Name three primary colours. Red, yellow and blue.";
const COLOURS_FAIL = "Sure! Name three primary colours. Red, yellow and blue.";
const repeatAs = (requirement: string): Phrasing => ({
  requirement,
  checks: REPEAT,
  input: COLOURS,
  pass: COLOURS_PASS,
  fail: COLOURS_FAIL,
});

runTable(
  "repeating the request with a verb in any of its forms",
  [
    "Begin by echoing my query word for word, then reply.",
    "Open by quoting my question verbatim, then give your answer.",
    "Before you reply, restate the original question exactly as I typed it.",
    "Kindly begin by reciting the prompt verbatim, then answer.",
    "First retype the request unchanged, then respond to it.",
    "Reproduce my instructions word for word at the very top of your reply, then answer.",
    "Start off by copying the task exactly, and then go on to answer it.",
  ].map(repeatAs),
  withExcluding,
);

runTable(
  "repeating the request named as a copy the text opens with",
  [
    "Open your answer with an exact copy of my question, then answer it.",
    "Start your response with a word-for-word repetition of the request.",
    "The very first thing in your reply should be a verbatim copy of the prompt, followed by your answer.",
    "Lead off with a literal copy of the task, then respond.",
    "Begin with an unchanged reproduction of my instructions before answering.",
    "Preface the reply with a verbatim transcript of the user's question.",
    "Kick off your message with a copy of the prompt, followed by the answer.",
  ].map(repeatAs),
  withExcluding,
);

runTable(
  "repeating the request, the request as the subject",
  [
    "My question must be copied word for word at the start of your response.",
    "The prompt should first be repeated verbatim, then answered.",
    "The request has to be restated exactly as written before anything else.",
    "Your query will be echoed unchanged at the top of the reply, then answered.",
    "The original task is to be reproduced verbatim at the beginning of your answer.",
    "The question needs to be quoted word for word up front.",
  ].map(repeatAs),
  withExcluding,
);

const QUOTED = [{ kind: "quoted" }];
const quotedAs = (requirement: string): Phrasing => ({
  requirement,
  checks: QUOTED,
  pass: '"The ferry leaves at noon, weather permitting."',
  fail: 'The ferry leaves "at noon", weather permitting.',
});

runTable(
  "the whole response inside double quotes, said of the response",
  [
    "Your whole reply should sit between a pair of quotation marks.",
    "The entire answer must stay within plain double quotes.",
    "Everything in your response needs to go inside double quotation marks.",
    "Put the complete reply, from the first word to the last, inside double quotes.",
    "All of your answer must remain inside a set of double quote marks.",
    "The full response lives inside regular double quotes.",
    "Wrap the reply from the very first character to the very last in double quotes.",
    "Make sure everything in the output sits inside a pair of quotation marks.",
  ].map(quotedAs),
);

const NO_COMMAS = [{ kind: "forbid_marks", mark: "commas" }];
const commaAs = (requirement: string): Phrasing => ({
  requirement,
  checks: NO_COMMAS,
  pass: "Bring a map and a torch and enough water.",
  fail: "Bring a map, a torch and enough water.",
});

runTable("no commas, the comma given as its quoted character or by name", [
  ...[
    "Your answer must not include the ',' character.",
    "Never type the ',' symbol.",
    "Do not put a single ',' in your reply.",
    "The ',' sign is forbidden.",
    "Refrain from using the ',' mark.",
    "',' characters are not allowed.",
    "No ',' anywhere, please.",
    "Steer clear of the comma character.",
  ].map(commaAs),
  {
    requirement: "The reply should not contain the ';' or ',' characters.",
    checks: [
      { kind: "forbid_marks", mark: "semicolons" },
      { kind: "forbid_marks", mark: "commas" },
    ],
    pass: "Bring a map and a torch.",
    fail: "Bring a map; a torch too.",
  },
]);

const UPPER = [{ kind: "case", case: "upper" }];
const upperAs = (requirement: string): Phrasing => ({
  requirement,
  checks: UPPER,
  pass: "THE TRAIN LEAVES AT NINE FROM PLATFORM TWO.",
  fail: "The train leaves at nine from platform two.",
});

runTable("a bare 'uppercase' said of the whole response", [
  ...[
    "Make your entire answer uppercase.",
    "Keep the reply upper-case throughout.",
    "The response should be entirely uppercase.",
    "Turn everything into uppercase.",
    "Your answer is to be all uppercase.",
    "Render the whole text uppercase.",
    "Write an uppercase answer.",
  ].map(upperAs),
  {
    // The language after "uppercase" is left to the language family.
    requirement: "Produce an uppercase reply in English.",
    checks: [...UPPER, { kind: "language", language: "eng", name: "English" }],
    pass: "THE TRAIN LEAVES AT NINE FROM PLATFORM TWO. PLEASE BE ON TIME AND BRING YOUR TICKET.",
    fail: "The train leaves at nine from platform two. Please be on time and bring your ticket.",
  },
]);

/** Four all-caps words (NOT, WIRES, STOP, MOTOR) and one (NOT). */
const FOUR_CAPITALS = "Do NOT touch the WIRES and STOP the MOTOR first.";
const ONE_CAPITAL = "Do NOT touch the wires and stop the motor first.";
const capitalsAs = (requirement: string, bounds: { min?: number; max?: number }): Phrasing => {
  const fourFits = (bounds.min ?? 0) <= 4 && 4 <= (bounds.max ?? Number.POSITIVE_INFINITY);
  return {
    requirement,
    checks: [{ kind: "count", unit: "capital_words", ...bounds }],
    pass: fourFits ? FOUR_CAPITALS : ONE_CAPITAL,
    fail: fourFits ? ONE_CAPITAL : FOUR_CAPITALS,
  };
};

runTable("a case said of some words, with how many of them", [
  capitalsAs("Put the key warning words in capital letters, at least two of them.", { min: 2 }),
  capitalsAs("Set the most urgent words in capitals, with at least 4 of them.", { min: 4 }),
  capitalsAs("Pick out the important words and set them in uppercase: four or more.", { min: 4 }),
  capitalsAs("Type the crucial words in caps (exactly 4).", { min: 4, max: 4 }),
  capitalsAs("Stress no more than two danger words by typing them in block capitals.", { max: 2 }),
  capitalsAs("Show the vital safety words in all caps: no fewer than 3 such words.", { min: 3 }),
  capitalsAs("Write the scary words in upper-case, at most 1 of them.", { max: 1 }),
]);

describe("phrasings that are not these rules", () => {
  test.each([
    // Repeating something else, somewhere else, or loosely.
    ["Quote the prompt once somewhere in the middle.", "repeat_request"],
    ["Repeat the main point at the end.", "repeat_request"],
    ["Summarize the question before answering.", "repeat_request"],
    ["Start with a short restatement of the question.", "repeat_request"],
    ["Open your response with a quote of the question.", "repeat_request"],
    ["Copy the table from the prompt.", "repeat_request"],
    ["Repeat the key question in your conclusion.", "repeat_request"],
    // Quotes for a part of the text, or single ones.
    ["The title should sit inside double quotes.", "quoted"],
    ["Each paragraph must stay within quotation marks.", "quoted"],
    ["Everything in the reply should be in single quotes.", "quoted"],
    ["Keep the dialogue inside double quotes.", "quoted"],
    // Commas talked about, or used sparingly; a quoted string that is not a mark.
    ["Use commas sparingly.", "forbid_marks"],
    ["Explain where the ',' character goes in a list.", "forbid_marks"],
    ["Don't use '#'.", "forbid_marks"],
    ["Mention the word 'comma' twice.", "forbid_marks"],
    // Capitals talked about, or for a part of the text.
    ["Explain what all caps means.", "case"],
    ["Explain why writing in capitals reads as shouting.", "case"],
    ["Use uppercase for acronyms.", "case"],
    ["Use uppercase words sparingly.", "case"],
    ["Write the title in uppercase.", "case"],
    ["Write the danger words in all caps.", "case"],
    // A case said of a part that is not words, with a count: not a count of capital words.
    ["Write the key terms in all caps, at least 3 of them.", "count:capital_words"],
    ["Write the headings in capitals: exactly two.", "count:capital_words"],
    ["Don't put the key words in capitals, at least not 3 of them.", "count:capital_words"],
  ])("%j gives no %s check", (requirement, kind) => {
    const kinds = parseRequirement(requirement).checks.map((check) =>
      check.kind === "count" ? `count:${check.unit}` : check.kind,
    );
    expect(kinds).not.toContain(kind);
  });

  test("a loose restatement becomes a repeat only when it is said to be exact", () => {
    expect(parseRequirement("Open with a restatement of the question.").checks).toStrictEqual([]);
    expect(
      parseRequirement("Open with an exact restatement of the question.").checks.map((check) => check.kind),
    ).toStrictEqual(["repeat_request"]);
  });

  test.each([
    "The entire answer must sit inside straight double quotes.",
    "Wrap your whole reply in ASCII double quotes.",
    "Put your entire response in straight quotation marks.",
  ])("%s: only straight quotes wrap the text, typographic ones do not", (requirement) => {
    const parsed = parseRequirement(requirement);
    expect(parsed.checks.map(identity)).toStrictEqual([{ kind: "quoted", straight: true }]);
    expect(parsed.unchecked).toStrictEqual([]);
    expect(claimOf('"Paris is the capital."', requirement)).toBe("pass");
    expect(claimOf("“Paris is the capital.”", requirement)).toBe("fail");
    expect(verifyRequirement("“Paris is the capital.”", requirement).reason).toContain(
      "typographic quotes are not straight ones",
    );
  });

  test("double quotes not named straight take typographic ones too", () => {
    expect(claimOf("“Paris is the capital.”", "Wrap your whole reply in double quotes.")).toBe("pass");
  });

  test("an aside on style after an uppercase rule is left unchecked, and the case is still scored", () => {
    const requirement = "Keep the whole reply uppercase, like an old newspaper headline.";
    const parsed = parseRequirement(requirement);
    expect(parsed.checks.map(identity)).toStrictEqual(UPPER);
    expect(parsed.verdict).toBe("partially_verifiable");
    expect(claimOf("MAYOR OPENS NEW BRIDGE", requirement)).toBe("pass");
    expect(claimOf("Mayor opens new bridge", requirement)).toBe("fail");
  });
});

describe("long adversarial descriptions built from these phrasings", () => {
  // 20,000 characters of one phrasing repeated, with a tail that fails every pattern: the patterns here are
  // bounded (no nested unbounded repetition), so this parses at once; the test runner's timeout catches a
  // pattern that backtracks.
  const LENGTH = 20_000;
  test.each([
    "Begin your reply with a verbatim copy of the prompt, followed by the answer ",
    "restating my question exactly as written exactly as written, ",
    "the full answer sits inside a pair of double quotes ",
    "Everything in the reply, from the first word to the last, ",
    "must not contain the ',' or ',' or ',' ",
    "Make the whole response uppercase uppercase English text ",
    "writing the words them in all caps: at least 3 such words ",
    "at least 3 safety words words words ",
  ])("%j repeated is parsed", (phrase) => {
    const description = `${phrase.repeat(Math.ceil(LENGTH / phrase.length)).slice(0, LENGTH)} x`;
    const parsed = parseRequirement(description);
    expect(parsed.description).toBe(description);
    expect(["verifiable", "partially_verifiable", "unverifiable"]).toContain(parsed.verdict);
  });
});
