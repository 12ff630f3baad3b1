import { describe, expect, test } from "vitest";
import type { Check } from "../../../src/verifiers/check.js";
import { CONFLICT_RULES, findCheckConflict, findConflicts } from "../../../src/verifiers/find-conflicts.js";
import { parseRequirement } from "../../../src/verifiers/parse-requirement.js";

/** The checks a description parses into, so that each row reads as a user writes requirements. */
function checksOf(...descriptions: string[]): Check[] {
  return descriptions.flatMap((description) => [...parseRequirement(description).checks]);
}

/** A check written out by hand, without its source. */
type CheckInput = Check extends infer C ? (C extends Check ? Omit<C, "source"> : never) : never;
const c = (check: CheckInput): Check => ({ ...check, source: "test" }) as Check;

// Each rule alone: a pair it fires on (with its reason) and a close pair it leaves alone.
const RULE_ROWS: { rule: string; conflicting: Check[]; compatible: Check[]; reason: string }[] = [
  {
    rule: "count-range",
    conflicting: checksOf("Use at most 50 words.", "Write at least 100 words."),
    compatible: checksOf("Use at most 100 words.", "Write at least 50 words."),
    reason: "no count of words is both at most 50 and at least 100",
  },
  {
    rule: "count-range",
    conflicting: checksOf("Use exactly 3 bullet points.", "Use exactly 5 bullet points."),
    compatible: checksOf("Use exactly 3 bullet points.", "Use at most 5 bullet points."),
    reason: "no count of bullets is both exactly 3 and exactly 5",
  },
  {
    rule: "paragraphs-need-sentences",
    conflicting: [
      c({ kind: "count", unit: "paragraphs", min: 4 }),
      c({ kind: "count", unit: "sentences", max: 3 }),
    ],
    compatible: [
      c({ kind: "count", unit: "paragraphs", min: 3 }),
      c({ kind: "count", unit: "sentences", max: 3 }),
    ],
    reason: "every paragraph needs a sentence",
  },
  {
    rule: "paragraphs-need-lines",
    conflicting: [
      c({ kind: "count", unit: "paragraphs", min: 3 }),
      c({ kind: "count", unit: "lines", max: 2 }),
    ],
    compatible: [
      c({ kind: "count", unit: "paragraphs", min: 2 }),
      c({ kind: "count", unit: "lines", max: 2 }),
    ],
    reason: "every paragraph needs a line",
  },
  {
    rule: "words-need-characters",
    conflicting: [
      c({ kind: "count", unit: "words", min: 30 }),
      c({ kind: "count", unit: "characters", max: 20 }),
    ],
    compatible: [
      c({ kind: "count", unit: "words", min: 3 }),
      c({ kind: "count", unit: "characters", max: 20 }),
    ],
    reason: "every word needs a character",
  },
  {
    rule: "letter-count-range",
    conflicting: [
      c({ kind: "letter_count", letter: "q", min: 5 }),
      c({ kind: "letter_count", letter: "Q", max: 2 }),
    ],
    compatible: [
      c({ kind: "letter_count", letter: "q", min: 5 }),
      c({ kind: "letter_count", letter: "z", max: 2 }),
    ],
    reason: '"q" cannot occur both at least 5 and at most 2 times',
  },
  {
    rule: "sections-range",
    conflicting: [
      c({ kind: "sections", marker: "SECTION", min: 4, max: 4 }),
      c({ kind: "sections", marker: "Section", min: 2, max: 2 }),
    ],
    compatible: [
      c({ kind: "sections", marker: "SECTION", min: 2 }),
      c({ kind: "sections", marker: "SECTION", max: 4 }),
    ],
    reason: "no count of SECTION sections is both exactly 4 and exactly 2",
  },
  {
    rule: "responses-count",
    conflicting: [
      c({ kind: "responses", count: 2, separator: "******" }),
      c({ kind: "responses", count: 3, separator: "******" }),
    ],
    compatible: [
      c({ kind: "responses", count: 2, separator: "******" }),
      c({ kind: "responses", count: 2, separator: "******" }),
    ],
    reason: "a text cannot hold both 2 and 3 responses",
  },
  {
    rule: "case",
    conflicting: checksOf(
      "Write in all lowercase letters.",
      "Your entire response must be in capital letters.",
    ),
    compatible: checksOf("Write in all lowercase letters.", "Write in all lowercase letters."),
    reason: "a text cannot be all lowercase and all capitals",
  },
  {
    rule: "case",
    conflicting: [c({ kind: "case", case: "lower" }), c({ kind: "json", keys: ["Vendor"] })],
    compatible: [c({ kind: "case", case: "lower" }), c({ kind: "json", keys: ["vendor"] })],
    reason: "the required JSON keys are not all lowercase",
  },
  {
    rule: "language",
    conflicting: checksOf("Respond in French.", "Answer in German."),
    compatible: checksOf("Respond in French.", "Write in French only."),
    reason: "a text has one language",
  },
  {
    rule: "language",
    conflicting: checksOf("Answer in Simplified Chinese.", "Write in Traditional Chinese."),
    compatible: checksOf("Respond in Chinese.", "Use simplified characters."),
    reason: "a text has one language",
  },
  {
    rule: "starts-with",
    conflicting: checksOf("Start with 'Dear team'", "Start with 'Hello'"),
    compatible: checksOf("Start with 'Dear team'", "Start with 'Dear'"),
    reason: "a text cannot start with two different phrases",
  },
  {
    rule: "starts-with",
    conflicting: [c({ kind: "starts_with", phrase: "Dear" }), c({ kind: "json" })],
    compatible: [c({ kind: "starts_with", phrase: "{" }), c({ kind: "json", keys: ["a"] })],
    reason: "a JSON text starts with a bracket",
  },
  {
    rule: "ends-with",
    conflicting: checksOf("Return only JSON.", "End with a question."),
    compatible: checksOf("Return only JSON.", "End with '}'"),
    reason: "a JSON text ends with a bracket",
  },
  {
    rule: "ends-with",
    conflicting: [c({ kind: "ends_with", phrase: "Thanks" }), c({ kind: "ends_with", phrase: "Bye" })],
    compatible: [c({ kind: "ends_with", phrase: "Thanks a lot" }), c({ kind: "ends_with", phrase: "a lot" })],
    reason: "a text cannot end with two different phrases",
  },
  {
    rule: "json-shape",
    conflicting: [c({ kind: "json" }), c({ kind: "count", unit: "bullets", min: 3 })],
    compatible: [c({ kind: "json" }), c({ kind: "count", unit: "bullets", max: 3 })],
    reason: "a JSON text has no bullets",
  },
  {
    rule: "json-shape",
    conflicting: [c({ kind: "json", keys: ["a", "b"] }), c({ kind: "forbid_marks", mark: "commas" })],
    compatible: [c({ kind: "json", keys: ["a"] }), c({ kind: "forbid_marks", mark: "commas" })],
    reason: "a JSON object with several keys needs commas",
  },
  {
    rule: "no-markdown",
    conflicting: [c({ kind: "no_markdown" }), c({ kind: "count", unit: "headers", min: 2 })],
    compatible: [c({ kind: "no_markdown" }), c({ kind: "count", unit: "paragraphs", min: 2 })],
    reason: "markdown headers are markdown",
  },
  {
    rule: "forbidden-mark",
    conflicting: [
      c({ kind: "forbid_marks", mark: "commas" }),
      c({ kind: "starts_with", phrase: "Hi, team" }),
    ],
    compatible: [c({ kind: "forbid_marks", mark: "commas" }), c({ kind: "starts_with", phrase: "Hi team" })],
    reason: "the required text contains commas",
  },
  {
    rule: "keyword-required-and-forbidden",
    conflicting: checksOf("Include the word banana.", "Do not mention banana."),
    compatible: checksOf("Include the word banana.", "Do not mention apples."),
    reason: '"banana" is both required and forbidden',
  },
  {
    rule: "keyword-required-and-forbidden",
    conflicting: [
      c({ kind: "keywords", keywords: ["CEO"], max: 0 }),
      c({ kind: "starts_with", phrase: "Dear CEO" }),
    ],
    compatible: [
      c({ kind: "keywords", keywords: ["CEO"], max: 1 }),
      c({ kind: "starts_with", phrase: "Dear CEO" }),
    ],
    reason: "the required text contains a keyword it limits",
  },
  {
    rule: "start-reads-as-preamble",
    conflicting: [
      c({ kind: "starts_with", phrase: "Sure! Here is the answer:" }),
      c({ kind: "answer_only" }),
    ],
    compatible: [c({ kind: "starts_with", phrase: "Total" }), c({ kind: "answer_only" })],
    reason: '"Sure! Here is the answer:" reads as a preamble',
  },
  {
    rule: "language-needs-length",
    conflicting: [
      c({ kind: "language", language: "fra", name: "French" }),
      c({ kind: "count", unit: "words", max: 5 }),
    ],
    compatible: [
      c({ kind: "language", language: "fra", name: "French" }),
      c({ kind: "count", unit: "words", max: 50 }),
    ],
    reason: "a text this short is too short for its language to be detected",
  },
  {
    rule: "json-language",
    conflicting: [
      c({ kind: "json", keys: ["vendor"] }),
      c({ kind: "language", language: "fra", name: "French" }),
    ],
    compatible: [c({ kind: "json" }), c({ kind: "language", language: "fra", name: "French" })],
    reason:
      "the language of a JSON object is told from its keys and values; keys in another language than French may fail it",
  },
];

