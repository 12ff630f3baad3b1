// Ways people word seven rules beyond the phrasings read before: options named in one clause and referred
// back to in another ("..., tea or coffee? Answer with just one of those two words"), options after
// "consist solely of one of these:", the request said back or opened with ("Say my question back to me
// exactly", "Open with my request copied verbatim. After that, ..."), a named part in quotes with nothing
// outside them, two responses counted and separated apart ("a pair of possible ...", "two ways to word
// ..., divided by ******"), "don't split it up: one paragraph", and a ceiling on a letter after a colon
// ("Go easy on the letter 'e': fewer than 6"). Each phrasing is scored on a text that meets it and one
// that does not; loose wordings must not become these checks. None of these sentences is in the held-out
// corpus (test/fixtures/verifier-paraphrases/).
import { describe, expect, test } from "vitest";
import { parseRequirement } from "../../../src/verifiers/index.js";
import { identity, runTable } from "../../helpers/phrasing-table.js";

const oneOf = (...options: string[]) => [{ kind: "one_of", options }];

runTable("options named in an earlier clause and referred back to", [
  {
    requirement: "Which drink goes better with cake, tea or coffee? Answer with just one of those two words.",
    checks: oneOf("tea", "coffee"),
    pass: "Coffee.",
    fail: "Coffee, because it cuts the sweetness.",
  },
  {
    requirement: "Is the statement true or false? Reply with only one of those options, nothing else.",
    checks: oneOf("true", "false"),
    pass: "False",
    fail: "It is false.",
  },
  {
    requirement:
      "Pick a direction, north, south or east. Your answer must be one of those three and nothing else.",
    checks: oneOf("north", "south", "east"),
    pass: "south",
    fail: "west",
  },
  {
    requirement: "Should we ship today or tomorrow? Respond with exactly one of these two words.",
    checks: oneOf("today", "tomorrow"),
    pass: "Tomorrow.",
    fail: "Tomorrow, after the tests pass.",
  },
  {
    requirement: "Is the tone formal, casual or neutral? Answer with one of those three labels only.",
    checks: oneOf("formal", "casual", "neutral"),
    pass: "neutral",
    fail: "sarcastic",
  },
]);

runTable("the answer made of nothing but one option of a list", [
  {
    requirement: "Your answer must consist solely of one of these: YES, NO, UNSURE.",
    checks: oneOf("YES", "NO", "UNSURE"),
    pass: "NO",
    fail: "NO, I think not.",
  },
  {
    requirement: "The reply should consist only of one of the following: red, amber, green.",
    checks: oneOf("red", "amber", "green"),
    pass: "amber",
    fail: "The light is amber.",
  },
  {
    requirement: "Your verdict consists of one of these labels: PASS, FAIL.",
    checks: oneOf("PASS", "FAIL"),
    pass: "PASS",
    fail: "PASS with warnings",
  },
  {
    requirement: "Your response must contain only one of these options: small, medium, large.",
    checks: oneOf("small", "medium", "large"),
    pass: "large",
    fail: "large or medium, depending on the room",
  },
]);

const input = "What is the tallest mountain in Africa?";
const repeated = [{ kind: "repeat_request", excluding: "" }];
runTable(
  "the request said back, or opened with, word for word",
  [
    {
      requirement: "Read my question back to me word for word, and then answer it.",
      checks: repeated,
      pass: `${input}\n\nKilimanjaro.`,
      fail: "You asked about Africa's highest peak. Kilimanjaro.",
      input,
    },
    {
      requirement: "Say the question back exactly, then give your answer.",
      checks: repeated,
      pass: `${input} Kilimanjaro is the tallest.`,
      fail: "Kilimanjaro is the tallest mountain in Africa.",
      input,
    },
    {
      requirement: "Begin with my question, repeated exactly. Then give your answer.",
      checks: repeated,
      pass: `${input}\nKilimanjaro.`,
      fail: "Which is Africa's tallest mountain? Kilimanjaro.",
      input,
    },
    {
      requirement: "Open your reply with the prompt copied word for word. Afterwards, write the answer.",
      checks: repeated,
      pass: `${input}\nMount Kilimanjaro.`,
      fail: "Mount Kilimanjaro.",
      input,
    },
    {
      requirement: "Start with my request verbatim, then answer it.",
      checks: repeated,
      pass: `${input} It is Kilimanjaro.`,
      fail: "It is Kilimanjaro.",
      input,
    },
  ],
  (phrasing) => [{ kind: "repeat_request", excluding: phrasing.requirement }],
);

