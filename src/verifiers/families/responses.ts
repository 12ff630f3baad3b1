// Several responses with a separator: "Give two different responses separated by six asterisks: ******",
// "Could you write the tagline two different ways? Separate the two with ****** on its own line", "Two
// answers are required, and they must not be identical; use six asterisks (******) as the divider". The
// count, the separator and the demand that the responses differ are often in different sentences, so they
// are read from the whole description (see readWholeDescription in sections.ts), and cut from it.
import type { ResponsesCheck } from "../check.js";
import { compiledPattern } from "../compiled-pattern.js";
import { NUMBER, parseNumber } from "../numbers.js";
import {
  cut,
  readSeparator,
  SEPARATED,
  SEPARATOR,
  SEPARATOR_NOUN,
  SYMBOL_NAMES,
  SYMBOLS,
} from "./separators.js";

// What the several responses are called: "two different responses", "2 alternative versions", "two takes".
const RESPONSE_NOUNS =
  "(?:responses|answers|versions|replies|drafts|variants|variations|takes|options|alternatives)";
/** A separator's sentence that names the responses: "between the replies". */
const NAMES_RESPONSES = compiledPattern(`\\b${RESPONSE_NOUNS}`, "i");
/** "Two answers are required": the count's own verb, read with it. */
export const REQUIRED = "(?: (?:are|is|will be) (?:required|needed|expected|wanted|asked for))?";
const RESPONSES_COUNT = compiledPattern(
  `\\b(${NUMBER}|(?:a )?pair of) (?:different |distinct |separate |alternative |independent |unique )*${RESPONSE_NOUNS}\\b(?: of (?:the|your|this|my|a|an) [\\p{L}-]+)?${REQUIRED}`,
  "iu",
);
/** The words that say several things differ: "two different haiku", "2 alternative subject lines". */
const DIFFERING = "(?:different|distinct|alternative|contrasting|unique|independent|varied|separate)";
/**
 * One word of what the differing things are: not the parts of one text (paragraphs, sections, lines of a
 * list), which a divider separates, and no word that links it to the rest of the sentence.
 */
const THING_WORD =
  "(?!(?:paragraph|section|part|chapter|segment|sentence|stanza|bullet|point|item|word)s?\\b|(?:with|and|or|but|by|using|separated|divided|split|that|which|each|in|on|to|for|about|of|from|between|then|so|please|as|is|are|should|must|will|the|a|an|them|it)\\b)[\\p{L}-]{1,30}";
