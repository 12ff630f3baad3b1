// The ways people word the start-and-end family's rules: the whole response wrapped in double quotes
// (wrap/enclose/surround/put/quote, active or passive, "everything you write", a quote name or the `"`
// character, an example after the rule) and exact start and end phrases introduced by a colon ("Always end
// the reply with: See you soon"). Each phrasing is scored on a text that meets it and one that does not;
// requests for single quotes or for quoting a part, and rules on each unit, must not become these checks.
import { describe, expect, test } from "vitest";
import { ClauseState } from "../../../src/verifiers/clause-state.js";
import { recognizeQuoted } from "../../../src/verifiers/families/start-end.js";
import { parseRequirement, verifyRequirement } from "../../../src/verifiers/index.js";

const QUOTED_TEXT = '"The meeting moved to Friday at noon."';
const TYPOGRAPHIC_TEXT = "“The meeting moved to Friday at noon.”";
const PLAIN_TEXT = "The meeting moved to Friday at noon.";
const OPEN_ONLY_TEXT = '"The meeting moved to Friday at noon.';
const QUOTED_MIDDLE_TEXT = 'The meeting, "as planned", moved to Friday.';

describe("the whole response wrapped in double quotes", () => {
  const phrasings = [
    "Wrap your entire response with double quotation marks.",
    "Enclose your whole answer within double quotes.",
    "Put your reply inside quotation marks.",
    "Place everything you write between double quotation marks.",
    "Surround the full response with double quote marks.",
    'Surround the full response with " characters.',
    'Wrap everything you write in "double quotes".',
    "Wrap your answer in “double quotes”.",
    "Present the output in a pair of double quotes.",
    "Deliver the answer wrapped in quotes.",
    "Please write your complete answer in quotation marks.",
    "Your reply must be enclosed in quotation marks.",
    "Your full answer has to be surrounded by double quotes.",
    "The whole output must be in double quotes.",
    "Everything you say should be in quotation marks.",
    "Make sure the entire reply is in double quotes.",
    "Put double quotes around your entire answer.",
    "Use quotation marks around the whole response.",
    "Add a double quote at the beginning and the end of your reply.",
    "Double quotes should surround your entire response.",
    "Quote your entire answer.",
    "Quote your whole response, using double quotation marks.",
    "Respond in double quotes.",
    "Answer entirely within quotation marks.",
    'Wrap your answer in quotes, e.g. "like this".',
    'Wrap the whole answer in double quotes (e.g. "Hello").',
    'Put your response between " and ".',
  ];

  test.each(phrasings)("%j is read whole as a quoted check", (requirement) => {
    const parsed = parseRequirement(requirement);
    expect(parsed.checks.map((check) => check.kind)).toStrictEqual(["quoted"]);
    expect(parsed.unchecked).toStrictEqual([]);
  });

  test.each<[string, string, number, string]>(
    phrasings.flatMap((requirement): [string, string, number, string][] => [
      [requirement, QUOTED_TEXT, 1, "the text is wrapped in double quotes"],
      [requirement, TYPOGRAPHIC_TEXT, 1, "the text is wrapped in double quotes"],
      [requirement, PLAIN_TEXT, 0, "the text neither starts nor ends with a double quote"],
      [requirement, OPEN_ONLY_TEXT, 0, "the text does not end with a double quote"],
      [requirement, QUOTED_MIDDLE_TEXT, 0, "the text neither starts nor ends with a double quote"],
    ]),
  )("%j on %j scores %d", (requirement, text, score, reason) => {
    const result = verifyRequirement(text, requirement);
    expect(result.score).toBe(score);
    expect(result.reason).toContain(reason);
  });
});

