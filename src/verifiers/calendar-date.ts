// Calendar dates as texts write them: the one grammar the date-format family judges with and the simulated
// writer reads and writes with, so that a date written in a format is one the family finds and reads back
// in that format. A format is a pattern of YYYY, YY, MMMM (March), MMM (Mar), MM, M, DD and D between
// literal separators ("YYYY-MM-DD", "DD/MM/YYYY", "MMMM D, YYYY"); "ISO-8601" is YYYY-MM-DD. Only calendar
// dates: the ISO time that may follow a numeric date is found with it but read by the family.

import { compiledPattern } from "./compiled-pattern.js";
import { escapeRegex, memoize } from "./memo.js";

/** A calendar date found in a text. */
export interface CalendarDate {
  year: number;
  /** 1 to 12. */
  month: number;
  /** 1 to 31. */
  day: number;
  /** The date as it was written. */
  text: string;
}

/** A day of the calendar, without the text it was written as. */
export type CalendarDay = Pick<CalendarDate, "year" | "month" | "day">;

/** English month names, January first; dates in other languages are written with digits only. */
export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Whether year, month and day name a real day of the Gregorian calendar (30 February does not). */
export function isRealDate(year: number, month: number, day: number): boolean {
  // A month that is none (0, 13) has no days.
  const days = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day >= 1 && day <= days;
}

/** The month a name or its abbreviation stands for ("Sept." is 9). */
function readMonth(name: string): number {
  const prefix = name.slice(0, 3).toLowerCase();
  return MONTH_NAMES.findIndex((month) => month.slice(0, 3).toLowerCase() === prefix) + 1;
}

/** A written year: two digits are this century's ("26" is 2026), four are the year itself. */
function readYear(digits: string): number {
  return digits.length === 2 ? 2000 + Number(digits) : Number(digits);
}

type DatePart = "year" | "month" | "day";

/** A token of a format: the part it stands for, how it is written, and the pattern and reader of it. */
interface DateToken {
  part: DatePart;
  write: (date: CalendarDay) => string;
  pattern: string;
  read: (written: string) => number;
}

const TOKENS: Readonly<Record<string, DateToken>> = {
  YYYY: {
    part: "year",
    write: (date) => String(date.year).padStart(4, "0"),
    pattern: "\\d{4}",
    read: readYear,
  },
  YY: {
    part: "year",
    write: (date) => String(date.year % 100).padStart(2, "0"),
    pattern: "\\d{2}",
    read: readYear,
  },
  MMMM: {
    part: "month",
    write: (date) => MONTH_NAMES[date.month - 1]!,
    pattern: MONTH_NAMES.join("|"),
    read: readMonth,
  },
  MMM: {
    part: "month",
    write: (date) => MONTH_NAMES[date.month - 1]!.slice(0, 3),
    pattern: MONTH_NAMES.map((month) => month.slice(0, 3)).join("|"),
    read: readMonth,
  },
  MM: {
    part: "month",
    write: (date) => String(date.month).padStart(2, "0"),
    pattern: "\\d{2}",
    read: Number,
  },
  M: { part: "month", write: (date) => String(date.month), pattern: "\\d{1,2}", read: Number },
  DD: { part: "day", write: (date) => String(date.day).padStart(2, "0"), pattern: "\\d{2}", read: Number },
  D: { part: "day", write: (date) => String(date.day), pattern: "\\d{1,2}", read: Number },
};

const TOKEN = /YYYY|YY|MMMM|MMM|MM|M|DD|D/g;

/** A format in the tokens above: "ISO-8601" is "YYYY-MM-DD", and "yyyy-mm-dd" is too. */
function normalizeFormat(format: string): string {
  const trimmed = format.trim();
  if (trimmed === "ISO-8601") return "YYYY-MM-DD";
  return trimmed.replace(/[ymd]/g, (letter) => letter.toUpperCase());
}

/** Writes `date` following `format`, whose tokens may be in either case ("yyyy-mm-dd" works). */
export function formatDate(date: CalendarDay, format: string): string {
  return normalizeFormat(format).replace(TOKEN, (token) => TOKENS[token]!.write(date));
}

const createDatePattern = memoize((format: string): { pattern: RegExp; tokens: DateToken[] } => {
  const tokens: DateToken[] = [];
  let source = "";
  let last = 0;
  const normalized = normalizeFormat(format);
  for (const match of normalized.matchAll(TOKEN)) {
    const token = TOKENS[match[0]]!;
    source += `${escapeRegex(normalized.slice(last, match.index))}(${token.pattern})`;
    tokens.push(token);
    last = match.index + match[0].length;
  }
  return { pattern: new RegExp(`^${source}${escapeRegex(normalized.slice(last))}$`), tokens };
});

/**
 * The day `written` names when read in `format` (what formatDate writes, read back); undefined when it
 * does not follow the format or names no real day. Two-digit years are this century's.
 */
export function readDate(written: string, format: string): CalendarDay | undefined {
  const { pattern, tokens } = createDatePattern(format);
  const match = pattern.exec(written);
  if (match === null) return undefined;
  const read: Partial<Record<DatePart, number>> = {};
  tokens.forEach((token, index) => {
    read[token.part] = token.read(match[index + 1]!);
  });
  // A format without a month or a day ("MM/YYYY") names no day: 0 is none.
  const { year, month = 0, day = 0 } = read;
  return year !== undefined && isRealDate(year, month, day) ? { year, month, day } : undefined;
}

/** A date written with digits ("2026-03-15", "15.03.2026", "03/15/26"), with the ISO time after it if any. */
export interface NumericDate {
  /** Where it starts in the text. */
  index: number;
  /** The date and its time, as written. */
  text: string;
  /** The date alone: "2026-03-15" of "2026-03-15T10:30Z". */
  date: string;
  /** Its three numbers, as written. */
  parts: readonly [string, string, string];
  /** "-", "/" or ".". */
  separator: string;
  /** "T10:30:00Z", or undefined. */
  time: string | undefined;
}

