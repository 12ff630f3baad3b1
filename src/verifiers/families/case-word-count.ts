// A case said of some words, with how many: "Stress the key safety words by writing them in all caps: at
// least 3 such words", "Put at least four important words in capitals", "write the warning words in
// uppercase, no more than two of them". Which words, a verifier cannot tell; how many words are in
// capitals, it can: the case phrase and its count become a count of capital words. The case family calls
// this where a case phrase is said of a part of the text ("them", "the key words").
import type { CountCheck } from "../check.js";
import type { ClauseState } from "../clause-state.js";
import { compiledPattern } from "../compiled-pattern.js";
import { NUMBER, parseNumber } from "../numbers.js";

const AT_LEAST =
  "at least|at minimum|at the least|no fewer than|no less than|not fewer than|a minimum of|minimum of";
const AT_MOST = "at most|at the most|no more than|not more than|up to|a maximum of|maximum of";
const FEWER = "fewer than|less than|under|below";
const MORE = "more than|over";
const EXACTLY = "exactly|precisely|just";
export const COMPARATOR = `${AT_LEAST}|${AT_MOST}|${FEWER}|${MORE}|${EXACTLY}`;
export const POSTFIX =
  "or more|or fewer|or less|at (?:the )?least|at (?:the )?most|max(?:imum)?|min(?:imum)?";
/** A count of words: "at least 3", "five or more", "no more than two". */
export const COUNT = `(?:(?<cmp>${COMPARATOR}) )?(?<n>${NUMBER})(?: (?<post>${POSTFIX}))?`;
/** What the count after the case phrase counts: "such words", "of them", "words", or nothing. */
const COUNTED_AFTER =
  "(?: (?:such |of (?:them|these|those|the words)|(?:capitali[sz]ed|all[- ]caps|uppercase|capital) )?(?:words?|ones|terms)?)?";
/**
 * The count right after the case phrase: ": at least 3 such words", ", no more than two of them", "(at
 * least 3)", "- aim for five or more". A few linking words may come before it, nothing else.
 */
const COUNT_AFTER = compiledPattern(
  `^ ?(?:[:,;(–—-] ?)?(?:(?:with|using|for|and|aim for|make it|make that|there should be|you need|i want|i need|in total) )?${COUNT}${COUNTED_AFTER}(?: (?<post2>${POSTFIX}))?(?: in (?:total|all))?\\)?(?![\\p{L}\\p{N}])`,
  "iu",
);
/**
 * The count before the case phrase, on the words it is said of: "Stress at least 3 safety words by
 * writing them in all caps", "put no more than two key words in capitals". Up to two words between
 * the count and "words", and no clause boundary between the words and the case phrase.
 */
const COUNT_BEFORE = compiledPattern(
  `\\b${COUNT} (?:[\\p{L}-]{1,20} ){0,2}(?:words?|keywords?)\\b[^.;:!?,\\n\\uE000-\\uE002]{0,60}$`,
  "iu",
);
/** The words the case phrase is said of are words, named before it in the clause. */
const WORDS_NAMED = /\b(?:words?|keywords?)\b/i;
/** How far before the case phrase the words and their count are looked for. */
const WINDOW = 120;

/** The bounds a comparator before the count, or a postfix after it, give; undefined for "fewer than 0". */
export function boundsOf(
  comparator: string | undefined,
  postfix: string | undefined,
  count: number,
): { min?: number; max?: number } | undefined {
  const is = (written: string | undefined, alternatives: string) =>
    written !== undefined && new RegExp(`^(?:${alternatives})$`, "i").test(written);
  if (is(comparator, FEWER)) return count === 0 ? undefined : { max: count - 1 };
  if (is(comparator, AT_MOST) || is(postfix, "or fewer|or less|at (?:the )?most|max(?:imum)?")) {
    return { max: count };
  }
  if (is(comparator, MORE)) return { min: count + 1 };
  if (is(comparator, AT_LEAST) || is(postfix, "or more|at (?:the )?least|min(?:imum)?"))
    return { min: count };
  return { min: count, max: count };
}

/**
 * Reads the count of words a case phrase at `[start, end)` of `text` (the clause as the case pattern saw
 * it) is said of into a count of capital words; whether it found one (and consumed the phrase and count).
 */
export function readCapitalWordCount(state: ClauseState, text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - WINDOW), start);
  if (!WORDS_NAMED.test(before)) return false;
  const after = COUNT_AFTER.exec(text.slice(end));
  const prior = after === null ? COUNT_BEFORE.exec(before) : null;
  const found = after ?? prior;
  if (found === null) return false;
  const { cmp, n, post, post2 } = found.groups ?? {};
  const bounds = boundsOf(cmp, post ?? post2, parseNumber(n!)!);
  const from = prior === null ? start : start - before.length + prior.index;
  // "Don't put the key words in capitals, at least 3" says nothing checkable.
  if (bounds === undefined || state.isNegatedBefore(from)) return false;
  const to = after === null ? end : end + after[0].length;
  acceptCapitalWords(state, from, to, bounds);
  return true;
}

/** Adds the count of words in capitals read from `[from, to)`, and consumes the span. */
export function acceptCapitalWords(
  state: ClauseState,
  from: number,
  to: number,
  bounds: { min?: number; max?: number },
): void {
  const check: CountCheck = {
    kind: "count",
    unit: "capital_words",
    ...bounds,
    source: state.source(from, to),
  };
  state.accept(from, to, check);
}
