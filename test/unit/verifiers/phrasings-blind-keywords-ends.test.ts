// Ways people word keyword rules, exact end lines, a fixed set of answers and the whole response in quotes
// beyond the phrasings read before: "one of the following, word for word:" with "Nothing besides that."
// after it, an end line after a colon without quotes ("the very last line reads: ..."), "without the
// words 'x' or 'y'", a wish ("I don't want to see the word 'x'", "I want 'x' in there precisely N times"),
// "'x' gets a mention", a ceiling ("don't overuse 'x': one occurrence at most"), and the response that
// "goes between" quotes or is put "and everything else you write" in them. Each phrasing is scored on a
// text that meets it and one that does not; loose wordings must not become these checks. None of these
// sentences is in the held-out corpus (test/fixtures/verifier-paraphrases/).
import { describe, expect, test } from "vitest";
import { parseRequirement } from "../../../src/verifiers/index.js";
import { identity, runTable } from "../../helpers/phrasing-table.js";

const oneOf = (...options: string[]) => [{ kind: "one_of", options }];
const endsWith = (phrase: string) => [{ kind: "ends_with", phrase }];
const keywords = (words: string[], bounds: { min?: number; max?: number }) => [
  { kind: "keywords", keywords: words, ...bounds },
];
const QUOTED = [{ kind: "quoted" }];

runTable("one of the options, word for word, and nothing besides", [
  {
    requirement: "Your label must be one of these, verbatim: 'Low', 'Medium', 'High'. Nothing else.",
    checks: oneOf("Low", "Medium", "High"),
    pass: "Medium",
    fail: "Medium, I think",
  },
  {
    requirement: "The classification should be one of the following, exactly as written: 'Spam', 'Not spam'.",
    checks: oneOf("Spam", "Not spam"),
    pass: "Not spam",
    fail: "Not really spam",
  },
  {
    requirement:
      "Your decision has to be one of the following options, word for word: 'Approve', 'Reject'. Nothing besides that.",
    checks: oneOf("Approve", "Reject"),
    pass: "Reject",
    fail: "Rejected for now",
  },
  {
    requirement: "Your rating must be one of: 'Good', 'Fair', 'Poor'. Nothing apart from that.",
    checks: oneOf("Good", "Fair", "Poor"),
    pass: "Fair",
    fail: "Fair to good",
  },
]);

runTable("an end line given after a colon, unquoted", [
  {
    requirement: "Make sure the final line reads: See you on Monday!",
    checks: endsWith("See you on Monday"),
    pass: "The agenda is attached.\nSee you on Monday!",
    fail: "See you on Monday! Bring the agenda.",
  },
  {
    requirement: "Your closing line should read: All the best, Marta",
    checks: endsWith("All the best, Marta"),
    pass: "Thanks for the quick reply.\nAll the best, Marta",
    fail: "Thanks for the quick reply.\nAll the best, Marta Ruiz",
  },
  {
    requirement: "The very last line of the email reads: Talk soon",
    checks: endsWith("Talk soon"),
    pass: "The contract is signed.\nTalk soon.",
    fail: "The contract is signed.\nTalk soon and take care.",
  },
  {
    requirement: "Wrap up the invitation with this exact sentence: We hope to see you there.",
    checks: endsWith("We hope to see you there"),
    pass: "The party starts at six in the garden.\nWe hope to see you there.",
    fail: "The party starts at six in the garden.\nWe hope you can make it.",
  },
  {
    requirement: "End the memo with this exact phrase: Questions go to Priya.",
    checks: endsWith("Questions go to Priya"),
    pass: "The office closes early on Friday. Questions go to Priya.",
    fail: "The office closes early on Friday. Send questions to Priya.",
  },
  {
    requirement: "Finish the toast with these exact words: To the happy couple!",
    checks: endsWith("To the happy couple!"),
    pass: "Raise your glasses. To the happy couple!",
    fail: "Raise your glasses. To the happy couple, cheers!",
  },
]);

