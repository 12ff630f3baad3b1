// What the verifiers count in a text, computed lazily and once per text: a requirement set of five
// checks reads the same text five times, and the benchmark target (20,000 texts per second) leaves no
// room for re-scanning. Every scanner here is a single linear pass, so a 1 MB text stays fast.
import type { CountUnit } from "./check.js";

const ASCII_WORD = new Uint8Array(128);
for (let code = 48; code <= 57; code++) ASCII_WORD[code] = 1;
for (let code = 65; code <= 90; code++) ASCII_WORD[code] = 1;
for (let code = 97; code <= 122; code++) ASCII_WORD[code] = 1;

const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const CJK_CHAR = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u;
// Code points seen so far, classified: 0 not part of a word, 1 word character, 2 a CJK character that is
// a word on its own (those scripts do not separate words with spaces).
const classCache = new Map<number, number>();

function classifyCodePoint(codePoint: number): number {
  if (codePoint < 128) return ASCII_WORD[codePoint]!;
  let found = classCache.get(codePoint);
  if (found === undefined) {
    const char = String.fromCodePoint(codePoint);
    found = CJK_CHAR.test(char) ? 2 : WORD_CHAR.test(char) ? 1 : 0;
    if (classCache.size < 100_000) classCache.set(codePoint, found);
  }
  return found;
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Whether `code` joins two word characters into one word: apostrophes and hyphens ("don't", "well-known"). */
function isJoiner(code: number): boolean {
  return code === 39 || code === 0x2019 || code === 45 || code === 0x2010 || code === 0x2011;
}

/**
 * Counts words: runs of letters, digits and marks, joined by an inner apostrophe, hyphen or dot ("don't",
 * "state-of-the-art", "e.g.", "3.14" are one word each) or by a comma between digits ("1,234" is one word).
 * Each Han, Hiragana or Katakana character counts as one word. Punctuation, symbols and emoji are not words.
 */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  const length = text.length;
  for (let index = 0; index < length; index++) {
    let code = text.charCodeAt(index);
    let width = 1;
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < length) {
      const low = text.charCodeAt(index + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    const kind = classifyCodePoint(code);
    if (kind === 1) {
      if (!inWord) {
        count++;
        inWord = true;
      }
    } else if (kind === 2) {
      count++;
      inWord = false;
    } else if (inWord) {
      const next = index + width < length ? text.charCodeAt(index + width) : -1;
      const joinsLetters = (isJoiner(code) || code === 46) && next >= 0 && classifyCodePoint(next) === 1;
      const joinsDigits = code === 44 && isDigitCode(text.charCodeAt(index - 1)) && isDigitCode(next);
      if (!joinsLetters && !joinsDigits) inWord = false;
    }
    index += width - 1;
  }
  return count;
}

/** Counts characters as Unicode code points of the text with surrounding whitespace trimmed. */
export function countCharacters(text: string): number {
  const trimmed = text.trim();
  let pairs = 0;
  for (let index = 0; index < trimmed.length; index++) {
    const code = trimmed.charCodeAt(index);
    if (code >= 0xdc00 && code <= 0xdfff && index > 0) {
      const previous = trimmed.charCodeAt(index - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) pairs++;
    }
  }
  return trimmed.length - pairs;
}

const BLANK_LINE = /^\s*$/;
const HEADER_LINE = /^ {0,3}#{1,6}[ \t]+\S/;
const RULE_LINE = /^\s*([-*_])(?:[ \t]*\1){2,}\s*$/;
const BULLET_LINE = /^\s*[-*+•◦▪‣●][ \t]+\S/;
const NUMBERED_LINE = /^\s*\d{1,3}[.)][ \t]+\S/;
const FENCE_LINE = /^\s*(?:```|~~~)/;
const LIST_MARKER = /^\s*(?:[-*+•◦▪‣●]|\d{1,3}[.)])[ \t]+/;
const LINE_BREAK = /\r\n|\r|\n/;

/** Abbreviations whose trailing dot does not end a sentence (compared lowercase, inner dots kept). */
const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "sr",
  "jr",
  "st",
  "vs",
  "etc",
  "e.g",
  "i.e",
  "inc",
  "ltd",
  "co",
  "corp",
  "no",
  "fig",
  "al",
  "approx",
  "dept",
  "est",
  "u.s",
  "u.k",
  "a.m",
  "p.m",
  "cf",
]);

function isSentenceTerminator(code: number): boolean {
  // . ! ? … 。 ！ ？ ‼ ⁇ ⁈ ⁉
  return (
    code === 46 ||
    code === 33 ||
    code === 63 ||
    code === 0x2026 ||
    code === 0x3002 ||
    code === 0xff01 ||
    code === 0xff1f ||
    code === 0x203c ||
    (code >= 0x2047 && code <= 0x2049)
  );
}

function isCloser(code: number): boolean {
  // " ' ) ] } ” ’ » and markdown emphasis, which may sit between a sentence's end and the next space
  return (
    code === 34 ||
    code === 39 ||
    code === 41 ||
    code === 93 ||
    code === 125 ||
    code === 0x201d ||
    code === 0x2019 ||
    code === 0xbb ||
    code === 42 ||
    code === 95
  );
}

function isSpaceCode(code: number): boolean {
  return code === 32 || code === 9 || code === 0xa0 || code === 0x3000 || (code >= 0x2000 && code <= 0x200b);
}

function isLetterOrDigit(code: number): boolean {
  if (code < 128) return ASCII_WORD[code] === 1;
  return classifyCodePoint(code) !== 0;
}

/** Whether the dot at `dotIndex` closes one of {@link ABBREVIATIONS} rather than a sentence. */
function endsAbbreviation(line: string, dotIndex: number): boolean {
  let start = dotIndex;
  while (start > 0) {
    const code = line.charCodeAt(start - 1);
    const isLetter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
    if (!isLetter && code !== 46) break;
    start--;
    if (dotIndex - start > 8) return false;
  }
  if (start === dotIndex) return false;
  return ABBREVIATIONS.has(line.slice(start, dotIndex).toLowerCase());
}

/** The counts that come from reading the text line by line; computed together in one pass. */
interface LineCounts {
  paragraphs: number;
  lines: number;
  bullets: number;
  numberedItems: number;
  headers: number;
  sentences: number;
}

/**
 * Reads the text line by line. A paragraph is a run of non-blank lines between blank lines. Bullets,
 * numbered items and headers are lines (outside fenced code blocks) starting with a list marker and a
 * space, a number with "." or ")" and a space, or one to six "#" and a space. A sentence ends at ".",
 * "!", "?", "…" (or their CJK forms) followed by a space or the end of a line, except after a known
 * abbreviation; it also ends at a blank line, before a list item or header, and after a header. Fenced
 * code is not read for sentences.
 */
function countLines(text: string): LineCounts {
  const counts: LineCounts = {
    paragraphs: 0,
    lines: 0,
    bullets: 0,
    numberedItems: 0,
    headers: 0,
    sentences: 0,
  };
  let inParagraph = false;
  let inFence = false;
  let hasContent = false;
  for (const line of text.split(LINE_BREAK)) {
    if (BLANK_LINE.test(line)) {
      inParagraph = false;
      if (hasContent) counts.sentences++;
      hasContent = false;
      continue;
    }
    counts.lines++;
    if (!inParagraph) {
      counts.paragraphs++;
      inParagraph = true;
    }
    if (FENCE_LINE.test(line)) {
      inFence = !inFence;
      if (hasContent) counts.sentences++;
      hasContent = false;
      continue;
    }
    if (inFence) continue;
    const isHeader = HEADER_LINE.test(line);
    let isItem = false;
    if (isHeader) counts.headers++;
    else if (!RULE_LINE.test(line)) {
      if (BULLET_LINE.test(line)) {
        counts.bullets++;
        isItem = true;
      } else if (NUMBERED_LINE.test(line)) {
        counts.numberedItems++;
        isItem = true;
      }
    }
    if ((isHeader || isItem) && hasContent) {
      counts.sentences++;
      hasContent = false;
    }
    // A list marker ("1." or "-") is not part of the item's sentence.
    const from = isItem ? (LIST_MARKER.exec(line)?.[0].length ?? 0) : 0;
    hasContent = scanSentences(line, from, counts, hasContent);
    if (isHeader && hasContent) {
      counts.sentences++;
      hasContent = false;
    }
  }
  if (hasContent) counts.sentences++;
  return counts;
}

/** Counts the sentence ends in one line into `counts`; returns whether an unfinished sentence remains. */
function scanSentences(line: string, from: number, counts: LineCounts, carried: boolean): boolean {
  let hasContent = carried;
  const length = line.length;
  for (let index = from; index < length; index++) {
    const code = line.charCodeAt(index);
    if (isSentenceTerminator(code)) {
      let end = index + 1;
      while (end < length) {
        const next = line.charCodeAt(end);
        if (!isSentenceTerminator(next) && !isCloser(next)) break;
        end++;
      }
      const cjk = code === 0x3002 || code === 0xff01 || code === 0xff1f;
      const followedBySpace = end >= length || isSpaceCode(line.charCodeAt(end));
      if (hasContent && (cjk || followedBySpace)) {
        const loneDot =
          code === 46 && (end === index + 1 || !isSentenceTerminator(line.charCodeAt(index + 1)));
        if (!(loneDot && endsAbbreviation(line, index))) {
          counts.sentences++;
          hasContent = false;
        }
      }
      index = end - 1;
    } else if (!hasContent && isLetterOrDigit(code)) {
      hasContent = true;
    }
  }
  return hasContent;
}

/** Whether `code` is whitespace as JavaScript's `\s` sees it, line breaks aside. */
function isBlankCode(code: number): boolean {
  return (
    code === 32 ||
    code === 9 ||
    code === 11 ||
    code === 12 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Counts paragraphs and non-blank lines in one pass over the characters, with the same definitions as
 * {@link countLines} but without splitting the text: paragraph limits are the most common requirement.
 */
function countBlocks(text: string): { paragraphs: number; lines: number } {
  let paragraphs = 0;
  let lines = 0;
  let inParagraph = false;
  let lineHasContent = false;
  const length = text.length;
  for (let index = 0; index <= length; index++) {
    const code = index === length ? 10 : text.charCodeAt(index);
    if (code === 10 || code === 13) {
      if (code === 13 && text.charCodeAt(index + 1) === 10) index++;
      if (lineHasContent) {
        lines++;
        if (!inParagraph) paragraphs++;
        inParagraph = true;
      } else {
        inParagraph = false;
      }
      lineHasContent = false;
    } else if (!lineHasContent && !isBlankCode(code)) {
      lineHasContent = true;
    }
  }
  return { paragraphs, lines };
}

// A word for capital-word counts: letters, digits and marks, joined by an inner hyphen or dot ("COVID-19",
// "U.S."); an apostrophe splits, as in nltk's tokenizer ("DON'T" is "DON" and "T").
const CAPS_TOKEN = /[\p{L}\p{N}\p{M}]+(?:[-.][\p{L}\p{N}\p{M}]+)*/gu;
const HAS_UPPER = /[\p{Lu}\p{Lt}]/u;
const HAS_LOWER = /\p{Ll}/u;

/** Counts the words whose cased letters are all capitals ("NASA", "I", "COVID-19"); words without letters do not count. */
export function countCapitalWords(text: string): number {
  let count = 0;
  for (const match of text.matchAll(CAPS_TOKEN)) {
    const word = match[0];
    if (HAS_UPPER.test(word) && !HAS_LOWER.test(word)) count++;
  }
  return count;
}

const BOLD = /\*\*([^*\n]+)\*\*|(?<![\p{L}\p{N}_])__([^_\n]+)__(?![\p{L}\p{N}_])/gu;
const ITALIC = /\*([^*\n]+)\*|(?<![\p{L}\p{N}_])_([^_\n]+)_(?![\p{L}\p{N}_])/gu;
const LIST_STAR = /^([ \t]*)\*(?=[ \t])/gm;

/**
 * Counts highlighted sections: markdown emphasis spans on one line with some non-blank content,
 * `**bold**`, `*italic*`, `__bold__` or `_italic_` (a `*` that marks a list item is not emphasis).
 */
export function countHighlights(text: string): number {
  let count = 0;
  const rest = text.replace(LIST_STAR, "$1-").replace(BOLD, (whole, star?: string, under?: string) => {
    if ((star ?? under ?? "").trim() !== "") count++;
    return " ".repeat(whole.length);
  });
  for (const match of rest.matchAll(ITALIC)) {
    if ((match[1] ?? match[2] ?? "").trim() !== "") count++;
  }
  return count;
}

const PLACEHOLDER = /\[([^[\]\n]*)\](?!\()/g;

/**
 * Counts placeholders: square brackets on one line around some text, such as `[name]` or `[Your address]`;
 * a markdown link (`[text](url)`) and a task box (`[ ]`, `[x]`) are not placeholders.
 */
export function countPlaceholders(text: string): number {
  let count = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const inner = match[1]!.trim();
    if (inner !== "" && !/^[xX]$/.test(inner)) count++;
  }
  return count;
}

/**
 * The paragraphs of `text`: blocks between blank lines, or, with a `divider` (such as "***"), the
 * non-blank parts between occurrences of the divider, each trimmed.
 */
export function splitParagraphs(text: string, divider?: string): string[] {
  const parts = divider === undefined ? text.split(/\n[ \t]*(?:\r?\n[ \t]*)+/) : text.split(divider);
  return parts.map((part) => part.trim()).filter((part) => part !== "");
}

/** The facts about one text that checks read; each is computed on first use. */
export class TextFacts {
  readonly text: string;
  #lineCounts: LineCounts | undefined;
  #blocks: { paragraphs: number; lines: number } | undefined;
  #words: number | undefined;
  #characters: number | undefined;
  #trimmed: string | undefined;
  #memo: Map<string, unknown> | undefined;

  constructor(text: string) {
    this.text = text;
  }

  /** The text with surrounding whitespace removed. */
  get trimmed(): string {
    this.#trimmed ??= this.text.trim();
    return this.#trimmed;
  }

  /** How many `unit` the text has; see docs/verifiers.md for the definitions. */
  count(unit: CountUnit): number {
    switch (unit) {
      case "words":
        this.#words ??= countWords(this.text);
        return this.#words;
      case "characters":
        this.#characters ??= countCharacters(this.text);
        return this.#characters;
      case "list_items": {
        const counts = this.#lines();
        return counts.bullets + counts.numberedItems;
      }
      case "numbered_items":
        return this.#lines().numberedItems;
      case "paragraphs":
      case "lines":
        this.#blocks ??= countBlocks(this.text);
        return this.#blocks[unit];
      case "capital_words":
        return this.remember("capital_words", countCapitalWords);
      case "highlights":
        return this.remember("highlights", countHighlights);
      case "placeholders":
        return this.remember("placeholders", countPlaceholders);
      default:
        return this.#lines()[unit];
    }
  }

  /** The paragraphs, split at blank lines or at `divider`; see {@link splitParagraphs}. */
  paragraphs(divider?: string): string[] {
    return this.remember(`paragraphs\u0000${divider ?? ""}`, (text) => splitParagraphs(text, divider));
  }

  /** A value derived from the text, computed once per text (language detection, for one). */
  remember<T>(key: string, compute: (text: string) => T): T {
    this.#memo ??= new Map();
    if (this.#memo.has(key)) return this.#memo.get(key) as T;
    const value = compute(this.text);
    this.#memo.set(key, value);
    return value;
  }

  #lines(): LineCounts {
    this.#lineCounts ??= countLines(this.text);
    return this.#lineCounts;
  }
}

let lastFacts: TextFacts | undefined;

/** The facts for `text`, reusing the last ones when the same text is verified against several requirements. */
export function readTextFacts(text: string): TextFacts {
  if (lastFacts?.text !== text) lastFacts = new TextFacts(text);
  return lastFacts;
}

/** Counts `unit` in `text` with the same definitions the count checks use. */
export function countUnit(text: string, unit: CountUnit): number {
  return new TextFacts(text).count(unit);
}
