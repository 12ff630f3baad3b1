// Length and structure counts: "up to 3 paragraphs", "at least 2 sentences", "under 100 words", "no more
// than 500 characters", "exactly 5 bullet points", "a single paragraph", "between 3 and 5 sentences".
// Scoring is all or nothing: a count is within its bounds or it is not (4 paragraphs against "at most
// 3" is a miss, not 75%), which is what a reader of the requirement would say too.
import type { CountCheck, CountUnit } from "../check.js";
import { type ClauseState, eachMatch } from "../clause-state.js";
import { NUMBER, parseNumber, parseTimes } from "../numbers.js";
import type { TextFacts } from "../text-facts.js";
import type { FamilyScore } from "./family-score.js";

// Units named by several words come first: "3 words in all caps" counts capital words, not words.
const SPECIAL_UNIT =
  "(?:all[- ]caps|all[- ]capital|all[- ]uppercase|upper[- ]?case|fully capitali[sz]ed|capital[- ]letter|caps[- ]lock) words?|words? (?:with|in|written in|using|that are in|that use|typed in) (?:all |only |entirely in |fully in )?(?:capital letters|capitals|caps|all[- ]caps|upper[- ]?case(?: letters)?|block letters)|\\*{0,2}(?:highlighted|emphasi[sz]ed|bold(?:ed)?|italici[sz]ed|italic|marked|markdown[- ]highlighted)\\*{0,2} (?:sections?|parts?|phrases?|passages?|spans?|segments?|portions?|bits?|words?|texts?|areas?)|highlights?|\\[[\\w ]{1,30}\\] (?:fields?|placeholders?|slots?|tokens?|values?|variables?|blanks?)|(?:blanks?|gaps?|fields?|slots?) (?:in|within|inside) (?:square )?brackets|(?:\\[\\w+\\] )?(?:placeholders?|place[- ]holders?)(?: (?:fields?|tokens?|slots?|values?))?|(?:square[- ]bracket(?:ed)?|bracketed) (?:placeholders?|fields?|slots?|tokens?|variables?)";
const UNIT =
  "(" +
  SPECIAL_UNIT +
  "|paragraphs?|paras?|sentences?|words?|characters?|chars?|lines?|bullet[- ]?points?|bullet (?:items?|list items?)|bullets?|bulleted (?:items?|points?|list items?)|numbered (?:items?|points?|list items?|steps?)|list items?|items?|(?:markdown |section )?(?:headers?|headings?))";
const ADJECTIVES =
  "(?:(?:short|long|concise|brief|full|complete|separate|distinct|total|key|main|clear|simple|different|unique|well-written|coherent|detailed|additional|whole|markdown)\\s+){0,2}";
const AT_MOST =
  "up to|at most|at the most|no more than|not more than|no longer than|not longer than|a maximum of|maximum of|max(?:imum)?|not exceeding|not to exceed|(?:does|do|should|must|shall|may) not exceed|never exceed|within|cap(?:ped)? at|no greater than|(?:limit(?:ed)?|restrict(?:ed)?|keep|cap)(?: (?:it|this|the response|your response|the answer|your answer|the text|the output|yourself|your reply|the reply|the length|the summary|your summary|the description|your description))? (?:to|at|within)";
const FEWER = "fewer than|less than|under|below|shorter than";
const AT_LEAST =
  "at least|at the least|no fewer than|no less than|not fewer than|not less than|a minimum of|minimum of|min(?:imum)?|no shorter than";
const MORE = "more than|over|above|longer than|exceeding|greater than";
const EXACTLY = "exactly|precisely|only|just|a total of|in total";
const ABOUT = "about|around|approximately|approx|roughly|circa|~";
const COMPARATOR = `(${AT_MOST}|${FEWER}|${AT_LEAST}|${MORE}|${EXACTLY}|${ABOUT})`;
const POSTFIX =
  "(or (?:fewer|less|under|below)|or more|at (?:the )?most|at (?:the )?least|max(?:imum)?|min(?:imum)?|tops|or so|in total|total)";
// "words" followed by a quote or "like"/"such as" introduces keywords ("the 3 words 'a', 'b', 'c'").
const KEYWORD_LIST = /^\s*(?::|like\b|such as\b|\uE000)/i;

// Word numbers take "to" ("two to four"), digits also a dash ("3-5"): "twenty-five" is one number.
const rangeOf = (unit: string): RegExp =>
  new RegExp(
    `\\b(?:between (${NUMBER}) and (${NUMBER})|(?:from )?(${NUMBER}) to (${NUMBER})|(?:from )?(\\d+) ?[-–] ?(\\d+))[ -]${ADJECTIVES}${unit}\\b`,
    "gi",
  );
