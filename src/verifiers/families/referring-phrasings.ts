// Rules whose parts lie in different clauses of a description, read from the whole of it (see
// readWholeDescription in sections.ts) and cut from it:
// - options named in one clause and referred back to in another: "Which season do you prefer, summer or
//   winter? Reply with exactly one of those two words and no further text" is a choice of "summer" and
//   "winter" (the whole answer one of them when "exactly", "only" or "nothing else" says so);
// - a named part in double quotes with nothing outside them: "I need the tagline in double quotation marks,
//   and no text outside them" is the whole reply in quotes;
// - "Don't split the answer up: it should all be one paragraph": the negated "split up" says what the
//   paragraph rule says, and is not a negation of it; "Don't break your reply into paragraphs" is one
//   paragraph.
import type { Check, CountCheck, OneOfCheck, QuotedCheck } from "../check.js";
import { compiledPattern } from "../compiled-pattern.js";
import { parseNumber } from "../numbers.js";
import { cut } from "./separators.js";

const REFERRED_NOUNS =
  "(?:words|options|choices|answers|alternatives|terms|labels|names|things|ones|possibilities|replies|values)";
const COUNTED = "(?:two|three|four|five|2|3|4|5)";
/** "Reply with exactly one of those two words and no further text", "Pick only one of these options". */
const REFERENCE = compiledPattern(
  `\\b(?:(?:answer|respond|reply|say|write|output|type|choose|pick|select)(?:s|ed|ing)?(?: (?:only|just|simply|solely))?(?: (?:with|using|by saying|from))?|(?:your|the) (?:(?:whole|entire|full) )?(?:answer|response|reply|output)(?: (?:must|should|has to|needs to|shall|will|is to))? (?:be|consist (?:solely |only |just |entirely )?of)) (?:exactly |only |just |solely )?one of (?:those|these|them|the above|the (?=${COUNTED}\\b))(?: (?<count>${COUNTED}))?(?: (?:${REFERRED_NOUNS}|(?!(?:and|or|but|with|please|only)\\b)[\\p{L}-]{2,20}))?(?:,? (?:and )?(?:only\\b|(?:no|nothing) (?:further|other|more|additional|extra|else)(?: (?:text|words|commentary|explanation))?|nothing else|no (?:text|words|explanation) (?:besides|beyond|around) (?:it|that))(?: at all)?)?(?:,? please)?(?=\\s*(?:[.!?;)\\n]|$))`,
  "iu",
);
const NAME = "[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*";
/**
 * The options before the reference, from a clause's start: "summer or winter?", ", red, green or blue.",
 * ": A or B —".
 */
const NAMED_OPTIONS = compiledPattern(
  `(?:^|[,:;(—–.?!])\\s*(?<list>${NAME}(?: ${NAME}){0,2}(?:,\\s*${NAME}(?: ${NAME}){0,2})*,? or ${NAME}(?: ${NAME}){0,2})\\s*[?.!:;,)—–-]?\\s*$`,
  "iu",
);
/** As {@link NAMED_OPTIONS}, the first option held in up to six words of the clause before it. */
const LONG_FIRST = compiledPattern(
  `(?:^|[,:;(—–.?!])\\s*(?<list>${NAME}(?: ${NAME}){0,5}(?:,\\s*${NAME}(?: ${NAME}){0,2})*,? or ${NAME}(?: ${NAME}){0,2})\\s*[?.!:;,)—–-]?\\s*$`,
  "iu",
);
const listLength = (named: RegExpExecArray): number => (named.groups?.list ?? "").split(/,|\bor\b/i).length;
/** Two one-word options, asked without a comma: "Do you prefer cats or dogs?". */
const TWO_WORDS = compiledPattern(
  `(?<![\\p{L}\\p{N}'’-])(?<list>${NAME} or ${NAME})\\s*[?.!:;,)—–-]?\\s*$`,
  "iu",
);

/** A choice among options named before a reference back to them; undefined if none. */
function readReferredChoice(text: string): { check: OneOfCheck; rest: string } | undefined {
  const reference = REFERENCE.exec(text);
  if (reference === null) return undefined;
  // The options end the text just before the reference (a question, a sentence, or a dash before it).
  const window = text.slice(Math.max(0, reference.index - 200), reference.index);
  const line = window.split("\n").at(-1) ?? "";
  const count = parseNumber(reference.groups?.count ?? "");
  let named = NAMED_OPTIONS.exec(line) ?? TWO_WORDS.exec(line);
  // "Is the tone formal, casual or neutral? ... one of those three": the count says where the list starts.
  if (count !== undefined && (named === null || listLength(named) < count)) named = LONG_FIRST.exec(line);
  if (named === null) return undefined;
  const written = named.groups?.list ?? "";
  let options = written
    .split(/\s*,\s*(?:or\s+)?|\s+or\s+/i)
    .map((option) => option.trim())
    .filter((option) => option !== "");
  // "Is it red, green or blue": the first item holds the clause's words before the options when the
  // others are one word each.
  if (options.slice(1).every((option) => !option.includes(" "))) {
    options = options.map((option) => option.split(" ").at(-1) ?? option);
  }
  if (count !== undefined) options = options.slice(-count);
  if (options.length < 2 || (count !== undefined && count !== options.length)) return undefined;
  // The source keeps the reference's "exactly" or "only": the scorer reads how strict it is from it.
  const source = `${written} ... ${reference[0].trim()}`;
  const rest = cut(text, reference.index, reference.index + reference[0].length);
  return { check: { kind: "one_of", options, source }, rest };
}

