// Case: "all lowercase", "no capital letters", "all capital letters", "in all caps". Scoring is all or
// nothing, and the reason counts the letters in the wrong case and shows the first one. Letters without
// case (Arabic, Hebrew, CJK, digits) are ignored, so a text with no cased letters passes.
import type { CaseCheck } from "../check.js";
import { type ClauseState, eachMatch } from "../clause-state.js";
import { compiledPattern } from "../compiled-pattern.js";
import type { TextFacts } from "../text-facts.js";
import { readCapitalWordCount } from "./case-word-count.js";
import type { FamilyScore } from "./family-score.js";

/** The whole text named after "throughout": "throughout the reply", "throughout your entire answer". */
const WHOLE_AFTER =
  "(?: (?:the|your) (?:(?:entire|whole|full) )?(?:response|answer|reply|text|output|message|banner|piece))?";
const QUALIFIER =
  "(?:all|entirely|completely|only|fully|exclusively|strictly|in|using|with|written in|wholly)";
const LOWER_WORDS = "(?:lower[- ]?case|small letters|small caps)";
const UPPER_WORDS = "(?:upper[- ]?case|capital letters|capitals|caps|block (?:letters|capitals)|all[- ]caps)";
const CASED_LETTERS = "(?:capital|capitalized|capitalised|uppercase|upper[- ]case)";
/**
 * What says none of some letters: "no", "without any", "not a single", "free of any", "don't use any".
 * ("Keep the reply free of uppercase letters whatsoever" has no capital letter.)
 */
const NONE_OF =
  "(?:no|zero|not (?:a single|one|any)|without(?: any| a single| one)?|free (?:of|from)(?: any| all)?|(?:don't|do not|does not|doesn't|never|must not|mustn't|should not|shouldn't|shall not|may not|cannot|can't|will not|won't)(?: (?:use|contain|include|have|feature|show|hold))?(?: any| a single| one)?)";
/** What may stress a "none" after the letters: "whatsoever", "at all", "of any kind", "anywhere". */
const AT_ALL = "(?: (?:whatsoever|at all|of any kind|anywhere))?";

const LOWER = compiledPattern(
  [
    `\\b(?:${QUALIFIER} )*${LOWER_WORDS}(?: (?:letters|characters|only|text))*\\b`,
    `\\b${NONE_OF} ${CASED_LETTERS} (?:letters?|characters?|chars?)\\b${AT_ALL}(?: (?:are |is )?(?:allowed|permitted))?`,
    // "Keep the reply free of capitals", "free from caps of any kind".
    `\\bfree (?:of|from)(?: any| all)? (?:capitals|caps)\\b${AT_ALL}`,
    `\\b(?:don't|do not|never) capitali[sz]e (?:anything|any (?:words?|letters?))\\b`,
  ].join("|"),
  "gi",
);
// "No lowercase letters anywhere in the reply": read before LOWER, which would take "lowercase letters".
const NO_LOWER = compiledPattern(
  `\\b${NONE_OF} (?:lower[- ]?case|small) (?:letters?|characters?|chars?)\\b${AT_ALL}`,
  "gi",
);
const UPPER = compiledPattern(
  [
    `\\b(?:${QUALIFIER} )+${UPPER_WORDS}(?: (?:letters|characters|only|text))*\\b`,
    `\\b${UPPER_WORDS}(?: letters)? only\\b`,
    // "English, upper case throughout", "capital letters everywhere", "caps from start to finish": said
    // of the whole text, unless a part follows ("capitals throughout the headings", "for names").
    `\\b${UPPER_WORDS}(?: (?:letters|characters))? (?:throughout|everywhere|from (?:start|beginning) to (?:finish|end)|all the way through|across the board)${WHOLE_AFTER}(?! (?:for|on|at|in|of|when|where|with|the|your|each|every|all)\\b)`,
    // "Use capital letters for everything", "upper case for the whole thing", "capitals for all of it": the
    // whole text, not "for names" or "for everything in the title".
    `\\b${UPPER_WORDS}(?: (?:letters|characters))? for (?:everything|the (?:whole|entire) thing|all of it|it all|(?:the|your) (?:entire|whole|full|complete) (?:response|answer|reply|text|output|message))(?! (?:in|inside|within|under|of|on|at|except|but|apart|other)\\b)`,
    `\\ball[- ]caps\\b`,
    `\\bcapitali[sz]e (?:the (?:entire|whole) (?:response|answer|text|reply|output)|everything|all (?:letters|words|of it))\\b`,
    // "with every letter capitalized", "all characters in uppercase", "keep every single letter uppercase",
    // "make every letter a capital".
    `\\b(?:every|each|all(?: the)?)(?: single)? (?:letters?|characters?) (?:(?:is|are|must be|should be|stays?|remains?) )?(?:capitali[sz]ed|in ${UPPER_WORDS}|${UPPER_WORDS}|an? (?:capital|uppercase)(?: letter)?)\\b`,
  ].join("|"),
  "gi",
);

// Bare "uppercase" names a case for the whole text only when said of it: "Make the whole response
// uppercase", "Your reply must be upper-case", "an uppercase answer", "uppercase English text" (the
// language is left to its family). Alone it may be about some words ("use uppercase for acronyms").
const WHOLE_TEXT =
  "(?:it|everything|all of it|(?:the|your) (?:(?:entire|whole|full|complete) )?(?:response|answer|reply|text|output|message))";