describe("quotes that are not the whole response stay out of the quoted check", () => {
  test.each([
    // A part of the response, a unit of it, or quotes used for something.
    "Wrap the title in double quotes.",
    "Put each item in quotation marks.",
    "Wrap each paragraph in double quotes.",
    "Each line must be wrapped in quotes.",
    "Put the book titles in quotation marks.",
    "Wrap your final answer in double quotes.",
    "The final answer should be in double quotes.",
    "Write the dialogue in double quotes.",
    "Use double quotes for dialogue.",
    "Write using quotation marks for dialogue.",
    "Quote the title.",
    "Quote your sources.",
    "Please quote it.",
    // Quotations as content, not marks.
    "Start with a quote from Einstein.",
    "Answer with quotes from the text.",
    "Respond with quotes.",
    "Include a quote in your answer.",
    // Single quotes and other brackets.
    "Wrap your answer in single quotes.",
    "Wrap your answer in 'single quotes'.",
    "Use single quotation marks around your answer.",
    "Put ' characters around your reply.",
    "Quote your entire answer in single quotes.",
    "Enclose the whole answer in double angular brackets.",
    // Negations say what not to do.
    "Don't put your response in quotes.",
    "Never wrap the answer in double quotation marks.",
  ])("%j has no quoted check", (requirement) => {
    const kinds = parseRequirement(requirement).checks.map((check) => check.kind);
    expect(kinds).not.toContain("quoted");
    expect(verifyRequirement(QUOTED_TEXT, requirement).verdict).not.toBe("pass");
  });

  test("a quoted check beside another family's rule", () => {
    const requirement = "Respond in English and wrap it in double quotes.";
    const kinds = parseRequirement(requirement).checks.map((check) => check.kind);
    expect(kinds).toStrictEqual(["language", "quoted"]);
    expect(verifyRequirement(QUOTED_TEXT, requirement).score).toBe(1);
    expect(verifyRequirement(PLAIN_TEXT, requirement).score).toBe(0.5);
  });
});

describe("a start or an end that is a double quotation mark", () => {
  test.each<[string, string, number, string]>([
    ["End with a double quotation mark.", 'He said "yes"', 1, 'must end with """'],
    ["End with a double quotation mark.", "He said “yes”", 1, 'must end with """'],
    ["End with a double quotation mark.", 'He said "yes".', 0, 'must end with """'],
    ['Start your answer with a " character.', '"Yes," he said.', 1, 'must start with """'],
    ['Start your answer with a " character.', 'Yes, "he" said.', 0, 'must start with """'],
  ])("%j on %j scores %d", (requirement, text, score, reason) => {
    const result = verifyRequirement(text, requirement);
    expect(result.score).toBe(score);
    expect(result.reason).toContain(reason);
  });

  // split-clauses.ts splits "Begin and end X with ..." before "end": the start is then reported as not
  // checked, never dropped, so a text quoted at its end only cannot pass.
  test.each([
    "Begin and end your response with a double quotation mark.",
    "Your answer must start and end with a quotation mark.",
    "Start and end your reply with double quotes.",
  ])("%j never passes a text that only ends with a quote", (requirement) => {
    expect(verifyRequirement('The meeting moved to Friday."', requirement).verdict).not.toBe("pass");
    expect(verifyRequirement(PLAIN_TEXT, requirement).score).toBe(0);
    expect(verifyRequirement(QUOTED_TEXT, requirement).score).toBe(1);
  });

  test.each([
    "Begin and end your response with a double quotation mark",
    "Your response must begin and end with double quotes",
    "Start your answer and end it with quotation marks",
    'Open and close the whole answer with " characters',
  ])("the clause %j, kept whole, is one quoted check", (clause) => {
    const state = new ClauseState(clause, { quotes: [], responseLanguage: undefined });
    recognizeQuoted(state);
    expect(state.checks.map((check) => check.kind)).toStrictEqual(["quoted"]);
  });
});

