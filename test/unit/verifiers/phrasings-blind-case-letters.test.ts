// Ways people word capital-word counts, whole-text case and letter frequencies beyond the phrasings read
// before: "capitalise N whole words", a bound after the counted words ("one word, at most, may be in
// capitals"), "upper case throughout", "free of any capital letters whatsoever" and a bound after the
// count of a letter ("the letter f appearing ten or more times"). Each phrasing is scored on a text that
// meets it and one that does not; loose wordings must not become these checks. None of these sentences
// is in the held-out corpus (test/fixtures/verifier-paraphrases/).
import { describe, expect, test } from "vitest";
import { parseRequirement } from "../../../src/verifiers/index.js";
import { identity, runTable } from "../../helpers/phrasing-table.js";

const capitals = (bounds: { min?: number; max?: number }) => [
  { kind: "count", unit: "capital_words", ...bounds },
];
const THREE_CAPS = "The SALE starts NOW and ends SOON for every shopper in town.";
const TWO_CAPS = "The SALE starts NOW and ends soon for every shopper in town.";
const ONE_CAP = "The sale starts NOW and ends soon for every shopper in town.";

runTable("capitalising a number of whole words", [
  {
    requirement: "Capitalise exactly two whole words entirely.",
    checks: capitals({ min: 2, max: 2 }),
    pass: TWO_CAPS,
    fail: THREE_CAPS,
  },
  {
    requirement: "Fully capitalize at least three words in the advert.",
    checks: capitals({ min: 3 }),
    pass: THREE_CAPS,
    fail: TWO_CAPS,
  },
  {
    requirement: "Capitalise no more than two entire words.",
    checks: capitals({ max: 2 }),
    pass: ONE_CAP,
    fail: THREE_CAPS,
  },
  {
    requirement: "Capitalize 3 words in full.",
    checks: capitals({ min: 3, max: 3 }),
    pass: THREE_CAPS,
    fail: ONE_CAP,
  },
  {
    requirement: "Capitalise every letter of at least two words.",
    checks: capitals({ min: 2 }),
    pass: TWO_CAPS,
    fail: ONE_CAP,
  },
  {
    requirement: "Don't capitalise more than one whole word.",
    checks: capitals({ max: 1 }),
    pass: ONE_CAP,
    fail: TWO_CAPS,
  },
]);

runTable("a bound after the counted words, then capitals", [
  {
    requirement: "Only two words in the answer, at most, may be in all caps.",
    checks: capitals({ max: 2 }),
    pass: TWO_CAPS,
    fail: THREE_CAPS,
  },
  {
    requirement: "Two words at most may be fully capitalized.",
    checks: capitals({ max: 2 }),
    pass: ONE_CAP,
    fail: THREE_CAPS,
  },
  {
    requirement: "One word, max, can be written entirely in capitals.",
    checks: capitals({ max: 1 }),
    pass: ONE_CAP,
    fail: TWO_CAPS,
  },
  {
    requirement: "Three words or more should be typed in block capitals.",
    checks: capitals({ min: 3 }),
    pass: THREE_CAPS,
    fail: TWO_CAPS,
  },
  {
    requirement: "Just one word may appear in uppercase.",
    checks: capitals({ max: 1 }),
    pass: ONE_CAP,
    fail: TWO_CAPS,
  },
  {
    requirement: "At least two words of your reply must be fully capitalised.",
    checks: capitals({ min: 2 }),
    pass: TWO_CAPS,
    fail: ONE_CAP,
  },
]);

const UPPER = [{ kind: "case", case: "upper" }];
const LOWER = [{ kind: "case", case: "lower" }];
const SHOUT = "BIG NEWS: THE SHOP OPENS AT NINE TOMORROW.";
const MIXED = "BIG NEWS: the shop opens at nine tomorrow.";
const QUIET = "big news: the shop opens at nine tomorrow.";

runTable("upper case throughout", [
  { requirement: "Upper-case throughout, please.", checks: UPPER, pass: SHOUT, fail: MIXED },
  { requirement: "Capital letters everywhere.", checks: UPPER, pass: SHOUT, fail: MIXED },
  { requirement: "Caps from start to finish.", checks: UPPER, pass: SHOUT, fail: QUIET },
  { requirement: "The notice: upper case all the way through.", checks: UPPER, pass: SHOUT, fail: MIXED },
  { requirement: "Block capitals throughout the reply.", checks: UPPER, pass: SHOUT, fail: QUIET },
]);

