// Punctuation and symbols: "no commas", "Do not use any commas", "refrain from the use of any commas",
// "comma-free", "no exclamation marks", "no semicolons", "no em dashes", "no emojis", "must not contain the
// comma character", and marks given as their quoted character: "must not contain the ',' character",
// "';' is not allowed". All or nothing:
// one comma breaks "no commas", and the reason says how many there were and where the first one is.
import type { ForbiddenMark, ForbidMarksCheck } from "../check.js";
import { type ClauseState, eachMatch, QUOTE } from "../clause-state.js";
import { compiledPattern } from "../compiled-pattern.js";
import type { TextFacts } from "../text-facts.js";
import type { FamilyScore } from "./family-score.js";

const MARK =
  "(?:commas?|exclamation (?:marks?|points?)|exclamations|semi-?colons?|em[- ]?dash(?:es)?|emojis?|emoticons?|emoji)(?: (?:characters?|symbols?|signs?))?";
/** Each mark named in a list (`matchAll` works on a copy). */
const EACH_MARK = compiledPattern(MARK, "gi");
/** The words that forbid what follows: "no", "without any", "must not contain", "refrain from the use of". */
const FORBIDDING =
  "(?:no|zero|without(?: (?:any|using|using any))?|free (?:of|from)|(?:don't|do not|never|must not|mustn't|should not|shouldn't|cannot|can't|may not)(?: (?:use|include|contain|have|put|add|insert|write|type))?(?: any)?|avoid(?: using| the use of)?(?: any)?|refrain from(?: using| the use of)?(?: any)?|(?:steer clear of|stay away from)(?: using)?(?: any)?|leave out(?: any)?|exclude|omit)";
const FORBIDDEN = "(?:not allowed|forbidden|prohibited|banned|not permitted|disallowed)";
const FORBID = compiledPattern(
  [
    `\\b${FORBIDDING}(?: (?:a|the|single))* (${MARK}(?:(?:,| or| and| nor|, or|, and)+ (?:any )?${MARK})*)`,
    `\\b(${MARK})[- ]free\\b`,
    `\\b(${MARK}(?:(?:,| or| and)+ ${MARK})*) (?:are |is )?${FORBIDDEN}\\b`,
  ].join("|"),
  "gi",
);
/** A mark given as its character, quoted: "the ',' character", "the symbol ';'", "',' is not allowed". */
const SYMBOL_NOUN = "(?:characters?|symbols?|signs?|marks?|punctuation(?: marks?)?)";
const QUOTED_SYMBOL = "\\uE000\\d+\\uE001";
const QUOTED_SYMBOLS = `${QUOTED_SYMBOL}(?:(?:,| or| and| nor|, or|, and) ${QUOTED_SYMBOL}){0,8}`;
const FORBID_SYMBOL = compiledPattern(
  [
    `\\b${FORBIDDING}(?: (?:a|the|single))*(?: ${SYMBOL_NOUN})? (${QUOTED_SYMBOLS})(?: ${SYMBOL_NOUN})?`,
    `(?<![\\p{L}\\p{N}])(?:(?:the )?${SYMBOL_NOUN} )?(${QUOTED_SYMBOLS})(?: ${SYMBOL_NOUN})? (?:are |is )?${FORBIDDEN}\\b`,
  ].join("|"),
  "giu",
);
const EACH_QUOTE = new RegExp(QUOTE, "g");
/** The marks a quoted character stands for. */
const SYMBOLS: Readonly<Record<string, ForbiddenMark>> = {
  ",": "commas",
  "，": "commas",
  "!": "exclamation marks",
  ";": "semicolons",
  "—": "em dashes",
};

/** Maps a mark as written (a match of {@link MARK}) to its {@link ForbiddenMark}. */
function readMark(written: string): ForbiddenMark {
  const mark = written.toLowerCase();
  if (mark.startsWith("comma")) return "commas";
  if (mark.startsWith("exclamation")) return "exclamation marks";
  if (mark.startsWith("semi")) return "semicolons";
  if (mark.includes("dash")) return "em dashes";
  // What is left of MARK: emoji, emojis, emoticons.
  return "emojis";
}

/** Reads "no commas" and friends in a clause into one forbid-marks check per mark. */
export function recognizePunctuation(state: ClauseState): void {
  eachMatch(state, FORBID, (match) => {
    const start = match.index;
    const end = start + match[0].length;
    const list = match[1] ?? match[2] ?? match[3] ?? "";
    // "Don't avoid commas" says nothing checkable.
    if (state.isNegatedBefore(start)) {
      state.reject(start, end);
      return;
    }
    for (const found of list.matchAll(EACH_MARK))
      state.checks.push({ kind: "forbid_marks", mark: readMark(found[0]), source: state.source(start, end) });
    state.consume(start, end);
  });
  eachMatch(state, FORBID_SYMBOL, (match) => readQuotedSymbols(state, match));
}

/**
 * Reads a forbidden mark given as its quoted character ("must not contain the ',' character"); quoted
 * strings that are not one of the marks (a word, "#") are left to the other families.
 */
function readQuotedSymbols(state: ClauseState, match: RegExpExecArray): void {
  const start = match.index;
  const end = start + match[0].length;
  const list = match[1] ?? match[2] ?? "";
  const marks = [...list.matchAll(EACH_QUOTE)].map((found) => SYMBOLS[state.quote(found[1]).trim()]);
  if (marks.length === 0 || marks.some((mark) => mark === undefined)) return;
  if (state.isNegatedBefore(start)) {
    state.reject(start, end);
    return;
  }
  for (const mark of new Set(marks))
    state.checks.push({ kind: "forbid_marks", mark: mark!, source: state.source(start, end) });
  state.consume(start, end);
}

const MARK_PATTERNS: Record<ForbiddenMark, RegExp> = {
  commas: /[,，،、﹐﹑]/g,
  "exclamation marks": /[!！¡]/g,
  semicolons: /[;；؛]/g,
  "em dashes": /—/g,
  // ©, ® and ™ are pictographic in Unicode's tables but are not what "no emojis" forbids.
  emojis: /(?![\u00a9\u00ae\u2122\u203c\u2049])\p{Extended_Pictographic}/gu,
};
const SINGULAR: Record<ForbiddenMark, string> = {
  commas: "comma",
  "exclamation marks": "exclamation mark",
  semicolons: "semicolon",
  "em dashes": "em dash",
  emojis: "emoji",
};

/** Scores a forbid-marks check: 1 when the mark is absent, else 0 with the count and the first position. */
export function scoreForbidMarks(check: ForbidMarksCheck, facts: TextFacts): FamilyScore {
  const pattern = MARK_PATTERNS[check.mark];
  pattern.lastIndex = 0;
  const first = pattern.exec(facts.text);
  if (first === null) return { score: 1, reason: `no ${check.mark} found` };
  let count = 1;
  while (pattern.exec(facts.text) !== null) count++;
  const name = count === 1 ? SINGULAR[check.mark] : check.mark;
  return { score: 0, reason: `${count} ${name} found (first at offset ${first.index}); none allowed` };
}
