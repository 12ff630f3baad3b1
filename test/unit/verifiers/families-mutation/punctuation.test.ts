// The punctuation family's readings and reasons that the corpus leaves open (found by mutation testing, npm
// run test:mutation): em dashes and emoticons read as their marks, a list of marks read as one check per
// mark, a negated prohibition left unchecked, and the reasons: none found, one mark (singular) or several.
import { describe, expect, test } from "vitest";
import { type Check, parseRequirement } from "../../../../src/verifiers/index.js";
import { expectScored } from "./expect-scored.js";

/** The checks of a description without their `source`, and what was left unchecked. */
function read(description: string): { checks: object[]; unchecked: readonly string[] } {
  const parsed = parseRequirement(description);
  return {
    checks: parsed.checks.map(({ source: _source, ...check }: Check) => check),
    unchecked: parsed.unchecked,
  };
}

const forbid = (...marks: string[]) => ({
  checks: marks.map((mark) => ({ kind: "forbid_marks", mark })),
  unchecked: [],
});

describe("forbidden marks read from their phrasing", () => {
  test.each<[string, string[]]>([
    ["No em dashes", ["em dashes"]],
    ["Do not use any em-dashes or semicolons", ["em dashes", "semicolons"]],
    ["Avoid commas, semicolons and exclamation marks", ["commas", "semicolons", "exclamation marks"]],
    ["emoji-free", ["emojis"]],
    ["no emoticons", ["emojis"]],
  ])("%j", (description, marks) => {
    expect(read(description)).toStrictEqual(forbid(...marks));
  });

  test.each([
    // A negated prohibition says nothing checkable.
    "Don't avoid commas",
    "Never write without commas",
  ])("leaves %j unchecked", (description) => {
    expect(read(description)).toStrictEqual({ checks: [], unchecked: [description] });
  });
});

describe("the reason of a forbidden mark's score", () => {
  test.each<[string, string, 0 | 1, string]>([
    ["no commas", "Hello world", 1, "no commas found"],
    ["no commas", "Hello, world", 0, "1 comma found (first at offset 5); none allowed"],
    ["no commas", "a, b, c", 0, "2 commas found (first at offset 1); none allowed"],
    ["no em dashes", "Wait - what", 1, "no em dashes found"],
    ["no em dashes", "Wait — what", 0, "1 em dash found (first at offset 5); none allowed"],
    ["no em dashes", "Wait — what; no—", 0, "2 em dashes found (first at offset 5); none allowed"],
  ])("%j on %j", (description, text, score, reason) => {
    expectScored(text, description, score, reason);
  });
});
