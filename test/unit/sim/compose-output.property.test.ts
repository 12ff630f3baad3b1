// Properties of the composer. The seed comes from MAESTRO_EVAL_SEED when set; on a failure fast-check
// prints the seed and the path that replay it.
import * as fc from "fast-check";
import { describe, expect, test } from "vitest";
import { composeDraft, createRandom, extractFacts, identifyCheck } from "../../../src/sim/index.js";
import { type Check, type CountUnit, type ForbiddenMark, verify } from "../../../src/verifiers/index.js";
import { checksOf, DESCRIPTIONS, INPUTS } from "./fixtures.js";

function params(numRuns: number): fc.Parameters<unknown> {
  return { numRuns };
}

const LANGUAGES = [
  "arabic",
  "dutch",
  "english",
  "french",
  "german",
  "hebrew",
  "italian",
  "portuguese",
  "spanish",
];

/** A request, requirement descriptions to meet and to break (from the pool), an optional language and a seed. */
const realisticPlan = fc.record({
  input: fc.constantFrom(...Object.values(INPUTS)),
  satisfy: fc.array(fc.constantFrom(...DESCRIPTIONS), { maxLength: 5 }),
  violate: fc.array(fc.constantFrom(...DESCRIPTIONS), { maxLength: 4 }),
  language: fc.option(fc.constantFrom(...LANGUAGES), { nil: undefined }),
  seed: fc.string({ maxLength: 8 }),
});

function score(text: string, check: Check): number | null {
  return verify(text, [check]).score;
}

describe("composeDraft: properties over realistic requirements", () => {
  test("every kept check to meet verifies as met, every kept check to break as not met, and each dropped one is a reported conflict", () => {
    fc.assert(
      fc.property(realisticPlan, ({ input, satisfy, violate, language, seed: runSeed }) => {
        const meet = satisfy.flatMap(checksOf);
        const breakable = violate.flatMap(checksOf);
        const result = composeDraft({
          facts: extractFacts(input),
          satisfy: meet,
          violate: breakable,
          random: createRandom(runSeed),
          ...(language === undefined ? {} : { language }),
        });
        for (const check of result.satisfy) {
          expect(
            score(result.text, check),
            `${check.source}: ${verify(result.text, [check]).reason}\n${result.text}`,
          ).toBe(1);
        }
        for (const check of result.violate) {
          const found = score(result.text, check);
          expect(
            found,
            `${check.source}: ${verify(result.text, [check]).reason}\n${result.text}`,
          ).not.toBeNull();
          expect(
            found!,
            `${check.source}: ${verify(result.text, [check]).reason}\n${result.text}`,
          ).toBeLessThan(1);
        }
        expect(result.unmet).toEqual([]);
        expect(result.unbroken).toEqual([]);
        // Nothing is dropped silently: each check is kept or reported.
        expect(
          result.satisfy.length + result.conflicts.filter((item) => item.role === "satisfy").length,
        ).toBe(meet.length);
        expect(
          result.violate.length + result.conflicts.filter((item) => item.role === "violate").length,
        ).toBe(breakable.length);
      }),
      params(400),
    );
  });

  test("the same plan and seed give the same text; the text does not depend on anything else", () => {
    fc.assert(
      fc.property(realisticPlan, ({ input, satisfy, violate, language, seed: runSeed }) => {
        const compose = (): string =>
          composeDraft({
            facts: extractFacts(input),
            satisfy: satisfy.flatMap(checksOf),
            violate: violate.flatMap(checksOf),
            random: createRandom(runSeed),
            ...(language === undefined ? {} : { language }),
          }).text;
        expect(compose()).toBe(compose());
      }),
      params(60),
    );
  });
});

const UNITS: readonly CountUnit[] = [
  "paragraphs",
  "sentences",
  "words",
  "characters",
  "lines",
  "bullets",
  "numbered_items",
  "list_items",
  "headers",
];
const MARKS: readonly ForbiddenMark[] = ["commas", "exclamation marks", "semicolons", "em dashes", "emojis"];
const word = fc.constantFrom(
  "the",
  "CEO",
  "refund",
  "Acme",
  "invoice",
  "données",
  "über",
  "request",
  "and",
  "it's",
  "Paris",
  "P.S.",
);
const bound = fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined });
const phrase = fc.oneof(
  fc.constantFrom(
    "Dear",
    "Best regards",
    "?",
    "!",
    "Is there anything else?",
    "Sure",
    "Note",
    '"',
    "Yes, indeed",
    "🙂",
  ),
  fc.string({ minLength: 1, maxLength: 12 }),
);

