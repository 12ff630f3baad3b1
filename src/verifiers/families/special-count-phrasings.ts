// Counts of placeholders and highlighted sections in the phrasings length.ts's patterns leave: the counted
// things named in the user's own words ("3 or more safety warnings", "at least three spots") when the
// sentence says what they must be made ("with markdown emphasis", "left as bracketed placeholders", "need
// markdown highlighting"), and a count said after the rule, in the same sentence or the next ("Use
// placeholders in square brackets for the personal details; I need at least 2 of them", "Put the key
// terms in italics, at least three"). It runs right after the special counts of length.ts, so that what
// they read is read first.
import type { CountCheck, CountUnit } from "../check.js";
import { ClauseState, CONSUMED, eachMatch } from "../clause-state.js";
import { compiledPattern } from "../compiled-pattern.js";
import { NUMBER, parseNumber } from "../numbers.js";
import {
  addNamedCount,
  COMPARATOR,
  EMPHASIS_STYLE,
  EXAMPLE_ITEM,
  EXAMPLES,
  OF_TEXT,
  POSTFIX,
  readBounds,
} from "./length.js";

// Words that are no counted thing: joiners, units other families count, and what follows a count.
const NOT_A_NOUN =
  "(?:to|or|and|of|in|on|with|by|as|using|via|for|from|than|the|a|an|more|fewer|less|most|least|times?|bullet|bullets|numbered|paragraphs?|pages?|characters?|letters?|capital|caps|upper-?case|headings?|headers?|titles?|is|are|be|should|must|need|needs|that|which|who|where|when|whose|it|they|them|we|you|i)";
/** A word of the counted thing's name, up to 30 letters: "safety", "warnings". */
const NOUN_WORD = `(?!${NOT_A_NOUN}\\b)[\\p{L}-]{1,30}`;
/**
 * A count of things of any name: "3 or more safety warnings", "at least three spots", "two to four key
 * dates", "the four tips". The groups are those length.ts's addNamedCount reads.
 */
const OPEN_COUNT = `\\b(?:(?<cmp>${COMPARATOR}) )?(?:the |your )?(?<n>${NUMBER})(?:(?: to | or | ?[-–] ?)(?<n2>${NUMBER})| (?<inner>or (?:more|fewer|less)))? (?:of (?:the|your|these|those) )?(?:${NOUN_WORD} ){0,2}?${NOUN_WORD}(?: (?<post>${POSTFIX})\\b)?${OF_TEXT}`;
/**
 * Where the counted things are, after their name: "phrases in the tips", "warnings in the instructions",
 * "details of the letter". Up to two words of a name after a determiner.
 */
const LOCATOR = `(?: (?:in|from|of|within|across|throughout) (?:the|your|these|those|each|every|my|our) (?:${NOUN_WORD} )?${NOUN_WORD})?`;
/** How the things are put into the style: "by putting it between single asterisks", "by wrapping them in". */
const BY_PUTTING =
  "by (?:putting|wrapping|enclosing|setting|placing|surrounding|marking|writing|framing) (?:it|them|each(?: one)?|each of them|those|these|every one) (?:between|in|inside|within|with) (?:(?:a pair of|pairs of|two) )?";
const MODAL =
  "(?:(?:must|should|shall|will|may|can|needs? to|has to|have to|are to|ought to|are going to) )?";
/**
 * What counted things are made for a placeholder: "left as bracketed placeholders", "written in square
 * brackets". Bare "brackets" are no placeholders: in British English they are parentheses.
 */
const PLACEHOLDER_MADE = `(?:be |are |get )?(?:(?:left|written|given|marked|shown|kept|put|formatted|presented|set|typed|wrapped|enclosed|turned into|made into|rendered|replaced (?:by|with)) )?(?:as|in|into|with|inside|within|using|by) (?:(?:a pair of|pairs of) )?(?:(?:square[- ]bracket(?:ed)?|bracketed) (?:placeholders?|place[- ]holders?|fields?|slots?|blanks?)|(?:placeholders?|place[- ]holders?)(?: (?:in|inside|within) (?:square )?brackets)?|square brackets|\\[[^\\]\\n]{1,40}\\](?:[- ]style)? (?:placeholders?|place[- ]holders?|fields?|slots?|blanks?))(?![\\p{L}])|${BY_PUTTING}(?:square brackets|(?:square[- ]bracket(?:ed)?|bracketed) placeholders?)\\b`;
/** What counted things are made for a highlight: "with markdown emphasis", "need markdown highlighting". */
const HIGHLIGHT_MADE = `(?:(?:be |are |get |is )?(?:(?:highlighted|emphasi[sz]ed|marked|formatted|written|set|shown|wrapped|styled|put|rendered|typed|displayed) )?(?:in|with|using|as|via|by)|(?:need|needs|require|requires|get|gets|deserve|deserves|receive|receives)) (?:(?:some|a bit of|a) )?${EMPHASIS_STYLE}|${BY_PUTTING}${EMPHASIS_STYLE}`;
/** A verb that may come before the count: "Mark 3 or more warnings with...", "leave at least two names as...". */
const VERB =
  "(?:\\b(?:mark|wrap|stress|put|set|format|render|show|type|write|make|enclose|surround|display|present|style|emphasi[sz]e|highlight|call out|accentuate|flag|leave|turn|replace|keep|give)\\w{0,3} )?";
