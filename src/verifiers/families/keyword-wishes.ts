// Keyword rules said other than with a verb and a list (keywords.ts): a forbidden list after "without"
// ("Write the bio without the words 'passionate' or 'ninja'"), a wish ("I don't want to see the word
// 'moreover'", "I want 'harvest' in there precisely three times", "I'd like to see 'x' twice"), and a
// ceiling on a word's use ("Please don't overuse 'journey': one occurrence at most", "Go easy on 'synergy',
// twice at most", "Limit 'basically' to one use"). Only quoted words are read: "without using too many
// words" and "don't overuse adjectives" name no keyword. "Don't overuse 'x'" with no count is a judgement,
// reported as not checked: overusing is not a ban.
import { type ClauseState, CONSUMED, eachMatch, QUOTE } from "../clause-state.js";
import { compiledPattern } from "../compiled-pattern.js";
import { type Range, readWholeFrequency } from "./keyword-frequencies.js";
import { addKeywords } from "./keywords.js";

/** One or more quoted words: "'a'", "'a', 'b' and 'c'", "'a' or 'b'". */
const QUOTED_LIST = `((?:${QUOTE})(?:(?:,| and| or| nor)+ ?${QUOTE}){0,30})`;
const NOUN =
  "(?:(?:the|any|these|those|following) )?(?:(?:key ?)?(?:words?|terms?|phrases?|keywords?|expressions?) )";

/** "without the words 'x' or 'y'", "without using the term 'x'", "without 'x'": each must not appear. */
const WITHOUT = compiledPattern(
  `\\bwithout (?:(?:using|saying|writing|mentioning|including|any use of|the use of) )?(?:${NOUN}(?:(?:like|such as) )?:? ?)?${QUOTED_LIST}`,
  "giu",
);
/** Where the wished-for words go: "in there", "in your essay", "to appear", "used". */
const PLACE =
  "(?: (?:in there|in it|in (?:the|your|this|my) (?:(?:final|whole|entire|finished|full|complete) )?\\p{L}{1,20}|anywhere|somewhere|to (?:appear|show up|be (?:used|included|mentioned))|used|included|mentioned))?";
/**
 * "I (don't) want to see the word 'x'", "I want 'x' in there three times", "I'd like 'x' to appear twice":
 * a wish for (or against) quoted words, read only when nothing or a frequency follows.
 */
const WISH = compiledPattern(
  `\\b(?:want|wants|wish|expect|need|like|love|hope) (?:to (?:see|read|find|spot|encounter|have|get) )?${NOUN}?${QUOTED_LIST}${PLACE}`,
  "giu",
);
/** Verbs of fitting words into a text: "get", "work", "slip", "squeeze", "sneak", "weave", "fit". */
const FIT_VERB =
  "(?:get|gets|getting|work|works|working|slip|slips|slipping|squeeze|squeezes|squeezing|sneak|sneaks|sneaking|weave|weaves|weaving|fit|fits|fitting)";
/** Where fitted words go after "in": "in there", "into the story", "in somewhere", "in your reply". */
const FIT_PLACE =
  "(?: (?:there|it|somewhere|anywhere|(?:the|your|this|my) (?:(?:final|whole|entire|finished|full|complete) )?\\p{L}{1,20}))?(?: somewhere| anywhere)?";
/**
 * "Get the word 'x' in there", "work 'x' into the story", "slip in 'x'", "squeeze 'x' in somewhere": the
 * quoted words must appear. Read only with "in"/"into" and when nothing or a frequency follows ("get
 * the word out" and "get in there" quote nothing).
 */
