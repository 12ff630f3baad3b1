// The general phrasings of two families, each with a text that meets it and one that does not: a fixed set
// of answers ("Reply only with Yes, No or Maybe", "Choose one: 'True' or 'False'. Say nothing else.") and
// several responses with a separator ("Write 2 versions, with a line of ****** between them", "Reply twice,
// differently, and put ****** between the replies"). Plus phrasings that must not be read as either.
import { describe, expect, test } from "vitest";
import { type Check, parseRequirement, verifyRequirement } from "../../../src/verifiers/index.js";

/** The checks of a description without their `source`, and what was left unchecked. */
function read(description: string): { checks: object[]; unchecked: readonly string[] } {
  const parsed = parseRequirement(description);
  return {
    checks: parsed.checks.map(({ source: _source, ...check }: Check) => check),
    unchecked: parsed.unchecked,
  };
}

const oneOf = (...options: string[]) => ({ kind: "one_of", options });
const responses = (count: number, separator: string) => ({ kind: "responses", count, separator });

/** Scores `text` against `description`: the score, pass or fail by it, and a reason that says `reason`. */
function expectScored(description: string, text: string, score: number, reason: string): void {
  const result = verifyRequirement(text, description);
  expect({ score: result.score, verdict: result.verdict }).toStrictEqual({
    score,
    verdict: score === 1 ? "pass" : "fail",
  });
  expect(result.reason).toContain(reason);
}

describe("a fixed set of answers: what is read", () => {
  test.each<[string, object]>([
    // A verb of answering with "only", "just" or "solely", and options that end the clause.
    ["Reply only with Yes, No or Maybe.", oneOf("Yes", "No", "Maybe")],
    ["Respond solely with True or False", oneOf("True", "False")],
    ["Answer just yes or no.", oneOf("yes", "no")],
    ["Say 'agree' or 'disagree'", oneOf("agree", "disagree")],
    ["Respond with Yes/No", oneOf("Yes", "No")],
    ["Answer with A, B, C, or D only.", oneOf("A", "B", "C", "D")],
    ["Answer yes or no, and nothing else", oneOf("yes", "no")],
    // Choose, pick or select one, with or without "of the following".
    ["Choose one: 'True' or 'False'.", oneOf("True", "False")],
    ["Pick one option: red/green/blue", oneOf("red", "green", "blue")],
    ["Select one of the following options: A/B/C", oneOf("A", "B", "C")],
    ["Choose exactly one of these: 'cat', 'dog', 'bird'", oneOf("cat", "dog", "bird")],
    // The answer as the subject.
    ["Your answer must be exactly one of these options: A, B, C, D.", oneOf("A", "B", "C", "D")],
    ["Your response should be either 'Approved' or 'Rejected'", oneOf("Approved", "Rejected")],
    // The options named as the valid ones.
    ["The only valid answers are: yes, no, maybe", oneOf("yes", "no", "maybe")],
    ["Allowed answers: 'High', 'Medium', 'Low'", oneOf("High", "Medium", "Low")],
    // "Just that" or "one word" before the list.
    ["Reply with just that: red, green, blue", oneOf("red", "green", "blue")],
    ["Respond with just one word: yes or no", oneOf("yes", "no")],
    // "Say nothing else" in a sentence of its own belongs to the choice before it.
    ["Choose one: 'True' or 'False'. Say nothing else.", oneOf("True", "False")],
    ["Answer with one of: red, green or blue.\nNothing else.", oneOf("red", "green", "blue")],
  ])("%j", (description, check) => {
    expect(read(description)).toStrictEqual({ checks: [check], unchecked: [] });
  });
});

const YES_NO_MAYBE = "Reply only with Yes, No or Maybe.";
const TRUE_FALSE = "Choose one: 'True' or 'False'. Say nothing else.";
const LETTERS = "Your answer must be exactly one of these options: A, B, C, D.";
const APPROVE = "Respond with either 'approve' or 'reject'.";
const IFEVAL = "Answer with one of the following options: ('My answer is yes.', 'My answer is no.')";