describe("exact start and end phrases after a colon", () => {
  test.each<[string, "starts_with" | "ends_with", string]>([
    ["Always end the reply with: See you next week!", "ends_with", "See you next week!"],
    ["End with: Talk soon.", "ends_with", "Talk soon"],
    ["Always finish your answer with: Any other questions?", "ends_with", "Any other questions?"],
    ["Your response must end with: Thank you for reading.", "ends_with", "Thank you for reading"],
    ["The message should conclude with: Kind regards.", "ends_with", "Kind regards"],
    ["Please end your email with the following: Best wishes, Anna.", "ends_with", "Best wishes, Anna"],
    ["End your response with these words: That is all.", "ends_with", "That is all"],
    ["Sign off with: Cheers, Bob", "ends_with", "Cheers, Bob"],
    ["Finish off with: See you.", "ends_with", "See you"],
    ['Always end the reply with: "See you next week"', "ends_with", "See you next week"],
    ["Start your reply with: Good morning team", "starts_with", "Good morning team"],
    ["Always begin the answer with: Certainly!", "starts_with", "Certainly!"],
    ["Begin with: Once upon a time", "starts_with", "Once upon a time"],
    ["Open your letter with the greeting: Dear Sir", "starts_with", "Dear Sir"],
    ["Your answer should start with: Yes", "starts_with", "Yes"],
    ["The last line should read: Thanks for reading", "ends_with", "Thanks for reading"],
    ["Your first sentence must say: Hello world", "starts_with", "Hello world"],
  ])("%j is read whole as %s %j", (requirement, kind, phrase) => {
    const parsed = parseRequirement(requirement);
    expect(parsed.checks.map((check) => [check.kind, "phrase" in check ? check.phrase : ""])).toStrictEqual([
      [kind, phrase],
    ]);
    expect(parsed.unchecked).toStrictEqual([]);
  });

  test.each<[string, string, number, string]>([
    [
      "Always end the reply with: See you next week!",
      "Plans are set.\n\nSee you next week!",
      1,
      "must end with",
    ],
    [
      "Always end the reply with: See you next week!",
      "Plans are set. See you next month!",
      0,
      "must end with",
    ],
    [
      "Always end the reply with: See you next week!",
      "See you next week! Plans are set.",
      0,
      "must end with",
    ],
    ["Always finish your answer with: Any other questions?", "That is it. Any other questions?", 1, ""],
    ["Always finish your answer with: Any other questions?", "That is it. Any other question?", 0, ""],
    ["Please end your email with the following: Best wishes, Anna.", "Hi Tom.\n\nBest wishes, Anna", 1, ""],
    ["Please end your email with the following: Best wishes, Anna.", "Hi Tom.\n\nBest wishes, Ann", 0, ""],
    ["Sign off with: Cheers, Bob", "See you there.\nCheers, Bob", 1, ""],
    ["Sign off with: Cheers, Bob", "See you there.\nCheers, Bob. PS: bring snacks", 0, ""],
    [
      "Start your reply with: Good morning team",
      "Good morning team, the build is green.",
      1,
      "must start with",
    ],
    ["Start your reply with: Good morning team", "Hi all, good morning team.", 0, "must start with"],
    ["Always begin the answer with: Certainly!", "Certainly! Here it is.", 1, ""],
    ["Always begin the answer with: Certainly!", "Certainly, here it is.", 0, ""],
    ["Open your letter with the greeting: Dear Sir", "Dear Sir, thank you for writing.", 1, ""],
    ["Open your letter with the greeting: Dear Sir", "Dear Madam, thank you for writing.", 0, ""],
    ["Your answer should start with: Yes", "Yes, it works.", 1, ""],
    ["Your answer should start with: Yes", "Yesterday it worked.", 0, ""],
    [
      "Finish your answer with: Let me know if that helps. Nothing else should follow.",
      "Here is the fix.\n\nLet me know if that helps.",
      1,
      "",
    ],
    [
      "Finish your answer with: Let me know if that helps. Nothing else should follow.",
      "Let me know if that helps. Here is the fix.",
      0,
      "",
    ],
  ])("%j on %j scores %d", (requirement, text, score, reason) => {
    const result = verifyRequirement(text, requirement);
    expect(result.score).toBe(score);
    expect(result.verdict).toBe(score === 1 ? "pass" : "fail");
    expect(result.reason).toContain(reason);
  });

  test.each([
    // Per-unit rules, negations, and a kind of content rather than words.
    "End each paragraph with: Thanks",
    "Every answer must end with: Done",
    "Your response must not end with: Goodbye",
    "Don't start with: Hello",
    "End with a summary.",
    "Start with a short introduction.",
  ])("%j has no start or end check", (requirement) => {
    const kinds = parseRequirement(requirement).checks.map((check) => check.kind);
    expect(kinds).not.toContain("ends_with");
    expect(kinds).not.toContain("starts_with");
    expect(parseRequirement(requirement).unchecked.length).toBeGreaterThan(0);
  });

  test("a quoted start and a colon end in one description", () => {
    const requirement = 'Start your response with the phrase "Dear team" and end with: Best, Anna';
    expect(verifyRequirement("Dear team, the launch is on.\nBest, Anna", requirement).score).toBe(1);
    expect(verifyRequirement("Dear team, the launch is on.\nBest, Ann", requirement).score).toBe(0.5);
  });
});

