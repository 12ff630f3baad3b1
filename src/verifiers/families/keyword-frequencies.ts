// How often a keyword must appear, as a keyword rule says it: "at least 3 times", "twice at most",
// "between 2 and 4 times", "three or more times", a bare "twice" (read as a minimum).
import { compiledPattern } from "../compiled-pattern.js";
import { NUMBER, parseTimes, TIMES } from "../numbers.js";

export const BARE_FREQUENCY = compiledPattern(`\\b(${TIMES})`, "i");
export type Range = { min?: number; max?: number };
/** Reads a count from a match's first group (and a second bound from its second): undefined when it is not one. */
const bounded =
  (read: (first: number, second: number) => Range) =>
  (match: RegExpExecArray): Range | undefined => {
    const first = parseTimes(match[1]!);
    const second = match[2] === undefined ? 0 : parseTimes(match[2]);
    return first === undefined || second === undefined ? undefined : read(first, second);
  };
const NUMBER_OR_TIMES = `(?:${TIMES}|${NUMBER})`;
/**
 * How often, most specific first: both bounds of a range before either alone, a bare count last. The
 * range patterns start with a number's many spellings: each is tried only on text holding its words.
 */
export const FREQUENCIES: readonly [RegExp, (match: RegExpExecArray) => Range | undefined, RegExp?][] = [
  // "at least four times but fewer than seven times", "between 2 and 4 times".
  [
    compiledPattern(
      `\\b(?:at least|no fewer than|no less than|a minimum of) (${NUMBER_OR_TIMES}),? (?:but|and) (?:fewer|less) than (${NUMBER_OR_TIMES})`,
      "i",
    ),
    bounded((min, below) => ({ min, max: Math.max(0, below - 1) })),
    /\b(?:fewer|less) than\b/i,
  ],
  [
    compiledPattern(
      `\\b(?:at least|no fewer than|no less than|a minimum of) (${NUMBER_OR_TIMES}),? (?:but|and) (?:at most|no more than|not more than|a maximum of) (${NUMBER_OR_TIMES})`,
      "i",
    ),
    bounded((min, max) => ({ min, max })),
    /\b(?:at most|no more than|not more than|a maximum of)\b/i,
  ],
  [
    compiledPattern(`\\bbetween (${NUMBER}) and (${NUMBER_OR_TIMES})`, "i"),
    bounded((low, high) => ({ min: Math.min(low, high), max: Math.max(low, high) })),
    /\bbetween\b/i,
  ],
  // "three or more times", "2 times or more", "five or fewer times".
  [
    compiledPattern(`\\b(${NUMBER})(?: times?)? or more(?: times)?`, "i"),
    bounded((min) => ({ min })),
    /\bor more\b/i,
  ],
  [
    compiledPattern(`\\b(${NUMBER})(?: times?)? or (?:fewer|less)(?: times)?`, "i"),
    bounded((max) => ({ max })),
    /\bor (?:fewer|less)\b/i,
  ],
  // "twice at most", "3 times at the most", "five times max": the bound after the count (read as a bare
  // minimum before).
  [
    compiledPattern(`\\b(${TIMES}),? (?:at (?:the )?most|max(?:imum)?|tops)\\b`, "i"),
    bounded((max) => ({ max })),
    /\b(?:at (?:the )?most|max(?:imum)?|tops)\b/i,
  ],
  [
    compiledPattern(`\\b(${TIMES}),? (?:at (?:the )?least|min(?:imum)?)\\b`, "i"),
    bounded((min) => ({ min })),
    /\b(?:at (?:the )?least|min(?:imum)?)\b/i,
  ],
  [
    compiledPattern(
      `\\b(?:at least|no fewer than|no less than|not less than|a minimum of|min(?:imum)?) (${TIMES})`,
      "i",
    ),
    bounded((min) => ({ min })),
  ],
  [
    compiledPattern(
      `\\b(?:at most|no more than|not more than|up to|a maximum of|max(?:imum)?) (${TIMES})`,
      "i",
    ),
    bounded((max) => ({ max })),
  ],
  [
    compiledPattern(`\\b(?:exactly|precisely|only) (${TIMES})`, "i"),
    bounded((count) => ({ min: count, max: count })),
  ],
  [compiledPattern(`\\bmore than (${TIMES})`, "i"), bounded((count) => ({ min: count + 1 }))],
  [
    compiledPattern(`\\b(?:fewer|less) than (${TIMES})`, "i"),
    bounded((count) => ({ max: Math.max(0, count - 1) })),
  ],
  // A bare "mention X three times" is read as a minimum, the way people mean it.
  [BARE_FREQUENCY, bounded((count) => ({ min: count }))],
];

/** "one occurrence", "two uses", "three mentions": a count of a word's appearances, read as times. */
const OCCURRENCES = compiledPattern(
  `\\b(${NUMBER}) (?:occurrences?|appearances?|instances?|mentions?|uses?|usages?)(?![\\p{L}])`,
  "giu",
);
/** What may follow a frequency that is all of what is left: punctuation, "in your essay", "please". */
const WHOLE_REST =
  /^[\s,.;:!]*(?:(?:in|within|throughout|across) (?:the|your|this|my) \p{L}{1,20}(?: \p{L}{1,20})?)?(?:,? please)?[\s,.;:!]*$/u;

/**
 * The frequency that `text` states and nothing else ("precisely three times", ": one occurrence at most",
 * "at most two uses, please"), and whether it was a bare count ("twice"); undefined when `text` says more
 * or other than a frequency.
 */
export function readWholeFrequency(text: string): { range: Range; bare: boolean } | undefined {
  const normal = text.replace(OCCURRENCES, "$1 times").replace(/^[\s,:;–—-]+/, "");
  for (const [pattern, read, hint] of FREQUENCIES) {
    if (hint !== undefined && !hint.test(normal)) continue;
    const found = pattern.exec(normal);
    if (found === null || found.index !== 0) continue;
    if (!WHOLE_REST.test(normal.slice(found[0].length))) return undefined;
    const range = read(found);
    return range === undefined ? undefined : { range, bare: pattern === BARE_FREQUENCY };
  }
  return undefined;
}
