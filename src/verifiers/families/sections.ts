// Structure across sentences: "Give two different responses separated by six asterisks: ******", "Your
// response must have 3 sections. Mark the beginning of each section with SECTION X", "There should be 2
// paragraphs. Paragraphs are separated with the markdown divider: ***", "Repeat the request word for
// word, then answer". These rules span several sentences (the count in one, the marker or divider in the
// next, then examples), so they are read from the whole description before it is split into clauses,
// and what they read is removed from it: several responses in responses.ts, marked sections in
// section-markers.ts, the divider between paragraphs here. "Paragraph 2 must start with the word X" is read
// per clause.
import type { Check, ParagraphStartCheck, ResponsesCheck, SectionsCheck } from "../check.js";
import { type ClauseState, eachMatch, QUOTE } from "../clause-state.js";
import { compiledPattern } from "../compiled-pattern.js";
import { escapeRegex, memoize } from "../memo.js";
import { NUMBER, parseNumber } from "../numbers.js";
import type { TextFacts } from "../text-facts.js";
import type { FamilyScore } from "./family-score.js";
import { joinNothingElse, readSentenceChoice } from "./one-of.js";
import { readReferringPhrasings } from "./referring-phrasings.js";
import { readRepeatRequest } from "./repeat.js";
import { readResponses } from "./responses.js";
import { boundsOf, readCountOfThem, readMarkedSections } from "./section-markers.js";
import {
  cut,
  readSeparator,
  SEPARATED,
  SEPARATOR,
  SEPARATOR_NOUN,
  SYMBOL_NAMES,
  SYMBOLS,
} from "./separators.js";

/** What the whole-description readers found, and the description left for the clause readers. */
export interface WholeReading {
  /** The description with what was read replaced by sentence breaks. */
  rest: string;
  checks: Check[];
  /** The divider between paragraphs the description names ("***"), for the paragraph checks. */
  divider: string | undefined;
  /** Rules recognised but not checkable (a divider with no paragraph rule to apply to). */
  dividerSource: string | undefined;
}

/** Text that ends with a number: the count of "3 paragraphs, separated by ***". */
const ENDS_WITH_NUMBER = compiledPattern(`\\b${NUMBER}\\s+$`, "i");
const PARAGRAPH_DIVIDER = compiledPattern(
  `\\b(?:(?:the |your )?paragraphs?(?: and only paragraphs)?,? ${SEPARATED} ${SEPARATOR}|separate (?:the |your |each |all )?paragraphs?(?: from each other)? ${SEPARATOR}|(?:(?:use|put|place|insert) |with )(?:the (?:markdown )?divider:? |a (?:markdown )?divider:? )?(?:${SYMBOLS}|["'“‘]${SYMBOLS}["'”’]) (?:to separate|between) (?:the |your |each |all )?(?:paragraphs?|them))[.;]?`,
  "i",
);
/** "on its own line", "(on a line of its own)", ", alone on a line": where a divider stands. */
const OWN_LINE =
  "(?:,?\\s{0,3}\\(?(?:on (?:its|their) own lines?|on (?:a |separate )?lines? (?:of|to) (?:its|their) own|on (?:a )?separate lines?|alone on (?:a|its|each) line)\\)?)";
