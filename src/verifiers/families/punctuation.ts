// Punctuation and symbols: "no commas", "Do not use any commas", "refrain from the use of any commas",
// "comma-free", "no exclamation marks", "no semicolons", "no em dashes", "no emojis". All or nothing:
// one comma breaks "no commas", and the reason says how many there were and where the first one is.
import type { ForbiddenMark, ForbidMarksCheck } from "../check.js";
import { type ClauseState, eachMatch } from "../clause-state.js";
import { compiledPattern } from "../compiled-pattern.js";
import type { TextFacts } from "../text-facts.js";
import type { FamilyScore } from "./family-score.js";

const MARK =
  "(?:commas?|exclamation (?:marks?|points?)|exclamations|semi-?colons?|em[- ]?dash(?:es)?|emojis?|emoticons?|emoji)";
/** Each mark named in a list (`matchAll` works on a copy). */
const EACH_MARK = compiledPattern(MARK, "gi");
const FORBID = compiledPattern(
  [
    `\\b(?:no|zero|without(?: (?:any|using|using any))?|free (?:of|from)|(?:don't|do not|never|must not|mustn't|should not|shouldn't|cannot|can't|may not)(?: (?:use|include|contain|have|put|add|insert|write|type))?(?: any)?|avoid(?: using| the use of)?(?: any)?|refrain from(?: using| the use of)?(?: any)?|exclude|omit)(?: (?:a|the|single))* (${MARK}(?:(?:,| or| and| nor|, or|, and)+ (?:any )?${MARK})*)`,
    `\\b(${MARK})[- ]free\\b`,
    `\\b(${MARK}(?:(?:,| or| and)+ ${MARK})*) (?:are |is )?(?:not allowed|forbidden|prohibited|banned|not permitted|disallowed)\\b`,
  ].join("|"),
  "gi",
);

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
