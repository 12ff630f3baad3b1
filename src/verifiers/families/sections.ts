// Structure across sentences: "Give two different responses separated by six asterisks: ******", "Your
// response must have 3 sections. Mark the beginning of each section with SECTION X", "There should be 2
// paragraphs. Paragraphs are separated with the markdown divider: ***", "Repeat the request word for
// word, then answer". These rules span several sentences (the count in one, the marker or divider in the
// next, then examples), so they are read from the whole description before it is split into clauses,
// and what they read is removed from it. "Paragraph 2 must start with the word X" is read per clause.
import type { Check, ParagraphStartCheck, ResponsesCheck, SectionsCheck } from "../check.js";
import { type ClauseState, eachMatch, QUOTE } from "../clause-state.js";
import { compiledPattern } from "../compiled-pattern.js";
import { escapeRegex, memoize } from "../memo.js";
import { NUMBER, parseNumber } from "../numbers.js";
import type { TextFacts } from "../text-facts.js";
import type { FamilyScore } from "./family-score.js";
import { joinNothingElse, readSentenceChoice } from "./one-of.js";
import { readRepeatRequest } from "./repeat.js";

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

const SYMBOLS = "(\\*{3,}|\\* \\* \\*|-{3,}|_{3,}|={3,}|~{3,}|#{3,}|\\+{3,})";
const SYMBOL_NAMES =
  "(?:asterisk symbols?|asterisk characters?|asterisks?|stars?|dashes|hyphens|hashes|hash (?:signs|marks|symbols)|pound signs|equals signs|tildes|underscores)";
const SYMBOL_CHARS: readonly [RegExp, string][] = [
  [/^(?:asterisk|star)/i, "*"],
  [/^(?:dash|hyphen)/i, "-"],
  [/^(?:hash|pound)/i, "#"],
  [/^equal/i, "="],
  [/^tilde/i, "~"],
  [/^underscore/i, "_"],
];
const SEPARATED =
  "(?:(?:are|is|should be|must be|will be|shall be|need to be|needs to be|have to be|has to be|get|be) )?(?:separated|divided|split|delimited|set apart)(?: from (?:each other|one another)| with each other| each other)?";
const SEPARATOR_NOUN =
  "(?:(?:the|a|an|one) )?(?:(?:markdown|horizontal|thematic) )?(?:divider|separator|horizontal rule|rule|line|delimiter|break)?(?: (?:of|made of|consisting of|like|such as|written as))?";
// "separated by 6 asterisk symbols: ******", "separated by six asterisks", "separated by ***".
const SEPARATOR = `(?:with|by|using)\\s+(?:${SEPARATOR_NOUN}\\s*:?\\s*)?(?:(${NUMBER}) ${SYMBOL_NAMES}(?:\\s*:?\\s*${SYMBOLS})?|${SYMBOLS}|["'“‘]${SYMBOLS}["'”’])`;

// What the several responses are called: "two different responses", "2 alternative versions", "two takes".
const RESPONSE_NOUNS =
  "(?:responses|answers|versions|replies|drafts|variants|variations|takes|options|alternatives)";
