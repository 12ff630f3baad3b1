// Ways people word three rules beyond the phrasings read before: a paragraph divider said to stand on
// its own line and divide them ("with --- on its own line to separate them", "~~~ (on a line of its own)
// dividing them"), the whole text in capitals said with "for" ("use capital letters for everything",
// "capitals for the whole thing") and a quoted word to be fitted in ("get the word 'x' in there", "work
// 'x' into the poem", "slip in 'x'"). Each phrasing is scored on a text that meets it and one that does
// not; loose wordings must not become these checks. None of these sentences is in the held-out corpus
// (test/fixtures/verifier-paraphrases/).
import { describe, expect, test } from "vitest";
import { parseRequirement } from "../../../src/verifiers/index.js";
import { identity, runTable } from "../../helpers/phrasing-table.js";

/** `count` short paragraphs with `divider` on a line of its own between each two. */
function paragraphs(count: number, divider: string): string {
  return Array.from({ length: count }, (_, at) => `Paragraph ${at + 1} says one thing about the tide.`).join(
    `\n\n${divider}\n\n`,
  );
}
const divided = (count: number, divider: string) => [
  { kind: "count", unit: "paragraphs", min: count, max: count, divider },
];

runTable("a divider on its own line that divides the paragraphs", [
  {
    requirement: "Write four paragraphs with --- on its own line to separate them.",
    checks: divided(4, "---"),
    pass: paragraphs(4, "---"),
    fail: paragraphs(3, "---"),
  },
  {
    requirement: "Give me three paragraphs, ~~~ (on a line of its own) dividing them.",
    checks: divided(3, "~~~"),
    pass: paragraphs(3, "~~~"),
    fail: paragraphs(5, "~~~"),
  },
  {
    requirement: "Three paragraphs please, using === on a separate line to split them up.",
    checks: divided(3, "==="),
    pass: paragraphs(3, "==="),
    fail: paragraphs(2, "==="),
  },
  {
    requirement: "Write three paragraphs. Put *** alone on a line in order to separate them.",
    checks: divided(3, "***"),
    pass: paragraphs(3, "***"),
    fail: paragraphs(4, "***"),
  },
  {
    requirement: "Compose two paragraphs, using ### on their own lines to divide the paragraphs.",
    checks: divided(2, "###"),
    pass: paragraphs(2, "###"),
    fail: paragraphs(3, "###"),
  },
  {
    requirement: "I want six paragraphs with +++ on a line of its own splitting them.",
    checks: divided(6, "+++"),
    pass: paragraphs(6, "+++"),
    fail: paragraphs(5, "+++"),
  },
]);

const UPPER = [{ kind: "case", case: "upper" }];
const SHOUTED = "THE FERRY LEAVES AT NOON. BRING A COAT.";
const SPOKEN = "The ferry leaves at noon. Bring a coat.";

runTable("capitals for the whole text, said with 'for'", [
  { requirement: "Use capitals for the whole thing.", checks: UPPER, pass: SHOUTED, fail: SPOKEN },
  { requirement: "Use upper case for all of it.", checks: UPPER, pass: SHOUTED, fail: SPOKEN },
  {
    requirement: "Please use block capitals for the entire reply.",
    checks: UPPER,
    pass: SHOUTED,
    fail: SPOKEN,
  },
  { requirement: "Use uppercase for it all.", checks: UPPER, pass: SHOUTED, fail: SPOKEN },
  {
    requirement: "Stick to capital letters for your whole answer.",
    checks: UPPER,
    pass: SHOUTED,
    fail: SPOKEN,
  },
  { requirement: "Caps for everything, please.", checks: UPPER, pass: SHOUTED, fail: SPOKEN },
]);

const has = (keyword: string, bounds: { min?: number; max?: number } = { min: 1 }) => [
  { kind: "keywords", keywords: [keyword], ...bounds },
];

runTable("a quoted word to be fitted in", [
  {
    requirement: "Work 'rain' into the poem.",
    checks: has("rain"),
    pass: "The rain fell softly.",
    fail: "The snow fell softly.",
  },
  {
    requirement: "Slip in the phrase 'no worries' somewhere.",
    checks: has("no worries"),
    pass: "Sure, no worries at all.",
    fail: "Sure, that is fine.",
  },
  {
    requirement: "Squeeze 'budget' in twice.",
    checks: has("budget", { min: 2 }),
    pass: "The budget is tight, and the budget is fixed.",
    fail: "The budget is tight.",
  },
  {
    requirement: "Try to work in the term 'harbor'.",
    checks: has("harbor"),
    pass: "Boats rest in the harbor.",
    fail: "Boats rest in the bay.",
  },
  {
    requirement: "Sneak 'velvet' in somewhere.",
    checks: has("velvet"),
    pass: "A velvet night fell.",
    fail: "A dark night fell.",
  },
  {
    requirement: "Get the keyword 'latency' into your answer.",
    checks: has("latency"),
    pass: "We cut latency in half.",
    fail: "We cut delays in half.",
  },
]);

describe("loose wordings are not read as these checks", () => {
  test.each([
    ["Use capital letters for names.", "case"],
    ["Use capital letters for each sentence's first word.", "case"],
    ["Use capitals for everything in the title.", "case"],
    ["Get the word out.", "keywords"],
    ["Get in there and explain.", "keywords"],
    ["Get 'summer' in bold.", "keywords"],
    ["Work in teams and explain why.", "keywords"],
  ])("%j has no %s check", (requirement, kind) => {
    expect(parseRequirement(requirement).checks.map((check) => check.kind)).not.toContain(kind);
  });

  test("a divider the writer must not use is not read", () => {
    const checks = parseRequirement(
      "Write three paragraphs; don't use *** on its own line to divide them.",
    ).checks;
    expect(checks.map(identity)).toStrictEqual([{ kind: "count", unit: "paragraphs", min: 3, max: 3 }]);
  });
});

describe("adversarial descriptions of 20,000 characters are parsed", () => {
  test.each([
    [
      "'*** on its own line' repeated",
      `Write 3 paragraphs ${"*** on its own line ".repeat(1000)}to divide them`,
    ],
    ["'(on a line of its own' repeated", `Two paragraphs, ${"--- (on a line of its own ".repeat(800)}`],
    ["'to divide them' repeated", `Write 2 paragraphs. ${"=== to divide them up ".repeat(910)}`],
    ["'capital letters for' repeated", "capital letters for ".repeat(1000)],
    ["'capitals for the whole thing' repeated", "use capitals for the whole thing in ".repeat(560)],
    ["'get the word' repeated", `${"get the word ".repeat(1540)}'x' in there`],
    ["'squeeze 'a' in' repeated", "squeeze 'a' in ".repeat(1340)],
    ["'work in 'a',' repeated", `work in ${"'a', ".repeat(4000)}`],
  ])("%s", (_name, description) => {
    expect(description.length).toBeGreaterThanOrEqual(19_900);
    const parsed = parseRequirement(description);
    expect(parsed.description).toBe(description);
  });
});
