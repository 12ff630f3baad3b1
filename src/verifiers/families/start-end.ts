// Start and end: "Start with 'Dear'", "Begin your answer with the word Yes", "End with the phrase 'Is there
// anything else?'", "End with a question", "Wrap the whole response in double quotes". The target must be
// quoted, introduced as a word or phrase ("the word yes"), or a single Capitalised word: "start with a
// summary" names a kind of content, not words, and is left unchecked.
import type { EndsWithCheck, QuotedCheck, StartsWithCheck } from "../check.js";
import { type ClauseState, eachMatch, QUOTE } from "../clause-state.js";
import type { TextFacts } from "../text-facts.js";
import type { FamilyScore } from "./family-score.js";

const OBJECT =
  "(?: (?:your|the|this|its|each|every|my|our))?(?: (?:entire|whole|full|complete|first|final|last))? ?(?:response|answer|reply|email|letter|text|message|output|essay|story|note|paragraph|sentence|line|bullet|item|list|poem|post|summary|it)s?";
const MARKER =
  "(?:(?:the|this|that|a|an) (?:exact |following |same )?(?:word|phrase|greeting|line|sentence|text|salutation|words|question(?! mark\\b)|string|signature|sign-off|closing|note)(?: of)?:? )";
const TARGET = `(?:${MARKER}(${QUOTE}|[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*)|(${QUOTE})|(an? question(?: mark)?|an? exclamation(?: mark| point)?|[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*))`;
const QUOTED_WRAP =
  /\b(?:wrap|enclose|surround|put|place|encase|present|format)(?:s|d|ped|ing|ed)?\b(?: (?:your|the|this|its))?(?: (?:entire|whole|full|complete))? ?(?:response|answer|output|reply|text|message|it|everything)?(?: (?:must|should) be (?:wrapped|enclosed|surrounded|placed|put))? (?:in|with|within|inside|between|by)(?: a pair of)? double[- ]?(?:quotation marks|quotes|quote marks|quotation)\b/gi;
const QUOTED_PASSIVE =
  /\b(?:the |your )?(?:entire |whole |full )?(?:response|answer|output|reply)(?: (?:must|should|has to|needs to)) be (?:wrapped|enclosed|surrounded|placed|put) (?:in|with|within|inside|between|by)(?: a pair of)? double[- ]?(?:quotation marks|quotes|quote marks|quotation)\b/gi;