const BARE_UPPER = "(?:all[- ])?upper[- ]?case(?:d)?";
const TEXT_NOUN = "(?:text|response|answer|reply|output|prose|writing|message)";
const WHOLE_UPPER = compiledPattern(
  [
    `\\b(?:make|keep|have|render|turn|set|leave|convert)(?:s|ing)? ${WHOLE_TEXT} (?:(?:all|entirely|completely|fully|wholly) )?(?:into )?${BARE_UPPER}\\b`,
    `\\b${WHOLE_TEXT} (?:(?:must|should|shall|has to|needs to|will|is to) be|is|are) (?:(?:all|entirely|completely|fully|wholly) )?${BARE_UPPER}\\b`,
    // The noun is looked at, not consumed: "uppercase English text" leaves "English text" to the language family.
    `\\b${BARE_UPPER}(?= (?:[\\p{L}]{1,20} )?${TEXT_NOUN}\\b)`,
  ].join("|"),
  "giu",
);

/** Parts of a text a case may be asked of, in place of the whole text. */
const PART_NOUN =
  "(?:terms?|names?|titles?|headings?|headers?|subheadings?|keywords?|key ?words|phrases?|warnings?|labels?|acronyms?|abbreviations?|nouns?|verbs?|items?|points?|sections?|entries|entry|brands?|products?|steps?)";
/**
 * What comes right before a case phrase when it is said of a part: a pronoun for things named before
 * ("writing them in all caps"), a part of the text ("the title in", "each heading in"), or some words
 * ("the important words in", "the most urgent words in", "3 words in", "key terms in").
 */
const PART_BEFORE = new RegExp(
  `\\b(?:them|these|those|(?:[\\p{L}-]+ ){0,3}${PART_NOUN}|(?:key|important|main|critical|crucial|safety|technical|certain|some|specific|few|such)(?: [\\p{L}-]+)? words?|the (?!(?:entire|whole|full|complete|other)\\b)(?:[\\p{L}-]+ ){1,3}words?)(?: (?:written|typed|set|put|shown|formatted))? $`,
  "iu",
);

/**
 * A case talked about, not asked for: "Explain what all caps means", "why writing in capitals reads as
 * shouting", "the history of lowercase". Tested on the words right before and right after the phrase.
 */
const MENTION_BEFORE =
  /\b(?:what|why|how|whether|explain|explaining|define|defining|describe|describing|discuss|discussing|about|meaning of|history of|use of|origin of)(?: (?:writing|typing|using|is|are))? $/i;
const MENTION_AFTER =
  /^ (?:means?|meant|stands? for|signals?|signifies|conveys|indicates|reads as|looks like)\b/i;

/** Reads case phrasings in a clause into case checks. */
export function recognizeCase(state: ClauseState): void {
  for (const [pattern, letterCase] of [
    [NO_LOWER, "upper"],
    [LOWER, "lower"],
    [UPPER, "upper"],
    [WHOLE_UPPER, "upper"],
  ] as const) {
    eachMatch(state, pattern, (match) => {
      const start = match.index;
      const end = start + match[0].length;
      // The text as the match saw it: reading `state.text` here would rewrite the clause at each match.
      const text = match.input;
      if (
        MENTION_BEFORE.test(text.slice(Math.max(0, start - 40), start)) ||
        MENTION_AFTER.test(text.slice(end))
      ) {
        return;
      }
      // "Write the title in all caps", "writing them in capitals": a case for a part of the text (which
      // part, a case rule cannot tell), not for all of it; said of a number of words, a count of capital
      // words ("the key words in all caps: at least 3 such words", "no more than two words ... in caps").
      const ofPart = PART_BEFORE.test(text.slice(Math.max(0, start - 60), start));
      if (ofPart && letterCase === "upper" && readCapitalWordCount(state, text, start, end)) return;
      // "Don't write in all caps" does not say which case to use instead.
      const negatedInside =
        /^(?:no|zero|not|free|without|don't|do not|does not|doesn't|never|must not|mustn't|should not|shouldn't|shall not|may not|cannot|can't|will not|won't)\b/i.test(
          match[0],
        );
      if (ofPart || (!negatedInside && state.isNegatedBefore(start))) {
        state.reject(start, end);
        return;
      }
      state.accept(start, end, {
        kind: "case",
        case: letterCase,
        source: state.source(start, end),
      } satisfies CaseCheck);
    });
  }
}

const UPPERCASE_LETTER = /[\p{Lu}\p{Lt}]/gu;
const LOWERCASE_LETTER = /\p{Ll}/gu;

/** Scores a case check: 1 when no letter is in the wrong case, else 0, with the count and the first offender. */
export function scoreCase(check: CaseCheck, facts: TextFacts): FamilyScore {
  const wrong = check.case === "lower" ? UPPERCASE_LETTER : LOWERCASE_LETTER;
  wrong.lastIndex = 0;
  const first = wrong.exec(facts.text);
  const wanted = check.case === "lower" ? "all lowercase required" : "all capital letters required";
  if (first === null)
    return {
      score: 1,
      reason: `no ${check.case === "lower" ? "uppercase" : "lowercase"} letters found; ${wanted}`,
    };
  let count = 1;
  while (wrong.exec(facts.text) !== null) count++;
  const name = check.case === "lower" ? "uppercase" : "lowercase";
  return {
    score: 0,
    reason: `${count} ${name} letter${count === 1 ? "" : "s"} found (first "${first[0]}" at ${first.index}); ${wanted}`,
  };
}
