// The one-of family's readings and reasons that the corpus leaves open (found by mutation testing, npm run
// test:mutation): unquoted option lists read whole (the last option is not cut after one letter), "or"
// splitting the options, a negated choice left unchecked, options matched as whole words as written, a
// whole text that is an option in another case or wrapped in emphasis, and the reasons of both scores.
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

describe("options read from their phrasing", () => {
  test.each<[string, string[]]>([
    // Unquoted options: the last one runs to the end of its word, and "or" separates options.
    ["Answer with one of the following: red, green or blue", ["red", "green", "blue"]],
    ["Reply with one of: Agree, Disagree", ["Agree", "Disagree"]],
    // A comma before the last "or" (the serial comma) separates like "or" alone: "or" is not an option.
    ["Answer with one of: red, green, or blue", ["red", "green", "blue"]],
    ["Choose one of the following: apple, banana, or cherry.", ["apple", "banana", "cherry"]],
    ["Your answer must be one of: A, B, C", ["A", "B", "C"]],
    // Two quoted options with "or" between them, with or without "either".
    ["Answer with 'yes' or 'no'", ["yes", "no"]],
    ["Reply with 'agree' or 'disagree'", ["agree", "disagree"]],
    ["Reply with either 'agree' or 'disagree'", ["agree", "disagree"]],
    [
      "Answer with one of the following options: ('My answer is yes.', 'My answer is no.')",
      ["My answer is yes.", "My answer is no."],
    ],
    // Spaces around an option are not part of it, however many ("or" followed by two spaces).
    ["Answer with one of: red, green, or  blue", ["red", "green", "blue"]],
    ["Answer with one of: red  , blue", ["red", "blue"]],
    ['Answer with one of: "  red  ", "blue"', ["red", "blue"]],
    // Brackets around a quoted option, one or several, are not part of it.
    ["Answer with one of: '(A)', '[B]', '((C))', 'D]]'", ["A", "B", "C", "D"]],
    // A quoted option that is only brackets (and spaces) is no option.
    ["Answer with one of: '()', 'yes', 'no'", ["yes", "no"]],
    ["Answer with one of: '[ ]', 'yes', 'no'", ["yes", "no"]],
  ])("%j", (description, options) => {
    expect(read(description)).toStrictEqual({ checks: [{ kind: "one_of", options }], unchecked: [] });
  });

  test("a list left with fewer than two options is left unchecked", () => {
    expect(read("Answer with one of: '()', 'yes'")).toStrictEqual({
      checks: [],
      unchecked: ['Answer with one of: "()", "yes"'],
    });
  });

  test("a negated choice is left unchecked", () => {
    const description = "Do not answer with either yes or no";
    expect(read(description)).toStrictEqual({ checks: [], unchecked: [description] });
  });
});

const YES_NO = "Respond only with yes or no";
const YES_NO_LOOSE = "Respond with yes or no";
const MY_ANSWER = "Answer with one of the following options: ('My answer is yes.', 'My answer is no.')";
const MY_ANSWER_LIST = '"My answer is yes.", "My answer is no."';

