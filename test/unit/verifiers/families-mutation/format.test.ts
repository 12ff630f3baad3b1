// The format family's readings and reasons that the corpus leaves open (found by mutation testing, npm run
// test:mutation): answer-only, JSON with keys and filled-in values, titles, postscripts, no markdown and the
// list and header structures, and the reasons of their scores.
import { describe, expect, test } from "vitest";
import { type Check, parseRequirement, verifyRequirement } from "../../../../src/verifiers/index.js";

/** The checks of a description without their `source`, and what was left unchecked. */
function read(description: string): { checks: object[]; unchecked: readonly string[] } {
  const parsed = parseRequirement(description);
  return {
    checks: parsed.checks.map(({ source: _source, ...check }: Check) => check),
    unchecked: parsed.unchecked,
  };
}

describe("format read from its phrasing", () => {
  test.each<[string, object[]]>([
    ["Output only the answer", [{ kind: "answer_only" }]],
    // One answer-only check however many ways it is said.
    ["No explanation, no preamble", [{ kind: "answer_only" }]],
    ["Give just the final number itself", [{ kind: "answer_only" }]],
    ["Don't explain", [{ kind: "answer_only" }]],
    ["no need to explain", [{ kind: "answer_only" }]],
    ["Return valid JSON", [{ kind: "json" }]],
    ["Return JSON with keys a, b and c", [{ kind: "json", keys: ["a", "b", "c"] }]],
    [
      "Return JSON with keys a and b, none of them empty",
      [{ kind: "json", keys: ["a", "b"], nonEmpty: true }],
    ],
    ["Return JSON with no empty values", [{ kind: "json", nonEmpty: true }]],
    // With no key before what is said about them, every key must be filled in.
    ["Return JSON with keys none empty", [{ kind: "json", nonEmpty: true }]],
    // Only a whole "and" or "or" between keys is skipped.
    ["JSON with keys order, author and vendor", [{ kind: "json", keys: ["order", "author", "vendor"] }]],
    ["Give just the number without any explanation", [{ kind: "answer_only" }]],
    // Another check in the clause does not stand for the answer-only rule.
    ["Return valid JSON with no explanation", [{ kind: "json" }, { kind: "answer_only" }]],
    ["Add a postscript starting with 'PPS'", [{ kind: "postscript", marker: "PPS" }]],
    ["Add a postscript marked by p.s.", [{ kind: "postscript", marker: "P.S." }]],
    ['Return JSON with keys "first name" and "age"', [{ kind: "json", keys: ["first name", "age"] }]],
    // The list of keys ends where something is said about them.
    [
      "Return JSON with the fields title, due_date, none of them empty",
      [{ kind: "json", keys: ["title", "due_date"], nonEmpty: true }],
    ],
    ["Return JSON with fields a and b, each filled in", [{ kind: "json", keys: ["a", "b"], nonEmpty: true }]],
    ["Output only JSON", [{ kind: "json" }]],
    ["JSON only", [{ kind: "json" }]],
    ["raw json output", [{ kind: "json" }]],
    ["You may wrap it in code fences such as ```. Output JSON", [{ kind: "json" }]],
    ["The final answer only", [{ kind: "answer_only" }]],
    ["Give the answer alone", [{ kind: "answer_only" }]],
    ["Without any preamble or explanation", [{ kind: "answer_only" }]],
    ["Skip the pleasantries and small talk", [{ kind: "answer_only" }]],
    ["Avoid any chit-chat", [{ kind: "answer_only" }]],
    ["Don't explain your reasoning", [{ kind: "answer_only" }]],
    ["Just the code", [{ kind: "answer_only" }]],
    ["Respond with only the number", [{ kind: "answer_only" }]],
    ["free of markdown", [{ kind: "no_markdown" }]],
    ["Use plain-text", [{ kind: "no_markdown" }]],
    // A quoted string other than a postscript marker is what to end with.
    ["End with 'Thanks'", [{ kind: "ends_with", phrase: "Thanks" }]],
    // A permission to use code fences is no rule of its own.
    ["You can use markdown ticks such as ```. Return JSON", [{ kind: "json" }]],
    ["Include a title in double angular brackets", [{ kind: "title" }]],
    ["End with a postscript starting with P.S.", [{ kind: "postscript", marker: "P.S." }]],
    ["Include a postscript", [{ kind: "postscript", marker: "P.S." }]],
    ["Add a postscript starting with P.P.S", [{ kind: "postscript", marker: "P.P.S" }]],
    ["Add a postscript starting with 'PS:'", [{ kind: "postscript", marker: "PS:" }]],
    ["End with 'P.S.'", [{ kind: "postscript", marker: "P.S." }]],
    ["Don't use markdown", [{ kind: "no_markdown" }]],
    ["plain text only", [{ kind: "no_markdown" }]],
    ["Use bullet points", [{ kind: "count", unit: "bullets", min: 1 }]],
    ["Use bulleted format", [{ kind: "count", unit: "bullets", min: 1 }]],
    ["Use a numbered list", [{ kind: "count", unit: "numbered_items", min: 1 }]],
    ["Use markdown headers", [{ kind: "count", unit: "headers", min: 1 }]],
    ["Don't use bullet points", [{ kind: "count", unit: "bullets", max: 0 }]],
    ["no headers", [{ kind: "count", unit: "headers", max: 0 }]],
    // A negated choice forbids both.
    [
      "Don't use bullet points or a numbered list",
      [
        { kind: "count", unit: "bullets", max: 0 },
        { kind: "count", unit: "numbered_items", max: 0 },
      ],
    ],
  ])("%j", (description, checks) => {
    expect(read(description)).toStrictEqual({ checks, unchecked: [] });
  });

  test.each([
    "Don't return JSON",
    "Don't include a title in double angular brackets",
    "Don't add a postscript",
    // A choice of structures, and rules about each bullet or about headings if there are any.
    "Use bullet points or a numbered list",
    "Every bullet point must be short",
    "Use title case for headings",
    "header count",
  ])("leaves %j unchecked", (description) => {
    expect(read(description)).toStrictEqual({ checks: [], unchecked: [description] });
  });
});