const STARTS = new RegExp(
  `\\b(?:start|begin|open|lead|preface|commence)(?:s|ed|ing)?\\b(${OBJECT})? (?:with|by saying|by writing) ${TARGET}`,
  "giu",
);
const ENDS = new RegExp(
  `\\b(?:end|finish|conclude|close|terminate|wrap up|sign off)(?:s|ed|ing)?\\b(${OBJECT})? (?:with|by saying|by writing) ${TARGET}`,
  "giu",
);
const FIRST_WORD = new RegExp(
  `\\b(?:the|your) (?:first|opening) (?:word|words|line|sentence) (?:of (?:the|your) (?:response|answer|reply) )?(?:must|should|has to|needs to|will) be:? ${TARGET}`,
  "giu",
);
const LAST_WORD = new RegExp(
  `\\b(?:the|your) (?:last|final|closing) (?:word|words|line|sentence) (?:of (?:the|your) (?:response|answer|reply) )?(?:must|should|has to|needs to|will) be:? ${TARGET}`,
  "giu",
);
const IMPLIED =
  /\b(?:no other words should follow(?: (?:this|that|the) (?:phrase|word|sentence))?|(?:and )?nothing (?:else )?(?:after (?:it|that|this)|should follow(?: it| that| this)?)|(?:do not|don't) (?:add|write) anything (?:after|before) (?:it|that|this))\b/gi;
const ARTICLE = /^(?:a|an|the|some|any|your|my|our|this|that)$/i;
const PER_UNIT = /\b(?:each|every|paragraph|sentence|line|bullet|item)\b/i;

/** Reads "Wrap the whole response in double quotes" into a quoted check. */
export function recognizeQuoted(state: ClauseState): void {
  for (const pattern of [QUOTED_PASSIVE, QUOTED_WRAP]) {
    eachMatch(state, pattern, (match) => {
      const start = match.index;
      const end = start + match[0].length;
      if (state.isNegatedBefore(start)) state.reject(start, end);
      else
        state.accept(start, end, { kind: "quoted", source: state.source(start, end) } satisfies QuotedCheck);
    });
  }
}

/** Reads start and end phrasings into starts-with and ends-with checks. */
export function recognizeStartEnd(state: ClauseState): void {
  for (const [pattern, kind, hasObject] of [
    [STARTS, "starts_with", true],
    [ENDS, "ends_with", true],
    [FIRST_WORD, "starts_with", false],
    [LAST_WORD, "ends_with", false],
  ] as const) {
    eachMatch(state, pattern, (match) => {
      const start = match.index;
      const end = start + match[0].length;
      const offset = hasObject ? 1 : 0;
      const object = hasObject ? (match[1] ?? "") : "";
      const marked = match[offset + 1];
      const markedQuote = match[offset + 2];
      const quote = match[offset + 4];
      const bare = match[offset + 5];
      let phrase: string | undefined;
      if (markedQuote !== undefined) phrase = state.quote(markedQuote);
      else if (marked !== undefined) phrase = marked;
      else if (quote !== undefined) phrase = state.quote(quote);
      else if (bare !== undefined) {
        if (/^an? question/i.test(bare)) phrase = kind === "ends_with" ? "?" : undefined;
        else if (/^an? exclamation/i.test(bare)) phrase = kind === "ends_with" ? "!" : undefined;
        else if (!ARTICLE.test(bare) && /^\p{Lu}/u.test(bare)) phrase = bare;
      }
      // "Each paragraph should start with..." is a per-unit rule, and negations say what not to do.
      const perUnit =
        (PER_UNIT.test(object) && !/\b(?:first|last|final)\b/i.test(object)) ||
        /\b(?:each|every|per)\b/i.test(state.original.slice(0, start));
      if (phrase === undefined || phrase.trim() === "" || perUnit || state.isNegatedBefore(start)) {
        state.reject(start, end);
        return;
      }
      const check: StartsWithCheck | EndsWithCheck = { kind, phrase, source: state.source(start, end) };
      state.accept(start, end, check);
    });
  }
  eachMatch(state, IMPLIED, (match) => state.consume(match.index, match.index + match[0].length));
}

function isWordCode(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

/** Shows at most `length` characters of `text` for a reason, marking what was cut. */
export function quoteExcerpt(text: string, length: number, fromEnd = false): string {
  const flat = text.replace(/\s+/g, " ");
  if (flat.length <= length) return `"${flat}"`;
  return fromEnd ? `"...${flat.slice(-length)}"` : `"${flat.slice(0, length)}..."`;
}

/** Scores a starts-with check: 1 when the trimmed text starts with the phrase (case-insensitive, whole word). */
export function scoreStartsWith(check: StartsWithCheck, facts: TextFacts): FamilyScore {
  const text = facts.text.trimStart();
  const phrase = check.phrase.trim();
  const head = text.slice(0, phrase.length);
  const ok =
    head.toLowerCase() === phrase.toLowerCase() &&
    !(isWordCode(phrase.at(-1)) && isWordCode(text.charAt(phrase.length)));
  const found = `text starts with ${quoteExcerpt(text, Math.max(phrase.length, 12) + 8)}`;
  return { score: ok ? 1 : 0, reason: `${found}; must start with "${phrase}"` };
}

/**
 * Scores an ends-with check: 1 when the trimmed text ends with the phrase (case-insensitive, whole word).
 * A phrase ending in a letter or digit may be followed by one closing ".", "!" or "?".
 */
export function scoreEndsWith(check: EndsWithCheck, facts: TextFacts): FamilyScore {
  let text = facts.text.trimEnd();
  const phrase = check.phrase.trim();
  if (isWordCode(phrase.at(-1)) && /[.!?]$/.test(text)) text = text.slice(0, -1);
  const tail = text.slice(text.length - phrase.length);
  const before = text.charAt(text.length - phrase.length - 1);
  const ok =
    text.length >= phrase.length &&
    tail.toLowerCase() === phrase.toLowerCase() &&
    !(isWordCode(phrase.charAt(0)) && isWordCode(before));
  const found = `text ends with ${quoteExcerpt(facts.text.trimEnd(), Math.max(phrase.length, 12) + 8, true)}`;
  return { score: ok ? 1 : 0, reason: `${found}; must end with "${phrase}"` };
}

/** Scores a quoted check: 1 when the trimmed text starts and ends with a double quotation mark. */
export function scoreQuoted(_check: QuotedCheck, facts: TextFacts): FamilyScore {
  const text = facts.trimmed;
  const opens = text.startsWith('"') || text.startsWith("“");
  const closes = text.length >= 2 && (text.endsWith('"') || text.endsWith("”"));
  if (opens && closes) return { score: 1, reason: "the text is wrapped in double quotes" };
  const missing = !opens && !closes ? "neither starts nor ends" : !opens ? "does not start" : "does not end";
  return {
    score: 0,
    reason: `the text ${missing} with a double quote; the whole response must be wrapped in double quotes`,
  };
}