/** "two different haiku about rain", "2 alternative subject lines for the newsletter". */
const THINGS = `${THING_WORD}(?: ${THING_WORD}){0,2}(?: (?:for|about|on|of|to) (?:(?:the|a|an|my|your|our|this|that|his|her|their) )?${THING_WORD}(?: ${THING_WORD})?)?`;
// Any things counted, when the words say they differ: what several responses are, however they are named.
const DIFFERING_COUNT = compiledPattern(`\\b(${NUMBER}) (?:${DIFFERING} )+${THINGS}${REQUIRED}`, "iu");
// "a pair of possible opening lines", "a couple of candidate titles": two things offered as alternatives.
const PAIR_COUNT = compiledPattern(
  `\\b(?:a )?(pair|couple) of (?:(?:${DIFFERING}|possible|potential|candidate|alternate|optional) )*${THINGS}${REQUIRED}`,
  "iu",
);
// "Could you write the tagline two different ways?", "Phrase it in three ways": a count of ways of
// writing one thing.
const WAYS_COUNT = compiledPattern(
  `\\b(?:(?:write|phrase|word|say|put|express|give|do|draft|answer|respond|reply|describe|explain|tell|present)(?: (?:it|this|that|them|(?:the|your|my|our|this|that) [\\p{L}-]{1,30}(?: [\\p{L}-]{1,30})?))? )?(?:in )?(${NUMBER}) (?:${DIFFERING} )*ways\\b(?: of (?:saying|putting|writing|phrasing) (?:it|this|that))?`,
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
/** Where the separator stands: "on its own line", "on a separate line", "on a line by itself". */
const OWN_LINE =
  "(?:,? on (?:its|their|a) own lines?|,? on a (?:separate|new) line|,? on a line (?:of its own|by itself))";
/** What the separator does: "between them", "separating the two", "as the divider". */
const SEPARATING = `(?:(?:to (?:separate|divide|split)|(?:in )?between|separating|dividing|splitting) ${BETWEEN_WHAT}|in between|as (?:the |a |their )?(?:separator|divider|delimiter|break)(?: between ${BETWEEN_WHAT})?)`;
/** What the responses are of: "versions of the apology text", "drafts of my cover letter". */
const OF_WHAT =
  "(?: (?:of|for|to|about) (?:the|your|this|that|my|our|a|an) [\\p{L}-]{1,30}(?: [\\p{L}-]{1,30})?)?";
/** An aside between the count and the separator: "(one short, one longer)", "(a formal one and a casual one)". */
const ASIDE = "(?:,?\\s{0,3}\\([^()\\n]{0,120}\\))?";
const RESPONSES_SEPARATOR = compiledPattern(
  `(?:${[
    // "Responses and only responses should be separated by ******", "two takes, split by '******'".
    `\\b(?:(?:the |your )?(?:(?:two|both|${NUMBER}) )?${RESPONSE_NOUNS}${OF_WHAT}|them|they)(?: and only (?:the )?${RESPONSE_NOUNS})?${ASIDE},? ${SEPARATED} ${SEPARATOR}`,
    // "2 alternative titles for the podcast, separated by ******": the differing things, separated (when
    // they are responses by name, the alternative above reads them, from their noun).
    `\\b${NUMBER} (?:${DIFFERING} )+(?!${RESPONSE_NOUNS}\\b)${THINGS}${ASIDE},? ${SEPARATED} ${SEPARATOR}`,
    // "two different ways to word this text message, divided by ******": the ways, what they are of running
    // up to the separator.
    `\\b(?:a )?(?:pair|couple) of (?:(?:${DIFFERING}|possible|potential|candidate|alternate) )*${THINGS}${ASIDE},? ${SEPARATED} ${SEPARATOR}`,
    `\\b${NUMBER} (?:${DIFFERING} )*ways (?:to|of) [^,.;:!?\\n]{1,80}?,? ${SEPARATED} ${SEPARATOR}`,
    // "Separate them with ***", "separate the two answers using six asterisks".
    `\\bseparate (?:the |them |each |your |these |those )?(?:(?:two|three|four|2|3|4) )?${RESPONSE_NOUNS}?(?: from each other)? ?${SEPARATOR}`,
    // "Use ===== to separate the responses", "put ****** on its own line between the two", "with a line of
    // ****** between them", "with ****** separating them", "use six asterisks (******) as the divider".
    `\\b(?:use|using|put|putting|place|placing|insert|inserting|add|adding|write|writing|with)\\s+${SEPARATOR_THING}${OWN_LINE}? ${SEPARATING}`,
  ].join("|")})(?:\\s*\\(${SYMBOLS}\\))?${OWN_LINE}?[.;]?`,
  "iu",
);
// "they must not be identical", "the two versions should differ", "make them different from each other":
// what every responses check demands already, read as part of it.
const MUST_DIFFER = compiledPattern(
  `(?:\\b(?:they|both|these|(?:the |your )?(?:two|both|${NUMBER})(?: ${RESPONSE_NOUNS})?|(?:the |your )?${RESPONSE_NOUNS}) |(?<=(?:^|[.;,!?\\n])\\s{0,3}))(?:(?:must|should|need to|needs to|have to|has to|are to|may) )(?:not be (?:identical|the same|alike|copies of each other)|never be (?:identical|the same)|differ(?: from (?:each other|one another))?|be (?:different|distinct)(?: from (?:each other|one another))?)\\b`,
  "iu",
);

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

/**
 * What every separator of responses names: its symbols or their name. The patterns above try a number's
 * many spellings at each word; a description without any of these is no rule of several responses.
 */
const SEPARATOR_HINT = compiledPattern(`${SYMBOLS}|\\b${SYMBOL_NAMES}`, "i");

/** Cuts the spans of `matches` (which may overlap: "two responses separated by ***") from `text`. */
function cutAll(text: string, matches: readonly (RegExpExecArray | null)[]): string {
  const spans = matches
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
  return cut(rest, start, end);
}

/** Reads several responses and their separator, and cuts what was read (count, times, separator) from `text`. */
export function readResponses(text: string): { check: ResponsesCheck; rest: string } | undefined {
  if (!SEPARATOR_HINT.test(text)) return undefined;
  const separator = RESPONSES_SEPARATOR.exec(text);
  if (separator === null) return undefined;
  const count =
    RESPONSES_COUNT.exec(text) ??
    WAYS_COUNT.exec(text) ??
    DIFFERING_COUNT.exec(text) ??
    PAIR_COUNT.exec(text);
  // "Reply twice, and put ****** between the two replies": "twice" is read even when the separator counts too.
  const times = readTimes(text, separator.index);
  // "Write two paragraphs with *** between them" is a divider, not responses: "them" and "the two" are
  // responses only when the description counts responses.
  if (count === null && times === null && !NAMES_RESPONSES.test(separator[0])) {
    return undefined;
  }
  // "a pair of distinct answers" is two, as is a count not written.
  const number = parseNumber((count ?? times)?.[1]?.replace(/^(?:pair|couple)$/i, "two") ?? "two") ?? 2;
  // "2 alternative titles, separated by ******": a count the separator's words hold is not said twice.
  const counted = count ?? times;
  const inside = counted !== null && counted.index >= separator.index && separator[0].includes(counted[0]);
  const source = [inside ? undefined : counted?.[0], separator[0].replace(/[.;]$/, "")]
    .filter(Boolean)
    .join(" ... ");
  const check: ResponsesCheck = {
    kind: "responses",
    count: number,
    separator: readSeparator(separator),
    source,
  };
  const rest = cutAll(text, [separator, count, times]);
  // "They must not be identical": said by the check already.
  const differ = MUST_DIFFER.exec(rest);
  return { check, rest: differ === null ? rest : cut(rest, differ.index, differ.index + differ[0].length) };
}
