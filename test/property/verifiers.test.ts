// Property tests of the verifiers. The seed comes from MAESTRO_EVAL_SEED when set; on a failure
// fast-check prints the seed and the path that replay it.
import * as fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  type Check,
  type CountUnit,
  parseRequirement,
  readVerdict,
  verify,
  verifyRequirement,
} from "../../src/verifiers/index.js";

function params(numRuns: number): fc.Parameters<unknown> {
  return { numRuns };
}

// Words that are neither abbreviations nor number words, in several scripts.
const word = fc.constantFrom(
  "river",
  "stone",
  "light",
  "quiet",
  "garden",
  "Window",
  "naïve",
  "café",
  "über",
  "mañana",
  "жизнь",
  "слово",
  "λόγος",
  "don't",
  "well-known",
  "x1",
  "2024",
);
const space = fc.constantFrom(" ", "  ", "\t", "\u00a0", " \t ");
const terminator = fc.constantFrom(".", "!", "?", "...", "?!", '."');

/** A sentence of 1 to 6 words, ending with a terminator. */
const sentence = fc
  .tuple(
    fc.array(word, { minLength: 1, maxLength: 6 }),
    fc.array(space, { minLength: 6, maxLength: 6 }),
    terminator,
  )
  .map(
    ([words, spaces, end]) =>
      words.map((item, index) => (index === 0 ? item : `${spaces[index]}${item}`)).join("") + end,
  );

/** A paragraph of 1 to 3 sentences, sometimes broken over several lines. */
const paragraph = fc
  .tuple(fc.array(sentence, { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([sentences, broken]) => sentences.join(broken ? "\n" : " "));

/** One or more blank lines, possibly holding spaces or tabs. */
const paragraphBreak = fc.constantFrom("\n\n", "\n\n\n", "\n \n", "\n\t\n\n", "\r\n\r\n");

/** Builds a description "up to N <unit>" for the unit's phrase. */
function upTo(count: number, unit: string): string {
  return `Write up to ${count} ${unit}`;
}

/** Scores `text` against "up to k" and "up to k-1" for `unit` and asserts 1 and 0. */
function assertBoundary(text: string, count: number, unit: string): void {
  expect(verifyRequirement(text, upTo(count, unit)).score).toBe(1);
  expect(verifyRequirement(text, upTo(count - 1, unit)).score).toBe(0);
}

describe("verifiers: exact counts", () => {
  test("a text of exactly k paragraphs scores 1 for 'up to k' and 0 for 'up to k-1'", () => {
    fc.assert(
      fc.property(
        fc.array(paragraph, { minLength: 1, maxLength: 12 }),
        fc.array(paragraphBreak, { minLength: 12, maxLength: 12 }),
        fc.constantFrom("", "\n", "\n\n  "),
        (paragraphs, breaks, edge) => {
          const text =
            edge +
            paragraphs.map((item, index) => (index === 0 ? item : `${breaks[index]}${item}`)).join("") +
            edge;
          assertBoundary(text, paragraphs.length, "paragraphs");
        },
      ),
      params(2000),
    );
  });

  test("a text of exactly k sentences scores 1 for 'up to k' and 0 for 'up to k-1'", () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 15 }), space, (sentences, gap) => {
        assertBoundary(sentences.join(gap), sentences.length, "sentences");
      }),
      params(2000),
    );
  });

  test("a text of exactly k words scores 1 for 'up to k' and 0 for 'up to k-1'", () => {
    const separator = fc.constantFrom(" ", "\n", "\t", " \u00a0 ", ", ", " - ", " / ", "\n\n");
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 60 }),
        fc.array(separator, { minLength: 60, maxLength: 60 }),
        (words, separators) => {
          const text = words
            .map((item, index) => (index === 0 ? item : `${separators[index]}${item}`))
            .join("");
          assertBoundary(text, words.length, "words");
        },
      ),
      params(2000),
    );
  });

  test("a text of exactly k bullets scores 1 for 'up to k' and 0 for 'up to k-1'", () => {
    const bullet = fc
      .tuple(fc.constantFrom("-", "*", "+", "•"), fc.constantFrom("", "  ", "    "), sentence)
      .map(([marker, indent, body]) => `${indent}${marker} ${body}`);
    const other = fc.constantFrom("Intro line.", "**Bold line**", "---", "1. numbered", "# Header", "");
    fc.assert(
      fc.property(fc.array(fc.tuple(bullet, fc.option(other)), { minLength: 1, maxLength: 12 }), (lines) => {
        const text = lines.flatMap(([item, extra]) => (extra === null ? [item] : [item, extra])).join("\n");
        assertBoundary(text, lines.length, "bullet points");
      }),
      params(2000),
    );
  });
});

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.string({ unit: codeUnit, maxLength: 300 }),
  fc
    .array(
      fc.oneof(paragraph, fc.constantFrom("\n\n", "- ", "1. ", "$1,234.56", "2024-01-05", "P.S.", "<<t>>")),
      {
        maxLength: 20,
      },
    )
    .map((parts) => parts.join("")),
);