runTable("forbidden words after 'without' or a wish against them", [
  {
    requirement: "Describe the hotel without the words 'luxurious' or 'stunning'.",
    checks: keywords(["luxurious", "stunning"], { max: 0 }),
    pass: "The hotel is quiet and clean, and the staff are friendly.",
    fail: "The hotel is quiet, and the lobby is Stunning.",
  },
  {
    requirement: "Write the review without the term 'amazing'.",
    checks: keywords(["amazing"], { max: 0 }),
    pass: "The pasta was rich and the service was quick.",
    fail: "The pasta was amazing and the service was quick.",
  },
  {
    requirement: "Summarize the plot without using the phrases 'plot twist' and 'page-turner'.",
    checks: keywords(["plot twist", "page-turner"], { max: 0 }),
    pass: "A detective returns to her hometown to solve an old case.",
    fail: "A detective returns home, and a plot twist changes everything.",
  },
  {
    requirement: "Explain the process without 'basically'.",
    checks: keywords(["basically"], { max: 0 }),
    pass: "Water is heated until it turns to steam.",
    fail: "Water is basically heated until it turns to steam.",
  },
  {
    requirement: "I don't want to see the words 'synergy' or 'leverage' anywhere.",
    checks: keywords(["synergy", "leverage"], { max: 0 }),
    pass: "The two teams will share one budget next year.",
    fail: "The two teams will leverage one budget next year.",
  },
  {
    requirement: "I never want to read the phrase 'circle back' in this memo.",
    checks: keywords(["circle back"], { max: 0 }),
    pass: "We will return to the topic next week.",
    fail: "We will circle back to the topic next week.",
  },
  {
    requirement: "I do not want 'literally' in there at all.",
    checks: keywords(["literally"], { max: 0 }),
    pass: "The room was full of people.",
    fail: "The room was literally full of people.",
  },
  {
    requirement: "We don't want to see 'utilize' in the final text.",
    checks: keywords(["utilize"], { max: 0 }),
    pass: "Use the side door after six.",
    fail: "Utilize the side door after six.",
  },
]);

runTable("a required word said to get a mention or come up", [
  {
    requirement: "It's essential that 'latency' gets a mention.",
    checks: keywords(["latency"], { min: 1 }),
    pass: "Latency matters more than raw speed here.",
    fail: "Delay matters more than raw speed here.",
  },
  {
    requirement: "Make sure 'Kubernetes' comes up somewhere.",
    checks: keywords(["Kubernetes"], { min: 1 }),
    pass: "We deploy everything on Kubernetes.",
    fail: "We deploy everything on virtual machines.",
  },
  {
    requirement: "'Recycling' must get a mention in your answer.",
    checks: keywords(["Recycling"], { min: 1 }),
    pass: "Recycling cut our waste by half.",
    fail: "Composting cut our waste by half.",
  },
  {
    requirement: "The word 'budget' has to pop up at least once.",
    checks: keywords(["budget"], { min: 1 }),
    pass: "The budget for the trip is small.",
    fail: "The money for the trip is short.",
  },
]);

runTable("a wished-for word and how often", [
  {
    requirement: "I want 'river' in there exactly twice.",
    checks: keywords(["river"], { min: 2, max: 2 }),
    pass: "The river was high. We crossed the river at dawn.",
    fail: "The river was high. We crossed the river at the river bend.",
  },
  {
    requirement: "I'd like to see 'innovation' at least three times.",
    checks: keywords(["innovation"], { min: 3 }),
    pass: "Innovation drives growth. Innovation needs funding. Innovation takes time.",
    fail: "Innovation drives growth. Innovation needs funding.",
  },
  {
    requirement: "I want the word 'team' in the text no more than two times.",
    checks: keywords(["team"], { min: 0, max: 2 }),
    pass: "The team met on Monday and the team agreed.",
    fail: "The team met, the team voted and the team agreed.",
  },
  {
    requirement: "We want 'quality' to appear precisely four times.",
    checks: keywords(["quality"], { min: 4, max: 4 }),
    pass: "Quality first. Quality always. Quality checks. Quality wins.",
    fail: "Quality first. Quality always. Quality checks.",
  },
]);

runTable("a ceiling on a word, not a ban", [
  {
    requirement: "Don't overuse 'amazing': two occurrences at most.",
    checks: keywords(["amazing"], { min: 0, max: 2 }),
    pass: "The view was amazing and the food was amazing.",
    fail: "The view was amazing, the food was amazing and the staff were amazing.",
  },
  {
    requirement: "Go easy on 'very', at most once.",
    checks: keywords(["very"], { min: 0, max: 1 }),
    pass: "It was a very long day.",
    fail: "It was a very long and very hot day.",
  },
  {
    requirement: "Limit 'basically' to one use.",
    checks: keywords(["basically"], { min: 0, max: 1 }),
    pass: "The plan is simple.",
    fail: "Basically, the plan is basically simple.",
  },
  {
    requirement: "Be sparing with 'honestly': once at the most.",
    checks: keywords(["honestly"], { min: 0, max: 1 }),
    pass: "Honestly, the film was too long.",
    fail: "Honestly, the film was honestly too long.",
  },
]);