/** "between", "separating", "to divide", "in order to split": the dividing the thing does. */
const DIVIDES = "(?:between|separating|dividing|splitting|(?:in order )?to (?:divide|separate|split))";
// A divider named in other words, around its symbols: "with a line of three asterisks (***) separating
// them", "Separate each paragraph from the next with ***", "use a horizontal rule (---) as the divider
// between them", "Use *** as the paragraph separator", "with === on its own line between them". Read when
// the description speaks of paragraphs and the words around the symbols speak of dividing.
const DIVIDER_NAMED = compiledPattern(
  `(?:\\b(?:with|using|by|use|put|place|insert|have|separate|separated|separating|divide|divided|dividing|split)\\b[^.;,\\n\\uE000]{0,60}?)?\\(?${SYMBOLS}\\)?(?: (?:marker|divider|separator|line|rule|symbols?|mark))?(?: (?:as|for) (?:the |a )?(?:paragraph |markdown )?(?:separator|divider|delimiter|break|rule))?${OWN_LINE}?(?: (?:between|separating|dividing|splitting|to (?:separate|divide|split))(?: (?:the|each|all|neighbou?ring|adjacent))?(?: (?:paragraphs?|them|ones)))?`,
  "i",
);
const DIVIDING = /separat|divid|between|separator|divider|delimit|\brule\b|split/i;
/** A negation in the sentence before a divider: "don't use *** between paragraphs" names no divider. */
const NEGATED_BEFORE = /(?:n't|\b(?:not|never|no|without|avoid|instead of|rather than))\b[^.;!?\n]*$/i;

/** The sentence of `text` up to `at`. */
function sentenceBefore(text: string, at: number): string {
  const start = Math.max(...[".", ";", "!", "?", "\n"].map((mark) => text.lastIndexOf(mark, at - 1))) + 1;
  return text.slice(start, at);
}
/** The separator as a thing: "a line of three asterisks (***)", "a row of dashes", "***". */
// A symbol named without a number only as what a line is made of ("a row of dashes"), never alone
// ("put dashes between them" may be about words).
const DIVIDER_THING = `(?:(?:${SEPARATOR_NOUN}\\s{0,3}:?\\s{0,3})?(?:(${NUMBER}) ${SYMBOL_NAMES}(?:\\s{0,3}:?\\s{0,3}\\(?${SYMBOLS}\\)?)?|\\(?${SYMBOLS}\\)?|["'“‘]${SYMBOLS}["'”’])|(?:(?:a|an|one) )?(?:(?:horizontal|thematic) )?(?:line|row|rule|divider|separator)(?: made)? of ${SYMBOL_NAMES}(?:\\s{0,3}\\(${SYMBOLS}\\))?)${OWN_LINE}?`;
/** What lies between: "them", "the paragraphs", "each paragraph and the next". */
const BETWEEN_PARAGRAPHS =
  "(?:them|(?:the |your |all )?paragraphs|(?:each|every) (?:paragraph|one|pair)(?: and the next)?|(?:the|each) (?:two|three|four|five|\\d) of them)";
// A divider in a clause of its own, before or after what it divides: "Between them, a line of three
// asterisks (***)", "Separate them with a row of dashes", "Between each paragraph and the next, put ***",
// "A line of tildes (~~~) between the paragraphs". Read when the description speaks of paragraphs.
const DIVIDER_CLAUSE = compiledPattern(
  [
    `\\b(?:(?:in )?between|separate|divide|split) ${BETWEEN_PARAGRAPHS}(?: from (?:each other|one another|the next))?\\s{0,3}[,:]?\\s{0,3}(?:(?:please )?(?:put|place|insert|add|use|draw|have|with|using|by)\\s{1,3})?${DIVIDER_THING}`,
    `(?:\\b(?:with|use|put|place|insert|add|have|draw)\\s{1,3})?${DIVIDER_THING}\\s{1,3}(?:(?:goes|go|sits|stands|comes) )?(?:in )?${DIVIDES} ${BETWEEN_PARAGRAPHS}(?: up)?`,
  ]
    .map((source) => `(?:${source})`)
    .join("|")
    .concat("[.;]?"),
  "iu",
);

/** The divider named in other words ({@link DIVIDER_CLAUSE}, {@link DIVIDER_NAMED}), cut from `rest`. */
function readNamedDivider(
  rest: string,
): { divider: string; dividerSource: string; rest: string } | undefined {
  if (!/paragraph/i.test(rest)) return undefined;
  const clause = DIVIDER_CLAUSE.exec(rest);
  if (clause !== null && !NEGATED_BEFORE.test(sentenceBefore(rest, clause.index))) {
    const source = clause[0].replace(/[.;]$/, "").trim();
    return {
      divider: readSeparator(clause),
      dividerSource: source,
      rest: cut(rest, clause.index, clause.index + clause[0].length),
    };
  }
  const named = DIVIDER_NAMED.exec(rest);
  if (named === null || !DIVIDING.test(named[0]) || NEGATED_BEFORE.test(sentenceBefore(rest, named.index))) {
    return undefined;
  }
  return {
    divider: named[1]!.replace(/\s+/g, ""),
    dividerSource: named[0].trim(),
    rest: cut(rest, named.index, named.index + named[0].length),
  };
}

// "separated by two new lines as if it was '\n\n' in python", "separated by a blank line", "with a blank
// line between each": the default.
const BLANK_LINE_DIVIDER = compiledPattern(
  `\\b(?:(?:the |your )?paragraphs?(?: and only paragraphs)?,? ${SEPARATED} (?:with|by|using) (?:(?:a |an |one |two |double |single )*(?:new ?lines?|line ?breaks?|blank lines?|empty lines?|returns?|\\\\n\\\\n|newline characters?)|["']\\\\n\\\\n["'])(?: as if it (?:was|were) ["']?\\\\n\\\\n["']? in python)?|separate (?:the |your )?paragraphs? (?:with|by) (?:a |an |one |two )?(?:blank|empty) lines?|with (?:a |an |one )?(?:blank|empty) lines? (?:in )?between(?: (?:each(?: one| paragraph| pair)?|them|(?:the |all )?paragraphs))?)[.;]?`,
  "i",
);

// The words of a list come at most 300 characters before its example: from each of them the line is
// looked along that far, not to its end ("list items " repeated took 0.7 s for 40,000 characters, and
// four times the time for twice the text).
const LIST_EXAMPLE =
  /(\b(?:bullet|bulleted|list|numbered|items?|points?)\b[^\n]{0,300}?)\s*,?\s*\b(?:such as|for example|for instance|e\.g\.|i\.e\.|like|as follows|as shown|as in)\s*:?[ \t]*\n((?:[ \t]*(?:[*\-+•]|\d+[.)])[ \t][^\n]*(?:\n|$))+)/gi;

