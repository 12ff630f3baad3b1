// Length and structure counts: "up to 3 paragraphs", "at least 2 sentences", "under 100 words", "no more
// than 500 characters", "exactly 5 bullet points", "a single paragraph", "between 3 and 5 sentences".
// Scoring is all or nothing: a count is within its bounds or it is not (4 paragraphs against "at most
// 3" is a miss, not 75%), which is what a reader of the requirement would say too.
import type { CountCheck, CountUnit } from "../check.js";
import { type ClauseState, eachMatch } from "../clause-state.js";
import { compiledPattern } from "../compiled-pattern.js";
import { NUMBER, parseNumber, parseTimes } from "../numbers.js";
import type { TextFacts } from "../text-facts.js";
import type { FamilyScore } from "./family-score.js";

// Placeholders named by what they are for: "fill-in fields", "template slots", "blanks to fill in", "fields
// for the reader to fill out". Bare "blanks" or "fields" are placeholders only beside brackets (below).
const FILL_IN =
  "(?:fill[- ]in(?:[- ]the[- ]blanks?)?|fillable|template) (?:fields?|blanks?|slots?|spaces?|boxes?|variables?|placeholders?)|(?:blanks?|fields?|slots?|spaces?|gaps?|boxes?)(?: for (?:the |a )?(?:reader|user|recipient|customer|client|sender)s?)? to (?:be )?fill(?:ed)?(?: in| out)?";
// Units named by several words come first: "3 words in all caps" counts capital words, not words.
const SPECIAL_UNIT = `(?:(?:fully|entirely|completely|totally|wholly) (?:capitali[sz]ed|upper[- ]?case|capital)|all[- ]caps|all[- ]capital|all[- ]uppercase|upper[- ]?case|capital[- ]letter|caps[- ]lock) words?|words? (?:with|in|written in|using|that are in|that use|typed in) (?:all |only |entirely in |fully in |complete |full |total )?(?:capital letters|capitals|caps|all[- ]caps|upper[- ]?case(?: letters)?|block letters)|\\*{0,2}(?:highlighted|emphasi[sz]ed|bold(?:ed)?|italici[sz]ed|italic|marked|markdown[- ]highlighted)\\*{0,2} (?:(?:key|main|important) )?(?:sections?|parts?|phrases?|passages?|spans?|segments?|portions?|bits?|words?|texts?|areas?|terms?|points?|tips?|ideas?|sentences?|keywords?)|highlights?|\\[[\\w ]{1,30}\\] (?:fields?|placeholders?|slots?|tokens?|values?|variables?|blanks?)|(?:blanks?|gaps?|fields?|slots?) (?:in|within|inside) (?:square )?brackets|(?:\\[\\w+\\] )?(?:placeholders?|place[- ]holders?)(?: (?:fields?|tokens?|slots?|values?))?|(?:square[- ]bracket(?:ed)?|bracketed) (?:placeholders?|fields?|slots?|tokens?|variables?)|${FILL_IN}`;
const UNIT =
  "(" +
  SPECIAL_UNIT +
  "|paragraphs?|paras?|sentences?|words?|characters?|chars?|lines?|bullet[- ]?points?|bullet (?:items?|list items?)|bullets?|bulleted (?:items?|points?|list items?)|numbered (?:items?|points?|list items?|steps?)|list items?|items?|(?:list )?entries|(?:markdown |section )?(?:headers?|headings?))";
const ADJECTIVES =
  "(?:(?:short|long|concise|brief|full|complete|separate|distinct|total|key|main|clear|simple|different|unique|well-written|coherent|detailed|additional|whole|markdown)\\s+){0,2}";
const AT_MOST =
  "up to|at most|at (?:a |the )?maximum,?|at the most|no more than|not more than|no longer than|not longer than|a maximum of|maximum of|max(?:imum)?|not exceeding|not to exceed|(?:does|do|should|must|shall|may) not exceed|never exceed|within|cap(?:ped)? at|no greater than|(?:limit(?:ed)?|restrict(?:ed)?|keep|cap)(?: (?:it|this|the response|your response|the answer|your answer|the text|the output|yourself|your reply|the reply|the length|the summary|your summary|the description|your description))? (?:to|at|within)";