/** A separator's sentence that names the responses: "between the replies". */
const NAMES_RESPONSES = compiledPattern(`\\b${RESPONSE_NOUNS}`, "i");
/** Text that ends with a number: the count of "3 paragraphs, separated by ***". */
const ENDS_WITH_NUMBER = compiledPattern(`\\b${NUMBER}\\s+$`, "i");
const RESPONSES_COUNT = compiledPattern(
  `\\b(${NUMBER}) (?:different |distinct |separate |alternative |independent |unique )*${RESPONSE_NOUNS}\\b(?: of (?:the|your|this|my|a|an) [\\p{L}-]+)?`,
  "iu",
);
// "Reply twice, differently", "Answer in two different ways": a count with no noun, read only in the
// sentence that names the separator, where it can only count the responses.
const RESPONSES_TIMES = compiledPattern(
  `\\b(?:answer|respond|reply|write (?:it|this|them)|do (?:it|this))(?: (?:to )?(?:it|this|the (?:question|prompt|request)))? (?:(twice)|(${NUMBER}) times|in (${NUMBER}) (?:different |distinct )?ways)(?:,? (?:differently|in different ways|each time differently|with different wording))?`,
  "i",
);
// The separator named as a thing: "six asterisks", "a line of ******", "'******'", "6 asterisk symbols: ******".
const SEPARATOR_THING = `(?:${SEPARATOR_NOUN}\\s*:?\\s*)?(?:(${NUMBER}) ${SYMBOL_NAMES}(?:\\s*:?\\s*\\(?${SYMBOLS}\\)?)?|${SYMBOLS}|["'“‘]${SYMBOLS}["'”’])`;
// What lies between the responses: "them", "the two replies", "each version", "the two".
const BETWEEN_WHAT = `(?:them|each (?:one|pair|of them|response|answer|version|reply|draft|variant|take|option)|(?:the |your )?(?:two|both|${NUMBER})(?: ${RESPONSE_NOUNS})?|(?:the |your )?${RESPONSE_NOUNS})`;
const RESPONSES_SEPARATOR = compiledPattern(
  `${[
    // "Responses and only responses should be separated by ******", "two takes, split by '******'".
    `\\b(?:(?:the |your )?(?:(?:two|both|${NUMBER}) )?${RESPONSE_NOUNS}|them|they)(?: and only (?:the )?${RESPONSE_NOUNS})?,? ${SEPARATED} ${SEPARATOR}`,
    // "Separate them with ***", "separate the two answers using six asterisks".
    `\\bseparate (?:the |them |each |your |these |those )?(?:(?:two|three|four|2|3|4) )?${RESPONSE_NOUNS}?(?: from each other)? ?${SEPARATOR}`,
    // "Use ===== to separate the responses", "put ****** between the two replies", "put six asterisks between them".
    `\\b(?:use|put|place|insert|add|write)\\s+${SEPARATOR_THING} (?:to (?:separate|divide|split)|(?:in )?between) ${BETWEEN_WHAT}`,
    // "with a line of ****** between them", "with six asterisks in between".
    `\\b(?:with|using)\\s+${SEPARATOR_THING} (?:(?:in )?between ${BETWEEN_WHAT}|in between|as (?:the |a )?(?:separator|divider|delimiter))`,
  ].join("|")}[.;]?`,
  "iu",
);