/**
 * Reads the rules that span sentences from the whole description: repeating the request, several
 * responses with a separator, marked sections, and the divider between paragraphs.
 */
export function readWholeDescription(description: string): WholeReading {
  // "Choose one: 'True' or 'False'. Say nothing else." is one rule over two sentences.
  let rest = joinNothingElse(description);
  const checks: Check[] = [];
  const repeat = readRepeatRequest(rest, description);
  if (repeat !== undefined) {
    checks.push(repeat.check);
    rest = repeat.rest;
  }

  const responses = readResponses(rest);
  if (responses !== undefined) {
    checks.push(responses.check);
    rest = responses.rest;
  }

  const referring = readReferringPhrasings(rest);
  checks.push(...referring.checks);
  rest = referring.rest;

  const sentenceChoice = readSentenceChoice(rest);
  if (sentenceChoice !== undefined) {
    checks.push(sentenceChoice.check);
    rest = sentenceChoice.rest;
  }

  const sections = readMarkedSections(rest);
  if (sections !== undefined) {
    checks.push(sections.check);
    rest = sections.rest;
  }

  // A list shown as an example of the format ("Use the markdown bullet points such as:\n* This is point
  // 1.\n* This is point 2") is part of the rule it illustrates, not a rule of its own.
  rest = rest.replace(LIST_EXAMPLE, "$1.\n");

  let divider: string | undefined;
  let dividerSource: string | undefined;
  const found = PARAGRAPH_DIVIDER.exec(rest);
  // "Don't use *** between paragraphs" names no divider (and is left unchecked).
  const stated = found !== null && !NEGATED_BEFORE.test(sentenceBefore(rest, found.index)) ? found : null;
  if (stated !== null) {
    divider = readSeparator(stated);
    dividerSource = stated[0].replace(/[.;]$/, "");
    // "3 paragraphs, separated by ***": the count keeps its noun; only the separation is read here.
    let from = stated.index;
    if (ENDS_WITH_NUMBER.test(rest.slice(0, from))) {
      const at = stated[0].search(
        /,?\s*\b(?:(?:are|is|should be|must be|will be|shall be|be) )?(?:separated|divided|split|delimited|set apart)\b/i,
      );
      if (at > 0) {
        from += at;
        dividerSource = stated[0].slice(at).replace(/^[,\s]+|[.;]$/g, "");
      }
    }
    rest = cut(rest, from, stated.index + stated[0].length);
  }
  const named = found === null ? readNamedDivider(rest) : undefined;
  if (named !== undefined) ({ divider, dividerSource, rest } = named);
  // "with a blank line between each" speaks of paragraphs only where the description names them.
  const blank = /paragraph/i.test(rest) ? BLANK_LINE_DIVIDER.exec(rest) : null;
  if (blank !== null) {
    // "2 paragraphs separated by a blank line": as above, the count keeps its noun.
    let from = blank.index;
    if (ENDS_WITH_NUMBER.test(rest.slice(0, from))) {
      const at = blank[0].search(
        /\s+(?:(?:are|is|should be|must be|will be|shall be|be) )?(?:separated|divided|split|delimited|set apart)\b/i,
      );
      if (at > 0) from += at;
    }
    rest = cut(rest, from, blank.index + blank[0].length);
  }
  // "Put --- between the paragraphs, and write four of them": the count refers back to the paragraphs.
  const ofThem = divider !== undefined || blank !== null ? readCountOfThem(rest) : null;
  if (ofThem !== null) {
    checks.push({ kind: "count", unit: "paragraphs", ...boundsOf(ofThem), source: ofThem[0] });
    rest = cut(rest, ofThem.index, ofThem.index + ofThem[0].length);
  }
  return { rest, checks, divider, dividerSource };
}

