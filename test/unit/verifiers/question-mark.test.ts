// "End with a question mark" names the mark, not a phrase "mark": it was read as ends_with "mark", so
// "Is it?" failed (found by the start-end mutation tests, issue 15).
import { expect, test } from "vitest";
import { parseRequirement, verify } from "../../../src/verifiers/index.js";

test.each([
  ["End with a question mark", "Why is it?", 1],
  ["End your response with a question mark.", "Why is it?", 1],
  ["End with a question mark", "It is.", 0],
  ["End your response with a question", "Why is it?", 1],
  ["End with an exclamation mark", "Why is it?", 0],
  ["End with the question What do you think?", "Ok. What do you think?", 1],
  ["Start with the question Why", "Why is it?", 1],
])("%s on %j scores %d", (description, text, score) => {
  const parsed = parseRequirement(description);
  expect(parsed.unchecked).toEqual([]);
  expect(parsed.checks.map((check) => check.kind)).toEqual([
    description.startsWith("Start") ? "starts_with" : "ends_with",
  ]);
  expect(verify(text, parsed).score).toBe(score);
});
