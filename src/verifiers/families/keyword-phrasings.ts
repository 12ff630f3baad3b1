// Keyword phrasings beyond the verb-and-list forms of keywords.ts: a list of terms named beside a name or
// an acronym ("reference both GDPR and consent", "talk about Python and recursion"), and a name said to
// show up after "make sure" ("make sure Ada Lovelace shows up", "ensure that GDPR appears").
import { compiledPattern } from "../compiled-pattern.js";

/**
 * A determiner or possessive before a list item: "the price", "our prices", "its history" name a topic
 * a reader recognises, where a bare "consent" beside "GDPR" names a term.
 */
const DETERMINER =
  /^(?:(?:both|either|all|also|then) )?(?:the|a|an|any|some|your|our|my|their|its|his|her|this|that|these|those|each|every|various|several|many|few)\b/i;

/** Whether a raw list item ("the price", "consent") was written with a determiner before it. */
export function hasDeterminer(raw: string): boolean {
  return DETERMINER.test(raw.trim());
}

/** A keyword list item as keywords.ts reads it, with how it was written. */
export interface ListedTerm {
  keyword: string;
  quoted: boolean;
  /** The item was written with a determiner ("the price"): a topic, not a term. */
  determined?: boolean;
}

/**
 * Whether a list read after "mention", "reference", "talk about"... names literal terms although some are
 * lowercase: two or more items, one of them quoted or a Capitalised name ("GDPR", "Ada Lovelace"), and each
 * lowercase one a bare word or two without a determiner ("reference both GDPR and consent", "discuss
 * Kubernetes and autoscaling"). "Mention the price" (one topic) and "mention Paris and its history" (a
 * determiner) stay topics, which only a reader can check.
 */
export function namesTerms(items: readonly ListedTerm[]): boolean {
  if (items.length < 2) return false;
  const literal = (item: ListedTerm): boolean => item.quoted || /\p{Lu}/u.test(item.keyword);
  if (!items.some(literal)) return false;
  return items.every(
    (item) => literal(item) || (item.determined !== true && item.keyword.split(/\s+/).length <= 2),
  );
}

const APPEARS =
  "(?:(?:must|should|has to|have to|needs to|need to|will|is to|does|do) )?(?:(?:also|always|definitely|clearly|both|all) )?(?:appear|appears|show up|shows up|come up|comes up|crop up|crops up|turn up|turns up|get mentioned|gets mentioned|be mentioned|is mentioned|be named|is named|be included|is included|feature|features|be featured|is featured)";
/**
 * "Make sure Ada Lovelace shows up", "ensure that GDPR and HIPAA appear", "check that Paris is mentioned":
 * Capitalised names (one to four words each, joined by "and") after a verb of making sure, said to appear.
 * Case-sensitive, so that the names must be written Capitalised: after "make sure" a capital is a name,
 * not the start of a sentence ("Numbers should appear in words" names no keyword).
 */
export const MADE_SURE_APPEARS = compiledPattern(
  `\\b(?:[Mm]ake sure|[Ee]nsure|[Ee]nsuring|[Cc]heck|[Ss]ee to it|[Bb]e sure|[Vv]erify)(?: that)? (?:(?:both|the (?:full )?names?|the (?:key ?)?(?:words?|terms?)) )?((?:\\p{Lu}[\\p{L}\\p{N}'’-]{0,40})(?: \\p{Lu}[\\p{L}\\p{N}'’-]{0,40}){0,3}(?:(?:,| and| as well as)+ (?:\\p{Lu}[\\p{L}\\p{N}'’-]{0,40})(?: \\p{Lu}[\\p{L}\\p{N}'’-]{0,40}){0,3}){0,7}) ${APPEARS}\\b`,
  "gu",
);

/** Whether every word of a name read by a multi-word pattern is Capitalised ("Ada Lovelace", not "data in"). */
export function isCapitalisedName(name: string): boolean {
  return name.split(/\s+/).every((word) => /^[\p{Lu}\p{N}]/u.test(word));
}
