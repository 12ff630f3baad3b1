import { describe, expect, test } from "vitest";
import { type Check, clearParseCache, parseRequirement } from "../../../src/verifiers/index.js";

/** The checks of a description without their `source`, which only echoes the description. */
function checksOf(
  description: string,
  options?: Parameters<typeof parseRequirement>[1],
): Omit<Check, "source">[] {
  return parseRequirement(description, options).checks.map(({ source: _source, ...check }) => check);
}

describe("parseRequirement", () => {
  test("reads the examples of Maestro's documentation", () => {
    expect(checksOf("Write up to 3 paragraphs")).toEqual([{ kind: "count", unit: "paragraphs", max: 3 }]);
    expect(checksOf("Output only the answer")).toEqual([{ kind: "answer_only" }]);
    expect(checksOf("Don't mention a word about the company's CEO")).toEqual([
      { kind: "keywords", keywords: ["CEO"], max: 0 },
    ]);
    expect(parseRequirement("Use a friendly tone")).toMatchObject({
      verdict: "unverifiable",
      checks: [],
      unchecked: ["Use a friendly tone"],
      reason: 'no verifier understands "Use a friendly tone"',
    });
  });

  test("gives one check per clause", () => {
    expect(checksOf("Dates must follow YYYY-MM-DD and amounts should be in USD format.")).toEqual([
      { kind: "date_format", format: "YYYY-MM-DD" },
      { kind: "currency", currency: "USD" },
    ]);
    expect(checksOf("Write up to 3 paragraphs. Don't mention the CEO; use bullet points")).toEqual([
      { kind: "count", unit: "paragraphs", max: 3 },
      { kind: "keywords", keywords: ["CEO"], max: 0 },
      { kind: "count", unit: "bullets", min: 1 },
    ]);
  });

  test("says which part of a description was not checked", () => {
    const parsed = parseRequirement("Write a friendly email in under 100 words");
    expect(parsed.verdict).toBe("partially_verifiable");
    expect(parsed.unchecked).toEqual(["friendly"]);
    expect(parsed.reason).toBe('1 check (count); not checked: "friendly"');
    const mixed = parseRequirement("Use a friendly tone and write up to 2 paragraphs.");
    expect(mixed.unchecked).toEqual(["Use a friendly tone"]);
  });

  test("records the fragment each check came from", () => {
    expect(parseRequirement("Please keep it under 100 words, thanks").checks[0]?.source).toBe(
      "under 100 words",
    );
    expect(parseRequirement("Start with 'Dear'").checks[0]?.source).toBe('Start with "Dear"');
  });

  test.each([
    ["up to 3 paragraphs", { unit: "paragraphs", max: 3 }],
    ["at most three paragraphs", { unit: "paragraphs", max: 3 }],
    ["no more than 3 paragraphs", { unit: "paragraphs", max: 3 }],
    ["Limit the response to 3 paragraphs", { unit: "paragraphs", max: 3 }],
    ["3 paragraphs or fewer", { unit: "paragraphs", max: 3 }],
    ["Don't write more than 3 paragraphs", { unit: "paragraphs", max: 3 }],
    ["a maximum of 3 paragraphs", { unit: "paragraphs", max: 3 }],
    ["Write 3 paragraphs", { unit: "paragraphs", min: 3, max: 3 }],
    ["exactly 3 paragraphs", { unit: "paragraphs", min: 3, max: 3 }],
    ["a single paragraph", { unit: "paragraphs", min: 1, max: 1 }],
    ["Answer in one paragraph", { unit: "paragraphs", min: 1, max: 1 }],
    ["at least 2 sentences", { unit: "sentences", min: 2 }],
    ["more than 2 sentences", { unit: "sentences", min: 3 }],
    ["fewer than 5 sentences", { unit: "sentences", max: 4 }],
    ["between 3 and 5 sentences", { unit: "sentences", min: 3, max: 5 }],
    ["3-5 sentences", { unit: "sentences", min: 3, max: 5 }],
    ["two to four sentences", { unit: "sentences", min: 2, max: 4 }],
    ["Answer in a sentence", { unit: "sentences", min: 1, max: 1 }],
    ["under 100 words", { unit: "words", max: 99 }],
    ["Keep it below one hundred words", { unit: "words", max: 99 }],
    ["at least twenty-five words", { unit: "words", min: 25 }],
    ["word limit of 200", { unit: "words", max: 200 }],
    ["a 100-word limit", { unit: "words", max: 100 }],
    ["about 200 words", { unit: "words", min: 180, max: 220 }],
    ["Write a 300-word essay", { unit: "words", min: 270, max: 330 }],
    ["Give a one-word answer", { unit: "words", min: 1, max: 1 }],
    ["no more than 500 characters", { unit: "characters", max: 500 }],
    ["at most 1,000 characters", { unit: "characters", max: 1000 }],
    ["exactly 5 bullet points", { unit: "bullets", min: 5, max: 5 }],
    ["at least 3 bullets", { unit: "bullets", min: 3 }],
    ["up to 4 numbered items", { unit: "numbered_items", max: 4 }],
    ["list exactly 3 items", { unit: "list_items", min: 3, max: 3 }],
    ["at least 2 markdown headers", { unit: "headers", min: 2 }],
    ["no more than 10 lines", { unit: "lines", max: 10 }],
  ])("reads the count %j", (description, expected) => {
    expect(checksOf(description)).toEqual([{ kind: "count", ...expected }]);
  });

  test.each([
    "Each paragraph should have at most 3 sentences",
    "Use at most 2 sentences per paragraph",
    "Every bullet point must be under 10 words",
  ])("leaves the per-unit count %j unchecked", (description) => {
    const parsed = parseRequirement(description);
    expect(parsed.verdict).toBe("unverifiable");
    expect(parsed.unchecked).toEqual([description]);
  });

  test.each([
    ["Mention Paris", { keywords: ["Paris"], min: 1 }],
    ["Make sure to mention 'blockchain'", { keywords: ["blockchain"], min: 1 }],
    ["Include the word data at least 3 times", { keywords: ["data"], min: 3 }],
    ["Include the keywords 'river', 'stone' and 'light'", { keywords: ["river", "stone", "light"], min: 1 }],
    ["The word 'innovation' should appear at least twice", { keywords: ["innovation"], min: 2 }],
    ["Use the word 'synergy' exactly 2 times", { keywords: ["synergy"], min: 2, max: 2 }],
    ["Don't mention the CEO", { keywords: ["CEO"], max: 0 }],
    ["Do not use the words apple, banana and cherry", { keywords: ["apple", "banana", "cherry"], max: 0 }],
    ["Avoid 'synergy' and 'leverage'", { keywords: ["synergy", "leverage"], max: 0 }],
    ["Avoid mentioning competitors", { keywords: ["competitors"], max: 0 }],
    ["Never talk about Microsoft", { keywords: ["Microsoft"], max: 0 }],
    ["There should be no mention of pricing", { keywords: ["pricing"], max: 0 }],
    ["Don't mention the CEO more than twice", { keywords: ["CEO"], max: 2 }],
    ["Don't not mention Paris", { keywords: ["Paris"], min: 1 }],
    ["Don't forget to mention 'Paris'", { keywords: ["Paris"], min: 1 }],
    ["Mention 'don't use commas'", { keywords: ["don't use commas"], min: 1 }],
  ])("reads the keywords %j", (description, expected) => {
    expect(checksOf(description)).toEqual([{ kind: "keywords", ...expected }]);
  });

  test.each([
    "Avoid jargon",
    "Mention the price",
    "Mention at least 3 benefits",
    "Don't mention anything negative",
  ])("does not read the topic %j as a literal keyword", (description) => {
    expect(parseRequirement(description).verdict).toBe("unverifiable");
  });

  test.each([
    ["Return valid JSON", { kind: "json" }],
    ["Wrap the entire output in JSON format", { kind: "json" }],
    ["Return a JSON object with keys a, b and c", { kind: "json", keys: ["a", "b", "c"] }],
    ["JSON with the fields 'name' and 'age'", { kind: "json", keys: ["name", "age"] }],
    ["Output only the answer", { kind: "answer_only" }],
    ["No preamble, no explanation", { kind: "answer_only" }],
    ["Just the answer, without any explanation", { kind: "answer_only" }],
    ["Use bullet points", { kind: "count", unit: "bullets", min: 1 }],
    ["Do not use bullet points", { kind: "count", unit: "bullets", max: 0 }],
    ["Use a numbered list", { kind: "count", unit: "numbered_items", min: 1 }],
    ["Use markdown headers", { kind: "count", unit: "headers", min: 1 }],
    ["Don't use markdown headers", { kind: "count", unit: "headers", max: 0 }],
    ["Include a title in double angular brackets", { kind: "title" }],
    [
      "Your answer must contain a title, wrapped in double angular brackets, such as <<poem of joy>>.",
      { kind: "title" },
    ],
    ["End with a postscript starting with P.S.", { kind: "postscript", marker: "P.S." }],
    [
      "At the end of your response, please add a postscript starting with P.P.S",
      { kind: "postscript", marker: "P.P.S" },
    ],
    ["Don't use markdown", { kind: "no_markdown" }],
    ["Respond in plain text only", { kind: "no_markdown" }],
    ["all lowercase", { kind: "case", case: "lower" }],
    ["No capital letters are allowed", { kind: "case", case: "lower" }],
    ["Write in all capital letters", { kind: "case", case: "upper" }],
    ["Respond in ALL CAPS", { kind: "case", case: "upper" }],
    ["Start with 'Dear'", { kind: "starts_with", phrase: "Dear" }],
    ["Begin your answer with the word yes", { kind: "starts_with", phrase: "yes" }],
    ["Start your reply with Hello", { kind: "starts_with", phrase: "Hello" }],
    [
      "End with the phrase 'Is there anything else?'",
      { kind: "ends_with", phrase: "Is there anything else?" },
    ],
    [
      "Finish your response with this exact phrase 'Any other questions?'. No other words should follow this phrase.",
      { kind: "ends_with", phrase: "Any other questions?" },
    ],
    ["End with a question", { kind: "ends_with", phrase: "?" }],
    ["Wrap the whole response in double quotes", { kind: "quoted" }],
    ["Your entire response should be wrapped in double quotation marks", { kind: "quoted" }],
    ["Dates must follow YYYY-MM-DD", { kind: "date_format", format: "YYYY-MM-DD" }],
    ["Use ISO 8601 dates", { kind: "date_format", format: "ISO-8601" }],
    ["Format all dates as dd/mm/yyyy", { kind: "date_format", format: "DD/MM/YYYY" }],
    ["Amounts in USD format ($1,234.56)", { kind: "currency", currency: "USD" }],
    ["Write all prices in US dollars", { kind: "currency", currency: "USD" }],
    ["Respond in French", { kind: "language", language: "fra", name: "French" }],
    ["Answer in Spanish", { kind: "language", language: "spa", name: "Spanish" }],
    [
      "Your entire response should be in German language, no other language is allowed",
      { kind: "language", language: "deu", name: "German" },
    ],
    ["Hebrew only", { kind: "language", language: "heb", name: "Hebrew" }],
    ["no commas", { kind: "forbid_marks", mark: "commas" }],
    [
      "In your entire response, refrain from the use of any commas.",
      { kind: "forbid_marks", mark: "commas" },
    ],
    ["Do not use any exclamation marks", { kind: "forbid_marks", mark: "exclamation marks" }],
    ["comma-free", { kind: "forbid_marks", mark: "commas" }],
    ["Don't use emojis", { kind: "forbid_marks", mark: "emojis" }],
  ])("reads %j", (description, expected) => {
    expect(checksOf(description)).toEqual([expected]);
  });

  test("reads several marks in one list", () => {
    expect(checksOf("Use no commas or semicolons")).toEqual([
      { kind: "forbid_marks", mark: "commas" },
      { kind: "forbid_marks", mark: "semicolons" },
    ]);
  });

  test("reads every family in a sentence, in the order written", () => {
    expect(checksOf("Your entire response should be in English, and in all lowercase letters")).toEqual([
      { kind: "language", language: "eng", name: "English" },
      { kind: "case", case: "lower" },
    ]);
  });

  test("is case-insensitive", () => {
    expect(checksOf("WRITE UP TO 3 PARAGRAPHS")).toEqual(checksOf("write up to 3 paragraphs"));
  });

  test("never reads instructions inside quotes", () => {
    expect(checksOf("Start with 'Do not use commas'")).toEqual([
      { kind: "starts_with", phrase: "Do not use commas" },
    ]);
  });

  test("resolves 'the requested language' only with a response language", () => {
    expect(parseRequirement("Respond in the requested language").verdict).toBe("unverifiable");
    expect(checksOf("Respond in the requested language", { responseLanguage: "italian" })).toEqual([
      { kind: "language", language: "ita", name: "Italian" },
    ]);
    expect(parseRequirement("Respond in the requested language", { responseLanguage: "unset" }).verdict).toBe(
      "unverifiable",
    );
  });

  test("leaves negations it cannot turn into a rule unchecked", () => {
    expect(parseRequirement("Don't answer in English").verdict).toBe("unverifiable");
    expect(parseRequirement("Don't write in all caps").verdict).toBe("unverifiable");
    expect(parseRequirement("Prices should be in euros").verdict).toBe("unverifiable");
  });

  test("says an empty description has nothing to check", () => {
    expect(parseRequirement("   ")).toEqual({
      description: "   ",
      verdict: "unverifiable",
      checks: [],
      unchecked: [],
      reason: "the description is empty; nothing to check",
    });
  });

  test("caches by description and options, and freezes what it returns", () => {
    clearParseCache();
    const first = parseRequirement("Write up to 3 paragraphs");
    expect(parseRequirement("Write up to 3 paragraphs")).toBe(first);
    expect(parseRequirement("Write up to 3 paragraphs", { responseLanguage: "french" })).not.toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.checks)).toBe(true);
    expect(Object.isFrozen(first.checks[0])).toBe(true);
  });

  test("gives plain JSON data", () => {
    const parsed = parseRequirement("Return JSON with keys a and b, and no commas");
    expect(JSON.parse(JSON.stringify(parsed))).toEqual(parsed);
  });

  test("throws on misuse with the function's name", () => {
    expect(() => parseRequirement(42 as never)).toThrow(
      new TypeError("parseRequirement: description must be a string, got number"),
    );
    expect(() => parseRequirement("x", null as never)).toThrow(
      new TypeError("parseRequirement: options must be an object, got null"),
    );
    expect(() => parseRequirement("x", { responseLanguage: "klingon" as never })).toThrow(
      new RangeError(
        'parseRequirement: options.responseLanguage must be one of arabic, dutch, english, french, german, hebrew, italian, portuguese, spanish, unset, got "klingon"',
      ),
    );
  });

  test("parses a very long description in time linear in its length", () => {
    // A ratio measured in one run, not a time limit (these machines are shared): four times the text
    // takes about four times as long; a pattern that backtracks quadratically would take sixteen.
    const descriptionOf = (repeats: number) =>
      `${"Write up to 3 paragraphs and mention Paris. ".repeat(repeats)}a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a !`;
    const timed = (description: string) => {
      const started = performance.now();
      const parsed = parseRequirement(description);
      return { ms: performance.now() - started, parsed };
    };
    timed(descriptionOf(50)); // warm up the patterns
    const short = timed(descriptionOf(500));
    const long = timed(descriptionOf(2000));
    expect(long.parsed.checks).toHaveLength(2);
    expect(short.parsed.checks).toHaveLength(2);
    expect(long.ms / Math.max(short.ms, 1)).toBeLessThan(10);
  });

  test.each([
    // 16,000 lines of nothing took 0.6 s and 64,000 took 9 s when a pattern tried every run of blank lines
    // from each of its line breaks; a fuzzed 700 KB of them stalled the local server.
    ["blank lines repeated", (length: number) => "\n".repeat(length)],
    ["bracketed words repeated", (length: number) => "[x] ".repeat(length / 4)],
    // The lone-mark test looks ahead along the line for the next quote: written as one pattern with a
    // letter between, it took 46 ms for 10,000 characters and 690 ms for 40,000.
    // Each break a clause might have looked again at all of the piece before it: "- " repeated, 12 times
    // the time for 4 times the text, once a subject could follow an opening phrase.
    ["dashes repeated", (length: number) => "- ".repeat(length / 2)],
    // The "say nothing else" sentence joiner tried a run of spaces from each of its spaces: 40,000 spaces
    // took 2.5 s (since before this round; 700 KB of them in one requirement would hold the local server).
    ["spaces repeated", (length: number) => " ".repeat(length)],
    [
      "a quote mark after 'with', then a long line without another",
      (length: number) => `Start with " ${"abc ".repeat(length / 4)}`,
    ],
    // A list of options that could be split at each "or" or not, then a tail that fails: every split was
    // tried (16 of "a or " took 5.5 s; this round's "options, one of those labels" pattern).
    [
      "options joined by 'or' after 'must be'",
      (length: number) => `Your answer must be ${"a or ".repeat(length / 5)}`,
    ],
    // From each list word, the line was looked along to its end for "such as" (0.7 s for 40,000 characters).
    ["'list items' repeated", (length: number) => "list items ".repeat(length / 11)],
    // Each match consumed rewrote the whole clause (4.1 s for 84,000 characters).
    ["'bullet points' repeated", (length: number) => "bullet points ".repeat(length / 14)],
    // A trailing courtesy was looked for from every position of a keyword list (", please" repeated: 0.23 s
    // for 40,000 characters; "anywhere" repeated in one item too).
    [
      "', please' repeated after a keyword",
      (length: number) => `Mention 'a'${", please".repeat(length / 8)} x`,
    ],
    [
      "'anywhere' repeated after a keyword",
      (length: number) => `Mention 'a'${" anywhere".repeat(length / 9)} x`,
    ],
    // A count's reader and a keyword list's reader each looked at the clause around every match, which
    // rewrote the whole clause each time ("two words, at most, " repeated: 3.4 s for 80,000 characters).
    ["'two words, at most,' repeated", (length: number) => "two words, at most, ".repeat(length / 20)],
    [
      "'writing the words them in all caps' repeated",
      (length: number) => "writing the words them in all caps: at least 3 such words ".repeat(length / 59),
    ],
  ])("a description of %s is parsed in time linear in its length", (_name, descriptionOf) => {
    // The same ratio as above: four times the text takes about four times as long, not sixteen.
    const timed = (length: number) => {
      const description = descriptionOf(length);
      const started = performance.now();
      parseRequirement(description);
      return performance.now() - started;
    };
    timed(2_000); // warm up the patterns
    const short = timed(10_000);
    const long = timed(40_000);
    expect(long / Math.max(short, 5)).toBeLessThan(10);
  });
});