const ORDINALS = [
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
  "tenth",
  "eleventh",
  "twelfth",
];
const ORDINAL = `(?:${ORDINALS.join("|")}|\\d+(?:st|nd|rd|th))`;
const WORD = `(?:${QUOTE}|[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*)`;
const START_VERB = "(?:(?:start|begin|open|lead|commence|kick)(?:s|ed|ing)?(?: off)?)";
// "the second one" refers to a paragraph only when the description speaks of paragraphs (checked on reading).
// "the last of them", "the final one", "the closing paragraph": counted from the end (see lastParagraph).
const FROM_END = "last|final|closing|concluding|penultimate|second[- ]to[- ]last";
const PARAGRAPH_REF = `(?:(?:the )?(${ORDINAL}|${FROM_END}) (?:paragraph|one|of (?:them|these|those|the paragraphs))|paragraph (?:number |no |#)?(${NUMBER}))`;
const ORDINAL_ONE = compiledPattern(`\\b(?:${ORDINAL}|${FROM_END}) (?:one|of (?:them|these|those))\\b`, "i");
// The exact count of paragraphs, for "the last of them": "four paragraphs", "exactly 3 paragraphs". A
// count with a bound ("at least 3 paragraphs") leaves the last paragraph unknown.
const PARAGRAPH_COUNT = compiledPattern(
  `(?:\\b(at least|at most|up to|no more than|no fewer than|more than|fewer than|less than|over|under|a minimum of|a maximum of|minimum|maximum|max|min|${NUMBER} (?:to|or|and)|\\d+ ?[-–]) ?)?\\b(${NUMBER})(?: [\\p{L}-]{1,20})? paragraphs\\b`,
  "giu",
);

/** The number of the last paragraph, when the description states exactly how many there are. */
function lastParagraph(clauses: readonly string[] | undefined): number | undefined {
  const counts = new Set<number | undefined>();
  for (const clause of clauses ?? []) {
    for (const count of clause.matchAll(PARAGRAPH_COUNT)) {
      counts.add(count[1] === undefined ? parseNumber(count[2]!) : undefined);
    }
  }
  return counts.size === 1 ? [...counts][0] : undefined;
}
const WORD_MARKER = "(?:(?:the|a) )?(?:exact )?(?:word|term)?:? ?";
const PARAGRAPH_START = compiledPattern(
  [
    `\\b${PARAGRAPH_REF}(?: of (?:the|your) (?:response|answer|text|essay|story|letter))? (?:(?:must|should|shall|has to|needs to|will|is to|is required to|ought to) )?(?:(?:always|also) )?${START_VERB} (?:with|by|using) ${WORD_MARKER}(${WORD})`,
    `\\b${START_VERB} ${PARAGRAPH_REF} (?:with|by|using) ${WORD_MARKER}(${WORD})`,
    `\\bthe (?:first|opening|initial) word of ${PARAGRAPH_REF} (?:(?:must|should|shall|has to|needs to|will) )?(?:be|is) ${WORD_MARKER}(${WORD})`,
  ].join("|"),
  "giu",
);

function readOrdinal(written: string | undefined, clauses?: readonly string[]): number | undefined {
  if (written === undefined) return undefined;
  const lower = written.toLowerCase();
  if (new RegExp(`^(?:${FROM_END})$`).test(lower)) {
    const last = lastParagraph(clauses);
    return last === undefined ? undefined : /^(?:penultimate|second)/.test(lower) ? last - 1 : last;
  }
  const index = ORDINALS.indexOf(lower);
  if (index >= 0) return index + 1;
  const digits = /^(\d+)(?:st|nd|rd|th)$/.exec(lower);
  return digits ? Number(digits[1]) : parseNumber(lower);
}

/** Reads "Paragraph 2 must start with the word X" and its phrasings into a paragraph-start check. */
export function recognizeParagraphStart(state: ClauseState): void {
  // Most clauses speak of no paragraph: a cheap test spares them the pattern ("the second one" may refer to
  // paragraphs named in another clause).
  if (!/paragraph|\bone\b|\bof th(?:em|ese|ose)\b/i.test(state.text)) return;
  eachMatch(state, PARAGRAPH_START, (match) => {
    const start = match.index;
    const end = start + match[0].length;
    const groups = match.slice(1);
    // Each alternative has four groups: the ordinal, the number, the word, and the word's quote index.
    const index = [0, 4, 8].find(
      (offset) => groups[offset] !== undefined || groups[offset + 1] !== undefined,
    );
    if (index === undefined || groups[index + 2] === undefined) return;
    const paragraph = readOrdinal(groups[index] ?? groups[index + 1], state.context.clauses);
    const written = groups[index + 2]!;
    const quoted = /^\uE000(\d+)\uE001$/.exec(written);
    const word = quoted ? state.quote(quoted[1]) : written;
    const refersBack = ORDINAL_ONE.test(match[0]);
    if (refersBack && !state.context.clauses?.some((clause) => /\bparagraphs?\b/i.test(clause))) return;
    if (paragraph === undefined || paragraph < 1 || word.trim() === "" || state.isNegatedBefore(start)) {
      state.reject(start, end);
      return;
    }
    const check: ParagraphStartCheck = {
      kind: "paragraph_start",
      paragraph,
      word: word.trim(),
      source: state.source(start, end),
    };
    state.accept(start, end, check);
  });
}