describe("one phrase at both ends: 'start and end with X' is one clause, read as both", () => {
  test.each<[string, string, number | null, string[]]>([
    ["Start and end with 'Hi'", "Hi there, and see you. Hi", 1, ["starts_with", "ends_with"]],
    ["Start and end with 'Hi'", "Hello there. Hi", 0.5, ["starts_with", "ends_with"]],
    ["Your reply should begin and end with the word 'OK'", "OK, done. OK", 1, ["starts_with", "ends_with"]],
    ["Begin and end your answer with double quotes", QUOTED_TEXT, 1, ["quoted"]],
    ["Begin and end your answer with double quotes", OPEN_ONLY_TEXT, 0, ["quoted"]],
    // A question names an end only; a rule on each unit and a negation are not whole-text checks.
    ["Start and end with a question", "Why? Because.", null, []],
    ["Each paragraph must start and end with 'x'", "x a x", null, []],
    ["Don't start and end with 'x'", "x a x", null, []],
  ])("%j on %j", (requirement, text, score, kinds) => {
    expect(parseRequirement(requirement).checks.map((check) => check.kind)).toEqual(kinds);
    expect(verifyRequirement(text, requirement).score).toBe(score);
  });
});

describe("the first or last part named, or the phrase put first: 'make X your closing line'", () => {
  test.each<[string, "starts_with" | "ends_with", string]>([
    [
      "The very last thing in your reply has to be the sentence 'Call me if anything changes.'",
      "ends_with",
      "Call me if anything changes.",
    ],
    ["The final remark of your email should be 'Warm regards.'", "ends_with", "Warm regards."],
    ["The very first thing in your answer must be the word 'Certainly'.", "starts_with", "Certainly"],
    ["Make 'All clear.' your concluding sentence.", "ends_with", "All clear."],
    ["Let 'Over and out' be the very last line.", "ends_with", "Over and out"],
    ["Use 'Good evening, everyone' as your opening line.", "starts_with", "Good evening, everyone"],
    ["Please make 'To whom it may concern' the first line.", "starts_with", "To whom it may concern"],
  ])("%j is %s %j", (requirement, kind, phrase) => {
    const parsed = parseRequirement(requirement);
    expect(parsed.checks.map((check) => [check.kind, "phrase" in check ? check.phrase : ""])).toStrictEqual([
      [kind, phrase],
    ]);
    expect(parsed.unchecked).toStrictEqual([]);
  });

  test.each<[string, string, 0 | 1]>([
    ["Make 'All clear.' your concluding sentence.", "The pipes were checked twice. All clear.", 1],
    ["Make 'All clear.' your concluding sentence.", "All clear. The pipes were checked twice.", 0],
    ["Let 'Over and out' be the very last line.", "Status: green.\nOver and out", 1],
    ["Let 'Over and out' be the very last line.", "Over and out\nStatus: green.", 0],
    [
      "Use 'Good evening, everyone' as your opening line.",
      "Good evening, everyone\nTonight we cover the budget.",
      1,
    ],
    [
      "Use 'Good evening, everyone' as your opening line.",
      "Tonight we cover the budget.\nGood evening, everyone",
      0,
    ],
  ])("%j on %j scores %d", (requirement, text, score) => {
    expect(verifyRequirement(text, requirement).score).toBe(score);
  });

  test.each([
    "Make 'Hi' the first word of each paragraph.",
    "The last thing you should do is check the facts.",
    "Make the closing sentence short.",
  ])("%j is no start or end phrase of the text", (requirement) => {
    expect(
      parseRequirement(requirement).checks.filter(
        (check) => check.kind === "starts_with" || check.kind === "ends_with",
      ),
    ).toStrictEqual([]);
  });
});