const DESCRIPTIONS = [
  "Write up to 3 paragraphs",
  "Don't mention the CEO",
  "Dates must follow YYYY-MM-DD and amounts should be in USD format.",
  "Output only the answer",
  "Respond in French",
  "Return JSON with keys a, b and c",
  "Use bullet points and a title in double angular brackets",
  "End with a postscript starting with P.S.",
  "all lowercase, no commas",
  "Start with 'Dear' and end with 'Bye'",
  "Wrap the whole response in double quotes",
  "Use a friendly tone",
  "Don't use markdown",
  "Use ISO 8601 dates and no emojis",
  "Write a friendly email in under 100 words",
  "Use at least 2 words in all caps and highlight at least 2 sections",
  "There should be 2 paragraphs. Paragraphs are separated with the markdown divider: ***",
  "Paragraph 2 must start with the word Then",
  "The letter q should appear at least 2 times",
  "Repeat the request word for word, then answer",
  "Give two different responses separated by six asterisks",
  "Your response must have 2 sections. Mark the beginning of each section with SECTION X.",
  "Answer with one of the following options: 'My answer is yes.', 'My answer is no.'",
  "Include at least 2 placeholders like [name] and end with the exact phrase Any questions?",
  "Respond in Kannada",
];

describe("verifiers: purity and robustness", () => {
  test("verify never throws on any string, and its score matches its verdict", () => {
    const parsed = DESCRIPTIONS.map((description) => parseRequirement(description));
    fc.assert(
      fc.property(anyText, fc.constantFrom(...parsed), fc.option(anyText), (text, requirement, input) => {
        const result = verify(text, requirement, input === null ? {} : { input });
        if (result.score === null) expect(["unverifiable", "error"]).toContain(result.verdict);
        else {
          expect(result.score).toBeGreaterThanOrEqual(0);
          expect(result.score).toBeLessThanOrEqual(1);
          // A pass is a full verification; every checked clause met with something left open is partial.
          const open = result.unchecked.length > 0 || result.checks.some((check) => check.score === null);
          const expected =
            readVerdict(result.score) === "pass" && open ? "partial" : readVerdict(result.score);
          expect(result.verdict).toBe(expected);
        }
        expect(typeof result.reason).toBe("string");
      }),
      params(1500),
    );
  });

  test("verify is deterministic and does not mutate its inputs", () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...DESCRIPTIONS), (text, description) => {
        const checks = structuredClone(parseRequirement(description).checks) as Check[];
        const before = JSON.stringify(checks);
        const textBefore = `${text}`;
        const first = verify(text, checks);
        const second = verify(text, checks);
        expect(second).toEqual(first);
        expect(JSON.stringify(checks)).toBe(before);
        expect(text).toBe(textBefore);
        expect(JSON.parse(JSON.stringify(first))).toEqual(first);
      }),
      params(2000),
    );
  });

  test("parseRequirement never throws on any description and gives plain data", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText,
          fc
            .array(
              fc.constantFrom(
                "don't",
                "not",
                "mention",
                "up to",
                "3",
                "paragraphs",
                "'",
                '"',
                "words",
                "and",
                ",",
                "such as",
                "P.S.",
                "YYYY-MM-DD",
                "in French",
                "no commas",
                "each",
              ),
              { maxLength: 25 },
            )
            .map((parts) => parts.join(" ")),
        ),
        (description) => {
          const parsed = parseRequirement(description);
          expect(JSON.parse(JSON.stringify(parsed))).toEqual(parsed);
          expect(parsed.checks.length === 0).toBe(parsed.verdict === "unverifiable");
          const result = verify("Some text, with 2024-01-05 and $5.", parsed);
          if (parsed.verdict === "unverifiable") expect(result.score).toBeNull();
        },
      ),
      params(1500),
    );
  });

  test("count checks built from data never throw and stay within bounds", () => {
    const unit = fc.constantFrom<CountUnit>(
      "paragraphs",
      "sentences",
      "words",
      "characters",
      "lines",
      "bullets",
      "numbered_items",
      "list_items",
      "headers",
    );
    const check = fc.record({ unit, min: fc.option(fc.nat(50)), max: fc.option(fc.nat(50)) }).map(
      ({ unit: countUnit, min, max }): Check => ({
        kind: "count",
        unit: countUnit,
        source: "generated",
        ...(min === null ? {} : { min }),
        ...(max === null ? {} : { max }),
      }),
    );
    fc.assert(
      fc.property(anyText, fc.array(check, { maxLength: 5 }), (text, checks) => {
        const result = verify(text, checks);
        expect(result.checks).toHaveLength(checks.length);
        for (const item of result.checks) expect([0, 1]).toContain(item.score);
      }),
      params(2000),
    );
  });
});