describe("the score and reason of a one-of check", () => {
  test.each<[string, string, 0 | 1, string]>([
    // An option as written, its closing period aside, followed by an explanation.
    [
      MY_ANSWER,
      "My answer is yes, because it is.",
      1,
      `answers with "My answer is yes."; one of ${MY_ANSWER_LIST} required`,
    ],
    [MY_ANSWER, "Maybe.", 0, `none of the options found as written; one of ${MY_ANSWER_LIST} required`],
    // Options are whole words: "know", "nothing" and "Casino" do not contain the answer "no".
    [YES_NO, "I know.", 0, 'none of the options found as written; one of "yes", "no" required'],
    [YES_NO, "nothing.", 0, 'none of the options found as written; one of "yes", "no" required'],
    [YES_NO, "Casino.", 0, 'none of the options found as written; one of "yes", "no" required'],
    // The same with options no other test uses: an option's pattern is built once and kept, so only the
    // first test to score an option exercises how it is built (Stryker's per-test coverage sees no other).
    [
      "Reply with one of: on, off",
      "Bacon.",
      0,
      'none of the options found as written; one of "on", "off" required',
    ],
    [
      "Reply with one of: in, out",
      "inside.",
      0,
      'none of the options found as written; one of "in", "out" required',
    ],
    // The last option after a serial comma and "or" is an option like the others.
    [
      "Answer with one of: red, green, or blue",
      "Blue.",
      1,
      'answers with "blue"; one of "red", "green", "blue" required',
    ],
    [
      "Reply with 'agree' or 'disagree'",
      "I disagree.",
      1,
      'answers with "disagree"; one of "agree", "disagree" required',
    ],
    // Without "only", an option as written may be followed by more (IFEval's reading); with it, not.
    [YES_NO_LOOSE, "No, it is not.", 0, 'none of the options found as written; one of "yes", "no" required'],
    [YES_NO_LOOSE, "no, it is not.", 1, 'answers with "no"; one of "yes", "no" required'],
    [
      YES_NO,
      "no, it is not.",
      0,
      'answers with "no" and more; only one of "yes", "no" allowed, nothing else',
    ],
    // A whole text that is an option passes in any case, with emphasis, quotes and spacing aside.
    [
      "Reply with one of: Agree, Disagree",
      "**AGREE**",
      1,
      'answers with "Agree"; one of "Agree", "Disagree" required',
    ],
    [
      "Reply with one of: 'Strongly agree', 'Disagree'",
      "STRONGLY   AGREE",
      1,
      'answers with "Strongly agree"; one of "Strongly agree", "Disagree" required',
    ],
  ])("%j on %j", (description, text, score, reason) => {
    expectScored(text, description, score, reason);
  });
});

describe("options as written, given as checks", () => {
  /** The score and reason of a one-of check of `options` on `text`. */
  function score(options: string[], text: string): { score: number | null; reason: string } {
    const result = verify(text, [{ kind: "one_of", options, source: "one of" }]);
    return { score: result.score, reason: result.reason };
  }

  test.each<[string[], string, 0 | 1, string]>([
    // Only closing punctuation is dropped from an option, all of it: "Dr. Who" keeps its inner period.
    [["Dr. Who", "Mr. Bean"], "I pick Dr. Who today.", 1, 'answers with "Dr. Who"'],
    [["Yes!!", "No!!"], "Yes, certainly.", 1, 'answers with "Yes!!"'],
    // Spaces around an option are not part of it; spaces inside match any run of spaces.
    [[" yes ", "no"], "yes, indeed", 1, 'answers with " yes "'],
    [["Strongly  agree", "Disagree"], "Strongly agree with it.", 1, 'answers with "Strongly  agree"'],
    // An option is a whole word only on a side where it has a letter or digit.
    [["@home", "@work"], "me@home", 1, 'answers with "@home"'],
    [["C++", "Java"], "I use C++17.", 1, 'answers with "C++"'],
    [["Java", "C++"], "JavaScript", 0, "none of the options found as written"],
    // An empty or blank option matches nothing.
    [["", "no"], "anything", 0, "none of the options found as written"],
    [["  ", "no"], "anything", 0, "none of the options found as written"],
    // A whole text that is an option in another case: spaces around it aside, in lower case, with its
    // apostrophes and inner spaces as written.
    [["Agree", "Disagree"], "  AGREE\n", 1, 'answers with "Agree"'],
    [["I don't know", "Yes"], "I DONT KNOW", 0, "none of the options found as written"],
    [["Strongly agree", "Disagree"], "STRONGLYAGREE", 0, "none of the options found as written"],
    [["Straße", "Weg"], "STRASSE", 0, "none of the options found as written"],
  ])("%j on %j", (options, text, expected, found) => {
    const list = options.map((option) => `"${option}"`).join(", ");
    expect(score(options, text)).toStrictEqual({
      score: expected,
      reason: `${found}; one of ${list} required`,
    });
  });
});
