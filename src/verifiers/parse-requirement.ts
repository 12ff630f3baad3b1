// Reads a requirement description into checks. The description is split into clauses, each clause is
// read by every family in a fixed order (the more specific first), and what no family understood is
// reported as unchecked, never dropped: "Write up to 3 paragraphs in a friendly tone" gives a count
// check and `unchecked: ["friendly tone"]`. Results are cached by description, because the same few
// requirements are scored against thousands of texts.
import { RESPONSE_LANGUAGES, type ResponseLanguage } from "../domain/index.js";
import type { Check, ParsedRequirement, ParseVerdict } from "./check.js";
import { ClauseState, type Recognizer } from "./clause-state.js";
import { compilePatterns } from "./compiled-pattern.js";
import { describeValue } from "./describe-value.js";
import { recognizeCapitalWordPhrasings } from "./families/capital-word-phrasings.js";
import { recognizeCase } from "./families/case.js";
import { recognizeDates } from "./families/dates.js";
import {
  recognizeAnswerOnly,
  recognizeJson,
  recognizeNoMarkdown,
  recognizePostscript,
  recognizeStructure,
  recognizeTitle,
} from "./families/format.js";
import { recognizeKeywordWishes } from "./families/keyword-wishes.js";
import { recognizeKeywords } from "./families/keywords.js";
import { recognizeLanguage } from "./families/language.js";
import { recognizeLanguageBe } from "./families/language-be.js";
import { recognizeLength, recognizeSpecialCounts } from "./families/length.js";
import { recognizeLetters } from "./families/letters.js";
import { recognizeMoney } from "./families/money.js";
import { recognizeOneOf } from "./families/one-of.js";
import { recognizePunctuation } from "./families/punctuation.js";
import { readWholeDescription, recognizeParagraphStart } from "./families/sections.js";
import { recognizeSpecialCountPhrasings } from "./families/special-count-phrasings.js";
import { recognizeQuoted, recognizeStartEnd } from "./families/start-end.js";
import { createLruCache } from "./lru-cache.js";
import { registerCache } from "./memo.js";
import { restoreQuotes, splitClauses } from "./split-clauses.js";
import { markTrusted } from "./trusted.js";

/** Options of {@link parseRequirement}. */
export interface ParseRequirementOptions {
  /**
   * Maestro's `response_language` of the request, so that "Respond in the requested language" can be
   * checked; without it (or with `unset`) that phrase is left unchecked.
   */
  responseLanguage?: ResponseLanguage;
}

// Order matters: a family consumes what it reads, so the specific phrasings come before the general
// ones ("exactly 5 bullet points" is a count before "bullet points" is a format; "Start with 'Dear'" is
// a start rule before "'Dear'" could be a keyword; "Don't use markdown headers" is about headers).
const RECOGNIZERS: readonly Recognizer[] = [
  recognizeJson,
  recognizeTitle,
  recognizePostscript,
  recognizeQuoted,
  recognizeOneOf,
  recognizeParagraphStart,
  recognizeStartEnd,
  recognizeLetters,
  recognizePunctuation,
  recognizeCapitalWordPhrasings,
  recognizeSpecialCounts,
  recognizeSpecialCountPhrasings,
  recognizeCase,
  recognizeDates,
  recognizeMoney,
  recognizeLength,
  recognizeAnswerOnly,
  recognizeStructure,
  recognizeNoMarkdown,
  recognizeLanguage,
  recognizeLanguageBe,
  recognizeKeywordWishes,
  recognizeKeywords,
];

