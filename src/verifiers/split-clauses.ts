import { compiledPattern } from "./compiled-pattern.js";
// Splits a requirement description into clauses, each of which the families read on their own.
// Quoted strings are lifted out first and replaced by placeholders, so that nothing inside quotes is
// ever read as an instruction ("Mention 'don't use commas'" is one keyword, not a punctuation rule) and
// no split happens inside them.

/** Starts a placeholder for a quoted string; followed by its index and {@link QUOTE_CLOSE}. */
export const QUOTE_OPEN = "\uE000";
/** Ends a placeholder for a quoted string. */
export const QUOTE_CLOSE = "\uE001";

/** A description with its quoted strings lifted out, split into clauses. */
export interface SplitDescription {
  /** Clauses in order, whitespace collapsed, quoted strings replaced by placeholders. */
  clauses: string[];
  /** The quoted strings, by placeholder index. */
  quotes: string[];
}

const QUOTED =
  /"([^"\n]+)"|“([^”\n]+)”|«([^»\n]+)»|`([^`\n]+)`|(?<![\p{L}\p{N}])'(?=\S)([^\n]{1,300}?)(?<=\S)'(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])‘([^’\n]+)’(?![\p{L}\p{N}])/gu;
// "P.S." and "P.P.S." would otherwise end a sentence; they are kept as quoted literals.
const POSTSCRIPT_MARKER = /\bp\.[ \t]?(?:p\.[ \t]?)*s\.?(?![\p{L}])/giu;
const DOTTED_ABBREVIATIONS: readonly [RegExp, string][] = [
  [/\be\.g\./gi, "eg"],
  [/\bi\.e\./gi, "ie"],
  [/\betc\./gi, "etc"],
  [/\bapprox\./gi, "approx"],
  [/\bmax\./gi, "max"],
  [/\bmin\./gi, "min"],
  [/\bvs\./gi, "vs"],
  [/\bu\.s\.(?:a\.)?/gi, "US"],
];
const LONE_SYMBOL =
  /\b(letter|character|symbol|sign|char)[ \t]+([^\s\p{L}\p{N}"'“‘`«\uE000-\uE002])(?=[ \t,.]|$)/giu;
/** How far back from a comma a list's marker ("the words ...") is looked for. */
const LIST_WINDOW = 1_000;
/** The most characters of a clause's subject that {@link LITERAL_SUBJECT} reads. */
const SUBJECT_CHARS = 300;
/**
 * "no more, no less" after a count, dropped: it says the count again. Anchored on its words: two runs of
 * spaces around optional punctuation would backtrack over blank lines.
 */
const NO_MORE_NO_LESS = /[,:;–—-]?[ \t]?\bno (?:more|fewer),? (?:and |or |but )?no (?:less|fewer)\b/gi;

/**
 * A straight double quote right after "with", "by" or "using", followed by a space or the end, and not
 * opening a quoted string: the next quote on its line, if any, has a space before it ('begin it with " and
 * finish it with "'), where a string would end on its last word (' " However"'); what lies between must
 * hold a letter (checked in code: one pattern for both would backtrack quadratically on a long line).
 */
const LONE_QUOTE_MARK = /(?<=\b(?:with|by|using) )"(?=[.,;!?]?(?:[ \t\n]|$))(?=[^"\n]*\s"|[^"\n]*$)/giu;

