// The start-and-end family's readings and reasons that the corpus leaves open (found by mutation testing,
// npm run test:mutation): the closing marks, targets named as words or phrases, per-unit and negated rules
// left unchecked, the wrapping in double quotes, and the reasons of the three scores.
import { describe, expect, test } from "vitest";
import { type Check, parseRequirement, verify } from "../../../../src/verifiers/index.js";
import { expectScored } from "./expect-scored.js";

/** The checks of a description without their `source`, and what was left unchecked. */
function read(description: string): { checks: object[]; unchecked: readonly string[] } {
  const parsed = parseRequirement(description);
  return {
    checks: parsed.checks.map(({ source: _source, ...check }: Check) => check),
    unchecked: parsed.unchecked,
  };
}

const starts = (phrase: string) => ({ kind: "starts_with", phrase });
const ends = (phrase: string) => ({ kind: "ends_with", phrase });

describe("start and end read from their phrasing", () => {
  test.each<[string, object]>([
    ["End with a question", ends("?")],
    ["End with an exclamation mark", ends("!")],
    ["Finish with an exclamation point", ends("!")],
    ["Start with Apple", starts("Apple")],
    ["Begin your answer with the word Yes", starts("Yes")],
    ["Begin by saying 'Hi'", starts("Hi")],
    ["Conclude by writing 'Regards'", ends("Regards")],
    ['Start with the phrase: "Good morning"', starts("Good morning")],
    ["End with the words 'thank you'", ends("thank you")],
    // "the final paragraph" is the end of the text, not a rule for every paragraph.
    ["End the final paragraph with 'Bye'", ends("Bye")],
    ["The first word of your response must be 'Hi'", starts("Hi")],
    ["The last word should be Goodbye", ends("Goodbye")],
    ['Your final sentence must be: "See you"', ends("See you")],
  ])("%j", (description, check) => {
    expect(read(description)).toStrictEqual({ checks: [check], unchecked: [] });
  });

  test.each([
    // A lowercase word names a kind of content, an article is no target, and "a question" says no words.
    "Start with a summary",
    "Start with The",
    "Start with iPhone",
    "start with a question",
    "Start with an exclamation",
    "Start with the word ''",
    // Per-unit rules and negations.
    'Each paragraph should start with "So"',
    'Every answer must end with "Done"',
    'Start each line with "A"',
    'End every line with "ok"',
    'Do not start with "Hello"',
    'Never end with "Bye"',
    "Don't wrap the response in double quotes",
    "The response must not be wrapped in double quotes",
  ])("leaves %j unchecked", (description) => {
    expect(read(description)).toStrictEqual({ checks: [], unchecked: [description] });
  });

  test.each<[string, object[]]>([
    // What says nothing may follow the phrase is part of the end rule.
    ["End with 'Is there anything else?' and nothing else after it", [ends("Is there anything else?")]],
    ["End with 'Bye'. No other words should follow this phrase", [ends("Bye")]],
    ["End with 'Bye'. Don't add anything after it", [ends("Bye")]],
    ["End with a exclamation point", [ends("!")]],
    ["The response must be wrapped in double quotes", [{ kind: "quoted" }]],
    ["Enclose your entire answer within double quotation marks", [{ kind: "quoted" }]],
    ["Put your answer in a pair of double quotes", [{ kind: "quoted" }]],
  ])("%j reads whole", (description, checks) => {
    expect(read(description)).toStrictEqual({ checks, unchecked: [] });
  });

  test("an 'each' after the rule belongs to another clause", () => {
    expect(read("Start with 'Hi' and mention each city")).toStrictEqual({
      checks: [starts("Hi")],
      unchecked: ["mention each city"],
    });
  });
});