const MADE_COUNT = compiledPattern(
  `${VERB}${OPEN_COUNT}${LOCATOR} ${MODAL}(?:(?<placeholder>${PLACEHOLDER_MADE})|${HIGHLIGHT_MADE})`,
  "giu",
);

// A count said apart from the rule it counts for: after a comma or a semicolon ("..., at least three"),
// or as a sentence of its own ("At least two are needed.", "I need at least 2 of them."). Only the count:
// the pattern is anchored at the end of the clause.
const LATER_COUNT = compiledPattern(
  `(?:^|[,:—–-] )(?:(?:but|and|also|so|ideally|please) )?(?:(?<who>(?:i|we) (?:need|want|require|expect|would like|'d like|will need)(?: to see| to have| there to be)?|there (?:should|must|needs to|has to|will have to) be|(?:include|use|add|have|give me|make it)) )?(?:(?<cmp>${COMPARATOR}) )?(?<n>${NUMBER})(?: (?<inner>or (?:more|fewer|less)))?(?<of> of (?:them|those|these|each))?(?: (?<post>${POSTFIX}))?(?<pred> (?:is|are|will be|would be|should be|must be|seems?|sounds?) (?:needed|required|necessary|expected|wanted|enough|fine|ok|okay|a must|mandatory|good))?(?:,? please)?[ .!?]{0,5}$`,
  "iu",
);

/** A rule that uses placeholders or highlights without counting them ("use placeholders in square brackets"). */
const USES = compiledPattern(
  `\\b(?:use|using|leave|leaving|put|add|include|insert|mark|write|keep|show|represent|replace|format|set|wrap|highlight|emphasi[sz]e|italici[sz]e|bold)\\w{0,3}\\b(?:(?!\\b(?:about|how|what|why|whether|explain|describe|discuss)\\b)(?![.;!?])[^\\uE002]){0,80}?(?:\\b(?<placeholder>(?:(?:square[- ]bracket(?:ed)?|bracketed) )?(?:placeholders?|place[- ]holders?)(?: (?:in|inside|within|using|with) (?:square )?brackets)?|(?:in|inside|within|using|with) square brackets)\\b|(?<=\\s)${EMPHASIS_STYLE})`,
  "giu",
);
/** What the rule says the placeholders or highlights are for: "for the personal details", "for the key terms". */
const PURPOSE = compiledPattern(
  `^,? (?:for|around|on) (?:(?:the|any|all|each|every|your|my|our) )?[\\p{L}-]{1,30}(?: (?!(?:and|or|but|then|while|so|at|in|with)\\b)[\\p{L}-]{1,30}){0,3}`,
  "iu",
);
/** Words before a rule that make it a topic: "explain how to use placeholders", "write about bold text". */
const TOPIC_BEFORE =
  /\b(?:about|how|what|why|whether|explain|explaining|describe|describing|discuss|discussing|define|compare|when to|tips on|guide to)\b[^.;!?]{0,50}$/i;
/** A rule without a count names no number at all ("use placeholders in square brackets"). */
const ANY_NUMBER = compiledPattern(`\\b${NUMBER}\\b`, "i");
/** A placeholder rule that asks for some by itself: placeholders named together with their brackets. */
const BRACKETED_PLACEHOLDERS =
  /bracket.{0,30}place[- ]?holder|place[- ]?holder.{0,30}bracket|\[[\w -]{1,30}\]/i;
/** An explanation of how to highlight: "(wrap each one in asterisks, *like so*)", "(put them in *italics*)". */
const HOW_TO_HIGHLIGHT = compiledPattern(
  `\\(?\\b(?:wrap|put|enclose|surround|mark|set|format|write)\\w{0,3} (?:each(?: one)?|them|it|every one|all|those|these|each of them) (?:in|with|between|inside|using) ${EMPHASIS_STYLE},?(?: (?:(?:such as|like|eg|ie|for example|for instance|say),?:? )?${EXAMPLE_ITEM})?\\)?|\\(?,? ?(?:(?:such as|like|eg|ie|for example|for instance|say),?:? )?${EXAMPLE_ITEM}\\)?`,
  "giu",
);
const HINT =
  /place[- ]?holder|bracket|highlight|emphas|italic|bold|asterisk|markdown|underscore|\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|a single)\b/i;

