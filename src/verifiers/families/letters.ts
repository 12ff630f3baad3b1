// Letter frequency: "the letter q should appear at least 4 times", "Use the letter z at least twice",
// "include at least five instances of the letter 'k'", "the letter e must not appear", "avoid the letter e".
// Counting is case-insensitive over every character of the text, as IFEval's checker counts.
import type { LetterCountCheck } from "../check.js";
import { type ClauseState, CONSUMED, eachMatch, QUOTE } from "../clause-state.js";
import { compiledPattern } from "../compiled-pattern.js";
import { NUMBER, parseTimes, TIMES } from "../numbers.js";
import type { TextFacts } from "../text-facts.js";
import type { FamilyScore } from "./family-score.js";

const LETTER = `(?:the )?(?:letter|character|symbol|char)s? (?:${QUOTE}|([\\p{L}\\p{N}])(?![\\p{L}\\p{N}]))`;
const ANCHOR = compiledPattern(`(?:\\b(?:instances|occurrences|uses|copies) of )?\\b${LETTER}`, "giu");
const BOUNDS: readonly [RegExp, (count: number) => { min?: number; max?: number }][] = [
  // A bound after the count: "ten or more times", "5+ times", "three times or fewer", "twice at most".
  [
    compiledPattern(
      `\\b(?:(${TIMES}|${NUMBER}) or more\\b(?: times?\\b|(?! [a-z]))|(\\d{1,6})\\+(?: times?\\b|(?! [a-z])))`,
      "i",
    ),
    (n) => ({ min: n }),
  ],
  [
    compiledPattern(
      `\\b(${TIMES}|${NUMBER}) (?:or (?:fewer|less)|at (?:the )?most|max)\\b(?: times?\\b|(?! [a-z]))`,
      "i",
    ),
    (n) => ({ max: n }),
  ],
  [compiledPattern(`\\b(${TIMES}) (?:at (?:the )?least|min)\\b`, "i"), (n) => ({ min: n })],
  [
    compiledPattern(
      `\\b(?:at least|no fewer than|no less than|not less than|a minimum of|min(?:imum)?) (${TIMES}|${NUMBER})`,
      "i",
    ),
    (n) => ({ min: n }),
  ],
  [
    compiledPattern(
      `\\b(?:at most|no more than|not more than|up to|a maximum of|max(?:imum)?) (${TIMES}|${NUMBER})`,
      "i",
    ),
    (n) => ({ max: n }),
  ],
  [compiledPattern(`\\b(?:exactly|precisely) (${TIMES}|${NUMBER})`, "i"), (n) => ({ min: n, max: n })],
  [compiledPattern(`\\bmore than (${TIMES}|${NUMBER})`, "i"), (n) => ({ min: n + 1 })],
  [compiledPattern(`\\b(?:fewer|less) than (${TIMES}|${NUMBER})`, "i"), (n) => ({ max: Math.max(0, n - 1) })],
  [compiledPattern(`\\b(${TIMES})`, "i"), (n) => ({ min: n })],
];
const APPEAR =
  /\b(?:(?:appear|occur|feature)(?:s|ing)?|occurring|be used|be present|be included|(?:show|turn|crop)(?:s|ing)? up)\b/i;

/** Words that ask for few of a letter, just before it: "go easy on", "be sparing with", "cut down on". */
const SPARING =
  /\b(?:go (?:easy|light) on|be (?:sparing|careful|frugal) with|(?:cut|ease) (?:back|down) on|ration|limit|restrict|watch)\s+$/i;

function readCount(written: string): number | undefined {
  return parseTimes(/\btimes?$|^(?:once|twice|thrice)$/i.test(written.trim()) ? written : `${written} times`);
}