runTable("free of capital letters, none whatsoever", [
  { requirement: "Keep the answer free of capital letters.", checks: LOWER, pass: QUIET, fail: MIXED },
  {
    requirement: "The note must be free from any upper-case characters.",
    checks: LOWER,
    pass: QUIET,
    fail: SHOUT,
  },
  { requirement: "Use no capital letters whatsoever.", checks: LOWER, pass: QUIET, fail: MIXED },
  { requirement: "Not a single uppercase letter anywhere.", checks: LOWER, pass: QUIET, fail: MIXED },
  { requirement: "Your text should be free of caps of any kind.", checks: LOWER, pass: QUIET, fail: MIXED },
  { requirement: "Keep the slogan free of lowercase letters.", checks: UPPER, pass: SHOUT, fail: MIXED },
]);

const letter = (name: string, bounds: { min?: number; max?: number }) => [
  { kind: "letter_count", letter: name, ...bounds },
];

runTable("a bound after the count of a letter", [
  {
    requirement: "A rhyme with the letter 'z' appearing five or more times.",
    checks: letter("z", { min: 5 }),
    pass: "Zany zebras zip, zig and zag.",
    fail: "Zany zebras run.",
  },
  {
    requirement: "The letter q, occurring two or fewer times.",
    checks: letter("q", { max: 2 }),
    pass: "A quiet evening.",
    fail: "Quick quiet quills.",
  },
  {
    requirement: "I want the letter k showing up 4+ times.",
    checks: letter("k", { min: 4 }),
    pass: "Kind kids keep kites.",
    fail: "Kind kids fly.",
  },
  {
    requirement: "Make sure the letter b turns up three times or more.",
    checks: letter("b", { min: 3 }),
    pass: "Big blue boats.",
    fail: "Big red ships.",
  },
  {
    requirement: "Let the letter x feature twice at most.",
    checks: letter("x", { max: 2 }),
    pass: "An extra day.",
    fail: "Six extra boxes.",
  },
  {
    requirement: "The letter a must not appear 5 or more times.",
    checks: letter("a", { max: 4 }),
    pass: "A cat sat.",
    fail: "A cat ate a banana.",
  },
]);

describe("wordings that are not these checks", () => {
  test.each([
    // First letters, or a length with a case, not counts of capital words.
    ["Capitalise three words.", "capital_words"],
    ["Capitalise the first letter of three words.", "capital_words"],
    ["Write 100 words fully in capitals.", "capital_words"],
    // A case for a part, or talked about.
    ["Use capital letters throughout the headings.", "case"],
    ["Use capital letters throughout for names.", "case"],
    ["Capitalize proper nouns throughout.", "case"],
    ["Explain why capitals throughout reads as shouting.", "case"],
    // A count of words, not of times.
    ["the letter f appearing in ten or more words", "letter_count:10"],
  ])("%j gives no such check", (requirement, kind) => {
    const checks = parseRequirement(requirement).checks;
    if (kind === "capital_words") {
      expect(checks.some((check) => check.kind === "count" && check.unit === "capital_words")).toBe(false);
    } else if (kind === "case") {
      expect(checks.some((check) => check.kind === "case")).toBe(false);
    } else {
      expect(checks.some((check) => check.kind === "letter_count" && check.min === 10)).toBe(false);
    }
  });

  test("a case for the whole text is still read beside 'Write 100 words fully in capitals'", () => {
    expect(parseRequirement("Write 100 words fully in capitals.").checks.map(identity)).toStrictEqual([
      { kind: "count", unit: "words", min: 100, max: 100 },
      { kind: "case", case: "upper" },
    ]);
  });
});

describe("adversarial descriptions of 20,000 characters are parsed", () => {
  test.each([
    ["'capitalise' then words repeated", `Capitalise at least ${"whole ".repeat(3330)}words`],
    [
      "counts of words repeated before 'may be in caps'",
      `${"only two words in the reply ".repeat(715)}may be in caps`,
    ],
    ["'upper case' repeated", "upper case ".repeat(1820)],
    ["'capital letters throughout the reply' repeated", "capital letters throughout the reply ".repeat(545)],
    ["'free of any' repeated", "free of any ".repeat(1670)],
    ["'not a single' repeated", "not a single ".repeat(1540)],
    ["'ten or more' repeated after a letter", `the letter f ${"ten or more ".repeat(1660)}`],
    ["'4+' repeated after a letter", `the letter f appearing ${"4+ ".repeat(6660)}`],
  ])("%s", (_name, description) => {
    expect(description.length).toBeGreaterThanOrEqual(19_900);
    const parsed = parseRequirement(description);
    expect(parsed.description).toBe(description);
  });
});