// A year may stand in the middle ("03/2026/15") only with four digits. Runs of more parts (1.2.3.4, IP
// addresses) and version-like tails (1.2.3.) are not dates.
const NUMERIC_DATE =
  /(?<![\d./-])(\d{1,4})([-/.])(\d{1,2}|\d{4})\2(\d{1,4})(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d/-]|\.\d)/g;

/** Every run of three numbers between two equal separators in `text`: the candidates for numeric dates. */
export function findNumericDates(text: string): NumericDate[] {
  const found: NumericDate[] = [];
  for (const match of text.matchAll(NUMERIC_DATE)) {
    const [written, first, separator, second, third, time] = match;
    found.push({
      index: match.index,
      text: written,
      date: `${first}${separator}${second}${separator}${third}`,
      parts: [first!, second!, third!],
      separator: separator!,
      time,
    });
  }
  return found;
}

/**
 * Whether a numeric candidate is a date in some common order: year first with four digits, or day or month
 * first with a four-digit year (two digits after "/"); also any year-first one with dashes, so that an
 * impossible 2024-02-30 is a wrong date rather than no date. Version numbers, IP addresses and phone
 * numbers are not.
 */
export function isDateLike(candidate: NumericDate): boolean {
  const [first, second, third] = candidate.parts;
  // A four-digit middle is a year, and no common order puts the year there.
  if (second.length > 2) return false;
  const [a, b, c] = [Number(first), Number(second), Number(third)];
  if (first.length === 4) return candidate.separator === "-" || isRealDate(a, b, c);
  const yearOk = third.length === 4 || (third.length === 2 && candidate.separator === "/");
  if (!yearOk || first.length > 2) return false;
  const year = readYear(third);
  return isRealDate(year, b, a) || isRealDate(year, a, b);
}

/**
 * The day a numeric date names as a reader takes it: year first, or a four-digit year last with the day
 * first after dots and dashes (the countries that use them write it so) and the month first after slashes
 * unless it cannot be one (03/15/2026, 15/03/2026). Undefined for two-digit years and impossible days.
 */
export function readNumericDate(candidate: NumericDate): CalendarDay | undefined {
  const [firstDigits, secondDigits, thirdDigits] = candidate.parts;
  const [first, second, third] = [Number(firstDigits), Number(secondDigits), Number(thirdDigits)];
  let read: CalendarDay | undefined;
  if (secondDigits.length > 2) return undefined;
  if (firstDigits.length === 4 && thirdDigits.length <= 2) read = { year: first, month: second, day: third };
  else if (firstDigits.length <= 2 && thirdDigits.length === 4) {
    const dayFirst = candidate.separator !== "/" || first > 12;
    read = dayFirst ? { year: third, month: second, day: first } : { year: third, month: first, day: second };
  }
  return read !== undefined && isRealDate(read.year, read.month, read.day) ? read : undefined;
}

const MONTH_NAME =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
// Both named forms are found from their digits ("5 March 2024", "March 5, 2024") in one pass: a regex that
// starts with a month name would be tried at every letter of the text.
const NAMED_DATE = compiledPattern(
  `\\b(\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4})\\b|( (?:of )?${MONTH_NAME}\\.?,? (\\d{4}))\\b)`,
  "gi",
);
const MONTH_BEFORE = compiledPattern(`\\b${MONTH_NAME}\\.? $`, "i");

/** A date written with its month's name, and where it starts in the text. */
export interface NamedDate extends CalendarDate {
  index: number;
}

/**
 * Every date written with its month's name in `text` ("March 15, 2026", "Mar. 15 2026", "15 March 2026",
 * "15th of March, 2026"), impossible days (February 30) included, in order of appearance.
 */
export function findNamedDates(text: string): NamedDate[] {
  const found: NamedDate[] = [];
  for (const match of text.matchAll(NAMED_DATE)) {
    const [written, day, yearAfterDay, monthAfterDay, monthName, yearAfterMonth] = match;
    if (monthAfterDay !== undefined) {
      found.push({
        year: Number(yearAfterMonth),
        month: readMonth(monthName!),
        day: Number(day),
        text: written,
        index: match.index,
      });
    } else {
      // The longest month before the day, "September. ", is 11 characters: 12 keep the boundary before it.
      const month = MONTH_BEFORE.exec(text.slice(Math.max(0, match.index - 12), match.index));
      if (month !== null) {
        found.push({
          year: Number(yearAfterDay),
          month: readMonth(month[1]!),
          day: Number(day),
          text: `${month[0]}${written}`,
          index: match.index - month[0].length,
        });
      }
    }
  }
  return found;
}

/**
 * Every real date written in `text`, numeric or named, as a reader takes it (readNumericDate), in order of
 * appearance; impossible dates (02/30/2026) and numbers that only might be dates (1.2.3) are skipped.
 */
export function findDates(text: string): CalendarDate[] {
  const found: (CalendarDate & { index: number })[] = [];
  for (const candidate of findNumericDates(text)) {
    const day = readNumericDate(candidate);
    if (day !== undefined) found.push({ ...day, text: candidate.date, index: candidate.index });
  }
  for (const named of findNamedDates(text)) {
    const end = named.index + named.text.length;
    if (!isRealDate(named.year, named.month, named.day)) continue;
    if (found.some((other) => named.index < other.index + other.text.length && end > other.index)) continue;
    found.push(named);
  }
  return found
    .sort((a, b) => a.index - b.index)
    .map(({ year, month, day, text: written }) => ({ year, month, day, text: written }));
}