/** The first word of a paragraph: leading quotes, markdown and Spanish opening marks aside, up to the first punctuation mark. */
export function readFirstWord(paragraph: string): string {
  const head = paragraph.replace(/^[\s#>*_"'“‘`([¡¿-]+/u, "");
  const word = /^[\p{L}\p{N}\p{M}]+(?:['’-][\p{L}\p{N}\p{M}]+)*/u.exec(head);
  return word ? word[0] : "";
}

/** Scores a paragraph-start check: 1 when that paragraph exists and its first word is the word required. */
export function scoreParagraphStart(check: ParagraphStartCheck, facts: TextFacts): FamilyScore {
  const paragraphs = facts.paragraphs(check.divider);
  const paragraph = paragraphs[check.paragraph - 1];
  const wanted = `paragraph ${check.paragraph} must start with "${check.word}"`;
  if (paragraph === undefined) {
    return {
      score: 0,
      reason: `${paragraphs.length} paragraph${paragraphs.length === 1 ? "" : "s"} found; ${wanted}`,
    };
  }
  const first = readFirstWord(paragraph);
  const wantedFirst = readFirstWord(check.word) || check.word;
  const ok = first.toLowerCase() === wantedFirst.toLowerCase();
  return {
    score: ok ? 1 : 0,
    reason: `paragraph ${check.paragraph} starts with "${first}"; ${wanted.replace(/^paragraph \d+ /, "")}`,
  };
}

/** Scores a responses check: the text split at the separator gives `count` non-empty, different parts. */
export function scoreResponses(check: ResponsesCheck, facts: TextFacts): FamilyScore {
  const parts = facts.text.split(check.separator);
  const wanted = `${check.count} different responses separated by ${check.separator} required`;
  const emptyInside = parts.some(
    (part, index) => part.trim() === "" && index > 0 && index < parts.length - 1,
  );
  const responses = parts.map((part) => part.trim()).filter((part) => part !== "");
  if (emptyInside) return { score: 0, reason: `an empty response between two separators; ${wanted}` };
  if (responses.length !== check.count) {
    return {
      score: 0,
      reason: `${responses.length} response${responses.length === 1 ? "" : "s"} found; ${wanted}`,
    };
  }
  const distinct = new Set(responses.map((response) => response.replace(/\s+/g, " ").toLowerCase()));
  if (distinct.size !== responses.length)
    return { score: 0, reason: `the responses are identical; ${wanted}` };
  return { score: 1, reason: `${responses.length} different responses found; ${wanted}` };
}

const sectionPattern = memoize(
  (marker: string): RegExp =>
    new RegExp(`^[ \\t#>*_"'“‘]*${escapeRegex(marker)}[ \\t]?\\d+(?![\\p{N}])`, "gimu"),
  100,
);

/** Counts the lines that start a section: the marker and a number at the start of a line (markdown aside). */
export function countSections(text: string, marker: string): number {
  const pattern = sectionPattern(marker);
  pattern.lastIndex = 0;
  let count = 0;
  while (pattern.exec(text) !== null) count++;
  return count;
}

/** Scores a sections check: 1 when the number of marked sections is within bounds. */
export function scoreSections(check: SectionsCheck, facts: TextFacts): FamilyScore {
  const found = countSections(facts.text, check.marker);
  const ok =
    (check.min === undefined || found >= check.min) && (check.max === undefined || found <= check.max);
  const bounds =
    check.min !== undefined && check.max !== undefined
      ? check.min === check.max
        ? `exactly ${check.min}`
        : `between ${check.min} and ${check.max}`
      : check.min !== undefined
        ? `at least ${check.min}`
        : `at most ${check.max}`;
  return {
    score: ok ? 1 : 0,
    reason: `${found} section${found === 1 ? "" : "s"} marked "${check.marker} N" found; ${bounds} required`,
  };
}