function withBounds<T extends object>(value: T, min: number | undefined, max: number | undefined): T {
  return { ...value, ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}

/** Any well-formed check, including ones no description would produce (huge counts, odd phrases). */
const anyCheck: fc.Arbitrary<Check> = fc.oneof(
  fc
    .record({ unit: fc.constantFrom(...UNITS), min: bound, max: bound })
    .map(({ unit, min, max }) => withBounds({ kind: "count", unit, source: "" } as Check, min, max)),
  fc
    .record({
      keywords: fc.array(word, { minLength: 1, maxLength: 3 }),
      min: bound,
      max: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    })
    .map(({ keywords, min, max }) =>
      withBounds(
        { kind: "keywords", keywords, source: "" } as Check,
        min === undefined ? undefined : min % 5,
        max,
      ),
    ),
  fc.constantFrom<Check>(
    { kind: "answer_only", source: "" },
    { kind: "title", source: "" },
    { kind: "no_markdown", source: "" },
    { kind: "quoted", source: "" },
    { kind: "currency", currency: "USD", source: "" },
    { kind: "case", case: "lower", source: "" },
    { kind: "case", case: "upper", source: "" },
  ),
  fc
    .option(fc.array(word, { maxLength: 3 }), { nil: undefined })
    .map(
      (keys) =>
        (keys === undefined ? { kind: "json", source: "" } : { kind: "json", keys, source: "" }) as Check,
    ),
  fc
    .constantFrom("P.S.", "P.P.S.", "PS")
    .map((marker) => ({ kind: "postscript", marker, source: "" }) as Check),
  phrase.map((text) => ({ kind: "starts_with", phrase: text, source: "" }) as Check),
  phrase.map((text) => ({ kind: "ends_with", phrase: text, source: "" }) as Check),
  fc
    .constantFrom("YYYY-MM-DD", "ISO-8601", "DD/MM/YYYY", "MM/DD/YYYY", "D.M.YY", "YYYY/M/D")
    .map((format) => ({ kind: "date_format", format, source: "" }) as Check),
  fc
    .constantFrom("arb", "nld", "eng", "fra", "deu", "heb", "ita", "por", "spa", "rus")
    .map((language) => ({ kind: "language", language, name: language, source: "" }) as Check),
  fc.constantFrom(...MARKS).map((mark) => ({ kind: "forbid_marks", mark, source: "" }) as Check),
);

describe("composeDraft: properties over any checks", () => {
  test("never throws, and reports truthfully which kept checks the text gets wrong", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...Object.values(INPUTS)), fc.string({ maxLength: 200 })),
        fc.array(anyCheck, { maxLength: 5 }),
        fc.array(anyCheck, { maxLength: 4 }),
        fc.option(fc.constantFrom(...LANGUAGES, "unset", "klingon"), { nil: undefined }),
        fc.integer(),
        (input, satisfy, violate, language, runSeed) => {
          const result = composeDraft({
            facts: extractFacts(input),
            satisfy,
            violate,
            random: createRandom(runSeed),
            ...(language === undefined ? {} : { language }),
          });
          expect(typeof result.text).toBe("string");
          const unmet = new Set(result.unmet.map(identifyCheck));
          for (const check of result.satisfy)
            expect(score(result.text, check) === 1).toBe(!unmet.has(identifyCheck(check)));
          const unbroken = new Set(result.unbroken.map(identifyCheck));
          // A check to break is broken only by a score below 1: one the verifier cannot give breaks nothing.
          for (const check of result.violate) {
            const found = score(result.text, check);
            expect(found === null || found >= 1).toBe(unbroken.has(identifyCheck(check)));
          }
        },
      ),
      params(300),
    );
  });
});