describe("the reason of a format score", () => {
  test.each<[string, string, number, string]>([
    ["Output only the answer", "42", 1, "no preamble or explanation found"],
    ["Output only the answer", "Sure! 42", 0.5, 'found a preamble ("Sure"); only the answer was allowed'],
    [
      "Output only the answer",
      "42\nExplanation: because",
      0.5,
      'found an explanation ("Explanation"); only the answer was allowed',
    ],
    // An explanation counts only after the first line.
    ["Output only the answer", "Hope this helps", 1, "no preamble or explanation found"],
    [
      "Output only the answer",
      "Sure, 42\nHope this helps",
      0,
      'found a preamble ("Sure") and an explanation ("Hope this helps"); only the answer was allowed',
    ],
    ["Output only the answer", "   ", 0, "the text is empty; an answer was required"],
    [
      "Output only the answer",
      "4\nBecause x",
      0.5,
      'found an explanation ("Because"); only the answer was allowed',
    ],
    ["Output only the answer", "Because I said so\n42", 1, "no preamble or explanation found"],
    // One code fence around the whole text is removed, whatever its language tag and closing line.
    ["Return valid JSON", '```json \n{"a":1}\n```', 1, "valid JSON"],
    ["Return valid JSON", '```\n{"a":1}```', 1, "valid JSON"],
    ["Return valid JSON", "```\n \n```", 0, "the text is empty; valid JSON required"],
    [
      "Return valid JSON",
      'Here: ```json\n{"a":1}\n```',
      0,
      `not valid JSON: Unexpected token 'H', "Here: \`\`\`j"... is not valid JSON`,
    ],
    [
      "Return valid JSON",
      '```json\n{"a":1}\n``` trailing',
      0,
      "not valid JSON: Unexpected token '`', \"```json",
    ],
    ["Return valid JSON", '{"a":1}', 1, "valid JSON"],
    ["Return valid JSON", '```json\n{"a":1}\n```', 1, "valid JSON"],
    ["Return valid JSON", "", 0, "the text is empty; valid JSON required"],
    ["Return valid JSON", "nope", 0, `not valid JSON: Unexpected token 'o', "nope" is not valid JSON`],
    ["Return JSON with keys a, b and c", '{"a":1,"b":2,"c":3}', 1, "JSON object with keys a, b, c"],
    [
      "Return JSON with keys a, b and c",
      '{"a":1,"b":2}',
      2 / 3,
      "JSON object with 2 of 3 required keys; missing c",
    ],
    // Only the top-level keys count, and an inherited name is no key.
    [
      "Return JSON with keys a and toString",
      '{"x":{"a":1}}',
      0,
      "JSON object with 0 of 2 required keys; missing a, toString",
    ],
    ["Return JSON with keys a and b", "[1]", 0, "valid JSON but an array; an object with keys a, b required"],
    ["Return JSON with keys a and b", "null", 0, "valid JSON but null; an object with keys a, b required"],
    ["Return JSON with keys a and b", "3", 0, "valid JSON but a number; an object with keys a, b required"],
    [
      "Return JSON with keys a and b, none of them empty",
      '{"a":1,"b":"x"}',
      1,
      "JSON object with keys a, b, each filled in",
    ],
    [
      "Return JSON with keys a and b, none of them empty",
      '{"a":"  ","b":2}',
      0.5,
      "JSON object with 1 of 2 required keys, each filled in; empty a",
    ],
    [
      "Return JSON with keys a, b and c, none of them empty",
      '{"a":null,"b":{}}',
      0,
      "JSON object with 0 of 3 required keys, each filled in; missing c; empty a, b",
    ],
    // Without "none empty", an empty value is still a key present.
    ["Return JSON with keys a and b", '{"a":"","b":null}', 1, "JSON object with keys a, b"],
    [
      "Return JSON with no empty values",
      '{"a":"","b":[],"c":0,"d":false}',
      0.5,
      "valid JSON with 2 of 4 keys empty: a, b",
    ],
    [
      "Return JSON with no empty values",
      '{"a":[1],"b":{"c":null}}',
      1,
      "valid JSON, every one of its 2 keys filled in",
    ],
    [
      "Return JSON with no empty values",
      "{}",
      0,
      "valid JSON but an empty object; filled-in values required",
    ],
    ["Return JSON with no empty values", "[1]", 1, "valid JSON"],
    ["Return JSON with no empty values", "null", 1, "valid JSON"],
    ["Return JSON with no empty values", '"text"', 1, "valid JSON"],
    ["Include a title in double angular brackets", "<<My Title>>\nText", 1, "title <<My Title>> found"],
    ["Include a title in double angular brackets", "Text <<  Spaced  >>", 1, "title <<Spaced>> found"],
    [
      "Include a title in double angular brackets",
      "<< >>",
      0,
      "no title in double angular brackets (<<title>>) found",
    ],
    [
      "Include a title in double angular brackets",
      "<<a\nb>>",
      0,
      "no title in double angular brackets (<<title>>) found",
    ],
    [
      "End with a postscript starting with P.S.",
      "Hi\n\nP.S. bye",
      1,
      "postscript starting with P.S. found at the end",
    ],
    // "P. S.", "PS" and markdown before the marker are the same marker.
    [
      "End with a postscript starting with P.S.",
      "Hi\n\nP. S. bye",
      1,
      "postscript starting with P.S. found at the end",
    ],
    [
      "End with a postscript starting with P.S.",
      "Hi\n\nPS bye",
      1,
      "postscript starting with P.S. found at the end",
    ],
    [
      "End with a postscript starting with P.S.",
      "Hi\n\n> **P.S.** bye",
      1,
      "postscript starting with P.S. found at the end",
    ],
    [
      "End with a postscript starting with P.S.",
      "Hi\n\nP.S. bye\nand more",
      1,
      "postscript starting with P.S. found at the end",
    ],
    // "PSA" and a marker in mid-line are no postscript.
    ["End with a postscript starting with P.S.", "Hi\n\nPSA: bye", 0, "no line starting with P.S. found"],
    ["End with a postscript starting with P.S.", "Hi, P.S. bye", 0, "no line starting with P.S. found"],
    [
      "End with a postscript starting with P.S.",
      "Hi\n\nP.S. bye\n\nMore",
      0,
      "P.S. found, but other paragraphs follow it; a postscript ends the text",
    ],
    // Lines after the postscript's own are part of it; an indented paragraph after it is not.
    [
      "End with a postscript starting with P.S.",
      "Hi\n\nP.S. bye\nmore\nlines",
      1,
      "postscript starting with P.S. found at the end",
    ],
    [
      "End with a postscript starting with P.S.",
      "Hi\n\nP.S. bye\n\n  More",
      0,
      "P.S. found, but other paragraphs follow it; a postscript ends the text",
    ],
    [
      "Add a postscript starting with P.P.S",
      "Hi\n\nP.P.S bye",
      1,
      "postscript starting with P.P.S found at the end",
    ],
    ["Add a postscript starting with P.P.S", "Hi\n\nP.S. bye", 0, "no line starting with P.P.S found"],
    ["Don't use markdown", "plain, with a * b * c", 1, "no markdown found"],
    [
      "Don't use markdown",
      "# Head\n- item\n1. one\n**b** *i* `c` [l](http://x)\n| a |",
      0,
      "markdown found: a header, a bullet, a numbered item, bold text, italic text, code, a link, a table; plain text required",
    ],
    ["plain text only", "__b__", 0, "markdown found: bold text; plain text required"],
    ["plain text only", "```\ncode\n```", 0, "markdown found: code; plain text required"],
  ])("%j on %j", (description, text, score, reason) => {
    const result = verifyRequirement(text, description);
    expect({ score: result.score, reason: result.reason }).toEqual({
      score: expect.closeTo(score, 5),
      reason,
    });
  });
});