/** Reads letter-frequency phrasings in a clause into letter-count checks. */
export function recognizeLetters(state: ClauseState): void {
  if (!/letter|character|symbol|char\b/i.test(state.text)) return;
  eachMatch(state, ANCHOR, (match) => {
    const start = match.index;
    const letterEnd = start + match[0].length;
    const letter = match[1] !== undefined ? state.quote(match[1]) : match[2]!;
    if ([...letter].length !== 1) return;
    // The frequency may come before the letter ("at least 4 instances of the letter q") or after it.
    const stop = state.text.indexOf(CONSUMED, letterEnd);
    const after = state.text.slice(letterEnd, stop === -1 ? undefined : stop);
    const before = state.text.slice(0, start);
    let bounds: { min?: number; max?: number } | undefined;
    let from = start;
    let to = letterEnd;
    for (const [pattern, read] of BOUNDS) {
      const found = pattern.exec(after);
      if (
        found &&
        /^[\s,]*(?:[:—–-]\s*)?(?:(?:must|should|shall|has to|needs to|will|may|can|is to)\s+)?(?:(?:not|never)\s+)?(?:\w+\s+){0,3}$/i.test(
          after.slice(0, found.index),
        )
      ) {
        const count = readCount(found[1] ?? found[2]!);
        if (count === undefined) continue;
        bounds = read(count);
        to = letterEnd + found.index + found[0].length;
        break;
      }
      const prior = new RegExp(
        `${pattern.source}\\s*(?:(?:instances|occurrences|uses|copies) of\\s*)?$`,
        "i",
      ).exec(before);
      if (prior) {
        const count = readCount(prior[1] ?? prior[2]!);
        if (count === undefined) continue;
        bounds = read(count);
        from = prior.index;
        break;
      }
    }
    const negatedAfter = /^[\s,]*(?:(?:must|should|shall|may|can|will|does|do)\s+)?(?:not|never)\b/i.test(
      after,
    );
    const negated = state.isNegatedBefore(from) !== negatedAfter;
    if (bounds === undefined) {
      // "the letter e must not appear", "avoid the letter e": none; "use the letter z": at least once.
      if (negated) bounds = { max: 0 };
      else if (
        APPEAR.test(after.slice(0, 40)) ||
        /\b(?:use|include|contain|have)\b[^\uE002]{0,20}$/i.test(before)
      )
        bounds = { min: 1 };
      else return;
      if (APPEAR.test(after.slice(0, 40)))
        to = letterEnd + (APPEAR.exec(after)?.index ?? 0) + (APPEAR.exec(after)?.[0].length ?? 0);
    } else if (negated) {
      // "must not appear more than 3 times" is "at most 3"; other negated frequencies say too little.
      if (bounds.min === undefined || bounds.max !== undefined) {
        state.reject(from, to);
        return;
      }
      bounds = { max: bounds.min - 1 };
    }
    // "Go easy on the letter 'e': fewer than 6": the words that ask for few of it say the ceiling too.
    // Only the words just before the letter are looked at: a clause of many letters stays linear.
    const near = before.slice(-40);
    const sparing = bounds.min === undefined && bounds.max !== undefined ? SPARING.exec(near) : null;
    if (sparing !== null && from === start) from = start - near.length + sparing.index;
    const check: LetterCountCheck = {
      kind: "letter_count",
      letter: letter.toLowerCase(),
      source: state.source(from, to),
    };
    if (bounds.min !== undefined) check.min = bounds.min;
    if (bounds.max !== undefined) check.max = bounds.max;
    state.accept(from, to, check);
  });
}

/** Counts `letter` in `text`, case-insensitive. */
export function countLetter(text: string, letter: string): number {
  const lower = letter.toLowerCase();
  const upper = letter.toUpperCase();
  let count = 0;
  for (const char of text) if (char === lower || char === upper) count++;
  return count;
}

/** Scores a letter-count check: 1 when the count of the letter is within bounds. */
export function scoreLetterCount(check: LetterCountCheck, facts: TextFacts): FamilyScore {
  const found = facts.remember(`letter\u0000${check.letter}`, (text) => countLetter(text, check.letter));
  const ok =
    (check.min === undefined || found >= check.min) && (check.max === undefined || found <= check.max);
  const rule =
    check.max === 0
      ? "none allowed"
      : check.min !== undefined && check.max !== undefined
        ? check.min === check.max
          ? `exactly ${check.min} required`
          : `between ${check.min} and ${check.max} required`
        : check.max !== undefined
          ? `at most ${check.max} allowed`
          : `at least ${check.min} required`;
  return {
    score: ok ? 1 : 0,
    reason: `the letter "${check.letter}" found ${found} time${found === 1 ? "" : "s"}; ${rule}`,
  };
}