describe("a fixed set of answers: how texts score", () => {
  test.each<[string, string, 0 | 1, string]>([
    [YES_NO_MAYBE, "Maybe", 1, 'answers with "Maybe"'],
    [YES_NO_MAYBE, "**no.**", 1, 'answers with "No"'],
    // "only", "just", "nothing else", "exactly", "either", "must be": the option and nothing around it.
    [YES_NO_MAYBE, "Yes, because the data supports it.", 0, 'answers with "Yes" and more'],
    [YES_NO_MAYBE, "Perhaps", 0, "none of the options found as written"],
    [TRUE_FALSE, "False", 1, 'answers with "False"'],
    [TRUE_FALSE, "False. The Earth orbits the Sun.", 0, 'answers with "False" and more'],
    [APPROVE, "reject", 1, 'answers with "reject"'],
    [APPROVE, "approve with changes", 0, 'answers with "approve" and more'],
    [LETTERS, "C", 1, 'answers with "C"'],
    [LETTERS, "E", 0, "none of the options found as written"],
    // A combination of options is not one option, however the rule is worded.
    [LETTERS, "C and D", 0, 'a combination of options ("C" and "D"), not one'],
    [IFEVAL, "My answer is yes. My answer is no.", 0, "a combination of options"],
    ["Respond with Yes/No", "Yes/No", 0, "a combination of options"],
    // Without such a word, IFEval's reading: the option as written, an explanation may follow.
    [IFEVAL, "My answer is no. It rains too much.", 1, 'answers with "My answer is no."'],
    [IFEVAL, "my answer is no, since it rains", 0, "none of the options found as written"],
    ["Pick one option: red/green/blue", "I pick green.", 1, 'answers with "green"'],
    ["Pick one option: red/green/blue", "purple", 0, "none of the options found as written"],
  ])("%j on %j", expectScored);
});

describe("several responses: what is read", () => {
  test.each<[string, object]>([
    // Give/write/offer/provide N (different) responses, answers, versions, takes, options...
    ["Give two different answers separated by six asterisks (******).", responses(2, "******")],
    ["Offer two options divided by six asterisk symbols.", responses(2, "******")],
    ["Give me two different takes, split by '******'.", responses(2, "******")],
    ["Provide 3 alternatives, separated by ***", responses(3, "***")],
    ["Provide two distinct responses; separate them with ******.", responses(2, "******")],
    // "with ... between them", "put ... between the two replies", "using ... as a separator".
    ["Write 2 alternative versions, with a line of ****** between them.", responses(2, "******")],
    ["Give two answers and put six asterisks between them.", responses(2, "******")],
    ["Draft 2 versions and insert ****** between each version", responses(2, "******")],
    ["Answer in three different ways, using ****** as a separator.", responses(3, "******")],
    ["The two answers should be split by a line of ******", responses(2, "******")],
    // A count without a noun, in the sentence of the separator.
    ["Reply twice, differently, and put ****** between the two replies.", responses(2, "******")],
    ["Respond 3 times, with ****** in between", responses(3, "******")],
  ])("%j", (description, check) => {
    expect(read(description)).toStrictEqual({ checks: [check], unchecked: [] });
  });
});

describe("several responses: how texts score", () => {
  const LINE = "Write 2 alternative versions, with a line of ****** between them.";
  const TWICE = "Reply twice, differently, and put ****** between the two replies.";
  const TAKES = "Give me two different takes, split by '******'.";
  test.each<[string, string, 0 | 1, string]>([
    [LINE, "Ships today.\n******\nOn its way.", 1, "2 different responses found"],
    [LINE, "Ships today.", 0, "1 response found"],
    [TWICE, "Hello!\n\n******\n\nGood afternoon.", 1, "2 different responses found"],
    [TWICE, "Hello! Good afternoon.", 0, "1 response found"],
    [TWICE, "Hello!\n******\nhello!", 0, "the responses are identical"],
    [TAKES, "Bold.\n******\nDull.", 1, "2 different responses found"],
    [TAKES, "Bold.\n*****\nDull.", 0, "1 response found"],
    ["Offer two options divided by six asterisk symbols.", "A\n******\nB\n******\nC", 0, "3 responses found"],
  ])("%j on %j", expectScored);
});