describe("the reason of a start, end or quotes score", () => {
  test.each<[string, string, 0 | 1, string]>([
    // Case-insensitive, leading space ignored, whole words only.
    ["Start with 'Dear'", "  dear John", 1, 'text starts with "dear John"; must start with "Dear"'],
    ["Start with 'Dear'", "Dearest John", 0, 'text starts with "Dearest John"; must start with "Dear"'],
    ["Start with 'Dear'", "Hello Dear", 0, 'text starts with "Hello Dear"; must start with "Dear"'],
    ["Start with 'Dear'", "Dear", 1, 'text starts with "Dear"; must start with "Dear"'],
    ["Start with 'Dear'", "De", 0, 'text starts with "De"; must start with "Dear"'],
    // A phrase ending in a mark may run on into a word.
    ["Start with 'Hi!'", "Hi!there", 1, 'text starts with "Hi!there"; must start with "Hi!"'],
    // The excerpt is cut at 20 characters for a short phrase, and spaces are flattened.
    [
      "Start with 'Dear'",
      "A very long text that goes on",
      0,
      'text starts with "A very long text tha..."; must start with "Dear"',
    ],
    [
      "Start with 'Dear'",
      "Dear John, how are y",
      1,
      'text starts with "Dear John, how are y"; must start with "Dear"',
    ],
    ["Start with 'Dear'", "Dear\n\nJohn", 1, 'text starts with "Dear John"; must start with "Dear"'],
    ["End with 'Bye'", "Ok, bye.", 1, 'text ends with "Ok, bye."; must end with "Bye"'],
    ["End with 'Bye'", "Ok, bye.  \n", 1, 'text ends with "Ok, bye."; must end with "Bye"'],
    ["End with 'Bye'", "Bye", 1, 'text ends with "Bye"; must end with "Bye"'],
    ["End with 'Bye'", "ye", 0, 'text ends with "ye"; must end with "Bye"'],
    ["End with 'Bye'", "Ok, goodbye", 0, 'text ends with "Ok, goodbye"; must end with "Bye"'],
    ["End with 'Bye'", "Ok, Byes", 0, 'text ends with "Ok, Byes"; must end with "Bye"'],
    // One closing mark after a word, not two.
    ["End with 'Bye'", "Ok. Bye", 1, 'text ends with "Ok. Bye"; must end with "Bye"'],
    // A phrase starting with a symbol may follow a word directly.
    ["End with '#done'", "Task#done", 1, 'text ends with "Task#done"; must end with "#done"'],
    ["End with 'Bye'", "Ok bye!!", 0, 'text ends with "Ok bye!!"; must end with "Bye"'],
    ["End with 'Bye'", "Ok bye?", 1, 'text ends with "Ok bye?"; must end with "Bye"'],
    // A phrase ending in a mark is matched as written.
    ["End with a question", "Why?.", 0, 'text ends with "Why?."; must end with "?"'],
    ["End with a question", "Why?", 1, 'text ends with "Why?"; must end with "?"'],
    ["End with a question", "?", 1, 'text ends with "?"; must end with "?"'],
    ["End with 'Bye'", "", 0, 'text ends with ""; must end with "Bye"'],
    [
      "End with 'Is there anything else?'",
      "Ok. Is there anything else?",
      1,
      'text ends with "Ok. Is there anything else?"; must end with "Is there anything else?"',
    ],
    [
      "End with 'Bye'",
      "A very long text that goes on and on for a while bye",
      1,
      'text ends with "...d on for a while bye"; must end with "Bye"',
    ],
    ["Wrap the whole response in double quotes", '""', 1, "the text is wrapped in double quotes"],
    ["Wrap the whole response in double quotes", '"hi"', 1, "the text is wrapped in double quotes"],
    ["Wrap the whole response in double quotes", "  “hi”  ", 1, "the text is wrapped in double quotes"],
    [
      "Wrap the whole response in double quotes",
      '"',
      0,
      "the text does not end with a double quote; the whole response must be wrapped in double quotes",
    ],
    [
      "Wrap the whole response in double quotes",
      'hi"',
      0,
      "the text does not start with a double quote; the whole response must be wrapped in double quotes",
    ],
    [
      "Wrap the whole response in double quotes",
      "“hi",
      0,
      "the text does not end with a double quote; the whole response must be wrapped in double quotes",
    ],
    [
      "Wrap the whole response in double quotes",
      "hi”",
      0,
      "the text does not start with a double quote; the whole response must be wrapped in double quotes",
    ],
    [
      "Wrap the whole response in double quotes",
      "hi",
      0,
      "the text neither starts nor ends with a double quote; the whole response must be wrapped in double quotes",
    ],
  ])("%j on %j", (description, text, score, reason) => {
    expectScored(text, description, score, reason);
  });
});

describe("checks built by hand", () => {
  test.each<[object, string, 0 | 1, string]>([
    // The phrase is compared without its surrounding spaces.
    [
      { kind: "starts_with", phrase: " Dear ", source: "" },
      "Dear John",
      1,
      'text starts with "Dear John"; must start with "Dear"',
    ],
    [
      { kind: "ends_with", phrase: " Bye ", source: "" },
      "Ok, bye.",
      1,
      'text ends with "Ok, bye."; must end with "Bye"',
    ],
  ])("%j on %j", (check, text, score, reason) => {
    const result = verify(text, [check] as never);
    expect({ score: result.score, reason: result.reason }).toEqual({ score, reason });
  });
});
