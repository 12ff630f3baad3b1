// Numbers as people write them in requirements: digits ("3", "1,000") or words ("three", "twenty-five",
// "a hundred", "one hundred and fifty", "a single"). The regex source is shared by the recognizers so
// every family reads numbers the same way.

const SMALL_WORDS = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

// Written with the shared stems factored out ("(?:thir|four|...)teen", "(?:twen|thir|...)ty"): the same
// words, in a pattern V8 compiles in less time; every verifier's pattern holds it several times.
const SMALL = `(?:(?:twen|thir|for|fif|six|seven|eigh|nine)ty(?:[- ](?:${SMALL_WORDS.slice(1, 10).join("|")}))?|(?:thir|four|fif|six|seven|eigh|nine)teen|eleven|twelve|${SMALL_WORDS.slice(0, 11).join("|")})`;

/**
 * Regex source (no groups) matching one number written in digits or English words. What follows
 * "hundred" or "thousand" is read after them (the lookbehind): written so, the number words appear twice,
 * not three times, and the many patterns that hold this one compile in less time.
 */
export const NUMBER = `(?:\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+|half a dozen|a dozen|(?:a single|single|(?:a (?:hundred|thousand)|${SMALL}(?: (?:hundred|thousand))?)(?:(?<=hundred|thousand) (?:and )?${SMALL})?)(?![a-z]))`;

/** Reads a number matched by {@link NUMBER}; undefined when it is not one. */
export function parseNumber(text: string): number | undefined {
  const words = text.toLowerCase().trim();
  if (/^\d{1,3}(?:,\d{3})+$/.test(words)) return Number(words.replaceAll(",", ""));
  if (/^\d+$/.test(words)) return Number(words);
  if (words === "a single" || words === "single") return 1;
  if (words === "a dozen") return 12;
  if (words === "half a dozen") return 6;
  let total = 0;
  let current = 0;
  for (const word of words.split(/[\s-]+/)) {
    if (word === "and") continue;
    if (word === "a") {
      current = 1;
      continue;
    }
    const small = SMALL_WORDS.indexOf(word);
    if (small >= 0) {
      current += small;
      continue;
    }
    const tens = TENS_WORDS.indexOf(word);
    if (tens >= 0) {
      current += (tens + 2) * 10;
      continue;
    }
    if (word === "hundred") {
      current = (current || 1) * 100;
      continue;
    }
    if (word === "thousand") {
      total += (current || 1) * 1000;
      current = 0;
      continue;
    }
    return undefined;
  }
  return total + current;
}

/** Regex source (no groups) for how often: "once", "twice", "3 times", "three times". */
export const TIMES = `(?:once|twice|thrice|${NUMBER} times?)`;

/** Reads a frequency matched by {@link TIMES}. */
export function parseTimes(text: string): number | undefined {
  const words = text.toLowerCase().trim();
  if (words === "once") return 1;
  if (words === "twice") return 2;
  if (words === "thrice") return 3;
  return parseNumber(words.replace(/\s+times?$/, ""));
}