describe("phrasings that are neither", () => {
  test.each<[string, string[]]>([
    // Options that do not end the clause, or lowercase words with no "one of": not a choice of answers.
    ["Reply with Python or Java code", []],
    ["Answer with examples or analogies", []],
    // A negated choice, and a choice with its list elsewhere, are reported, never guessed.
    ["Don't answer with yes or no", []],
    ["Pick one of the following", []],
    // Responses with no separator, and a separator "between them" with no responses counted.
    ["Give two responses", []],
    ["Separate them with 3 dashes", []],
  ])("%j is left unchecked", (description, kinds) => {
    const parsed = parseRequirement(description);
    expect(parsed.checks.map((check) => check.kind)).toStrictEqual(kinds);
    expect(parsed.unchecked).toStrictEqual([description]);
  });

  test.each<[string, string[]]>([
    // Read by the family they belong to.
    ["Reply in English or French", ["language"]],
    ["Write two paragraphs and put *** between the two", ["count"]],
    ["End with 'Bye'. Say nothing else.", ["ends_with"]],
    [
      "Finish with this exact phrase Which one you choose?. No other words should follow this phrase.",
      ["ends_with"],
    ],
  ])("%j is read as %j", (description, kinds) => {
    const parsed = parseRequirement(description);
    expect(parsed.checks.map((check) => check.kind)).toStrictEqual(kinds);
  });
});

describe("a fixed set of answers named after a question or before what they are", () => {
  test.each<[string, string[]]>([
    ["Just tell me whether the invoice is paid: yes, no or unknown.", ["yes", "no", "unknown"]],
    ["Let me know if the deploy succeeded: success or failure, nothing else.", ["success", "failure"]],
    [
      "State only whether the claim holds: very likely, unlikely or unclear.",
      ["very likely", "unlikely", "unclear"],
    ],
    ["Your entire reply must be low, medium or high, one of those three levels.", ["low", "medium", "high"]],
    ["The output should be either spam or ham, one of these two labels.", ["spam", "ham"]],
    ["Answer with one of: red, green, and blue.", ["red", "green", "blue"]],
  ])("%j offers %j", (requirement, options) => {
    const parsed = parseRequirement(requirement);
    expect(
      parsed.checks.map((check) => (check.kind === "one_of" ? check.options : check.kind)),
    ).toStrictEqual([options]);
    expect(parsed.unchecked).toStrictEqual([]);
  });

  test.each<[string, string, 0 | 1]>([
    ["Just tell me whether the invoice is paid: yes, no or unknown.", "unknown", 1],
    ["Just tell me whether the invoice is paid: yes, no or unknown.", "Yes, it was paid on Monday.", 0],
    ["Your entire reply must be low, medium or high, one of those three levels.", "Medium", 1],
    [
      "Your entire reply must be low, medium or high, one of those three levels.",
      "Somewhere between low and medium.",
      0,
    ],
    ["Answer with one of: red, green, and blue.", "blue", 1],
    ["Answer with one of: red, green, and blue.", "purple", 0],
  ])("%j on %j scores %d", (requirement, text, score) => {
    expect(verifyRequirement(text, requirement).score).toBe(score);
  });

  test.each([
    // The answer and more: no fixed set of answers.
    "Tell me whether you agree: yes or no, and explain why.",
    "Tell me whether you agree: write a short paragraph.",
    "Your answer must be short, clear and friendly.",
  ])("%j is no fixed set of answers", (requirement) => {
    expect(parseRequirement(requirement).checks.filter((check) => check.kind === "one_of")).toStrictEqual([]);
  });
});
