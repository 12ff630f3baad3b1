// Realistic text comes from @faker-js/faker, seeded by fast-check: the value depends only on the
// generated seed, so fast-check's replay (seed + path) and shrinking stay deterministic.
import { base, en, Faker } from "@faker-js/faker";
import * as fc from "fast-check";
import { countWords } from "../constraints/index.js";

const faker = new Faker({ locale: [en, base] });

/** A seed for {@link withFaker}, generated (and replayed) by fast-check. */
export function fakerSeed(): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: 0x7fffffff });
}

/** Runs `build` with a Faker seeded by `seed`. */
export function withFaker<T>(seed: number, build: (faker: Faker) => T): T {
  // One shared instance is safe: builds run synchronously and re-seed before every use.
  faker.seed(seed);
  return build(faker);
}

/** An arbitrary whose value `build` makes from a Faker seeded by fast-check. */
export function fakerValue<T>(build: (faker: Faker) => T): fc.Arbitrary<T> {
  return fakerSeed().map((seed) => withFaker(seed, build));
}

/** Checks an integer option; misuse throws a RangeError prefixed with the API's name. */
export function readCount(
  api: string,
  name: string,
  value: number | undefined,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${api}: ${name} must be an integer within [${min}, ${max}], got ${String(value)}`);
  }
  return value;
}

/** Checks that a constraints argument is an object or undefined. */
export function readConstraints<T extends object>(api: string, constraints: T | undefined): Partial<T> {
  if (constraints === undefined) return {};
  if (typeof constraints !== "object" || constraints === null || Array.isArray(constraints)) {
    throw new TypeError(
      `${api}: constraints must be an object, got ${constraints === null ? "null" : typeof constraints}`,
    );
  }
  return constraints;
}

const LANGUAGES = [
  "French",
  "German",
  "Spanish",
  "Italian",
  "Dutch",
  "Portuguese",
  "English",
  "Hebrew",
  "Arabic",
];

/** A one-line task a user gives Maestro or a chat model. */
export function writeInstruction(f: Faker): string {
  const product = f.commerce.productName();
  switch (f.number.int({ min: 0, max: 6 })) {
    case 0:
      return `Write a ${f.word.adjective()} product announcement for the ${product}.`;
    case 1:
      return `Summarize this customer review of the ${product}: "${f.commerce.productDescription()}"`;
    case 2:
      return `Draft a short email to ${f.person.fullName()} about how we ${f.company.buzzPhrase()}.`;
    case 3:
      return `Explain the ${f.hacker.adjective()} ${f.hacker.noun()} to a new engineer at ${f.company.name()}.`;
    case 4:
      return `Suggest three names for a ${f.word.adjective()} ${f.commerce.product().toLowerCase()} brand.`;
    case 5:
      return `What are the main risks if we ${f.company.buzzPhrase()}?`;
    default:
      return `Translate "${f.company.catchPhrase()}" into ${f.helpers.arrayElement(LANGUAGES)}.`;
  }
}

/** A plausible assistant turn. */
export function writeReply(f: Faker): string {
  return f.helpers.arrayElement([
    `Sure. ${f.company.catchPhrase()}.`,
    `Here is a first draft: ${f.hacker.phrase()}`,
    `${f.commerce.productDescription()}`,
    `I would ${f.company.buzzPhrase()}. Shall I go on?`,
  ]);
}

/** A requirement as people write them: a short name and a condition. */
export function writeRequirement(f: Faker): { name: string; description: string } {
  switch (f.number.int({ min: 0, max: 9 })) {
    case 0:
      return { name: "length", description: `Write up to ${f.number.int({ min: 1, max: 5 })} paragraphs` };
    case 1:
      return { name: "tone", description: `Use a ${f.word.adjective()} tone` };
    case 2:
      return { name: "no-mention", description: `Don't mention a word about ${f.company.name()}` };
    case 3:
      return { name: "dates", description: "Dates must follow YYYY-MM-DD" };
    case 4:
      return { name: "answer-only", description: "Output only the answer" };
    case 5:
      return { name: "language", description: `Answer in ${f.helpers.arrayElement(LANGUAGES)}` };
    case 6:
      return { name: "keyword", description: `Mention the ${f.commerce.productName()} at least once` };
    case 7:
      return { name: "ending", description: `End with the phrase "${f.word.words(3)}"` };
    case 8:
      return {
        name: "json",
        description: `Return valid JSON with keys ${f.word.noun()} and ${f.word.noun()}`,
      };
    default:
      return {
        name: "bullets",
        description: `Use at most ${f.number.int({ min: 2, max: 8 })} bullet points`,
      };
  }
}

/** Text of exactly `count` words (as countWords counts them), from realistic sentences. */
export function writeWords(f: Faker, count: number, start = ""): string {
  let text = start;
  while (countWords(text) < count) text = `${text} ${f.company.catchPhrase()}. ${f.hacker.phrase()}`.trim();
  const pieces = text.split(/\s+/u).filter((piece) => piece !== "");
  const kept: string[] = [];
  let words = 0;
  for (const piece of pieces) {
    const counted = countWords(piece);
    if (words + counted > count) break;
    kept.push(piece);
    words += counted;
  }
  return kept.join(" ");
}

const TLDS = ["com", "org", "net", "io", "dev", "co.uk", "de", "fr"];

/** A registrable domain name such as `acme-tools.io`. */
export function writeDomain(f: Faker): string {
  const word = f.internet
    .domainWord()
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "")
    .replace(/^-+|-+$/g, "");
  return `${word === "" ? "example" : word.slice(0, 40)}.${f.helpers.arrayElement(TLDS)}`;
}

/** A snake_case identifier such as `lookup_order`. */
export function writeIdentifier(f: Faker): string {
  const words = [f.hacker.verb(), f.word.noun()].join("_");
  const identifier = words
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return identifier === "" ? "lookup" : identifier;
}