const QUOTE_MARKS =
  '(?:(?:a pair of |two )?(?:straight )?(?:double[- ]?)?(?:quotation[- ]marks|quote[- ]marks|quotes)|["“”]{1,2})';
/**
 * "I need the tagline in double quotation marks, and no text outside them", "Put the slogan in quotes with
 * nothing outside the quotes": the named part is all the reply, in quotes.
 */
const QUOTED_ONLY = compiledPattern(
  `(?<!\\bsingle )\\b(?:(?:the|your|my|a|an) [\\p{L}-]{1,30}(?: [\\p{L}-]{1,30})? )?(?:(?:wrapped|enclosed|placed|put|written|given|set) )?(?:in|inside|within|between) ${QUOTE_MARKS}(?![\\p{L}])(?:,? (?:and|with|but|plus))?,? (?:no|nothing|not any|zero)(?: (?:other |extra |additional |further )?(?:text|words|characters|content|writing|commentary))?(?: (?:else|at all))? (?:outside|beyond|around|before or after) (?:of )?(?:them|those|it|the (?:quotes|quotation marks|quote marks|marks))`,
  "iu",
);

/** The whole reply in quotes, said of the one thing it holds; undefined if not said. */
function readQuotedOnly(text: string): { check: QuotedCheck; rest: string } | undefined {
  const match = QUOTED_ONLY.exec(text);
  if (match === null) return undefined;
  // "Don't put the title in quotes, ...": a negated wrapping is no rule to wrap.
  const before = text.slice(Math.max(0, match.index - 40), match.index);
  if (/\b(?:not|never|don't|no)\b[^.;!?\n]*$/i.test(before)) return undefined;
  const straight = /\bstraight\b/i.test(match[0]) ? { straight: true as const } : {};
  return {
    check: { kind: "quoted", ...straight, source: match[0] },
    rest: cut(text, match.index, match.index + match[0].length),
  };
}

const WHAT = "(?:it|things|the (?:answer|reply|response|text)|your (?:answer|reply|response|text))";
/**
 * "Don't split the answer up", "do not break it up into paragraphs", "never divide your reply into
 * separate paragraphs": what a following "it should all be one paragraph" says, or one paragraph itself.
 */
const NOT_SPLIT = compiledPattern(
  `\\b(?:don't|do not|never|please don't|please do not) (?:split|break|divide|chop|separate|cut) (?:up )?${WHAT}(?: up)?(?<paragraphs> into (?:separate |multiple |several |different |distinct |many )?paragraphs)?(?<joined>\\s*[:;,—–-]\\s*(?=(?:it|everything|the whole thing|all of it)\\b))?`,
  "i",
);

/** A "don't split it up" rule: the count it says, or the description left to read what follows. */
function readNotSplit(text: string): { check?: CountCheck; rest: string } | undefined {
  const match = NOT_SPLIT.exec(text);
  if (match === null) return undefined;
  const end = match.index + match[0].length;
  if (match.groups?.paragraphs !== undefined) {
    const source = match[0].replace(/\s*[:;,—–-]\s*$/, "");
    const check: CountCheck = { kind: "count", unit: "paragraphs", min: 1, max: 1, source };
    return { check, rest: cut(text, match.index, end) };
  }
  // "... up: it should all be one paragraph": the rest reads the paragraph rule, not negated.
  const next = text.slice(end, end + 120).split(/[.!?\n]/)[0] ?? "";
  if (match.groups?.joined === undefined || !/\b(?:one|a single) paragraph\b/i.test(next)) return undefined;
  return { rest: cut(text, match.index, end) };
}

/** Reads the rules above from the whole description: the checks, and the description without them. */
export function readReferringPhrasings(text: string): { checks: Check[]; rest: string } {
  const checks: Check[] = [];
  let rest = text;
  for (const reader of [readReferredChoice, readQuotedOnly, readNotSplit]) {
    const read = reader(rest);
    if (read === undefined) continue;
    if (read.check !== undefined) checks.push(read.check);
    rest = read.rest;
  }
  return { checks, rest };
}