/** Whether the quote at `at` in `text` stands alone: what follows it up to the next quote has a letter. */
function standsAlone(text: string, at: number): boolean {
  const next = text.indexOf('"', at + 1);
  const line = text.indexOf("\n", at + 1);
  if (next === -1 || (line !== -1 && line < next)) return true;
  return /\p{L}/u.test(text.slice(at + 1, next));
}
// A phrase introduced as exact words after "end/finish/start ... with", "the last words must be:", taken
// up to the end of its sentence; only where the text around says it is a start or an end.
const UNQUOTED_PHRASE = compiledPattern(
  /(\b(?:(?:end|ends|ending|finish|finishes|finishing|conclude|concludes|concluding|close|closes|closing|start|starts|starting|begin|begins|beginning|open|opens|opening|sign(?:s|ing)? off)\b[^.!?\n\uE000]{0,60}?\b(?:with|by saying|by writing|using)(?: (?:this|the|these|that|a|an|the following))?(?: exact| very| same| following| precise)* (?:phrase|sentence|words|line|text|question(?! mark\b)|statement|expression|string|sign-off|closing)|\b(?:last|final|closing|first|opening) (?:words?|sentence|line|phrase)(?: of (?:the|your) (?:response|answer|reply|text))? (?:must|should|has to|needs to|will) be(?: exactly| the (?:exact )?(?:phrase|sentence|words))?|\b(?:end|finish|conclude|close|start|begin)(?:s|ing)? (?:your |the )?(?:response|answer|reply|text|email|letter|message)? ?with\s*:)\s*:?\s+)(?!["“‘'«`\uE000])([^\n\uE000\uE001]*?[^\s.!?\uE000\uE001])([.!?]+(?=\s|$)|(?=\n|$))/giu,
);
const UNQUOTED_PHRASE_BEFORE_NOTHING_ELSE = compiledPattern(
  `${UNQUOTED_PHRASE.source.slice(0, UNQUOTED_PHRASE.source.lastIndexOf("(["))}([.!?]+(?=\\s+(?:no other (?:words|text)|nothing (?:else )?(?:should|may|must|can) (?:follow|come after)|(?:do not|don't) (?:add|write|say) anything (?:else )?after)))`,
  "giu",
);
const SENTENCE_BREAK = /[.!?;]+(?=\s|$)|\n+/;
const SPLIT_CANDIDATE =
  /\s*,\s*(?:and|but|while|whereas|then|also|plus)\s+|\s+(?:and|but|while|whereas|as well as|plus|and then|and also)\s+|\s*,\s+|\s+[-–—]\s+/gi;
const IMPERATIVE = compiledPattern(
  /^(?:(?:please|also|then|always|just|and)\s+)*(?:do not|don't|dont|never|avoid|use|write|include|mention|respond|reply|answer|start|begin|open|end|finish|conclude|close|wrap|enclose|surround|keep|limit|return|output|format|give|provide|add|put|separate|make sure|make|ensure|highlight|refrain|exclude|omit|present|express|list|stay|stick|follow|capitalize|capitalise|no|not|without|only|be|stop|translate|speak|sign|organize|organise|structure|divide|number|restrict|cap)\b(?!\s*(?:,|and\b|or\b|$))/i,
);
const SUBJECT_CLAUSE =
  /^(?:(?:the|all|any|every|each|your|its|their|also)\s+)*[\p{L}\p{N}\uE000\uE001'’$-]+(?:\s+[\p{L}\p{N}\uE000\uE001'’$-]+){0,3}?\s+(?:must|should|shall|needs? to|has to|have to|is|are|cannot|can't|may not|mustn't|shouldn't|will|ought to|appears?)\b/iu;
const LIST_MARKER = /\b(?:words?|terms?|keywords?|phrases?|keys|fields|properties|names)\b/i;
/**
 * A subject that is only a list of literals ("'alpha'", "the words 'alpha', 'beta'", "neither 'alpha'
 * nor", "the words cheap"): it has no verb of its own, so what follows ("and 'beta' must not appear")
 * finishes it. Bare words count as literals only after a noun that makes them words.
 */
const LITERAL_SUBJECT = compiledPattern(
  /^(?:(?:the|both|neither|either)\s+){0,2}(?:(?:(?:key\s?)?(?:words?|terms?|keywords?|phrases?|names?|strings?)\s+)?\uE000\d+\uE001(?:\s*(?:,\s*(?:and|or|nor)?|and|or|nor)\s*\uE000\d+\uE001)*|(?:key\s?)?(?:words?|terms?|keywords?|phrases?)\s+[\p{L}][\p{L}'-]*(?:\s*(?:,\s*(?:and|or|nor)?|and|or|nor)\s*[\p{L}][\p{L}'-]*){0,6})(?:\s*,?\s*(?:and|or|nor))?$/iu,
);

/**
 * A start verb with nothing of its own ("Begin", "your answer must start"): "and end with X" finishes it,
 * so "Begin and end with X" stays one clause, read as both.
 */
const BARE_START = compiledPattern(
  /^(?:(?:please|always|also|do not|don't|never)\s+)*(?:(?:the|your|each|every)\s+(?:(?:entire|whole|full|complete)\s+)?(?:response|answer|reply|output|text|message|email|letter|story|essay|paragraph|sentence|line|bullet|item|section)\s+(?:must|should|shall|needs to|has to|will|is to)(?:\s+(?:not|never))?\s+(?:always\s+)?)?(?:start|begin|open)$/i,
);

/** Splits `description` into clauses; see docs/verifiers.md ("Clauses") for the rules. */
export function splitClauses(description: string): SplitDescription {
  const quotes: string[] = [];
  const hold = (literal: string): string => {
    quotes.push(literal);
    return `${QUOTE_OPEN}${quotes.length - 1}${QUOTE_CLOSE}`;
  };
  // The placeholder characters are private-use; any in the description itself are dropped first.
  let text = description
    .normalize("NFC")
    .replace(/[\uE000-\uE002]/g, "")
    .replace(/\r\n?/g, "\n");
  // "the letter ! should appear": a lone symbol after "letter" is a literal, not punctuation.
  text = text.replace(LONE_SYMBOL, (_match, noun: string, symbol: string) => `${noun} ${hold(symbol)}`);
  // "exactly once: no more, no less" says the count twice; the second saying would be a clause of its own.
  text = text.replace(NO_MORE_NO_LESS, "");
  // 'start it with " and end it with "': a double quote standing alone after "with" is the mark itself,
  // not the start of a quoted string.
  text = text.replace(LONE_QUOTE_MARK, (mark: string, at: number, whole: string) =>
    standsAlone(whole, at) ? hold('"') : mark,
  );
  text = text.replace(QUOTED, (...groups: unknown[]) => {
    const inner = groups.slice(1, 7).find((group) => typeof group === "string") as string;
    return hold(inner);
  });
  // "Finish your response with this exact phrase Is there anything else I can help with?." The unquoted
  // phrase runs to the end of its sentence, marks included ("?" and "!" are part of it; a final "." ends it).
  const holdPhrase = (_match: string, lead: string, phrase: string, marks: string): string => {
    const kept = marks.endsWith(".") ? marks.slice(0, -1) : marks;
    return `${lead}${hold(`${phrase}${kept}`)}.`;
  };
  // Before "No other words should follow", the phrase may hold several sentences.
  text = text.replace(UNQUOTED_PHRASE_BEFORE_NOTHING_ELSE, holdPhrase);
  text = text.replace(UNQUOTED_PHRASE, holdPhrase);
  text = text.replace(POSTSCRIPT_MARKER, (marker) => hold(marker.replace(/[ \t]/g, "").toUpperCase()));
  for (const [pattern, replacement] of DOTTED_ABBREVIATIONS) text = text.replace(pattern, replacement);
  text = text.replace(/’/g, "'");

  const clauses: string[] = [];
  for (const sentence of text.split(SENTENCE_BREAK)) {
    const collapsed = sentence.replace(/[ \t]+/g, " ").trim();
    if (collapsed) clauses.push(...splitSentence(collapsed));
  }
  return { clauses, quotes };
}

/** Splits one sentence at conjunctions and commas that start a new instruction. */
function splitSentence(sentence: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (const match of sentence.matchAll(SPLIT_CANDIDATE)) {
    const at = match.index;
    const after = at + match[0].length;
    const left = sentence.slice(start, at);
    const right = sentence.slice(after);
    const bareComma = /^\s*,\s*$/.test(match[0]);
    // A bare comma inside a list of words ("the words list, format") is a separator, not a clause break.
    // Looked for near the comma: testing all of a long piece at each of its commas was quadratic.
    if (bareComma && LIST_MARKER.test(left.slice(-LIST_WINDOW)) && !SUBJECT_CLAUSE.test(right)) continue;
    // The subject may follow an opening phrase: "Somewhere in the text, both the word 'x' and ...". A
    // subject is short: only the end of a long piece is looked at (each candidate break would otherwise
    // copy all of it, quadratic in a long run of them).
    const tail = left.length > SUBJECT_CHARS ? left.slice(-SUBJECT_CHARS) : left;
    if (
      (tail === left && LITERAL_SUBJECT.test(left.trim())) ||
      LITERAL_SUBJECT.test(tail.slice(tail.lastIndexOf(",") + 1).trim())
    )
      continue;
    if (/^\s+and\s+$/i.test(match[0]) && BARE_START.test(left.trim())) continue;
    if (!IMPERATIVE.test(right) && !SUBJECT_CLAUSE.test(right)) continue;
    const piece = left.trim();
    if (piece) parts.push(piece);
    start = after;
  }
  const rest = sentence.slice(start).trim();
  if (rest) parts.push(rest);
  return parts;
}

/** Puts the quoted strings back into a fragment, in double quotes, for reasons and `source` fields. */
export function restoreQuotes(fragment: string, quotes: readonly string[]): string {
  return fragment.replace(/\uE000(\d+)\uE001/g, (_, index: string) => `"${quotes[Number(index)] ?? ""}"`);
}
