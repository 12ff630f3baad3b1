// resolveCheckConflicts: which checks a draft can honour together. Meeting wins over breaking; of two
// checks to meet, the earlier wins.
import { describe, expect, test } from "vitest";
import { computeCountRanges, identifyCheck, resolveCheckConflicts } from "../../../src/sim/index.js";
import type { Check } from "../../../src/verifiers/index.js";
import { checksOf } from "./fixtures.js";

function checks(...descriptions: string[]): Check[] {
  return descriptions.flatMap(checksOf);
}

describe("resolveCheckConflicts: checks to meet", () => {
  test.each([
    [
      ["Write in all lowercase letters", "Use all capital letters"],
      "a text cannot be all lowercase and all capitals",
    ],
    [["Respond in French", "Answer in Spanish"], "a text has one language"],
    [["Start with 'Dear'", "Start with 'Hello'"], "a text cannot start with two different phrases"],
    [["End with 'Best regards'", "End with a question"], "a text cannot end with two different phrases"],
    [
      ["Wrap the whole response in double quotes", "Start with 'Dear'"],
      "a quoted text starts with a quotation mark",
    ],
    [
      ["Wrap the whole response in double quotes", "End with 'Best regards'"],
      "a quoted text ends with a quotation mark",
    ],
    [["Return valid JSON", "Start with 'Dear'"], "a JSON text starts with a bracket"],
    [["Return valid JSON", "End with a postscript starting with P.S."], "a JSON text has no postscript"],
    [
      ["Return valid JSON with keys answer, confidence", "Wrap the whole response in double quotes"],
      "a JSON object is not wrapped in quotation marks",
    ],
    [
      ["Return valid JSON with keys answer, confidence", "Do not use any commas"],
      "a JSON object with several keys needs commas",
    ],
    [["Return valid JSON", "Use bullet points"], "a JSON text has no bullets"],
    [
      ["Return valid JSON with keys answer, confidence", "Use all capital letters"],
      "the required JSON keys are not all capitals",
    ],
    [["Don't use markdown", "Use markdown headers"], "markdown headers are markdown"],
    [["Don't use markdown", "Use a numbered list"], "numbered items are markdown"],
    [["Do not use any commas", "End with the phrase 'Yes, indeed'"], "the required text contains commas"],
    [["Don't mention the CEO", "Start with 'CEO update'"], "the required text contains a keyword it limits"],
    [["Output only the answer", "Start with 'Sure'"], '"Sure" reads as a preamble'],
    // The shared rule of src/verifiers/find-conflicts.ts, the one maestro-eval lint reports.
    [
      ["Write up to 3 paragraphs", "Use at least 4 paragraphs"],
      "no count of paragraphs is both at least 4 and at most 3",
    ],
    [
      ["Answer in a single sentence", "Use a numbered list"],
      "every list item starts a sentence of its own, and a text needs more than its list",
    ],
    [
      ["Answer in a single sentence", "Use markdown headers"],
      "a header is a sentence of its own, and so is the fixed start before it; a text needs more than that",
    ],
    [["Use at least 5 paragraphs", "No more than 3 sentences"], "every paragraph needs a sentence"],
    [
      ["Respond in French", "Keep it under 10 words"],
      "a text this short is too short for its language to be detected",
    ],
    [["Respond in Russian"], "no phrase bank for Russian; the composer writes the nine Maestro languages"],
    [["Use at least 100 words", "No more than 300 characters"], "that many words need more characters"],
    [["Format all dates as DD/MM/YYYY", "Dates must follow YYYY-MM-DD"], "no date can follow both formats"],
  ])("%j: keeps the first, drops the second (%s)", (descriptions, reason) => {
    const satisfy = checks(...descriptions);
    const resolved = resolveCheckConflicts(satisfy);
    expect(resolved.conflicts.map((conflict) => [conflict.role, conflict.reason])).toEqual([
      ["satisfy", reason],
    ]);
    expect(resolved.conflicts[0]!.check).toBe(satisfy.at(-1));
    expect(resolved.satisfy).toEqual(satisfy.slice(0, -1));
  });

  test.each([
    ["Dates must follow YYYY-MM-DD", "Use ISO-8601 dates"],
    ["Start with 'Dear'", "Start with 'Dear customer'"],
    ["Return valid JSON", "Wrap the whole response in double quotes"],
    ["Return valid JSON", "Include a title in double angular brackets"],
    ["Don't use markdown", "Use bullet points"],
    ["End with a postscript starting with P.S.", "Wrap the whole response in double quotes"],
    ["Use all capital letters", "End with a postscript starting with P.S."],
    ["Answer in a single sentence", "End with a question"],
  ])("%s and %s can both be met", (first, second) => {
    expect(resolveCheckConflicts(checks(first, second)).conflicts).toEqual([]);
  });

  test("keeps a repeated check once in its reasoning but lists it as given", () => {
    const satisfy = checks("Don't mention the CEO", "Don't mention the CEO");
    const resolved = resolveCheckConflicts(satisfy);
    expect(resolved.conflicts).toEqual([]);
    expect(resolved.satisfy).toHaveLength(2);
  });
});

