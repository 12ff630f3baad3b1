// Dates: "Dates must follow YYYY-MM-DD", "Use ISO-8601 dates", "Format all dates as DD/MM/YYYY". Every
// date found in the text is judged on its own, so the score is the fraction well formed: 3 of 4 → 0.75.
// A text with no dates satisfies the rule (there is nothing to format) and says so in its reason.
import type { DateFormatCheck } from "../check.js";
import { type ClauseState, eachMatch } from "../clause-state.js";
import type { TextFacts } from "../text-facts.js";
import type { FamilyScore } from "./family-score.js";

const FORMAT =
  /\biso[- ]?8601\b(?: (?:date )?(?:format|standard|notation|style|dates?))?|\biso (?:date )?(?:format|standard|dates?)\b|\b(?:y{2,4}|m{1,2}|d{1,2})([-/.])(?:y{2,4}|m{1,2}|d{1,2})\1(?:y{2,4}|m{1,2}|d{1,2})\b(?: (?:date )?(?:format|notation|style))?/gi;
const DATE_WORD = /\b(?:(?:all|the|any|every|each) )?(?:dates?|timestamps?|datetimes?)\b/gi;

/** Reads a date format in a clause ("YYYY-MM-DD", "ISO 8601") into a date-format check. */
export function recognizeDates(state: ClauseState): void {
  let found = false;
  eachMatch(state, FORMAT, (match) => {
    const start = match.index;
    const end = start + match[0].length;
    const format = readFormat(match[0]);
    if (format === undefined || state.isNegatedBefore(start)) {
      state.reject(start, end);
      return;
    }
    found = true;
    state.accept(start, end, {
      kind: "date_format",
      format,
      source: state.source(start, end),
    } satisfies DateFormatCheck);
  });
  // The word "dates" belongs to the format rule it came with; without one it is left for the report.
  if (found)
    eachMatch(state, DATE_WORD, (match) => state.consume(match.index, match.index + match[0].length));
}

/** Normalises a written format: "ISO 8601" → "ISO-8601", "yyyy-mm-dd" → "YYYY-MM-DD"; undefined if unusable. */
function readFormat(written: string): string | undefined {
  if (/^iso/i.test(written)) return "ISO-8601";
  const pattern = /^([ymd]+)([-/.])([ymd]+)\2([ymd]+)/i.exec(written);
  if (!pattern) return undefined;
  const parts = [pattern[1]!, pattern[3]!, pattern[4]!].map((part) => part.toUpperCase());
  const letters = parts
    .map((part) => part.charAt(0))
    .sort()
    .join("");
  const valid = parts.every((part) => /^(?:YYYY|YY|MM|M|DD|D)$/.test(part));
  if (letters !== "DMY" || !valid) return undefined;
  return parts.join(pattern[2]!);
}

const MONTH_NAME =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const NUMERIC_DATE =
  /(?<![\d./-])(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d/-]|\.\d)/g;
// Both named forms are found from their digits ("5 March 2024", "March 5, 2024") in one pass: a regex
// that starts with a month name would be tried at every letter of the text.
const NAMED_DATE = new RegExp(
  `\\b\\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4}\\b|( (?:of )?${MONTH_NAME}\\.?,? \\d{4})\\b)`,
  "gi",
);
const MONTH_BEFORE = new RegExp(`\\b${MONTH_NAME}\\.? $`, "i");

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Whether a numeric candidate reads as a date in some common order (year first with a four-digit year;
 * day or month first with a four-digit year, or a two-digit one after "/"). Version numbers, IP addresses
 * and phone numbers do not, so they are not counted as dates.
 */
function isPlausibleDate(first: string, separator: string, second: string, third: string): boolean {
  const [a, b, c] = [Number(first), Number(second), Number(third)];
  if (first.length === 4) return isCalendarDate(a, b, c);
  const yearOk = third.length === 4 || (third.length === 2 && separator === "/");
  if (!yearOk || first.length > 2) return false;
  const year = third.length === 2 ? 2000 + c : c;
  return isCalendarDate(year, b, a) || isCalendarDate(year, a, b);
}

const formatPatterns = new Map<string, RegExp>();

function createFormatPattern(format: string): RegExp {
  let pattern = formatPatterns.get(format);
  if (pattern === undefined) {
    const source = format.replace(/YYYY|YY|MM|M|DD|D|[.]/g, (token) => {
      switch (token) {
        case "YYYY":
          return "(?<y>\\d{4})";
        case "YY":
          return "(?<y>\\d{2})";
        case "MM":
          return "(?<m>\\d{2})";
        case "M":
          return "(?<m>\\d{1,2})";
        case "DD":
          return "(?<d>\\d{2})";
        case "D":
          return "(?<d>\\d{1,2})";
        default:
          return "\\.";
      }
    });
    pattern = new RegExp(`^${source}$`);
    formatPatterns.set(format, pattern);
  }
  return pattern;
}

const ISO_TIME =
  /^T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d|60)(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?$/;

/** Whether one numeric date (and its optional ISO time) follows `format`. */
function followsFormat(format: string, date: string, time: string | undefined): boolean {
  if (format === "ISO-8601") {
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (!iso || !isCalendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))) return false;
    return time === undefined || ISO_TIME.test(time);
  }
  const parts = createFormatPattern(format).exec(date)?.groups;
  if (!parts) return false;
  const year = parts.y!.length === 2 ? 2000 + Number(parts.y) : Number(parts.y);
  return isCalendarDate(year, Number(parts.m), Number(parts.d));
}

/** Scores a date-format check: the fraction of dates found that follow the format; 1 when there are none. */
export function scoreDateFormat(check: DateFormatCheck, facts: TextFacts): FamilyScore {
  const text = facts.text;
  const bad: string[] = [];
  let total = 0;
  NUMERIC_DATE.lastIndex = 0;
  for (let match = NUMERIC_DATE.exec(text); match !== null; match = NUMERIC_DATE.exec(text)) {
    const [, first, separator, second, third, time] = match;
    if (!isPlausibleDate(first!, separator!, second!, third!) && !(first!.length === 4 && separator === "-"))
      continue;
    total++;
    if (!followsFormat(check.format, `${first}${separator}${second}${separator}${third}`, time))
      bad.push(match[0]);
  }
  NAMED_DATE.lastIndex = 0;
  for (let match = NAMED_DATE.exec(text); match !== null; match = NAMED_DATE.exec(text)) {
    if (match[1] !== undefined) {
      total++;
      bad.push(match[0]);
      continue;
    }
    const month = MONTH_BEFORE.exec(text.slice(Math.max(0, match.index - 12), match.index));
    if (month === null) continue;
    total++;
    bad.push(`${month[0]}${match[0]}`);
  }
  if (total === 0) return { score: 1, reason: `no dates found; nothing to check against ${check.format}` };
  const good = total - bad.length;
  const shown = bad
    .slice(0, 3)
    .map((date) => `"${date}"`)
    .join(", ");
  const more = bad.length > 3 ? ` and ${bad.length - 3} more` : "";
  const reason =
    bad.length === 0
      ? `${total} of ${total} dates follow ${check.format}`
      : `${good} of ${total} dates follow ${check.format}; not: ${shown}${more}`;
  return { score: good / total, reason };
}
