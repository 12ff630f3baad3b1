// Counts of capital words worded around the words: "capitalise at least four whole words entirely",
// "fully capitalize no more than two words", "capitalise every letter of three words"; and the count
// with a bound after the words, before the capitals: "Only one word in the reply, at most, may be written
// fully in capitals", "two words max can be in all caps". Read before the count families, which would
// take "at least four whole words" for the text's length or "two words ... at most" for exactly two.
import type { ClauseState } from "../clause-state.js";
import { eachMatch } from "../clause-state.js";
import { compiledPattern } from "../compiled-pattern.js";
import { NUMBER, parseNumber } from "../numbers.js";
import { acceptCapitalWords, boundsOf, COMPARATOR, COUNT, POSTFIX } from "./case-word-count.js";

const WHOLLY = "(?:fully|entirely|completely|wholly|totally)";
const IN_CAPITALS =
  "in (?:all[- ]|full |block )?(?:caps|capitals|capital letters|upper[- ]?case(?: letters)?|block letters)";
/** What says a capitalised word is capitalised through: "whole", "in full", "entirely", "every letter of". */
const THROUGH =
  /\b(?:whole|entire|full|fully|entirely|completely|wholly|totally|every|each|all|caps|capitals|capital|upper[- ]?case)\b/i;
/**
 * "Capitalise at least four whole words entirely", "fully capitalize two words", "capitalise every letter
 * of three words", "capitalize 3 words in full". Bare "capitalise three words" may mean first letters.
 */
const CAPITALISE_COUNT = compiledPattern(
  `\\b(?:${WHOLLY} )?capitali[sz]e (?:(?:every|each|all(?: the)?) letters? (?:of|in) )?${COUNT} (?:[\\p{L}-]{1,20} ){0,2}?words?\\b(?: (?<post2>${POSTFIX}))?(?: (?:${WHOLLY}|in full|all the way|letter by letter|${IN_CAPITALS})\\b)?`,
  "giu",
);
/** After the words: "in the reply", "of your answer". */
const OF_TEXT =
  "(?: (?:in|of|across|throughout) (?:the|your|this|that) (?:(?:entire|whole|full) )?(?:response|answer|reply|text|output|message|piece|flyer|post|email|letter|essay|story|poem))?";
const MAY = "(?:may|can|could|might|is allowed to|are allowed to|is permitted to|are permitted to)";
const MUST = "(?:should|must|shall|will|need to|needs to|has to|have to|is to|are to|ought to)";
/** What the counted words may be: "written fully in capitals", "in all caps", "fully capitalized". */
const CAPITALS = `(?:(?:be|appear|go|stand|show|come) )?(?:(?:written|typed|put|set|spelled|spelt|shown|rendered|printed) )?(?:${WHOLLY} capitali[sz]ed|(?:(?:${WHOLLY}|all) )?(?:${IN_CAPITALS}|(?:all[- ])?(?:upper[- ]?case|caps)))\\b`;
/**
 * "Only one word in the reply, at most, may be written fully in capitals", "two words max can be in all
 * caps", "No more than two words, at most, may be in capitals", "just one word may be fully capitalised".
 */
const COUNT_WORDS_BOUND = compiledPattern(
  `\\b(?:(?<only>only|just) )?(?:(?<cmp>${COMPARATOR}) )?(?<n>${NUMBER}) (?:(?:of the|of your) )?words?${OF_TEXT}(?:(?:, | )(?<post>${POSTFIX})(?:,(?= ))?)? (?:(?<may>${MAY})|${MUST})(?: only)? ${CAPITALS}`,
  "giu",
);

/** A verb of writing right before the count: "Write 100 words in all caps" is a length and a case. */
const WRITING_BEFORE =
  /\b(?:write|compose|produce|generate|give|answer|respond|reply|draft|type)(?: (?:me|it|this|in|with|using|about|around|roughly|approximately|a total of))*\s*$/i;

/** Reads counts of capital words worded around the words (see the top of this file). */
export function recognizeCapitalWordPhrasings(state: ClauseState): void {
  if (!/capitali[sz]|caps|capitals|capital letters|upper[- ]?case|block letters/i.test(state.text)) return;
  eachMatch(state, CAPITALISE_COUNT, (match) => {
    const { n, cmp, post, post2 } = match.groups ?? {};
    // "whole", "entire", "fully", "every letter of", "in full": not a first letter.
    if (!THROUGH.test(match[0])) return;
    const bounds = boundsOf(cmp, post ?? post2, parseNumber(n!)!);
    addCapitalWords(state, match, bounds);
  });
  eachMatch(state, COUNT_WORDS_BOUND, (match) => {
    const { only, n, cmp, post, may } = match.groups ?? {};
    if (WRITING_BEFORE.test(state.text.slice(Math.max(0, match.index - 40), match.index))) return;
    // "Only two words may be in caps" allows up to two; "only two words must be in caps" is two.
    const count = parseNumber(n!)!;
    const bounds =
      only !== undefined && may !== undefined && cmp === undefined && post === undefined
        ? { max: count }
        : boundsOf(cmp, post, count);
    addCapitalWords(state, match, bounds);
  });
}

/** Adds a count of capital words over a match, or rejects it when negated or impossible. */
function addCapitalWords(
  state: ClauseState,
  match: RegExpExecArray,
  bounds: { min?: number; max?: number } | undefined,
): void {
  const start = match.index;
  const end = start + match[0].length;
  let read = bounds;
  // "Don't capitalise more than two whole words" is at most two; other negated counts say too little.
  if (read !== undefined && state.isNegatedBefore(start)) {
    read = read.min !== undefined && read.max === undefined ? { max: read.min - 1 } : undefined;
  }
  if (read === undefined) {
    state.reject(start, end);
    return;
  }
  acceptCapitalWords(state, start, end, read);
}