const SECTIONS_COUNT = compiledPattern(
  `(?:\\b(at least|no fewer than|a minimum of|at most|no more than|exactly|only) )?\\b(${NUMBER}) (?:different |distinct |separate |numbered |labell?ed |marked |titled |main )*(?:sections|parts|chapters|segments)\\b`,
  "i",
);
const SECTION_MARKER = compiledPattern(
  /\b(?:mark|labell?|begin|start|head|title|introduce|number|prefix|denote|indicate|name|open)(?:s|d|ed|ing)?\b(?:(?:(?! and |, |; )[^.\n]){0,60}?\b(?:with|as|by|using)\b)?(?: (?:the|a) (?:word|label|text|marker|heading|header|title|prefix|line))?(?: (?:the|an?)(?= ["'“‘]))?:? ["'“‘]?(\p{L}[\p{L}-]*)(?: (?:X|N|number|(?:followed by|then|and|plus|with) (?:its|the|a|their|a running) (?:number|index|section number|sequence number))|(?: ?(?:#|<n>|\{n\}|\[n\]|\[number\]|\d+)))["'”’]?(?![\p{L}\p{N}])(?: (?:word|label|heading|header|title|prefix|line|marker)(?![\p{L}\p{N}]))?/iu,
);

const PARAGRAPH_DIVIDER = compiledPattern(
  `\\b(?:(?:the |your )?paragraphs?(?: and only paragraphs)?,? ${SEPARATED} ${SEPARATOR}|separate (?:the |your |each |all )?paragraphs?(?: from each other)? ${SEPARATOR}|(?:(?:use|put|place|insert) |with )(?:the (?:markdown )?divider:? |a (?:markdown )?divider:? )?(?:${SYMBOLS}|["'“‘]${SYMBOLS}["'”’]) (?:to separate|between) (?:the |your |each |all )?(?:paragraphs?|them))[.;]?`,
  "i",
);
// A divider named in other words, around its symbols: "with a line of three asterisks (***) separating
// them", "Separate each paragraph from the next with ***", "use a horizontal rule (---) as the divider
// between them", "Use *** as the paragraph separator", "with === on its own line between them". Read when
// the description speaks of paragraphs and the words around the symbols speak of dividing.
const DIVIDER_NAMED = compiledPattern(
  `(?:\\b(?:with|using|by|use|put|place|insert|have|separate|separated|separating|divide|divided|dividing|split)\\b[^.;,\\n\\uE000]{0,60}?)?\\(?${SYMBOLS}\\)?(?: (?:as|for) (?:the |a )?(?:paragraph |markdown )?(?:separator|divider|delimiter|break|rule))?(?: on (?:its|their) own lines?)?(?: (?:between|separating|dividing|to separate)(?: (?:the|each|all|neighbou?ring|adjacent))?(?: (?:paragraphs?|them|ones)))?`,
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
// "separated by two new lines as if it was '\n\n' in python", "separated by a blank line": the default.
const BLANK_LINE_DIVIDER = compiledPattern(
  `\\b(?:(?:the |your )?paragraphs?(?: and only paragraphs)? ${SEPARATED} (?:with|by|using) (?:(?:a |an |one |two |double |single )*(?:new ?lines?|line ?breaks?|blank lines?|empty lines?|returns?|\\\\n\\\\n|newline characters?)|["']\\\\n\\\\n["'])(?: as if it (?:was|were) ["']?\\\\n\\\\n["']? in python)?|separate (?:the |your )?paragraphs? (?:with|by) (?:a |an |one |two )?(?:blank|empty) lines?)[.;]?`,
  "i",
);

// The words of a list come at most 300 characters before its example: from each of them the line is
// looked along that far, not to its end ("list items " repeated took 0.7 s for 40,000 characters, and
// four times the time for twice the text).
const LIST_EXAMPLE =
  /(\b(?:bullet|bulleted|list|numbered|items?|points?)\b[^\n]{0,300}?)\s*,?\s*\b(?:such as|for example|for instance|e\.g\.|i\.e\.|like|as follows|as shown|as in)\s*:?[ \t]*\n((?:[ \t]*(?:[*\-+•]|\d+[.)])[ \t][^\n]*(?:\n|$))+)/gi;

function symbolOf(count: string | undefined, name: string | undefined, literal: string | undefined): string {
  if (literal !== undefined) return literal;
  const repeat = parseNumber(count ?? "") ?? 3;
  const char = SYMBOL_CHARS.find(([pattern]) => pattern.test(name ?? ""))?.[1] ?? "*";
  return char.repeat(repeat);
}

/** Reads a separator match: the literal symbols when written, else the number of named symbols. */
function readSeparator(match: RegExpExecArray): string {
  const groups = match.slice(1).filter((group): group is string => group !== undefined);
  const literal = groups.find((group) => /^[*\-_=~#+ ]+$/.test(group) && /[^ ]/.test(group));
  const count = groups.find((group) => !/^[*\-_=~#+ ]+$/.test(group));
  const name = /(asterisk|star|dash|hyphen|hash|pound|equal|tilde|underscore)/i.exec(match[0])?.[1];
  return symbolOf(count, name, literal);
}

/**
 * "Reply twice, differently, and put ****** between the replies": the count of {@link RESPONSES_TIMES}
 * in the sentence of the separator at `at`, as a match whose group 1 is the number ("two" for "twice").
 */
function readTimes(text: string, at: number): RegExpExecArray | null {
  const from = Math.max(
    text.lastIndexOf("\n", at),
    ...[". ", "! ", "? ", "; "].map((end) => text.lastIndexOf(end, at)),
  );
  const sentence = text.slice(from + 1);
  const times = RESPONSES_TIMES.exec(sentence);
  if (times === null || times.index >= at - from - 1) return null;
  const number = times[1] !== undefined ? "two" : (times[2] ?? times[3])!;
  return Object.assign([times[0], number], { index: from + 1 + times.index, input: text }) as RegExpExecArray;
}

/** Reads several responses and their separator, and cuts what was read (count, times, separator) from `text`. */
/**
 * What every separator of responses names: its symbols or their name. The patterns above try a number's
 * many spellings at each word; a description without any of these is no rule of several responses.
 */
const SEPARATOR_HINT = compiledPattern(`${SYMBOLS}|\\b${SYMBOL_NAMES}`, "i");

function readResponses(text: string): { check: ResponsesCheck; rest: string } | undefined {
  if (!SEPARATOR_HINT.test(text)) return undefined;
  const separator = RESPONSES_SEPARATOR.exec(text);
  if (separator === null) return undefined;
  const count = RESPONSES_COUNT.exec(text);
  // "Reply twice, and put ****** between the two replies": "twice" is read even when the separator counts too.
  const times = readTimes(text, separator.index);
  // "Write two paragraphs with *** between them" is a divider, not responses: "them" and "the two" are
  // responses only when the description counts responses.
  if (count === null && times === null && !NAMES_RESPONSES.test(separator[0])) {
    return undefined;
  }
  const number = parseNumber((count ?? times)?.[1] ?? "two") ?? 2;
  const source = [(count ?? times)?.[0], separator[0].replace(/[.;]$/, "")].filter(Boolean).join(" ... ");
  const check: ResponsesCheck = {
    kind: "responses",
    count: number,
    separator: readSeparator(separator),
    source,
  };
  // The count and the separator may overlap ("two responses separated by ***"): cut their union, or each.
  const spans = [separator, count, times]
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [match.index, match.index + match[0].length] as [number, number])
    .sort((a, b) => b[0] - a[0]);
  let rest = text;
  let [start, end] = spans[0]!;
  for (const [from, to] of spans.slice(1)) {
    if (to >= start) {
      start = Math.min(start, from);
      end = Math.max(end, to);
    } else {
      rest = cut(rest, start, end);
      [start, end] = [from, to];
    }
  }
  return { check, rest: cut(rest, start, end) };
}

function cut(text: string, start: number, end: number): string {
  return `${text.slice(0, start)}.\n${text.slice(end)}`;
}

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

  const sentenceChoice = readSentenceChoice(rest);
  if (sentenceChoice !== undefined) {
    checks.push(sentenceChoice.check);
    rest = sentenceChoice.rest;
  }

  const marker = SECTION_MARKER.exec(rest);
  // The sections are called sections (parts, chapters...), or after their marker: "three phases, each
  // headed 'Phase N'".
  const markerPlural = marker === null ? undefined : pluralOf(marker[1]!);
  if (marker !== null && (/section|part|chapter|segment/i.test(rest) || markerPlural!.test(rest))) {
    const word = marker[1]!;
    const count = SECTIONS_COUNT.exec(rest) ?? countOf(rest, word);
    const check: SectionsCheck = { kind: "sections", marker: word, source: marker[0] };
    if (count !== null) {
      const number = parseNumber(count[2]!);
      const comparator = (count[1] ?? "").toLowerCase();
      if (number !== undefined) {
        if (/least|fewer|minimum/.test(comparator)) check.min = number;
        else if (/most|more/.test(comparator)) check.max = number;
        else {
          check.min = number;
          check.max = number;
        }
      }
      check.source = `${count[0]} ... ${marker[0]}`;
    } else {
      check.min = 1;
    }
    checks.push(check);
    // The examples that show the marker ("such as:\nSECTION 1\n[content of section 1]") are read too.
    const escaped = escapeRegex(word);
    const example = new RegExp(
      `(?:,?\\s*(?:such as|for example|for instance|like|e\\.g\\.|i\\.e\\.|as in|as follows)\\s*:?)?(?:,?(?:\\s*and)?\\s*${escaped} ?(?:\\d+|X|N)(?![\\p{L}\\p{N}])\\s*:?\\s*(?:\\[[^\\]\\n]*\\]|\\.{3}|…)?)+(?:,? and so on)?`,
      "giu",
    );
    rest = cut(rest, marker.index, marker.index + marker[0].length)
      .replace(example, "\n")
      .replace(PLACEHOLDER_EXPLAINED, "");
    if (count !== null) {
      const again = SECTIONS_COUNT.exec(rest) ?? countOf(rest, word);
      if (again !== null) rest = cut(rest, again.index, again.index + again[0].length);
    }
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
  const named = found === null && /paragraph/i.test(rest) ? DIVIDER_NAMED.exec(rest) : null;
  if (named !== null && DIVIDING.test(named[0]) && !NEGATED_BEFORE.test(sentenceBefore(rest, named.index))) {
    divider = named[1]!.replace(/\s+/g, "");
    dividerSource = named[0].trim();
    rest = cut(rest, named.index, named.index + named[0].length);
  }
  const blank = BLANK_LINE_DIVIDER.exec(rest);
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
  return { rest, checks, divider, dividerSource };
}

/** What a marker's placeholder stands for: ", where N is the phase number". */
const PLACEHOLDER_EXPLAINED =
  /,?\s*\b(?:where|with) (?:N|X|#|n) (?:is|being|stands for|means) (?:the |its |a )?(?:[\p{L}-]+ )?(?:number|index|count)\b/giu;

/** The plural of a section marker's word, as a whole word: "phases" for "Phase". */
function pluralOf(word: string): RegExp {
  return new RegExp(`\\b${escapeRegex(word)}(?:s|es)\\b`, "i");
}

/** "three phases", "at least 4 rounds": a count of sections named after their marker's word. */
function countOf(text: string, word: string): RegExpExecArray | null {
  return new RegExp(
    `(?:\\b(at least|no fewer than|a minimum of|at most|no more than|exactly|only) )?\\b(${NUMBER}) (?:different |distinct |separate |numbered |labell?ed |marked |titled |main )*${escapeRegex(word)}(?:s|es)\\b`,
    "i",
  ).exec(text);
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
const PARAGRAPH_REF = `(?:(?:the )?(${ORDINAL}) (?:paragraph|one)|paragraph (?:number |no |#)?(${NUMBER}))`;
const ORDINAL_ONE = compiledPattern(`\\b${ORDINAL} one\\b`, "i");
const WORD_MARKER = "(?:(?:the|a) )?(?:exact )?(?:word|term)?:? ?";
const PARAGRAPH_START = compiledPattern(
  [
    `\\b${PARAGRAPH_REF}(?: of (?:the|your) (?:response|answer|text|essay|story|letter))? (?:(?:must|should|shall|has to|needs to|will|is to|is required to|ought to) )?(?:(?:always|also) )?${START_VERB} (?:with|by|using) ${WORD_MARKER}(${WORD})`,
    `\\b${START_VERB} ${PARAGRAPH_REF} (?:with|by|using) ${WORD_MARKER}(${WORD})`,
    `\\bthe (?:first|opening|initial) word of ${PARAGRAPH_REF} (?:(?:must|should|shall|has to|needs to|will) )?(?:be|is) ${WORD_MARKER}(${WORD})`,
  ].join("|"),
  "giu",
);

function readOrdinal(written: string | undefined): number | undefined {
  if (written === undefined) return undefined;
  const lower = written.toLowerCase();
  const index = ORDINALS.indexOf(lower);
  if (index >= 0) return index + 1;
  const digits = /^(\d+)(?:st|nd|rd|th)$/.exec(lower);
  return digits ? Number(digits[1]) : parseNumber(lower);
}

/** Reads "Paragraph 2 must start with the word X" and its phrasings into a paragraph-start check. */
export function recognizeParagraphStart(state: ClauseState): void {
  // Most clauses speak of no paragraph: a cheap test spares them the pattern ("the second one" may refer to
  // paragraphs named in another clause).
  if (!/paragraph|\bone\b/i.test(state.text)) return;
  eachMatch(state, PARAGRAPH_START, (match) => {
    const start = match.index;
    const end = start + match[0].length;
    const groups = match.slice(1);
    // Each alternative has four groups: the ordinal, the number, the word, and the word's quote index.
    const index = [0, 4, 8].find(
      (offset) => groups[offset] !== undefined || groups[offset + 1] !== undefined,
    );
    if (index === undefined || groups[index + 2] === undefined) return;
    const paragraph = readOrdinal(groups[index] ?? groups[index + 1]);
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
