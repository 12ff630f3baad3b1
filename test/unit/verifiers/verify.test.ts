import { describe, expect, test } from "vitest";
import {
  type Check,
  parseRequirement,
  verify,
  verifyRequirement,
  verifyWithJudge,
} from "../../../src/verifiers/index.js";

const FRENCH =
  "Bonjour à tous. Je voudrais vous parler de notre nouveau produit, qui est très utile pour les entreprises qui cherchent à améliorer leur productivité.";
const ENGLISH =
  "Hello everyone. I would like to tell you about our new product, which is very useful for companies that want to improve their productivity.";

describe("verify", () => {
  test("names what was found in the reason", () => {
    expect(verifyRequirement("One.\n\nTwo.\n\nThree.\n\nFour.", "Write up to 3 paragraphs")).toEqual({
      verdict: "fail",
      score: 0,
      reason: "4 paragraphs found; at most 3 allowed",
      checks: [
        {
          check: { kind: "count", unit: "paragraphs", max: 3, source: "up to 3 paragraphs" },
          verdict: "fail",
          score: 0,
          reason: "4 paragraphs found; at most 3 allowed",
        },
      ],
      unchecked: [],
      source: "verifier",
    });
  });

  test("gives partial credit for dates, 3 of 4 well formed is 0.75, but the verdict is a fail", () => {
    const result = verifyRequirement(
      "Shipped 2024-01-05, billed 2024-01-09, paid 01/15/2024, closed 2024-02-01.",
      "Dates must follow YYYY-MM-DD",
    );
    expect(result).toMatchObject({
      verdict: "fail",
      score: 0.75,
      reason: '3 of 4 dates follow YYYY-MM-DD; not: "01/15/2024"',
    });
  });

  test("scores several clauses as the fraction satisfied", () => {
    const result = verifyRequirement(
      "Paid on 2024-01-05, amount 1234 dollars.",
      "Dates must follow YYYY-MM-DD and amounts should be in USD format.",
    );
    expect(result.score).toBe(0.5);
    expect(result.verdict).toBe("fail");
    expect(result.reason).toBe(
      '1 of 2 checks met: 1 of 1 dates follow YYYY-MM-DD | 0 of 1 amounts in USD format ($1,234.56); not: "1234 dollars"',
    );
  });

  test("is unverifiable, with a null score, when nothing could be checked", () => {
    expect(verifyRequirement("Hi there!", "Use a friendly tone")).toEqual({
      verdict: "unverifiable",
      score: null,
      reason: 'no verifier understands "Use a friendly tone"',
      checks: [],
      unchecked: ["Use a friendly tone"],
      source: "verifier",
    });
  });

  test("is partly verified, not a pass, when every checked clause is met but a clause was not understood", () => {
    const result = verifyRequirement(
      "Hi Bob, thanks for the call.",
      "Write a friendly email in under 100 words",
    );
    expect(result).toMatchObject({
      verdict: "partial",
      score: 1,
      unchecked: ["friendly"],
      reason: 'partly verified: 6 words found; at most 99 allowed | not checked: "friendly"',
    });
  });

  test.each([
    [
      "Don't mention the CEO",
      "Our CEO spoke, and the ceo's office agreed.",
      0,
      '"CEO" found 2 times; must not appear',
    ],
    ["Don't mention the CEO", "Our chief executive spoke.", 0, '"CEO" found 1 time; must not appear'],
    ["Don't mention the CEO", "Our team spoke.", 1, '"CEO" found 0 times; must not appear'],
    [
      "Include the word 'data' at least 3 times",
      "Data, data, databases.",
      0,
      '"data" found 2 times; must appear at least 3 times',
    ],
    [
      "Do not use the words apple, banana and cherry",
      "An apple and a pear.",
      2 / 3,
      '2 of 3 keywords as required: "apple" found 1 time, "banana" found 0 times, "cherry" found 0 times; each must not appear',
    ],
    [
      "Output only the answer",
      "Sure! Here is the answer: 42",
      0.5,
      'found a preamble ("Sure"); only the answer was allowed',
    ],
    [
      "Output only the answer",
      "Sure, 42.\nExplanation: six times seven.",
      0,
      'found a preamble ("Sure") and an explanation ("Explanation"); only the answer was allowed',
    ],
    ["Output only the answer", "42", 1, "no preamble or explanation found"],
    [
      "Return valid JSON",
      '{"a": 1',
      0,
      "not valid JSON: Expected ',' or '}' after property value in JSON at position 7",
    ],
    ["Return valid JSON", '```json\n{"a": 1}\n```', 1, "valid JSON"],
    [
      "Return JSON with keys a, b and c",
      '{"a": 1, "b": 2}',
      2 / 3,
      "JSON object with 2 of 3 required keys; missing c",
    ],
    [
      "Return JSON with keys a and b",
      "[1, 2]",
      0,
      "valid JSON but an array; an object with keys a, b required",
    ],
    ["Include a title in double angular brackets", "<<Spring>>\nBlossoms.", 1, "title <<Spring>> found"],
    [
      "Include a title in double angular brackets",
      "Spring\nBlossoms.",
      0,
      "no title in double angular brackets (<<title>>) found",
    ],
    [
      "End with a postscript starting with P.S.",
      "Hello.\n\nP.S. See you.",
      1,
      "postscript starting with P.S. found at the end",
    ],
    ["End with a postscript starting with P.S.", "Hello.", 0, "no line starting with P.S. found"],
    // A response wrapped in quotes whose only line is the postscript opens with the quotation mark.
    [
      "End with a postscript starting with P.S.",
      '"PS: the original is kept on file."',
      1,
      "postscript starting with P.S. found at the end",
    ],
    [
      "End with a postscript starting with P.S.",
      "\u201CP.S. thanks for asking.\u201D",
      1,
      "postscript starting with P.S. found at the end",
    ],
    [
      "End with a postscript starting with P.S.",
      '"PSA: wash your hands."',
      0,
      "no line starting with P.S. found",
    ],
    ["Use markdown headers", "Plain text.", 0, "0 markdown headers found; at least 1 required"],
    ["Do not use bullet points", "- one\n- two", 0, "2 bullet points found; none allowed"],
    ["Don't use markdown", "Some **bold** text.", 0, "markdown found: bold text; plain text required"],
    ["all lowercase", "hello World", 0, '1 uppercase letter found (first "W" at 6); all lowercase required'],
    ["all capital letters", "HELLO WORLD", 1, "no lowercase letters found; all capital letters required"],
    ["Start with 'Dear'", "  Dear team,", 1, 'text starts with "Dear team,"; must start with "Dear"'],
    ["Start with 'Dear'", "Dearest team,", 0, 'text starts with "Dearest team,"; must start with "Dear"'],
    [
      "End with the phrase 'Any questions?'",
      "Done. Any questions?\n",
      1,
      'text ends with "Done. Any questions?"; must end with "Any questions?"',
    ],
    [
      "End your response with 'Peace'",
      "Go in peace.",
      1,
      'text ends with "Go in peace."; must end with "Peace"',
    ],
    ["Wrap the whole response in double quotes", '"Yes."', 1, "the text is wrapped in double quotes"],
    [
      "Wrap the whole response in double quotes",
      '"Yes.',
      0,
      "the text does not end with a double quote; the whole response must be wrapped in double quotes",
    ],
    [
      "Amounts in USD format",
      "It costs $1,234.56 or €20.",
      0.5,
      '1 of 2 amounts in USD format ($1,234.56); not: "€20"',
    ],
    [
      "Amounts in USD format",
      "No money here.",
      1,
      "no money amounts found; nothing to check against USD format",
    ],
    ["no commas", "a, b， c", 0, "2 commas found (first at offset 1); none allowed"],
    ["Respond in French", FRENCH, 1, "detected French (fra); French required"],
    ["Respond in French", ENGLISH, 0, "detected English (eng); French required"],
  ])("scores %j against %j as %d", (description, text, score, reason) => {
    const result = verifyRequirement(text, description);
    expect(result.score).toBeCloseTo(score, 5);
    expect(result.reason).toBe(reason);
  });

  test("reports a language check on too little text as undecidable, not as a score", () => {
    expect(verifyRequirement("Oui.", "Respond in French")).toMatchObject({
      verdict: "unverifiable",
      score: null,
      reason: "too short to detect the language (3 letters; at least 40 needed); French required",
    });
  });

  test("averages only the checks it could decide", () => {
    const result = verifyRequirement("Oui, merci.", "Respond in French and do not use commas");
    expect(result.score).toBe(0);
    expect(result.checks.map((check) => check.verdict)).toEqual(["unverifiable", "fail"]);
  });

  test("accepts checks on their own, as plain data", () => {
    const checks: Check[] = [{ kind: "count", unit: "words", max: 2, source: "at most 2 words" }];
    expect(verify("one two three", checks)).toMatchObject({
      verdict: "fail",
      reason: "3 words found; at most 2 allowed",
    });
    expect(verify("anything", [])).toMatchObject({
      verdict: "unverifiable",
      score: null,
      reason: "no checks to score",
    });
  });

  test("does not mutate its inputs", () => {
    const parsed = structuredClone(parseRequirement("Write up to 3 paragraphs and don't mention Paris"));
    const before = JSON.stringify(parsed);
    verify("Paris.\n\nRome.", parsed);
    expect(JSON.stringify(parsed)).toBe(before);
  });

  test("verifies a 1 MB text in well under a second", () => {
    const text = "The quick brown fox jumps over the lazy dog, on 2024-01-05, for $1,234.56.\n\n".repeat(
      13_200,
    );
    expect(text.length).toBeGreaterThan(1_000_000);
    const parsed = parseRequirement(
      "Write up to 3 paragraphs, don't mention the CEO, dates must follow YYYY-MM-DD, amounts in USD format, no commas, respond in English, all lowercase, at most 200000 words",
    );
    const started = performance.now();
    const result = verify(text, parsed);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.checks).toHaveLength(8);
  });

  test.each([
    ["unclosed links", "[a](".repeat(100_000)],
    ["blank lines", "\n".repeat(500_000)],
    ["dollar signs", `${"$".repeat(200_000)}1`],
    ["date-like runs", "1-1-".repeat(100_000)],
    ["day numbers", "1 march ".repeat(50_000)],
    ["brackets", "<<".repeat(200_000)],
  ])("stays linear on a pathological text: %s", (_name, text) => {
    const parsed = parseRequirement(
      "Don't use markdown, output only the answer, dates must follow YYYY-MM-DD, amounts in USD format, include a title in double angular brackets, end with a postscript starting with P.S.",
    );
    const started = performance.now();
    verify(text, parsed);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test("throws on misuse with exact messages", () => {
    expect(() => verify(42 as never, [])).toThrow(new TypeError("verify: text must be a string, got number"));
    expect(() => verify("x", 7 as never)).toThrow(
      new TypeError("verify: checks must be an array of checks or a parsed requirement, got number"),
    );
    expect(() => verify("x", null as never)).toThrow(
      new TypeError("verify: checks must be an array of checks or a parsed requirement, got null"),
    );
    expect(() => verify("x", ["count"] as never)).toThrow(
      new TypeError("verify: checks[0] must be a check object, got string"),
    );
    expect(() => verify("x", [{ kind: "vibes" }] as never)).toThrow(
      new RangeError(
        'verify: checks[0].kind must be one of count, keywords, answer_only, json, title, postscript, no_markdown, case, starts_with, ends_with, quoted, date_format, currency, language, forbid_marks, paragraph_start, letter_count, repeat_request, responses, sections, one_of, got "vibes"',
      ),
    );
    expect(() => verify("x", [{ kind: "count", unit: "pages", source: "" }] as never)).toThrow(
      new RangeError(
        'verify: checks[0].unit must be one of paragraphs, sentences, words, characters, lines, bullets, numbered_items, list_items, headers, capital_words, highlights, placeholders, got "pages"',
      ),
    );
    expect(() => verify("x", [{ kind: "count", unit: "words", max: -1, source: "" }] as never)).toThrow(
      new RangeError("verify: checks[0].max must be a non-negative integer, got -1"),
    );
    expect(() => verify("x", [{ kind: "keywords", keywords: "CEO", source: "" }] as never)).toThrow(
      new TypeError("verify: checks[0].keywords must be an array of strings, got string"),
    );
    expect(() => verify("x", [{ kind: "date_format", format: "YYYY", source: "" }] as never)).toThrow(
      new RangeError(
        'verify: checks[0].format must be "ISO-8601" or a pattern such as "YYYY-MM-DD", got "YYYY"',
      ),
    );
    expect(() => verifyRequirement("x", 3 as never)).toThrow(
      new TypeError("verifyRequirement: description must be a string, got number"),
    );
    expect(() => verifyRequirement(undefined as never, "x")).toThrow(
      new TypeError("verifyRequirement: text must be a string, got undefined"),
    );
  });
});

describe("verifyWithJudge", () => {
  test("is verify when no judge is configured", async () => {
    expect(await verifyWithJudge("Hi!", "Use a friendly tone")).toEqual(
      verifyRequirement("Hi!", "Use a friendly tone"),
    );
  });

  test("throws on misuse with exact messages", async () => {
    await expect(verifyWithJudge(1 as never, "x")).rejects.toThrow(
      new TypeError("verifyWithJudge: text must be a string, got number"),
    );
    await expect(verifyWithJudge("x", 1 as never)).rejects.toThrow(
      new TypeError("verifyWithJudge: requirement must be a description or a parsed requirement, got number"),
    );
  });
});