const countOf = (unit: string): RegExp =>
  new RegExp(`(?:\\b${COMPARATOR} )?\\b(${NUMBER})[ -]${ADJECTIVES}${unit}\\b(?: ${POSTFIX}\\b)?`, "gi");
const RANGE = rangeOf(UNIT);
const MAIN = countOf(UNIT);
// The same for the units named by a phrase only, read before the case family.
const SPECIAL_RANGE = rangeOf(`(${SPECIAL_UNIT})`);
const SPECIAL_MAIN = countOf(`(${SPECIAL_UNIT})`);
const UNIT_LIMIT = new RegExp(
  `\\b(paragraph|sentence|word|character|line|bullet(?: point)?)[ -](count|limit|length|total)(?: (?:of|is|must be|should be|must stay|should stay|needs to be|has to be)|:)?(?: ${COMPARATOR})? (${NUMBER})\\b`,
  "gi",
);
const NUMBER_UNIT_LIMIT = new RegExp(
  `\\b(${NUMBER})[ -](paragraph|sentence|word|character|line)[ -](?:limit|maximum|max|cap)\\b`,
  "gi",
);
// "Words in all capital letters should appear at least 3 times", "the number of placeholders must be at
// least 2": the counted thing comes first, for the units that are named by a phrase.
const SUBJECT_FIRST = new RegExp(
  `\\b(?:the (?:number|count|total) of )?(${SPECIAL_UNIT})(?: (?:in|within|throughout) (?:the|your) (?:entire |whole )?(?:response|answer|text|reply))? (?:(?:must|should|shall|has to|have to|needs? to|will|is to|are to|may|can)(?: not| never)? )?(?:appear|occur|be used|be present|be included|show up|be|number|total|come up|exist)(?: in (?:the|your) (?:response|answer|text|reply))? (?:${COMPARATOR} )?(${NUMBER}|once|twice|thrice)(?: times?)?(?: ${POSTFIX}\\b)?`,
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
  // "[name] fields" are placeholders, whatever the name in the brackets.
  if (/\[|place[- ]?holder|bracket/.test(unit)) return "placeholders";
  if (/cap|upper|block letters/.test(unit)) return "capital_words";
  if (/highlight|emphasi|bold|italic|marked/.test(unit)) return "highlights";
  if (unit.startsWith("para")) return "paragraphs";
  if (unit.startsWith("sentence")) return "sentences";
  if (unit.startsWith("word")) return "words";
  if (unit.startsWith("char")) return "characters";
  if (unit.startsWith("line")) return "lines";
  if (unit.startsWith("bullet")) return "bullets";
  if (unit.startsWith("numbered")) return "numbered_items";
  if (unit.includes("item")) return "list_items";
  return "headers";
}

/** The number a match of {@link NUMBER} stands for: every such match is one parseNumber reads. */
function numberOf(written: string): number {
  return parseNumber(written)!;
}

// A count of highlights, or a range ("two to three", "2-3", "two or three"), and up to two words before the
// unit ("key", "short"): not "to", "or" and "and", which would take "two to three" for two.
const HIGHLIGHT_COUNT = `(${NUMBER})(?:(?: to | or | ?[-–] ?)(${NUMBER}))? (?:(?!(?:to|or|and)\\b)[\\p{L}-]+ ){0,2}?`;
// "Highlight at least 3 sections with markdown", "bold no more than two key phrases".
const HIGHLIGHT_VERB = new RegExp(
  `\\b(?:highlight|emphasi[sz]e|bold|italici[sz]e|mark up)(?:s|ed|ing)?(?: (?:in|with|using) markdown)? (?:${COMPARATOR} )?${HIGHLIGHT_COUNT}(?:sections?|parts?|phrases?|passages?|points?|words?|terms?|sentences?|things?|ideas?|items?|spans?|segments?|portions?|concepts?|places?|bits?|lines?)\\b(?: ${POSTFIX}\\b)?`,
  "giu",
);
// Examples and explanations that follow these units: "represented by square brackets, such as [address]",
// "with markdown, i.e. *highlighted section*".
const EXAMPLES =
  /(?:\b(?:represented|written|enclosed|wrapped|marked|shown|denoted|formatted|put|placed)(?: (?:by|in|with|within|using))?|\b(?:in|with|within|using|inside)) (?:(?:a pair of|pairs of) )?(?:square )?brackets\b|,? ?\b(?:such as|like|eg|ie|for example|for instance)\b:? ?(?:\[[^\]\n]*\]|\*{1,2}[^*\n]+\*{1,2})(?: (?:or|and) (?:\[[^\]\n]*\]|\*{1,2}[^*\n]+\*{1,2}))*|\b(?:with|using|in|via) markdown(?: (?:syntax|formatting|emphasis|asterisks))?\b|\b(?:use|using) markdown (?:to|for)\b|\b(?:use|using|with) (?:square )?brackets (?:for|as|to mark)\b|\b(?:with|using|in) (?:single |double )?asterisks\b|(?<=highlight|bold)\*+[^*\n]*\*+/gi;