const FEWER = "fewer than|less than|under|below|shorter than";
const AT_LEAST =
  "at least|at (?:a |the )?minimum,?|at the least|no fewer than|no less than|not fewer than|not less than|a minimum of|minimum of|min(?:imum)?|no shorter than";
const MORE = "more than|over|above|longer than|exceeding|greater than";
const EXACTLY = "exactly|precisely|only|just|a total of|in total";
const ABOUT = "about|around|approximately|approx|roughly|circa|~";
export const COMPARATOR = `(${AT_MOST}|${FEWER}|${AT_LEAST}|${MORE}|${EXACTLY}|${ABOUT})`;
export const POSTFIX =
  "(or (?:fewer|less|under|below)|or more|at (?:the )?most|at (?:the )?least|max(?:imum)?|min(?:imum)?|tops|or so|in total|total)";
// "words" followed by a quote or "like"/"such as" introduces keywords ("the 3 words 'a', 'b', 'c'").
const KEYWORD_LIST = /^\s*(?::|like\b|such as\b|\uE000)/i;

// Word numbers take "to" ("two to four"), digits also a dash ("3-5"): "twenty-five" is one number.
const rangeOf = (unit: string): RegExp =>
  compiledPattern(
    `\\b(?:between (${NUMBER}) and (${NUMBER})|(?:from )?(${NUMBER}) to (${NUMBER})|(?:from )?(\\d+) ?[-–] ?(\\d+))[ -]${ADJECTIVES}${unit}\\b`,
    "gi",
  );
// "3 or more paragraphs": the postfix may come before the unit too (group 3).
const countOf = (unit: string): RegExp =>
  compiledPattern(
    `(?:\\b${COMPARATOR} )?\\b(${NUMBER})(?: (or (?:more|fewer|less)))?[ -]${ADJECTIVES}${unit}\\b(?: ${POSTFIX}\\b)?`,
    "gi",
  );
const RANGE = rangeOf(UNIT);
const MAIN = countOf(UNIT);
// The same for the units named by a phrase only, read before the case family.
const SPECIAL_RANGE = rangeOf(`(${SPECIAL_UNIT})`);
const SPECIAL_MAIN = countOf(`(${SPECIAL_UNIT})`);
const UNIT_LIMIT = compiledPattern(
  `\\b(paragraph|sentence|word|character|line|bullet(?: point)?)[ -](count|limit|length|total)(?: (?:of|is|must be|should be|must stay|should stay|needs to be|has to be)|:)?(?: ${COMPARATOR})? (${NUMBER})\\b`,
  "gi",
);
const NUMBER_UNIT_LIMIT = compiledPattern(
  `\\b(${NUMBER})[ -](paragraph|sentence|word|character|line)[ -](?:limit|maximum|max|cap)\\b`,
  "gi",
);
// "Words in all capital letters should appear at least 3 times", "the number of placeholders must be at
// least 2": the counted thing comes first, for the units that are named by a phrase.
const SUBJECT_FIRST = compiledPattern(
  `\\b(?:the (?:number|count|total) of )?(${SPECIAL_UNIT})(?: (?:in|within|throughout) (?:the|your) (?:entire |whole )?(?:response|answer|text|reply))? (?:(?:must|should|shall|has to|have to|needs? to|will|is to|are to|may|can)(?: not| never)? )?(?:appear|occur|be used|be present|be included|show up|be|number|total|come up|exist|stay|remain|be kept)(?: in (?:the|your) (?:response|answer|text|reply))? (?:${COMPARATOR} )?(${NUMBER}|once|twice|thrice)(?: times?)?(?: ${POSTFIX}\\b)?`,
  "gi",
);
const IN_A_UNIT = /\b(?:in|with|as) a (paragraph|sentence|word|line)\b(?! (?:about|on|that|which|of)\b)/gi;
const PER_UNIT =
  /^\s*(?:per|each|every|in each|in every|for each|for every|a) (?:paragraph|sentence|bullet|item|section|point|line|answer|list|header|heading)/i;
const EACH_SUBJECT = /\b(?:each|every|per)\b/i;

