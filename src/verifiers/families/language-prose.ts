// When a short Latin-script text without a common word of the listed languages (language-words.ts lists
// only some) may still be read by its trigrams: when it is prose, not names or a heading, and franc reads
// it clearly as one language. "Välkommen till vårt hotell! Vi hoppas att ni trivs här." is Swedish, and
// fails "in Finnish"; "PIXEL PRODIGY, CODE CONSTRUCT" and a list of nouns stay undecided.
import type { francAll as FrancAll } from "franc";

/** The fewest words a short text needs to be read as prose. */
const MIN_PROSE_WORDS = 8;
/** The highest score the runner-up may have for the best language to be clear (franc's best scores 1). */
const CLEAR_MARGIN = 0.85;
/** A word ending a sentence: a letter, then ".", "!" or "?" before a space or the end. */
const SENTENCE_END = /\p{L}[.!?]+(?:\s|$)/u;
const WORD = /\p{L}[\p{L}\p{M}'’-]*/gu;

/**
 * Whether `sample` is prose franc reads clearly as one language: eight words at least, a sentence end,
 * most words starting in lowercase (names and headings start in capitals), and the runner-up language
 * scoring well below the best among `candidates`, as `francAll` (the detector language.ts loads) scores them.
 */
export function isClearProse(
  sample: string,
  candidates: readonly string[],
  francAll: typeof FrancAll,
): boolean {
  const words = sample.match(WORD) ?? [];
  if (words.length < MIN_PROSE_WORDS || !SENTENCE_END.test(sample)) return false;
  const lower = words.filter((word) => /^\p{Ll}/u.test(word)).length;
  if (lower * 2 <= words.length) return false;
  const scores = francAll(sample, { only: [...candidates], minLength: 1 });
  return scores[0]![0] !== "und" && (scores[1]?.[1] ?? 0) <= CLEAR_MARGIN;
}