const WRAPPED = '"The store opens at nine tomorrow."';
const UNWRAPPED = 'The store opens at "nine" tomorrow.';
runTable("the whole response placed between double quotes", [
  {
    requirement: "Your entire answer belongs inside double quotes.",
    checks: QUOTED,
    pass: WRAPPED,
    fail: UNWRAPPED,
  },
  {
    requirement: "The whole reply goes inside quotation marks.",
    checks: QUOTED,
    pass: WRAPPED,
    fail: "'The store opens at nine tomorrow.'",
  },
  {
    requirement: "Your full response goes in a single pair of double quotes.",
    checks: QUOTED,
    pass: WRAPPED,
    fail: UNWRAPPED,
  },
  {
    requirement: "Put the headline, along with everything else you write, in double quotation marks.",
    checks: QUOTED,
    pass: '"Big news: the store opens at nine."',
    fail: 'Big news: "the store opens at nine."',
  },
  {
    requirement: "Place the poem, together with everything else you say, between double quotes.",
    checks: QUOTED,
    pass: '"Here it is: Roses bloom in May."',
    fail: 'Here it is: "Roses bloom in May."',
  },
]);

describe("wordings that are not these rules", () => {
  const kinds = new Set(["keywords", "ends_with", "starts_with", "quoted", "one_of"]);
  test.each([
    "Explain it without using too many words.",
    "Write the summary without the words getting too technical.",
    "Don't overuse adjectives.",
    // Overusing is a judgement without a count, not a ban.
    "Don't overuse 'amazing'.",
    "Limit 'really' to at least two uses.",
    "I want 'Hello' as the first word.",
    "I want 'Dear team' to open the email.",
    // Asking for one of two words is no keywords check.
    "I want to see 'apples' or 'pears'.",
    "Go easy on the jargon.",
    "The last line reads well.",
    "The first word is capitalised.",
    "End the day with a smile.",
    "Finish the title with 'Now'.",
    "Put the slogan in double quotes.",
    "Put the title in bold; everything else in double quotes.",
    "Everything else goes inside double quotes.",
    "Your verdict should explain the reasoning.",
  ])("%j gives none of these checks", (requirement) => {
    const parsed = parseRequirement(requirement);
    expect(parsed.checks.filter((check) => kinds.has(check.kind))).toStrictEqual([]);
  });

  test("an end line after a colon is the rest of its clause, not of the sentence", () => {
    const parsed = parseRequirement("The last line reads: Best wishes, and use no commas.");
    expect(parsed.checks.map(identity)).toStrictEqual([
      { kind: "ends_with", phrase: "Best wishes" },
      { kind: "forbid_marks", mark: "commas" },
    ]);
  });
});

describe("adversarial descriptions of 20,000 characters are parsed", () => {
  test.each([
    [
      "'one of these, verbatim' options repeated",
      `Your label must be one of these, verbatim: ${"'a', ".repeat(4000)}`,
    ],
    ["'Nothing besides that' repeated", `Pick one of 'a' or 'b'. ${"Nothing besides that. ".repeat(910)}`],
    ["'the last line reads' repeated", "the last line reads ".repeat(1000)],
    ["a long unquoted end line after a colon", `The very last line reads: ${"word ".repeat(4000)}`],
    ["'finish off the reminder with' repeated", "finish off the reminder with ".repeat(700)],
    ["'without the words' repeated", "without the words ".repeat(1200)],
    ["quoted words after 'without the words'", `Write it without the words ${"'a' or ".repeat(3000)}x`],
    ["'I don't want to see' repeated", "I don't want to see ".repeat(1000)],
    ["'I want' quoted words 'in the' repeated", `I want 'x' ${"in the ".repeat(2900)}`],
    ["'I want' and a quoted word repeated", "I want 'a' ".repeat(1820)],
    ["'don't overuse' and a quoted word repeated", "don't overuse 'a' ".repeat(1110)],
    ["'gets a mention' repeated", "'x' gets a mention ".repeat(1100)],
    ["'don't overuse' quoted words repeated", `Don't overuse ${"'a', ".repeat(4000)}`],
    ["'one occurrence at most' repeated", `Go easy on 'x': ${"one occurrence at most ".repeat(900)}`],
    ["'goes between' repeated", "your whole response goes between ".repeat(610)],
    [
      "'the slogan, and everything else' repeated",
      `Put ${"the slogan, and everything else you write, ".repeat(470)}inside double quotes`,
    ],
  ])("%s", (_name, description) => {
    expect(description.length).toBeGreaterThanOrEqual(19_900);
    const parsed = parseRequirement(description);
    expect(parsed.description).toBe(description);
  });
});