/**
 * Maps a unit as written (a match of the unit patterns here) to its {@link CountUnit}. The tests run in
 * this order: "words in all caps" are capital words before they are words, "bullet list items" bullets
 * before list items; what is left after list items is a header or heading.
 */
function readUnit(written: string): CountUnit {
  const unit = written.toLowerCase();
  // "[name] fields" are placeholders, whatever the name in the brackets; so are "fill-in fields".
  if (/\[|place[- ]?holder|bracket|fill|template|blank|slot|field|gap|variable|token/.test(unit)) {
    return "placeholders";
  }
  if (/cap|upper|block letters/.test(unit)) return "capital_words";
  if (/highlight|emphasi|bold|italic|marked/.test(unit)) return "highlights";
  if (unit.startsWith("para")) return "paragraphs";
  if (unit.startsWith("sentence")) return "sentences";
  if (unit.startsWith("word")) return "words";
  if (unit.startsWith("char")) return "characters";
  if (unit.startsWith("line")) return "lines";
  if (unit.startsWith("bullet")) return "bullets";
  if (unit.startsWith("numbered")) return "numbered_items";
  if (unit.includes("item") || /entr(?:y|ies)/.test(unit)) return "list_items";
  return "headers";
}

/** The number a match of {@link NUMBER} stands for: every such match is one parseNumber reads. */
function numberOf(written: string): number {
  return parseNumber(written)!;
}

// A count of highlights: a number, a range ("two to three", "2-3", "two or three") or "2 or more", then up
// to two words before the noun ("key", "short"): not "to", "or" and "and", which would take "two to three"
// for two, nor "bullet", whose points are bullets. "the three key tips" is a count too. The groups are
// named, so that every highlight pattern below is read by one function ({@link addNamedCount}).
const HIGHLIGHT_COUNT = `\\b(?:(?<cmp>${COMPARATOR}) )?(?:the |your )?(?<n>${NUMBER})(?:(?: to | or | ?[-–] ?)(?<n2>${NUMBER})| (?<inner>or (?:more|fewer|less)))? (?:(?!(?:to|or|and|bullet|numbered)\\b)[\\p{L}-]+ ){0,2}?(?:sections?|parts?|phrases?|passages?|points?|words?|terms?|sentences?|things?|ideas?|items?|spans?|segments?|portions?|concepts?|places?|bits?|lines?|tips?|facts?|details?|takeaways?|keywords?|names?|statements?|snippets?|excerpts?|elements?|steps?|areas?)\\b(?: (?<post>${POSTFIX})\\b)?`;
// What a highlight is made with: "*asterisk highlighting*", "bold markdown", "markdown italics", "single
// asterisks", "*highlighted text*". Bare "markdown" is not one: "3 sections in markdown" is a format, and
// "bold headings" are headings.
export const EMPHASIS_STYLE =
  "\\*{0,2}(?:(?:single|double|markdown|bold|italic)[- ])?(?:highlight(?:ing|s)?|highlighted text|emphasis|emphasi[sz]ed text|italics?(?: text| font| type| style)?|bold(?:face| text| font| type| style)?|asterisks?(?: highlighting| emphasis| marks?)?|underscores?)\\b(?: markdown| formatting| syntax)?\\*{0,2}(?! (?:headings?|headers?|titles?|labels?|letters?))";
export const OF_TEXT =
  "(?: (?:of|in) (?:the|your|this) (?:response|answer|text|reply|essay|article|output|post|email|letter))?";
// "Highlight at least 3 sections with markdown", "bold no more than two key phrases".
const HIGHLIGHT_VERB = compiledPattern(
  `\\b(?:highlight|emphasi[sz]|bold|italici[sz]|mark up)\\w{0,4}(?: (?:in|with|using) markdown)? ${HIGHLIGHT_COUNT}`,
  "giu",
);
// "Mark at least two parts with *asterisk highlighting*", "put 3 terms in bold", "at least 3 words in
// italics", "wrap three key terms in asterisks": any verb, since the style names the highlight.
const STYLED_COUNT = compiledPattern(
  `(?:\\b(?:mark|wrap|stress|put|set|format|render|show|type|write|make|enclose|surround|display|present|style|emphasi[sz]|highlight|call out|accentuate|flag)\\w{0,4} )?${HIGHLIGHT_COUNT}${OF_TEXT}(?: (?:highlighted|emphasi[sz]ed|formatted|written|marked|wrapped|set|shown|enclosed|styled|put|rendered|typed|displayed))? (?:in|with|using|as|via|by) ${EMPHASIS_STYLE}`,
  "giu",
);
// "At least 3 parts of the answer should be highlighted in markdown", "2 or more sections highlighted",
// "make at least 3 phrases bold".
const PASSIVE_COUNT = compiledPattern(
  `(?:\\b(?:make|have|get|keep|leave)\\w{0,3} )?${HIGHLIGHT_COUNT}${OF_TEXT}(?: (?:(?:must|should|shall|will|may|can|needs? to|has to|have to|are to|ought to) )?(?:be|are|get|appear))? (?:highlighted|emphasi[sz]ed|bolded|italici[sz]ed|bold|italic|in bold|in italics)\\b`,
  "giu",
);
// "Use *italic text* for at least 3 tips", "apply markdown highlighting to two sections", "put asterisks
// around 3 phrases".
const STYLE_FOR_COUNT = compiledPattern(
  `\\b(?:use|apply|add|employ|put|place)\\w{0,3} ${EMPHASIS_STYLE} (?:for|on|to|in|across|around) ${HIGHLIGHT_COUNT}`,
  "giu",
);
// An example in the requirement is markdown or a placeholder to show, not a keyword: "(e.g. [company])",
// "such as *key point*", "like [date] or [name]".
export const EXAMPLE_ITEM = "(?:\\[[^\\]\\n]*\\]|\\*{1,2}[^*\\n]+\\*{1,2})";
const INLINE_EXAMPLE = `(?:,? \\(?(?:(?:such as|like|eg|ie|for example|for instance|say),?:? )?${EXAMPLE_ITEM}(?:,? (?:or|and) ${EXAMPLE_ITEM})*\\)?,?)?`;
const IN_BRACKETS =
  "(?:(?:represented|written|enclosed|wrapped|marked|shown|denoted|formatted|put|placed) )?(?:by|in|with|within|using|inside) (?:(?:a pair of|pairs of) )?(?:square )?brackets\\b";
// "Use markdown highlighting at least 3 times", "use square-bracket placeholders (e.g. [company]) at least 4
// times", "include all-caps words at least twice".
const USE_TIMES = compiledPattern(
  `\\b(?:use|apply|add|include|insert|put|leave|place|employ|have)\\w{0,3} (?:(?<style>${EMPHASIS_STYLE})|(?<unit>${SPECIAL_UNIT}))${INLINE_EXAMPLE}(?: ${IN_BRACKETS})?${INLINE_EXAMPLE}(?: (?:in|throughout|across) (?:the|your) (?:entire |whole )?(?:response|answer|text|reply))? (?:(?<cmp>${COMPARATOR}) )?(?:(?<n>${NUMBER}) times?|(?<times>once|twice|thrice))\\b(?: (?<post>${POSTFIX})\\b)?`,
  "giu",
);
// "Emphasize 2 words by writing them in capitals" asks for capital words, not markdown.
const IN_CAPITALS =
  /^(?:,? (?:by )?(?:writing|putting|typing|setting|rendering|making)(?: (?:them|it|these|those))?)? (?:in|using|with|as) (?:all[- ]|full[- ])?(?:capitals|caps|capital letters|upper[- ]?case(?: letters)?|block letters)\b/i;
// Bare blanks, fields or slots are placeholders beside brackets: "leave at least 2 blanks, in square brackets".
const BRACKETS_NAMED = /bracket|\[[\w -]{1,30}\]/i;
const BRACKETED_MAIN = countOf("(blanks?|fields?|slots?|gaps?|variables?|tokens?)");
// Examples and explanations that follow these units: "represented by square brackets, such as [address]",
// "with markdown, i.e. *highlighted section*", "with *italic markdown*".
export const EXAMPLES = compiledPattern(
  `${IN_BRACKETS}|,? ?\\b(?:such as|like|eg|ie|for example|for instance)\\b:? ?${EXAMPLE_ITEM}(?: (?:or|and) ${EXAMPLE_ITEM})*|\\b(?:with|using|in|via) markdown(?: (?:syntax|formatting|emphasis|asterisks))?\\b|\\b(?:use|using) (?:markdown|${EMPHASIS_STYLE}) (?:to|for)\\b|\\b(?:use|using|with|put|place) (?:square )?brackets (?:for|as|to mark|around)\\b|\\b(?:with|using|in|as|via|by) ${EMPHASIS_STYLE}|(?<=highlight|bold)\\*+[^*\\n]*\\*+`,
  "giu",
);

// "Limit all-caps words to 2", "keep placeholders under 5", "keep placeholders to fewer than 5": "to N" is
// a ceiling, "under N" and "below N" are fewer than N.
const LIMIT_SUBJECT = compiledPattern(
  `\\b(?:limit|cap|keep|restrict|hold)(?:s|ed|ing)? (?:the (?:number|count|use) of |your |the )?(${SPECIAL_UNIT}) (?:(?:to|at)(?: (${AT_MOST}|${FEWER}|${EXACTLY}))?|(below|under)) (${NUMBER})\\b(?: ${POSTFIX}\\b)?`,
  "giu",
);
// "Fewer than 4 words should be fully capitalized", "at least 3 words must be in all caps": the count
// comes first and the capitals after, as what the counted words must be.
const CAPITALS_PREDICATE =
  "(?:(?:written|typed|put|set) )?(?:(?:fully|entirely|completely|totally) capitali[sz]ed|(?:(?:fully|entirely|completely|totally|all) )?(?:in (?:all )?(?:caps|capitals|capital letters|upper[- ]?case(?: letters)?|block (?:letters|capitals))|(?:all[- ])?(?:upper[- ]?case|caps)))";
const COUNTED_CAPITALS = compiledPattern(
  `\\b(?:(?<cmp>${COMPARATOR}) )?(?<n>${NUMBER})(?: (?<post>${POSTFIX}))? (?:(?:of the|of your) )?words?(?: (?:in|of) (?:the|your) (?:entire |whole )?(?:response|answer|reply|text))? (?:(?:should|must|shall|can|may|will|need to|needs to|have to|has to|are to|are allowed to|are permitted to)(?: only)? )?(?:be|are|is) ${CAPITALS_PREDICATE}\\b`,
  "giu",
);
// The same with words between the count and the capitals, within one phrase: "put at least four words in
// full uppercase", "three words that are typed completely in caps", "five or more of the words must be
// spelled entirely in uppercase". No "and", "but" or comma between: "300 words, and use capital letters
// for names" is two rules.
const CAPITALS_AFTER = `(?:(?:in|typed|written|spelled|spelt|set|put) )*(?:(?:full|all|entirely|completely|fully|totally|complete) )?(?:upper[- ]?case(?: letters)?|caps|capitals|capital letters|block (?:letters|capitals))|(?:fully|entirely|completely|totally) capitali[sz]ed`;
const COUNTED_THEN_CAPITALS = compiledPattern(
  `\\b(?:(?<cmp>${COMPARATOR}) )?(?<n>${NUMBER})(?: (?<post>${POSTFIX}))? (?:(?:of the|of your|of its) )?words?\\b(?:(?!\\b(?:and|but|then|also|or)\\b)[^.;:!?,\\n\\uE000-\\uE002]){0,40}?\\b(?:${CAPITALS_AFTER})\\b`,
  "giu",
);
/**
 * Whether a count at `at` follows a verb of writing ("write 100 words in all caps"): the text's length,
 * with a case, rather than a count of capital words. Not when negated: "don't write more than 2 words in
 * capital letters" limits the capital words.
 */
function writesLength(state: ClauseState, at: number): boolean {
  return !state.isNegatedBefore(at) && WRITING_BEFORE.test(state.text.slice(Math.max(0, at - 40), at));
}

/** A verb of writing right before a count: the count is the text's length ("write 100 words"). */
const WRITING_BEFORE =
  /\b(?:write|compose|produce|generate|give|answer|respond|reply|draft|type)(?: (?:me|it|this|in|with|using|about|around|roughly|approximately|a total of))*\s*$/i;
// "All-caps words: two at most", "Placeholders: at least 3".
const UNIT_COLON_COUNT = compiledPattern(
  `\\b(?<unit>${SPECIAL_UNIT})\\s*:\\s*(?:(?<cmp>${COMPARATOR}) )?(?<n>${NUMBER})(?: (?<post>${POSTFIX}))?\\b`,
  "giu",
);
const HIGHLIGHTS: CountUnit = "highlights";
const SPECIAL_HINT =
  /cap|upper|block letters|highlight|emphas|bold|italic|marked|mark up|asterisk|underscore|placeholder|place-holder|place holder|bracket|\[|fill|template|slot/i;

/**
 * Reads counts of capital words, highlighted sections and placeholders; it runs before the case family,
 * so "words in all capital letters should appear 3 times" is a count and not a case rule.
 */
export function recognizeSpecialCounts(state: ClauseState): void {
  // Most clauses name none of these units; a cheap test spares them the count patterns.
  if (!SPECIAL_HINT.test(state.text)) return;
  const checksBefore = state.checks.length;
  eachMatch(state, COUNTED_CAPITALS, (match) => addNamedCount(state, match, "capital_words"));
  eachMatch(state, COUNTED_THEN_CAPITALS, (match) => {
    // "Write 100 words in all caps" is a length and a case, not a count of capital words.
    if (writesLength(state, match.index)) return;
    addNamedCount(state, match, "capital_words");
  });
  eachMatch(state, UNIT_COLON_COUNT, (match) => addNamedCount(state, match, readUnit(match.groups!.unit!)));
  readRanges(state, SPECIAL_RANGE);
  readCounts(state, SPECIAL_MAIN);
  eachMatch(state, SUBJECT_FIRST, (match) => {
    const unit = readUnit(match[1]!);
    const bounds = readBounds(match[2], match[4], parseTimes(match[3]!)!, unit);
    if (bounds === undefined) {
      state.reject(match.index, match.index + match[0].length);
      return;
    }
    // "must not appear more than 3 times": the negation is inside the match.
    const inner = /\b(?:not|never)\b/i.test(match[0]);
    addCount(state, match, unit, bounds.min, bounds.max, inner);
  });
  eachMatch(state, USE_TIMES, (match) => {
    const written = match.groups?.unit;
    addNamedCount(state, match, written === undefined ? HIGHLIGHTS : readUnit(written));
  });
  eachMatch(state, HIGHLIGHT_VERB, (match) => {
    const end = match.index + match[0].length;
    const capitals = IN_CAPITALS.exec(state.text.slice(end));
    addNamedCount(state, match, capitals === null ? HIGHLIGHTS : "capital_words");
    if (capitals !== null) state.consume(end, end + capitals[0].length);
  });
  for (const pattern of [STYLED_COUNT, PASSIVE_COUNT, STYLE_FOR_COUNT]) {
    eachMatch(state, pattern, (match) => addNamedCount(state, match, HIGHLIGHTS));
  }
  eachMatch(state, LIMIT_SUBJECT, (match) => {
    const unit = readUnit(match[1]!);
    const bounds = readBounds(match[2] ?? match[3] ?? "at most", match[5], numberOf(match[4]!), unit);
    if (bounds !== undefined) addCount(state, match, unit, bounds.min, bounds.max);
  });
  if (BRACKETS_NAMED.test(state.text)) readCounts(state, BRACKETED_MAIN);
  if (state.checks.length > checksBefore) {
    eachMatch(state, EXAMPLES, (match) => state.consume(match.index, match.index + match[0].length));
  }
}

/**
 * Adds a count of `unit` from a match with the named groups of {@link HIGHLIGHT_COUNT} (or a count of
 * times, `n` or `times`, as in {@link USE_TIMES}): a range when `n2` is set.
 */
export function addNamedCount(state: ClauseState, match: RegExpExecArray, unit: CountUnit): void {
  const { cmp, n, n2, inner, post, times } = match.groups ?? {};
  if (n2 !== undefined) {
    const [low, high] = [numberOf(n!), numberOf(n2)];
    addCount(state, match, unit, Math.min(low, high), Math.max(low, high));
    return;
  }
  const count = n === undefined ? parseTimes(times!)! : numberOf(n);
  const bounds = readBounds(cmp, post ?? inner, count, unit);
  if (bounds === undefined) {
    state.reject(match.index, match.index + match[0].length);
    return;
  }
  addCount(state, match, unit, bounds.min, bounds.max);
}

/** Reads count phrasings in a clause into count checks. */
export function recognizeLength(state: ClauseState): void {
  readRanges(state, RANGE);
  // Before the counts: "a 200-word limit" is not a 200-word size.
  eachMatch(state, NUMBER_UNIT_LIMIT, (match) => {
    addCount(state, match, readUnit(match[2]!), undefined, numberOf(match[1]!));
  });
  readCounts(state, MAIN);
  eachMatch(state, UNIT_LIMIT, (match) => {
    const unit = readUnit(match[1]!);
    // Without a comparator a "word limit of 100" (or length) is a ceiling, a "sentence count of 5" a count.
    const limit = /^l/i.test(match[2]!) ? "at most" : undefined;
    const bounds = readBounds(match[3] ?? limit, undefined, numberOf(match[4]!), unit);
    if (bounds !== undefined) addCount(state, match, unit, bounds.min, bounds.max);
  });
  eachMatch(state, IN_A_UNIT, (match) => addCount(state, match, readUnit(match[1]!), 1, 1));
}

/** Reads ranges of a unit with `range` ({@link rangeOf}): "3-5 sentences", "between 2 and 4 placeholders". */
function readRanges(state: ClauseState, range: RegExp): void {
  eachMatch(state, range, (match) => {
    const low = numberOf(match[1] ?? match[3] ?? match[5]!);
    const high = numberOf(match[2] ?? match[4] ?? match[6]!);
    addCount(state, match, readUnit(match[7]!), Math.min(low, high), Math.max(low, high));
  });
}

/** Reads counts of a unit with `count` ({@link countOf}): "at most 3 lines", "5 sentences or more". */
function readCounts(state: ClauseState, count: RegExp): void {
  eachMatch(state, count, (match) => {
    const unit = readUnit(match[4]!);
    // "Write 100 words in all caps" is a length and a case, not a count of capital words.
    if (unit === "capital_words" && writesLength(state, match.index)) return;
    const postfix = match[5] ?? match[3];
    // "a 300-word essay" and "a 300 word essay" (the unit in the singular) are a size, not an exact count:
    // read as "about 300" for words and characters.
    const size = !match[4]!.endsWith("s") && match[1] === undefined && postfix === undefined;
    const bounds = readBounds(size ? "about" : match[1], postfix, numberOf(match[2]!), unit);
    // "exactly one of these three sentences": the count names the choices offered, not the text's.
    if (bounds === undefined || CHOICES_BEFORE.test(state.slice(match.index - 40, match.index))) {
      state.reject(match.index, match.index + match[0].length);
      return;
    }
    addCount(state, match, unit, bounds.min, bounds.max);
  });
}

/** What comes before a count of the choices offered: "one of these", "any of the following", "each of the". */
const CHOICES_BEFORE =
  /\b(?:one|any|each|none|either|some) of (?:the |these |those |the following |my |your )?$/i;

/** Whether `text` (a comparator or postfix, undefined when absent) is one of the regex `alternatives`. */
function isOneOf(text: string | undefined, alternatives: string): boolean {
  return new RegExp(`^(?:${alternatives})$`, "i").test(text ?? "");
}

/** The bounds a comparator before the count and a postfix after it give; undefined for the impossible. */
export function readBounds(
  comparator: string | undefined,
  postfix: string | undefined,
  count: number,
  unit: CountUnit,
): { min?: number; max?: number } | undefined {
  if (isOneOf(comparator, ABOUT) || isOneOf(postfix, "or so")) {
    // Only long counts of words or characters are approximate: "a one-word answer" is exactly one.
    if ((unit !== "words" && unit !== "characters") || count < 20) return { min: count, max: count };
    return { min: Math.ceil(count * 0.9 - 1e-9), max: Math.floor(count * 1.1 + 1e-9) };
  }
  if (isOneOf(comparator, FEWER)) return count === 0 ? undefined : { max: count - 1 };
  if (
    isOneOf(comparator, AT_MOST) ||
    isOneOf(postfix, "or (?:fewer|less|under|below)|tops|at (?:the )?most|max(?:imum)?")
  ) {
    return { max: count };
  }
  if (isOneOf(comparator, MORE)) return { min: count + 1 };
  if (isOneOf(comparator, AT_LEAST) || isOneOf(postfix, "or more|at (?:the )?least|min(?:imum)?")) {
    return { min: count };
  }
  return { min: count, max: count };
}

function addCount(
  state: ClauseState,
  match: RegExpExecArray,
  unit: CountUnit,
  min: number | undefined,
  max: number | undefined,
  negatedInside = false,
): void {
  const start = match.index;
  const end = start + match[0].length;
  if (unit === "words" && KEYWORD_LIST.test(state.original.slice(end))) return;
  // "at most 2 sentences per paragraph" and "each bullet under 10 words" are per-unit rules: not checked.
  const before = state.original.slice(0, start);
  if (PER_UNIT.test(state.original.slice(end)) || EACH_SUBJECT.test(before)) {
    state.reject(start, end);
    return;
  }
  if (state.isNegatedBefore(start) !== negatedInside) {
    // "Don't write more than 3 paragraphs" is "at most 3"; a negated exact count says too little, and
    // "not at least 0" leaves no count at all.
    if ((min !== undefined && max !== undefined) || min === 0) {
      state.reject(start, end);
      return;
    }
    [min, max] = min !== undefined ? [undefined, min - 1] : [max! + 1, undefined];
  }
  const check: CountCheck = { kind: "count", unit, source: state.source(start, end) };
  if (min !== undefined) check.min = min;
  if (max !== undefined) check.max = max;
  state.accept(start, end, check);
}

const UNIT_NAMES: Record<CountUnit, [string, string]> = {
  paragraphs: ["paragraph", "paragraphs"],
  sentences: ["sentence", "sentences"],
  words: ["word", "words"],
  characters: ["character", "characters"],
  lines: ["non-blank line", "non-blank lines"],
  bullets: ["bullet point", "bullet points"],
  numbered_items: ["numbered item", "numbered items"],
  list_items: ["list item", "list items"],
  headers: ["markdown header", "markdown headers"],
  capital_words: ["word in all capital letters", "words in all capital letters"],
  highlights: ["highlighted section", "highlighted sections"],
  placeholders: ["placeholder in square brackets", "placeholders in square brackets"],
};

/** "1 paragraph", "4 paragraphs": a count with its unit named in the right number. */
export function describeCount(count: number, unit: CountUnit): string {
  const [one, many] = UNIT_NAMES[unit];
  return `${count} ${count === 1 ? one : many}`;
}

/** "at most 3 allowed", "exactly 2 required", "none allowed": what a count check asks for. */
export function describeBounds(min: number | undefined, max: number | undefined): string {
  if (max === 0) return "none allowed";
  if (min !== undefined && max !== undefined) {
    return min === max ? `exactly ${min} required` : `between ${min} and ${max} required`;
  }
  if (max !== undefined) return `at most ${max} allowed`;
  if (min !== undefined) return `at least ${min} required`;
  return "any number allowed";
}

/** Scores a count check: 1 when the count is within bounds, else 0; the reason gives the count found. */
export function scoreCount(check: CountCheck, facts: TextFacts): FamilyScore {
  const divided = check.unit === "paragraphs" && check.divider !== undefined;
  const found = divided ? facts.paragraphs(check.divider).length : facts.count(check.unit);
  const ok =
    (check.min === undefined || found >= check.min) && (check.max === undefined || found <= check.max);
  return {
    score: ok ? 1 : 0,
    reason: `${describeCount(found, check.unit)}${divided ? ` separated by ${check.divider}` : ""} found; ${describeBounds(check.min, check.max)}`,
  };
}