const FIT_IN = compiledPattern(
  `\\b${FIT_VERB} (?:(?:in|into) ${NOUN}?${QUOTED_LIST}|${NOUN}?${QUOTED_LIST} (?:in|into)\\b${FIT_PLACE})`,
  "giu",
);
/** "don't overuse 'x'", "go easy on the word 'x'", "limit 'x' to": the count that follows is a ceiling. */
const CEILING = compiledPattern(
  `\\b(?:over-?us(?:e|ing)|overdo(?:ing)?|go(?:ing)? (?:easy|light) on|be sparing with|lean(?:ing)? (?:too )?(?:hard|heavily|much) on|limit(?:ing)?|cap(?:ping)?|ration(?:ing)?|restrict(?:ing)?) (?:(?:your |the )?use of )?${NOUN}?${QUOTED_LIST}(?: to\\b)?`,
  "giu",
);

/** The quoted words of a matched list, as keywords; alternatives ("'x' or 'y'") are marked as a choice. */
function quotedItems(
  state: ClauseState,
  list: string,
): { keyword: string; quoted: boolean; choice?: boolean }[] {
  const choice = /\b(?:or|either)\b/i.test(list.replace(/\uE000\d+\uE001/g, " "));
  return [...list.matchAll(/\uE000(\d+)\uE001/g)].map((quote) => ({
    keyword: state.quote(quote[1]),
    quoted: true,
    ...(choice ? { choice } : {}),
  }));
}

/** Nothing but punctuation and courtesies ("at all", "please") is left. */
const NOTHING_LEFT = /^[\s,.;:!]*(?:(?:at all|whatsoever|anywhere|ever|please)[\s,.;:!]*){0,4}$/i;

/** The most characters a frequency and its courtesies take ("at least two times but fewer than five..."). */
const REST_CHARS = 200;

/**
 * What is left of the clause after `end`, up to what a family has already read; undefined when that is
 * longer than any frequency (looked at near `end` only, so that many matches in a long clause stay linear).
 */
function restAfter(match: RegExpExecArray, end: number): { text: string; stop: number } | undefined {
  // The text as the match saw it: reading `state.text` after a match consumed would rewrite the clause.
  const near = match.input.slice(end, end + REST_CHARS + 1);
  const stop = near.indexOf(CONSUMED);
  const text = stop === -1 ? near : near.slice(0, stop);
  if (text.length > REST_CHARS) return undefined;
  return { text, stop: end + text.length };
}

/** Reads keyword rules said with "without", as a wish or as a ceiling. */
export function recognizeKeywordWishes(state: ClauseState): void {
  eachMatch(state, WITHOUT, (match) => {
    const end = match.index + match[0].length;
    const items = quotedItems(state, match[1]!);
    // "without" is the negation; one before it ("not without 'x'") cancels it.
    addKeywords(state, match.index, end, items, !state.isNegatedBefore(match.index), true);
  });
  for (const pattern of [WISH, FIT_IN]) {
    eachMatch(state, pattern, (match) => {
      const end = match.index + match[0].length;
      const rest = restAfter(match, end);
      if (rest === undefined) return;
      const said = NOTHING_LEFT.test(rest.text) ? undefined : readWholeFrequency(rest.text);
      if (said === undefined && !NOTHING_LEFT.test(rest.text)) return;
      const negated = state.isNegatedBefore(match.index);
      const list = match.slice(1).find((group) => group !== undefined)!;
      const items = quotedItems(state, list).map((item) =>
        said === undefined ? item : { ...item, frequency: said.range },
      );
      addKeywords(state, match.index, said === undefined ? end : rest.stop, items, negated, true);
    });
  }
  eachMatch(state, CEILING, (match) => {
    const end = match.index + match[0].length;
    const rest = restAfter(match, end) ?? { text: "", stop: end };
    const said = readWholeFrequency(rest.text);
    // A bare count after a ceiling is the most allowed ("limit 'x' to two uses").
    const range: Range | undefined =
      said?.bare === true && said.range.min !== undefined ? { max: said.range.min } : said?.range;
    // "Don't overuse 'x'" alone says no count; "use 'x' at least twice" is no ceiling.
    if (range === undefined || range.max === undefined) {
      state.reject(match.index, rest.stop);
      return;
    }
    const items = quotedItems(state, match[1]!).map((item) => ({ ...item, frequency: range }));
    addKeywords(state, match.index, rest.stop, items, false, true);
  });
}