// "Limit all-caps words to 2", "keep placeholders under 5", "keep placeholders to fewer than 5": "to N" is
// a ceiling, "under N" and "below N" are fewer than N.
const LIMIT_SUBJECT = new RegExp(
  `\\b(?:limit|cap|keep|restrict|hold)(?:s|ed|ing)? (?:the (?:number|count|use) of |your |the )?(${SPECIAL_UNIT}) (?:(?:to|at)(?: (${AT_MOST}|${FEWER}|${EXACTLY}))?|(below|under)) (${NUMBER})\\b(?: ${POSTFIX}\\b)?`,
  "giu",
);
const HIGHLIGHTS: CountUnit = "highlights";
// "Mark at least 3 key terms in bold", "put two phrases in italics".
const IN_BOLD = new RegExp(
  `\\b(?:mark|put|set|write|format|render|show|type)(?:s|ed|ing)? (?:${COMPARATOR} )?${HIGHLIGHT_COUNT}(?:sections?|parts?|phrases?|passages?|points?|words?|terms?|sentences?|ideas?|items?|concepts?)\\b (?:in|as|with|using) (?:bold|italics?|markdown (?:emphasis|highlighting)|emphasis|asterisks)\\b`,
  "giu",
);
const SPECIAL_HINT =
  /cap|upper|block letters|highlight|emphas|bold|italic|marked|mark up|asterisk|placeholder|place-holder|place holder|bracket|\[/i;

/**
 * Reads counts of capital words, highlighted sections and placeholders; it runs before the case family,
 * so "words in all capital letters should appear 3 times" is a count and not a case rule.
 */
export function recognizeSpecialCounts(state: ClauseState): void {
  // Most clauses name none of these units; a cheap test spares them the count patterns.
  if (!SPECIAL_HINT.test(state.text)) return;
  const checksBefore = state.checks.length;
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
  eachMatch(state, HIGHLIGHT_VERB, (match) => {
    if (addHighlightRange(state, match)) return;
    const bounds = readBounds(match[1], match[4], numberOf(match[2]!), HIGHLIGHTS);
    if (bounds === undefined) {
      state.reject(match.index, match.index + match[0].length);
      return;
    }
    addCount(state, match, HIGHLIGHTS, bounds.min, bounds.max);
  });
  eachMatch(state, LIMIT_SUBJECT, (match) => {
    const unit = readUnit(match[1]!);
    const bounds = readBounds(match[2] ?? match[3] ?? "at most", match[5], numberOf(match[4]!), unit);
    if (bounds !== undefined) addCount(state, match, unit, bounds.min, bounds.max);
  });
  eachMatch(state, IN_BOLD, (match) => {
    if (addHighlightRange(state, match)) return;
    const bounds = readBounds(match[1], undefined, numberOf(match[2]!), HIGHLIGHTS);
    if (bounds !== undefined) addCount(state, match, HIGHLIGHTS, bounds.min, bounds.max);
  });
  if (state.checks.length > checksBefore) {
    eachMatch(state, EXAMPLES, (match) => state.consume(match.index, match.index + match[0].length));
  }
}

/** Adds "highlight two to three phrases" (numbers in groups 2 and 3) as a range; false without a range. */
function addHighlightRange(state: ClauseState, match: RegExpExecArray): boolean {
  if (match[3] === undefined) return false;
  const low = numberOf(match[2]!);
  const high = numberOf(match[3]);
  addCount(state, match, HIGHLIGHTS, Math.min(low, high), Math.max(low, high));
  return true;
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
    const unit = readUnit(match[3]!);
    // "a 300-word essay" and "a 300 word essay" (the unit in the singular) are a size, not an exact count:
    // read as "about 300" for words and characters.
    const size = !match[3]!.endsWith("s") && match[1] === undefined && match[4] === undefined;
    const bounds = readBounds(size ? "about" : match[1], match[4], numberOf(match[2]!), unit);
    if (bounds === undefined) {
      state.reject(match.index, match.index + match[0].length);
      return;
    }
    addCount(state, match, unit, bounds.min, bounds.max);
  });
}

/** Whether `text` (a comparator or postfix, undefined when absent) is one of the regex `alternatives`. */
function isOneOf(text: string | undefined, alternatives: string): boolean {
  return new RegExp(`^(?:${alternatives})$`, "i").test(text ?? "");
}

/** The bounds a comparator before the count and a postfix after it give; undefined for the impossible. */
function readBounds(
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
