// What separates the parts of a text, as requirements name it: the symbols written out ("******", "---"),
// or named ("six asterisks", "a line of three dashes"). Shared by the readers of several responses
// (responses.ts) and of the divider between paragraphs (sections.ts).
import { NUMBER, parseNumber } from "../numbers.js";

/** Regex source capturing a run of separator symbols: "***", "* * *", "---", "===". */
export const SYMBOLS = "(\\*{3,}|\\* \\* \\*|-{3,}|_{3,}|={3,}|~{3,}|#{3,}|\\+{3,})";
/** Regex source (no groups) matching the name of a separator symbol: "asterisks", "dashes", "hash signs". */
export const SYMBOL_NAMES =
  "(?:asterisk symbols?|asterisk characters?|asterisks?|stars?|dashes|hyphens|hashes|hash (?:signs|marks|symbols)|pound signs|equals signs|tildes|underscores)";
const SYMBOL_CHARS: readonly [RegExp, string][] = [
  [/^(?:asterisk|star)/i, "*"],
  [/^(?:dash|hyphen)/i, "-"],
  [/^(?:hash|pound)/i, "#"],
  [/^equal/i, "="],
  [/^tilde/i, "~"],
  [/^underscore/i, "_"],
];
/** "are separated", "divided from each other", "split", "set apart". */
export const SEPARATED =
  "(?:(?:are|is|should be|must be|will be|shall be|need to be|needs to be|have to be|has to be|get|be) )?(?:separated|divided|split|delimited|set apart)(?: from (?:each other|one another)| with each other| each other)?";
/** What the symbols make: "a markdown divider", "a line of", "a row made of". */
export const SEPARATOR_NOUN =
  "(?:(?:the|a|an|one) )?(?:(?:markdown|horizontal|thematic) )?(?:divider|separator|horizontal rule|rule|line|row|delimiter|break)?(?: (?:of|made of|consisting of|like|such as|written as))?";
/** "separated by 6 asterisk symbols: ******", "separated by six asterisks", "separated by ***". */
export const SEPARATOR = `(?:with|by|using)\\s+(?:${SEPARATOR_NOUN}\\s*:?\\s*)?(?:(${NUMBER}) ${SYMBOL_NAMES}(?:\\s*:?\\s*${SYMBOLS})?|${SYMBOLS}|["'“‘]${SYMBOLS}["'”’])`;

function symbolOf(count: string | undefined, name: string | undefined, literal: string | undefined): string {
  if (literal !== undefined) return literal;
  const repeat = parseNumber(count ?? "") ?? 3;
  const char = SYMBOL_CHARS.find(([pattern]) => pattern.test(name ?? ""))?.[1] ?? "*";
  return char.repeat(repeat);
}

/** Reads a separator match: the literal symbols when written, else the number of named symbols. */
export function readSeparator(match: RegExpExecArray): string {
  const groups = match.slice(1).filter((group): group is string => group !== undefined);
  const literal = groups.find((group) => /^[*\-_=~#+ ]+$/.test(group) && /[^ ]/.test(group));
  const count = groups.find((group) => !/^[*\-_=~#+ ]+$/.test(group));
  const name = /(asterisk|star|dash|hyphen|hash|pound|equal|tilde|underscore)/i.exec(match[0])?.[1];
  return symbolOf(count, name, literal);
}

/** `text` with `[start, end)` replaced by a sentence break, so that nothing matches across what was read. */
export function cut(text: string, start: number, end: number): string {
  return `${text.slice(0, start)}.\n${text.slice(end)}`;
}