runTable("a named part in double quotes with nothing outside them", [
  {
    requirement: "Give me the slogan in quotation marks with nothing outside them.",
    checks: [{ kind: "quoted" }],
    pass: '"Fresh bread, every morning."',
    fail: 'Here it is: "Fresh bread, every morning."',
  },
  {
    requirement: "I want the title in double quotes and no other text outside the quotes.",
    checks: [{ kind: "quoted" }],
    pass: '"A Winter in Lisbon"',
    fail: "A Winter in Lisbon",
  },
  {
    requirement: "Put your one-line summary inside quotation marks, no words beyond them.",
    checks: [{ kind: "quoted" }],
    pass: '"The meeting moved to Friday."',
    fail: '"The meeting moved to Friday." Hope that helps!',
  },
  {
    requirement: "Write the headline in straight double quotes, with no text at all outside them.",
    checks: [{ kind: "quoted", straight: true }],
    pass: '"Local Team Wins Cup"',
    fail: "“Local Team Wins Cup”",
  },
]);

/** Two short responses with `separator` between them. */
const two = (separator: string) => `Friends, thank you for coming.\n${separator}\nGood evening, everyone.`;
runTable("two responses counted and separated apart", [
  {
    requirement: "Suggest a pair of possible names for my bakery. Separate them with six asterisks.",
    checks: [{ kind: "responses", count: 2, separator: "******" }],
    pass: two("******"),
    fail: "Friends, thank you for coming.",
  },
  {
    requirement: "Give me a couple of candidate subject lines, separated by ******.",
    checks: [{ kind: "responses", count: 2, separator: "******" }],
    pass: two("******"),
    fail: two("***"),
  },
  {
    requirement: "Show me three different ways to phrase this apology, divided by ***.",
    checks: [{ kind: "responses", count: 3, separator: "***" }],
    pass: "Sorry.\n***\nI apologise.\n***\nMy mistake.",
    fail: "Sorry.\n***\nI apologise.",
  },
  {
    requirement: "Could you give two ways of saying no politely, separated by ******?",
    checks: [{ kind: "responses", count: 2, separator: "******" }],
    pass: "No, thank you.\n******\nI'll have to pass.",
    fail: "No, thank you.\n******\nNo, thank you.",
  },
  {
    requirement: "Write a pair of alternative opening lines. Separate them using ***.",
    checks: [{ kind: "responses", count: 2, separator: "***" }],
    pass: two("***"),
    fail: "Friends, thank you for coming. Good evening, everyone.",
  },
]);

const one = [{ kind: "count", unit: "paragraphs", min: 1, max: 1 }];
const paragraphs = "The plan is simple.\n\nWe start on Monday.";
runTable("one paragraph, with the text not to be split up", [
  {
    requirement: "Do not break the reply up: it must be a single paragraph.",
    checks: one,
    pass: "The plan is simple and we start on Monday.",
    fail: paragraphs,
  },
  {
    requirement: "Never split your answer up; everything should be in one paragraph.",
    checks: one,
    pass: "The plan is simple.",
    fail: paragraphs,
  },
  {
    requirement: "Don't break your reply into paragraphs.",
    checks: one,
    pass: "The plan is simple. We start on Monday.",
    fail: paragraphs,
  },
  {
    requirement: "Please do not divide the text into separate paragraphs.",
    checks: one,
    pass: "One block of text only.",
    fail: paragraphs,
  },
]);

