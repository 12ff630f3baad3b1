// The sections family's readings and reasons that the corpus leaves open (found by mutation testing, npm
// run test:mutation): several responses and their separator named by symbol and number, marked sections
// with their bounds, paragraph dividers, the paragraph a word must start, and the reasons of their scores.
import { describe, expect, test } from "vitest";
import { type Check, parseRequirement } from "../../../../src/verifiers/index.js";

/** The checks of a description without their `source`, and what was left unchecked. */
function read(description: string): { checks: object[]; unchecked: readonly string[] } {
  const parsed = parseRequirement(description);
  return {
    checks: parsed.checks.map(({ source: _source, ...check }: Check) => check),
    unchecked: parsed.unchecked,
  };
}

describe("paragraphs separated by blank lines", () => {
  test.each<[string, object[], string[]]>([
    // The default divider says nothing new; the count before it keeps its noun.
    [
      "Write 2 paragraphs separated by a blank line",
      [{ kind: "count", unit: "paragraphs", min: 2, max: 2 }],
      [],
    ],
    [
      "Paragraphs are separated by a blank line. Write 2 paragraphs",
      [{ kind: "count", unit: "paragraphs", min: 2, max: 2 }],
      [],
    ],
  ])("%j", (description, checks, unchecked) => {
    expect(read(description)).toStrictEqual({ checks, unchecked });
  });
});