describe("CONFLICT_RULES", () => {
  test("every rule has a unique kebab-case name and is covered by a row below", () => {
    const names = CONFLICT_RULES.map((rule) => rule.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
    expect(new Set(RULE_ROWS.map((row) => row.rule))).toEqual(new Set(names));
  });

  test.each(RULE_ROWS)("$rule fires on a conflicting pair: $reason", ({ rule, conflicting, reason }) => {
    expect(conflicting).toHaveLength(2);
    const only = CONFLICT_RULES.filter((candidate) => candidate.name === rule);
    const [a, b] = conflicting as [Check, Check];
    // Alone, and both ways round (a symmetric reason names the checks in the order given).
    expect(findCheckConflict(a, b, only)?.reason).toBe(reason);
    expect(findCheckConflict(b, a, only)?.rule).toBe(rule);
    expect(findCheckConflict(a, b)).toMatchObject({ rule, reason, checks: [a, b] });
  });

  test.each(RULE_ROWS)("$rule leaves a compatible pair alone", ({ compatible }) => {
    expect(compatible).toHaveLength(2);
    const [a, b] = compatible as [Check, Check];
    expect(findCheckConflict(a, b)).toBeUndefined();
  });
});

describe("findConflicts", () => {
  test("lists every conflicting pair in order and nothing for compatible checks", () => {
    const checks = checksOf(
      "Use at most 50 words.",
      "Write at least 100 words.",
      "Write at least 200 words.",
    );
    expect(
      findConflicts(checks).map((conflict) => [conflict.checks[0].source, conflict.checks[1].source]),
    ).toEqual([
      ["at most 50 words", "at least 100 words"],
      ["at most 50 words", "at least 200 words"],
    ]);
    expect(findConflicts(checksOf("Use at most 50 words.", "Respond in French."))).toEqual([]);
  });

  test("a certain conflict is an error, a likely one a warning", () => {
    const severities = Object.fromEntries(CONFLICT_RULES.map((rule) => [rule.name, rule.severity]));
    expect(severities["count-range"]).toBe("error");
    expect(severities["start-reads-as-preamble"]).toBe("warning");
  });
});