runTable("a ceiling on a letter, after a colon", [
  {
    requirement: "Be sparing with the letter 'a': at most 3 in the whole reply.",
    checks: [{ kind: "letter_count", letter: "a", max: 3 }],
    pass: "I will go to it soon.",
    fail: "A banana and a mango, at a bazaar.",
  },
  {
    requirement: "Go light on the letter z: fewer than 2.",
    checks: [{ kind: "letter_count", letter: "z", max: 1 }],
    pass: "A lazy afternoon.",
    fail: "Fizzy jazz.",
  },
  {
    requirement: "Cut down on the letter 's': no more than 4.",
    checks: [{ kind: "letter_count", letter: "s", max: 4 }],
    pass: "It is a nice day.",
    fail: "She sells sea shells.",
  },
  {
    requirement: "Watch the letter 'o': less than 5 in total.",
    checks: [{ kind: "letter_count", letter: "o", max: 4 }],
    pass: "Good day.",
    fail: "Oh no, not more coffee for Tom.",
  },
]);

describe("loose wordings are not read as these checks", () => {
  test.each([
    ["Is it a cat or a dog? Explain one of those in detail.", "one_of"],
    ["Do you prefer tea or coffee? Tell me why.", "one_of"],
    ["Your answer must contain one of these: a joke, a pun.", "quoted"],
    ["Say my name back to me in a friendly way.", "repeat_request"],
    ["Begin with my question in mind and answer it.", "repeat_request"],
    ["Don't put the title in quotes, with nothing outside them.", "quoted"],
    ["Write a pair of paragraphs. Separate them with ***.", "responses"],
    ["Don't split the answer up.", "count"],
    ["Go easy on the jokes: fewer than 3.", "letter_count"],
  ])("%j has no %s check", (requirement, kind) => {
    expect(parseRequirement(requirement).checks.map((check) => check.kind)).not.toContain(kind);
  });

  test("a 'don't split it up' sentence does not negate the paragraph rule after it", () => {
    const checks = parseRequirement("Don't split it up: it should all be one paragraph.").checks;
    expect(checks.map(identity)).toStrictEqual(one);
  });

  test("a list given after 'one of the following' is not read as a reference back", () => {
    const checks = parseRequirement(
      "Is it a cat or a dog? Answer with one of the following options: 'kitten', 'puppy'.",
    ).checks;
    expect(checks.map(identity)).toStrictEqual(oneOf("kitten", "puppy"));
  });
});

describe("adversarial descriptions of 20,000 characters are parsed", () => {
  test.each([
    [
      "'a or b, ' repeated before a reference",
      `${"a or b, ".repeat(2500)}Reply with one of those two words.`,
    ],
    ["'one of those two' repeated", "Reply with one of those two ".repeat(720)],
    [
      "'consist solely of one of these:' repeated",
      "Your reply must consist solely of one of these: ".repeat(420),
    ],
    ["'say my question' repeated", `${"say my question ".repeat(1250)}back`],
    ["'open with my request' repeated", "open with my request copied ".repeat(720)],
    ["'in double quotes, and no' repeated", "the tag in double quotes, and no ".repeat(610)],
    ["'a pair of possible' repeated", `${"a pair of possible ".repeat(1060)}lines, separated by ***`],
    ["'two ways to word' repeated", `${"two ways to word ".repeat(1180)}, divided by ******`],
    ["'don't split it up:' repeated", "Don't split it up: ".repeat(1060)],
    ["'go easy on the letter e:' repeated", "Go easy on the letter 'e': ".repeat(750)],
  ])("%s", (_name, description) => {
    expect(description.length).toBeGreaterThanOrEqual(19_900);
    const parsed = parseRequirement(description);
    expect(parsed.description).toBe(description);
  });
});