// Words that carry no requirement of their own once the families have read a clause ("Please make sure
// your entire response is ... "). Anything else left over is reported as unchecked.
const FILLER = new Set(
  `a an the please your you you're yours it its it's this that these those response responses answer answers
  reply replies output outputs text texts message messages content result results entire entirely whole all
  overall full fully complete completely make makes sure ensure be is are was were been being should must shall
  will would need needs to has have had do does did don't dont doesn't can could may might also and or but then
  so in into of with for on at by as only always strictly just exactly properly correctly write writes written
  writing respond responds responding reply replying answering give giving provide providing use uses using used
  keep keeping stay remain limit format formatted formatting follow follows following return returns returning
  final total here there every end ending start starting begin beginning finish include including contain
  containing have having not no never avoid avoiding without refrain from any wrap wrapped whole thing me my our
  we us i i'd i'm let lets generate create produce compose draft put make sure when where while if than per time times
  same like such following below above throughout anywhere everything each should forget fail neglect instead
  rather essay email letter story poem summary article blog post note tweet report recipe description caption review speech somewhere exclude excluding omit
  omitting skip form length thanks thank kindly ok okay explicitly clearly within list present translate translated summarize summarise organise organize really steps step emphasis allowed permitted template add adds offer divide split leave try tries trying want wants hi hello hey cheers
  important essential crucial vital bio run runs which`.split(/\s+/),
);
const TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}]+)*|\uE000\d+\uE001/gu;

const cache = createLruCache<string, ParsedRequirement>(1000);
registerCache(cache);

/**
 * Reads a requirement description into checks, or says it is not verifiable.
 *
 * @example
 * parseRequirement("Write up to 3 paragraphs and don't mention the CEO").checks
 * // [{ kind: "count", unit: "paragraphs", max: 3, ... }, { kind: "keywords", keywords: ["CEO"], max: 0, ... }]
 */
export function parseRequirement(
  description: string,
  options: ParseRequirementOptions = {},
): ParsedRequirement {
  if (typeof description !== "string") {
    throw new TypeError(`parseRequirement: description must be a string, got ${describeValue(description)}`);
  }
  const responseLanguage = readResponseLanguage("parseRequirement", options);
  const key = `${responseLanguage ?? ""}\u0000${description}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  // Every family's patterns are tried on every description: compiled together the first time.
  compilePatterns();
  const parsed = deepFreeze(readDescription(description, responseLanguage));
  markTrusted(parsed);
  cache.set(key, parsed);
  return parsed;
}

/** Validates `options.responseLanguage` for `caller`; undefined for `unset` or absent. */
export function readResponseLanguage(
  caller: string,
  options: { responseLanguage?: unknown } | undefined,
): ResponseLanguage | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${caller}: options must be an object, got ${describeValue(options)}`);
  }
  const language = options.responseLanguage;
  if (language === undefined) return undefined;
  if (typeof language !== "string" || !RESPONSE_LANGUAGES.includes(language as ResponseLanguage)) {
    throw new RangeError(
      `${caller}: options.responseLanguage must be one of ${RESPONSE_LANGUAGES.join(", ")}, got ${JSON.stringify(language) ?? String(language)}`,
    );
  }
  return language === "unset" ? undefined : (language as ResponseLanguage);
}

function readDescription(
  description: string,
  responseLanguage: ResponseLanguage | undefined,
): ParsedRequirement {
  const whole = readWholeDescription(description);
  const { clauses, quotes } = splitClauses(whole.rest);
  const context = { quotes, responseLanguage, clauses };
  const checks: Check[] = [...whole.checks];
  const seen = new Set<string>();
  const unchecked: string[] = [];
  for (const clause of clauses) {
    const state = new ClauseState(clause, context);
    for (const recognize of RECOGNIZERS) recognize(state);
    for (const check of state.orderedChecks()) {
      const { source: _source, ...identity } = check;
      const key = JSON.stringify(identity);
      if (seen.has(key)) continue;
      seen.add(key);
      checks.push(check);
    }
    const leftover = findLeftover(state.text);
    if (state.checks.length === 0) {
      // Nothing in the clause was checkable: report it whole, as written, rather than in pieces.
      if (leftover.length > 0 || state.unsupported.length > 0) unchecked.push(restoreQuotes(clause, quotes));
      continue;
    }
    unchecked.push(...state.unsupported, ...leftover.map((fragment) => restoreQuotes(fragment, quotes)));
  }
  if (whole.divider !== undefined) applyDivider(checks, unchecked, whole.divider, whole.dividerSource ?? "");
  // A description none of whose words a family could read is reported whole, filler words and all.
  if (checks.length === 0 && unchecked.length === 0) {
    unchecked.push(
      ...clauses
        .filter((clause) => /[\p{L}\p{N}]/u.test(clause))
        .map((clause) => restoreQuotes(clause, quotes)),
    );
  }
  const verdict: ParseVerdict =
    checks.length === 0 ? "unverifiable" : unchecked.length > 0 ? "partially_verifiable" : "verifiable";
  return { description, verdict, checks, unchecked, reason: describeParse(description, checks, unchecked) };
}

