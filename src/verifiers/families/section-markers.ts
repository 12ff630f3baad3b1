// Sections marked by a word and a number: "Your response must have 3 sections. Mark the beginning of each
// section with SECTION X", "I want two sections, each headed 'Step' followed by the step number", "Number
// your sections with 'Round' (Round 1, Round 2, and so on); the reply needs 3 of them". The count and the
// marker are often in different sentences, and the count may only refer back ("3 of them"), so these are
// read from the whole description (see readWholeDescription in sections.ts), and cut from it. A count that
// refers back is also read for paragraphs whose divider is named ("Put --- between the paragraphs, and
// write four of them").
import type { SectionsCheck } from "../check.js";
import { compiledPattern } from "../compiled-pattern.js";
import { escapeRegex } from "../memo.js";
import { NUMBER, parseNumber } from "../numbers.js";
import { REQUIRED } from "./responses.js";
import { cut } from "./separators.js";

const COMPARATOR = "(?:\\b(at least|no fewer than|a minimum of|at most|no more than|exactly|only) )?";
// What lays a text out in sections, before their count: "Structure the essay as", "Break the answer into",
// "Organise the study guide into", "Lay the lesson out as". Read with the count, so that the verb is not left unchecked.
const LAID_OUT =
  "(?:\\b(?:(?:(?:give me|write|send|draft|make|i want|i need) )?(?:the|your|a|an) [\\p{L}-]{1,30}(?: [\\p{L}-]{1,30})? (?:split|divided|broken|organi[sz]ed|structured|laid out|arranged) (?:up )?(?:into|in|as) |(?:structure|organi[sz]e|divide|split|break|lay|arrange|format|set|group)(?: (?:out|up))?(?: (?:it|this|them|(?:the|your|my|this|that) [\\p{L}-]{1,30}(?: [\\p{L}-]{1,30})?))?(?: (?:out|up))? (?:as|into|in) ))?";
const COUNTED_AS = "(?:different |distinct |separate |numbered |labell?ed |marked |titled |main )*";
const SECTIONS_COUNT = compiledPattern(
  `${LAID_OUT}${COMPARATOR}\\b(${NUMBER}) ${COUNTED_AS}(?:sections|parts|chapters|segments)\\b(?: long)?${REQUIRED}`,
  "iu",
);
// A count that refers back to what an earlier sentence named: "the reply needs 3 of them", "write four of
// them", "there should be at least 2 of these". Only after a verb of having or writing, at the start of a
// clause: "mention Paris in two of them" counts something else.
const OF_THEM = compiledPattern(
  `(?<=(?:^|[.;:!?,(\\n])\\s{0,3}(?:(?:and|then|also|but) )?)(?:(?:please )?(?:(?:you )?(?:(?:should|must|need to|have to|will) )?(?:write|include|have|give|make|produce|use|want|need)|there (?:should|must|will|need to|needs to|has to|have to) be|(?:the |your )?(?:reply|response|answer|text|essay|piece|article|story|letter|post|output|guide|plan|document) (?:needs|must have|should have|has to have|requires|must contain|should contain|will have|has|contains)|(?:i|we) (?:want|need|would like|'d like)) )${COMPARATOR}(${NUMBER}) of (?:them|these|those)\\b`,
  "iu",
);

const MARKER_VERB =
  "\\b(?:(?:mark|labell?|begin|start|head|title|introduce|number|prefix|denote|indicate|name|open)(?:s|d|ed|ing|ning)?|under)\\b";
// Between the verb and the marker: "Mark the beginning of every section with", "start on its own line
// with", or, before a quoted marker, "Label your sections 'Week'", "title each one 'Part'".
const MARKER_GAP =
  "(?:(?:(?! and |, |; )[^.\\n]){0,60}?(?:\\b(?:with|as|by|using)\\b|\\b(?:sections?|parts?|chapters?|segments?|each(?: one)?|them)(?= [\"'“‘])))?";