describe("resolveCheckConflicts: checks to break", () => {
  test.each([
    [["Write in all lowercase letters"], ["Write in all lowercase letters"], "the same check is to be met"],
    [
      ["Return valid JSON with keys answer, confidence"],
      ["Return valid JSON"],
      "a text meeting the other JSON check meets this one",
    ],
    [
      ["Return valid JSON"],
      ["Output only the answer"],
      "a JSON text has no room for a preamble or an explanation",
    ],
    [["Start with 'Dear customer'"], ["Start with 'Dear'"], "the required start includes this phrase"],
    [["End with 'Kind regards'"], ["End with 'regards'"], "the required end includes this phrase"],
    [
      ["Use ISO-8601 dates"],
      ["Dates must follow YYYY-MM-DD"],
      "dates in the required format follow this one too",
    ],
    [
      ["Mention 'refund' at least twice"],
      ["Include the word 'refund'"],
      "the required keyword counts meet this one",
    ],
    [
      ["Write up to 3 paragraphs"],
      ["Write up to 5 paragraphs"],
      "breaking it leaves no count to meet the rest: no paragraphs count fits",
    ],
    [
      ["Answer in a single sentence"],
      ["Write a single paragraph"],
      "breaking it leaves no count to meet the rest: every paragraph needs a sentence",
    ],
    [
      ["Keep it under 8 words"],
      ["Respond in French"],
      "a text this short is too short for its language to be detected",
    ],
    [
      ["No more than 1 line", "Start with 'Dear'"],
      ["Output only the answer"],
      "a one-line text with a fixed start has no room for a preamble or an explanation",
    ],
  ])("meeting %j rules out breaking %j (%s)", (meet, breakable, reason) => {
    const violate = checks(...breakable);
    const resolved = resolveCheckConflicts(checks(...meet), violate);
    expect(resolved.conflicts.map((conflict) => [conflict.role, conflict.reason])).toEqual([
      ["violate", reason],
    ]);
    expect(resolved.violate).toEqual([]);
  });

  test.each([
    [["Write in all lowercase letters"], ["Use all capital letters"]],
    [["Respond in French"], ["Answer in Spanish"]],
    [["Return valid JSON"], ["Return valid JSON with keys answer, confidence"]],
    [["Write up to 3 paragraphs"], ["Write a single paragraph"]],
    [["Wrap the whole response in double quotes"], ["Return valid JSON"]],
    [[], ["Write in all lowercase letters", "Use all capital letters"]],
    [[], ["Start with 'Dear'", "End with a question", "Output only the answer"]],
  ])("meeting %j leaves room to break %j", (meet, breakable) => {
    expect(resolveCheckConflicts(checks(...meet), checks(...breakable)).conflicts).toEqual([]);
  });

  test("two counts to break that leave no count between them conflict", () => {
    const resolved = resolveCheckConflicts(
      [],
      checks("Write up to 3 paragraphs", "Use at least 2 paragraphs"),
    );
    expect(resolved.violate).toHaveLength(1);
    expect(resolved.conflicts[0]!.reason).toBe(
      "breaking it leaves no count to meet the rest: no paragraphs count fits",
    );
  });
});

describe("computeCountRanges", () => {
  test("meets every range to meet and avoids every range to break", () => {
    const ranges = computeCountRanges(checks("Write up to 3 paragraphs"), checks("Write a single paragraph"));
    expect(ranges.get("paragraphs")).toEqual([{ min: 2, max: 3 }]);
    expect(ranges.get("words")).toEqual([{ min: 1, max: Number.POSITIVE_INFINITY }]);
  });

  test("a JSON text has no headers or list items, and a judged language needs words", () => {
    const ranges = computeCountRanges(checks("Return valid JSON", "Respond in French"), []);
    expect(ranges.get("bullets")).toEqual([{ min: 0, max: 0 }]);
    expect(ranges.get("headers")).toEqual([{ min: 0, max: 0 }]);
    expect(ranges.get("words")).toEqual([{ min: 12, max: Number.POSITIVE_INFINITY }]);
  });
});

describe("identifyCheck", () => {
  test("ignores where a check was read from", () => {
    const [a] = checks("Don't mention the CEO");
    const [b] = checks("Do not mention the CEO at all");
    expect(identifyCheck(a!)).toBe(identifyCheck(b!));
  });
});
