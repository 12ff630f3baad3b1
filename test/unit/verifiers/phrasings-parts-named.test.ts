// Readings the blind batch of 2026-12-07 (b) showed missing, each tested here on sentences of our own:
// every single letter in capitals, a list's entries counted, sections introduced by a marker named with
// its kind ("each introduced by a 'Day X' heading"), which is no markdown header, words worked or woven
// into a text, a keyword's bound after its count ("twice at most"), and a courtesy after the list.
import { describe, expect, test } from "vitest";
import { parseRequirement, verifyRequirement } from "../../../src/verifiers/index.js";

const kinds = (requirement: string) =>
  parseRequirement(requirement).checks.map((check) => {
    if (check.kind === "case") return `case ${check.case}`;
    if (check.kind === "count") return `${check.unit} ${check.min ?? ""}-${check.max ?? ""}`;
    if (check.kind === "sections") return `sections ${check.marker} ${check.min ?? ""}-${check.max ?? ""}`;
    return check.kind;
  });

describe("what the requirement names is read as what it says", () => {
  test.each<[string, string[]]>([
    ["Please keep every single letter uppercase, it is for a banner.", ["case upper"]],
    ["Make every single letter a capital.", ["case upper"]],
    ["Each single character must be uppercase.", ["case upper"]],
    ["Give me a checklist with five entries.", ["list_items 5-5"]],
    ["The list needs at least six entries.", ["list_items 6-"]],
    ["Use four sections, each introduced by a 'Day X' heading.", ["sections Day 4-4"]],
    ["Organise it in 3 parts, each marked with a 'Part N' label.", ["sections Part 3-3"]],
    ["Write 5 sections, each named 'Step N'.", ["sections Step 5-5"]],
    ["Please weave the words 'lantern' and 'tide' into the poem.", ["keywords"]],
    ["Work the term 'latency budget' into your answer.", ["keywords"]],
    ["Sneak 'banana' into the story somewhere.", ["keywords"]],
  ])("%j is %j", (requirement, expected) => {
    expect(kinds(requirement)).toStrictEqual(expected);
  });

  test.each([
    // Only the title's letters: no case for the whole text.
    "Make every letter of the title a capital.",
    // Journal entries are no list.
    "Write three journal entries.",
    // Working on words is no keyword.
    "Work on the words you use.",
  ])("%j is not read as a rule on the whole text", (requirement) => {
    expect(kinds(requirement)).toStrictEqual([]);
  });

  test.each<[string, string, 0 | 1]>([
    ["Please keep every single letter uppercase, it is for a banner.", "GRAND OPENING ON FRIDAY", 1],
    ["Please keep every single letter uppercase, it is for a banner.", "Grand opening on Friday", 0],
    ["Give me a checklist with five entries.", "- milk\n- eggs\n- bread\n- tea\n- rice", 1],
    ["Give me a checklist with five entries.", "- milk\n- eggs\n- bread", 0],
    [
      "Use three sections, each introduced by a 'Day X' heading.",
      "Day 1\nMuseum in the morning.\n\nDay 2\nBoat trip.\n\nDay 3\nMarket and flight home.",
      1,
    ],
    ["Use three sections, each introduced by a 'Day X' heading.", "Day 1\nMuseum.\n\nDay 2\nBoat trip.", 0],
    [
      "Please weave the words 'lantern' and 'tide' into the poem.",
      "The lantern swings\nwhile the tide comes in.",
      1,
    ],
    ["Please weave the words 'lantern' and 'tide' into the poem.", "The lantern swings\nover the harbor.", 0],
  ])("%j on %j passes: %d", (requirement, text, passes) => {
    // A pass in full (a partial verdict's checked part) or less than one: fewer keywords found score less.
    expect(verifyRequirement(text, requirement).score === 1).toBe(passes === 1);
  });

  test.each<[string, { min?: number; max?: number }, string[]]>([
    ["Say 'simple' twice at most.", { min: 0, max: 2 }, ["simple"]],
    ["Use 'cloud' 3 times at the most.", { min: 0, max: 3 }, ["cloud"]],
    ["Use 'cloud' five times max.", { min: 0, max: 5 }, ["cloud"]],
    ["Mention 'Rome' twice at least.", { min: 2 }, ["Rome"]],
    ["Try to say 'simple' at most twice, please.", { min: 0, max: 2 }, ["simple"]],
    ["Mention 'Berlin' and 'Paris', thanks.", { min: 1 }, ["Berlin", "Paris"]],
  ])("%j counts %j of %j", (requirement, bounds, keywords) => {
    const parsed = parseRequirement(requirement);
    expect(parsed.checks).toStrictEqual([expect.objectContaining({ kind: "keywords", keywords, ...bounds })]);
    expect(parsed.unchecked).toStrictEqual([]);
  });

  test.each<[string, string, 0 | 1]>([
    ["Say 'simple' twice at most.", "It is simple. Truly simple.", 1],
    ["Say 'simple' twice at most.", "Simple steps, simple tools, simple rules, simple life.", 0],
  ])("%j on %j passes: %d", (requirement, text, passes) => {
    expect(verifyRequirement(text, requirement).score === 1).toBe(passes === 1);
  });
});