// The number that follows the marker: "SECTION X", "'Step' followed by the step number", "'Chapter' plus a
// number", "PART and its number", "Section 1", "Part #"; or the marker's examples: "'Round' (Round 1, ...".
const MARKER_NUMBER = [
  " (?:X|N|number|(?:followed by|then|and|plus|with|along with|together with) (?:its|the|a|an|their) (?:\\p{L}{1,20} )?(?:number|index|numeral))",
  " ?(?:#|<n>|\\{n\\}|\\[n\\]|\\[number\\]|\\d+)",
  "(?=\\s{0,3}\\(?(?:e\\.g\\.,?\\s{0,3}|such as |like )?\\1 ?\\d)",
].join("|");
// A word that only points at the marker ("with a number", "with its number") is no marker.
const NOT_A_MARKER = "(?!(?:a|an|the|its|their|each|every|your|his|her|this|that)\\b)";
const SECTION_MARKER = compiledPattern(
  `${MARKER_VERB}${MARKER_GAP}(?: (?:(?:the|a|an) )?(?:words?|labels?|text|markers?|headings?|headers?|titles?|prefix(?:es)?|lines?|heading lines?|header lines?))?(?: (?:of|in|following|matching|with) (?:the )?(?:form|format|pattern|shape|style|template)(?: of)?)?(?: (?:the|an?)(?= ["'“‘]))?:? ["'“‘]?${NOT_A_MARKER}(\\p{L}[\\p{L}-]*)["'”’]?(?:${MARKER_NUMBER})["'”’]?(?![\\p{L}\\p{N}])(?: (?:word|label|heading|header|title|prefix|line|marker)(?![\\p{L}\\p{N}]))?`,
  "iu",
);
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
    `${LAID_OUT}${COMPARATOR}\\b(${NUMBER}) ${COUNTED_AS}${escapeRegex(word)}(?:s|es)\\b${REQUIRED}`,
    "iu",
  ).exec(text);
}

/** The count of sections: named as sections, after their marker ("three phases"), or referred back to. */
function countOfSections(text: string, word: string): RegExpExecArray | null {
  return SECTIONS_COUNT.exec(text) ?? countOf(text, word) ?? OF_THEM.exec(text);
}

/** The bounds a count reads: group 1 its comparator ("at least"), group 2 its number. */
export function boundsOf(count: RegExpExecArray): { min?: number; max?: number } {
  const number = parseNumber(count[2]!);
  const comparator = (count[1] ?? "").toLowerCase();
  if (number === undefined) return {};
  if (/least|fewer|minimum/.test(comparator)) return { min: number };
  if (/most|more/.test(comparator)) return { max: number };
  return { min: number, max: number };
}

/** "write four of them": a count that refers back, with its comparator (group 1) and number (group 2). */
export function readCountOfThem(text: string): RegExpExecArray | null {
  return OF_THEM.exec(text);
}

/**
 * Who the marker is for, just before the marker's verb: "Each chapter must" (start...), "every part
 * should" (begin...). Read with the marker, so that it is not left unchecked.
 */
function subjectBefore(text: string, at: number, word: string): number {
  const before = text.slice(Math.max(0, at - 120), at);
  const nouns = `sections?|parts?|chapters?|segments?|${escapeRegex(word)}(?:s|es)?`;
  const subject = new RegExp(
    `(?:^|[.;:!?,(\\n]\\s{0,3})((?:(?:and|then|with) )?(?:each|every|all)(?: (?:the|one|of|them|${nouns}|must|should|shall|will|has|have|needs?|to|is|are|always|also)){0,8} ?)$`,
    "iu",
  ).exec(before);
  return subject === null ? at : at - subject[1]!.length;
}

/** Reads sections marked by a word and a number, with their count, and cuts what was read from `text`. */
export function readMarkedSections(text: string): { check: SectionsCheck; rest: string } | undefined {
  const marker = SECTION_MARKER.exec(text);
  if (marker === null) return undefined;
  const word = marker[1]!;
  // The sections are called sections (parts, chapters...), or after their marker: "three phases, each
  // headed 'Phase N'".
  if (!/section|part|chapter|segment/i.test(text) && !pluralOf(word).test(text)) return undefined;
  const count = countOfSections(text, word);
  const check: SectionsCheck = { kind: "sections", marker: word, source: marker[0] };
  if (count !== null) {
    Object.assign(check, boundsOf(count));
    check.source = `${count[0]} ... ${marker[0]}`;
  } else {
    check.min = 1;
  }
  // The examples that show the marker ("such as:\nSECTION 1\n[content of section 1]") are read too.
  const escaped = escapeRegex(word);
  const example = new RegExp(
    `(?:,?\\s*(?:such as|for example|for instance|like|e\\.g\\.|i\\.e\\.|as in|as follows)\\s*:?)?(?:,?(?:\\s*and)?\\s*${escaped} ?(?:\\d+|X|N)(?![\\p{L}\\p{N}])\\s*:?\\s*(?:\\[[^\\]\\n]*\\]|\\.{3}|…)?)+(?:,? and so on)?`,
    "giu",
  );
  let rest = cut(text, subjectBefore(text, marker.index, word), marker.index + marker[0].length)
    .replace(example, "\n")
    .replace(PLACEHOLDER_EXPLAINED, "");
  if (count !== null) {
    const again = countOfSections(rest, word);
    if (again !== null) rest = cut(rest, again.index, again.index + again[0].length);
  }
  return { check, rest };
}