/** Reads the counts of placeholders and highlights length.ts's special counts leave. */
export function recognizeSpecialCountPhrasings(state: ClauseState): void {
  if (!HINT.test(state.text)) return;
  const before = state.checks.length;
  eachMatch(state, MADE_COUNT, (match) =>
    addNamedCount(state, match, match.groups!.placeholder === undefined ? "highlights" : "placeholders"),
  );
  if (state.checks.length === before) readLaterCount(state);
  if (state.checks.length > before) {
    eachMatch(state, HOW_TO_HIGHLIGHT, (match) => state.consume(match.index, match.index + match[0].length));
    eachMatch(state, EXAMPLES, (match) => state.consume(match.index, match.index + match[0].length));
  }
}

/** A rule that uses placeholders or highlights without a count, and the count said after it in its clause. */
interface Rule {
  unit: CountUnit;
  start: number;
  /** Where the rule ends: after what the placeholders or highlights are for ("for the key terms"). */
  end: number;
  /** The count after a comma ("..., at least three"), if any. */
  later: RegExpExecArray | null;
}

/** The rule in `text` that uses placeholders or highlights without counting them; undefined when none. */
function findRule(text: string): Rule | undefined {
  USES.lastIndex = 0;
  const match = USES.exec(text);
  if (match === null || TOPIC_BEFORE.test(text.slice(Math.max(0, match.index - 60), match.index)))
    return undefined;
  let end = match.index + match[0].length;
  const purpose = PURPOSE.exec(text.slice(end).split(CONSUMED, 1)[0]!);
  if (purpose !== null) end += purpose[0].length;
  const rest = text.slice(end);
  const later = LATER_COUNT.exec(rest);
  // A rule with a count of its own is length.ts's; so is one whose count is not the count said after it.
  if (ANY_NUMBER.test(text.slice(0, end)) || (later === null && ANY_NUMBER.test(rest))) return undefined;
  const unit: CountUnit = match.groups!.placeholder === undefined ? "highlights" : "placeholders";
  return { unit, start: match.index, end, later };
}

/**
 * A clause with a rule without a count takes the count said after it, in the same clause after a comma or
 * as the next clause, which is then read as said ({@link isCountOfPrevious}). Placeholders named with their
 * square brackets and no count are asked for: one at least.
 */
function readLaterCount(state: ClauseState): void {
  const text = state.text;
  const rule = findRule(text);
  if (rule === undefined || state.isNegatedBefore(rule.start)) {
    if (isCountOfPrevious(state)) state.consume(0, state.original.length);
    return;
  }
  let { end } = rule;
  let source = state.source(rule.start, end);
  const next = nextClause(state);
  const later = rule.later ?? (next === undefined ? null : readCountClause(next));
  let bounds: { min?: number; max?: number } | undefined;
  if (rule.later !== null) {
    end += rule.later.index + rule.later[0].length;
    source = state.source(rule.start, end);
  } else if (later !== null) {
    source = `${source}; ${next!.trim()}`;
  }
  if (later !== null) bounds = boundsOf(later, rule.unit);
  else if (rule.unit === "placeholders" && BRACKETED_PLACEHOLDERS.test(state.original)) bounds = { min: 1 };
  if (bounds === undefined) return;
  const check: CountCheck = { kind: "count", unit: rule.unit, source, ...bounds };
  state.accept(rule.start, end, check);
}

/** The clause after this one in the description, if any. */
function nextClause(state: ClauseState): string | undefined {
  const clauses = state.context.clauses ?? [];
  const index = clauses.indexOf(state.original);
  return index === -1 ? undefined : clauses[index + 1];
}

/** A clause that is only a count said of the rule before it: "At least two are needed", "I need 2 of them". */
function readCountClause(clause: string): RegExpExecArray | null {
  const match = LATER_COUNT.exec(clause);
  if (match === null || match.index !== 0) return null;
  const { who, of, pred } = match.groups!;
  return who === undefined && of === undefined && pred === undefined ? null : match;
}

/** Whether this clause is a count the rule of the clause before it took ({@link readLaterCount}). */
function isCountOfPrevious(state: ClauseState): boolean {
  if (readCountClause(state.text) === null) return false;
  const clauses = state.context.clauses ?? [];
  const index = clauses.indexOf(state.original);
  if (index < 1) return false;
  const previous = new ClauseState(clauses[index - 1]!, state.context);
  const rule = findRule(previous.text);
  return rule !== undefined && rule.later === null && !previous.isNegatedBefore(rule.start);
}

function boundsOf(match: RegExpExecArray, unit: CountUnit): { min?: number; max?: number } | undefined {
  const { cmp, n, inner, post } = match.groups!;
  return readBounds(cmp, post ?? inner, parseNumber(n!)!, unit);
}