/**
 * Gives the divider the description names ("Paragraphs are separated with ***") to its paragraph checks;
 * a divider with no paragraph rule to apply to is reported as not checked.
 */
function applyDivider(checks: Check[], unchecked: string[], divider: string, source: string): void {
  let applied = false;
  checks.forEach((check, index) => {
    if ((check.kind === "count" && check.unit === "paragraphs") || check.kind === "paragraph_start") {
      checks[index] = { ...check, divider, source: `${check.source}; ${source}` };
      applied = true;
    }
  });
  if (!applied) unchecked.push(source);
}

/** The parts of a clause left after every family read it that still hold a content word. */
function findLeftover(text: string): string[] {
  const fragments: string[] = [];
  for (const fragment of text.split(/\uE002+/)) {
    const tokens = [...fragment.matchAll(TOKEN)].filter((token) => !FILLER.has(token[0].toLowerCase()));
    if (tokens.length === 0) continue;
    const first = tokens[0]!;
    const last = tokens.at(-1)!;
    fragments.push(fragment.slice(first.index, last.index + last[0].length));
  }
  return fragments;
}

function describeParse(description: string, checks: readonly Check[], unchecked: readonly string[]): string {
  const quoted = unchecked.map((fragment) => `"${fragment}"`).join(", ");
  if (checks.length === 0) {
    if (description.trim() === "") return "the description is empty; nothing to check";
    return `no verifier understands ${quoted}`;
  }
  const count = `${checks.length} check${checks.length === 1 ? "" : "s"} (${checks.map((check) => check.kind).join(", ")})`;
  return unchecked.length === 0 ? count : `${count}; not checked: ${quoted}`;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Whether `description` (for `options`' response language) is parsed already: reading it compiles nothing. */
export function isParsed(description: string, options: ParseRequirementOptions = {}): boolean {
  const responseLanguage = readResponseLanguage("isParsed", options);
  return cache.has(`${responseLanguage ?? ""}\u0000${description}`);
}

/** A parse in the cache: the description, the response language it was read for, and what it gave. */
export interface CachedParse {
  description: string;
  responseLanguage: ResponseLanguage | undefined;
  parsed: ParsedRequirement;
}

/** The parses in the cache, the least recently used first: what a later process of this build may adopt. */
export function cachedParses(): CachedParse[] {
  return cache.entries().map(([key, parsed]) => {
    const language = key.slice(0, key.indexOf("\u0000"));
    return {
      description: parsed.description,
      responseLanguage: language === "" ? undefined : (language as ResponseLanguage),
      parsed,
    };
  });
}

/**
 * Puts a parse an earlier process of this same build made into the cache, as if made here: frozen, and
 * trusted by `verify`. The caller has checked it (verifiers/parse-memory.ts); a description read again
 * later is then answered from the cache, without compiling the patterns.
 */
export function adoptParse(entry: CachedParse): void {
  const parsed = deepFreeze(entry.parsed);
  markTrusted(parsed);
  cache.set(`${entry.responseLanguage ?? ""}\u0000${entry.description}`, parsed);
}

/** Empties the cache of parsed descriptions; for benchmarks and tests that measure parsing itself. */
export function clearParseCache(): void {
  cache.clear();
}
