// The case family's readings and reasons that the corpus leaves open (found by mutation testing, npm run
// test:mutation): a "no capital letters" that keeps its meaning after another negation in the clause, a
// negated case left unchecked, and the reasons of both cases, passing and failing, with the count of the
// letters in the wrong case, its plural and the first offender.
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

describe("case read from its phrasing", () => {
  test.each<[string, object[], string[]]>([
    // "no capital letters" says which case to use even after an earlier "without" in the same clause.
    [
      "Write without punctuation and no capital letters",
      [{ kind: "case", case: "lower" }],
      ["Write without punctuation"],
    ],
    [
      "Write without emojis and with no capital letters",
      [
        { kind: "forbid_marks", mark: "emojis" },
        { kind: "case", case: "lower" },
      ],
      [],
    ],
    ["Never capitalize any words", [{ kind: "case", case: "lower" }], []],
    ["Respond in all capital letters", [{ kind: "case", case: "upper" }], []],
    ["capitalize the entire response", [{ kind: "case", case: "upper" }], []],
    ["UPPERCASE only", [{ kind: "case", case: "upper" }], []],
    // A negated case does not say which case to use instead.
    ["Do not write in lowercase", [], ["Do not write in lowercase"]],
    ["Don't write in all caps", [], ["Don't write in all caps"]],
  ])("%j", (description, checks, unchecked) => {
    expect(read(description)).toStrictEqual({ checks, unchecked });
  });
});

describe("the reason of a case score", () => {
  test.each<[string, string, 0 | 1, string]>([
    ["all lowercase", "hello there, friend", 1, "no uppercase letters found; all lowercase required"],
    ["all lowercase", "Hello there", 0, '1 uppercase letter found (first "H" at 0); all lowercase required'],
    [
      "all lowercase",
      "Hello There, Friend",
      0,
      '3 uppercase letters found (first "H" at 0); all lowercase required',
    ],
    // Letters without case and digits are not in the wrong case.
    ["all lowercase", "مرحبا 123", 1, "no uppercase letters found; all lowercase required"],
    ["in all caps", "HELLO THERE", 1, "no lowercase letters found; all capital letters required"],
    ["in all caps", "HELLo", 0, '1 lowercase letter found (first "o" at 4); all capital letters required'],
    [
      "in all caps",
      "HELLO there",
      0,
      '5 lowercase letters found (first "t" at 6); all capital letters required',
    ],
  ])("%j on %j", (description, text, score, reason) => {
    expectScored(text, description, score, reason);
  });
});
