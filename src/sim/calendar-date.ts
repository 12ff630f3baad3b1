// Dates as the composer reads them from a request and writes them back in whatever format a requirement
// asks for. Only calendar dates matter here (no times, no zones): a draft restates the dates it was given.

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

/** English month names, January first; the composer writes dates in other languages with digits only. */
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

const MONTH_PATTERN =
  "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";

const DATE_PATTERNS: readonly [RegExp, (match: RegExpExecArray) => [number, number, number] | undefined][] = [
  // 2026-03-15, 2026/03/15, 2026.03.15 (and an ISO time after it, which is kept out of the date)
  [
    /(?<![\d/.-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d/-]|\.\d)/g,
    (m) => [Number(m[1]), Number(m[3]), Number(m[4])],
  ],
  // 03/15/2026 (US unless the first part cannot be a month), 15.03.2026, 15-03-2026
  [
    /(?<![\d/.-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?![\d/-]|\.\d)/g,
    (m) => {
      const first = Number(m[1]);
      const second = Number(m[3]);
      const year = Number(m[4]);
      // Dots and dashes are day-first in the countries that use them; slashes are read the US way.
      const dayFirst = m[2] !== "/" || first > 12;
      return dayFirst ? [year, second, first] : [year, first, second];
    },
  ],
  // March 15, 2026 / Mar. 15 2026
  [
    new RegExp(`\\b${MONTH_PATTERN} (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b`, "gi"),
    (m) => [Number(m[3]), readMonth(m[1]!), Number(m[2])],
  ],
  // 15 March 2026 / 15th of March, 2026
  [
    new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?: of)? ${MONTH_PATTERN},? (\\d{4})\\b`, "gi"),
    (m) => [Number(m[3]), readMonth(m[2]!), Number(m[1])],
  ],
];

function readMonth(name: string): number {
  const prefix = name.slice(0, 3).toLowerCase();
  return MONTH_NAMES.findIndex((month) => month.slice(0, 3).toLowerCase() === prefix) + 1;
}

/** Whether year, month and day name a real day of the Gregorian calendar. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(2000, month, 0)).getUTCDate() + (month === 2 && !isLeapYear(year) ? -1 : 0);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Every date written in `text`, in order of appearance; impossible dates (02/30/2026) are skipped. */
export function findDates(text: string): CalendarDate[] {
  const found: (CalendarDate & { index: number })[] = [];
  const taken: [number, number][] = [];
  for (const [pattern, read] of DATE_PATTERNS) {
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.some(([from, to]) => start < to && end > from)) continue;
      const parts = read(match as RegExpExecArray);
      if (parts === undefined) continue;
      const [year, month, day] = parts;
      if (!isRealDate(year, month, day)) continue;
      taken.push([start, end]);
      found.push({ year, month, day, text: match[0], index: start });
    }
  }
  return found
    .sort((a, b) => a.index - b.index)
    .map(({ year, month, day, text: written }) => ({ year, month, day, text: written }));
}

const TOKEN = /YYYY|YY|MMMM|MMM|MM|M|DD|D|Do/g;

/**
 * Writes `date` following `format`, a pattern of YYYY, YY, MMMM (March), MMM (Mar), MM, M, DD, D and
 * literal separators ("YYYY-MM-DD", "DD/MM/YYYY", "MMMM D, YYYY"); "ISO-8601" and "ISO 8601" mean
 * YYYY-MM-DD. The pattern is matched case-insensitively for its tokens ("yyyy-mm-dd" works).
 */
export function formatDate(date: Pick<CalendarDate, "year" | "month" | "day">, format: string): string {
  const pattern = /^iso[\s-]?8601$/i.test(format.trim()) ? "YYYY-MM-DD" : format.trim();
  const normalized = pattern.replace(/y+|d+|m+/gi, (token) => token.toUpperCase());
  const month = MONTH_NAMES[date.month - 1] ?? "January";
  return normalized.replace(TOKEN, (token) => {
    switch (token) {
      case "YYYY":
        return String(date.year).padStart(4, "0");
      case "YY":
        return String(date.year % 100).padStart(2, "0");
      case "MMMM":
        return month;
      case "MMM":
        return month.slice(0, 3);
      case "MM":
        return String(date.month).padStart(2, "0");
      case "M":
        return String(date.month);
      case "DD":
        return String(date.day).padStart(2, "0");
      case "D":
        return String(date.day);
      default:
        return token;
    }
  });
}

/** The date formats the composer writes when a draft must break a date-format requirement, in order of preference. */
export const ALTERNATIVE_DATE_FORMATS: readonly string[] = [
  "MM/DD/YYYY",
  "DD.MM.YYYY",
  "MMMM D, YYYY",
  "YYYY-MM-DD",
  "DD/MM/YYYY",
];
